"""Bounded inputs: small hostile files and templates give a clear InfoviewError quickly, never a
hang, a memory bomb or a raw exception (log files, question banks, contact lists, templates,
template front matter, the SQLite store)."""

import os
import sqlite3
import threading
import time

import pytest

import infoview as iv
from infoview.emails.render import parse_template
from infoview.emails.sandbox import render_template
from infoview.errors import ContentError, InfoviewError, LogError, TemplateError
from infoview.log.read import MAX_PROBLEMS
from infoview.prepare.contacts import read_contacts
from infoview.prepare.questions import QuestionBank
from infoview.textfile import MAX_COLUMNS, MAX_FIELD

LAUGHS = "x:\n  - &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join(
    f"  - &a{i} [{', '.join(['*a%d' % (i - 1)] * 9)}]\n" for i in range(1, 10))


def _quick(call, error, seconds=5):
    """Run ``call``; it must raise ``error`` within ``seconds``. Returns the error's message."""
    start = time.perf_counter()
    with pytest.raises(error) as caught:
        call()
    assert time.perf_counter() - start < seconds
    return str(caught.value)


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    return path


def test_fifos_are_refused_not_read(fifo, tmp_path):
    def guarded(call):  # a blocking open would hang the test: run it in a thread
        result = []
        thread = threading.Thread(target=lambda: result.append(_quick(call, InfoviewError)), daemon=True)
        thread.start()
        thread.join(5)
        assert result, "reading a FIFO blocked"
        return result[0]

    assert "not a regular file" in guarded(lambda: iv.read_log(fifo))
    assert "not a regular file" in guarded(lambda: read_contacts(fifo))
    for suffix in (".yaml", ".csv"):
        bank = tmp_path / f"bank{suffix}"
        os.mkfifo(bank)
        assert "not a regular file" in guarded(lambda: QuestionBank.from_file(bank))


def test_a_wide_csv_names_the_column_limit_quickly(tmp_path):
    wide = tmp_path / "wide.csv"
    wide.write_bytes(b"contact,sent_at" + b"," * 100_000 + b"\nKim,2025-01-01" + b",v" * 100_000 + b"\n")
    assert f"limit of {MAX_COLUMNS:,}" in _quick(lambda: iv.read_log(wide), LogError)
    named = tmp_path / "named.csv"
    named.write_text(",".join(f"c{i}" for i in range(5_000)) + "\n", encoding="utf-8")
    assert f"limit of {MAX_COLUMNS:,}" in _quick(lambda: iv.read_log(named), LogError)


def test_unknown_headers_are_capped_at_the_problem_limit():
    import pandas as pd

    frame = pd.DataFrame({f"c{i}": ["x"] for i in range(500)} | {"contact": ["Kim"], "sent_at": ["2025-03-03"]})
    with pytest.raises(LogError) as caught:
        iv.read_log(frame)
    assert len(caught.value.problems) == MAX_PROBLEMS and caught.value.truncated


def test_an_xlsx_claiming_16384_columns_reads_quickly(tmp_path):
    from .test_hostile_handins import _xlsx_rows

    path = _xlsx_rows(tmp_path / "wide.xlsx", 2000, "A1:XFD2001")
    start = time.perf_counter()
    assert len(iv.read_log(path)) == 2000
    assert time.perf_counter() - start < 5


def test_an_xlsx_with_too_many_rows_is_refused_before_parsing(tmp_path):
    from .test_hostile_handins import _xlsx_rows
    from infoview.log.files import MAX_ROWS

    path = _xlsx_rows(tmp_path / "tall.xlsx", MAX_ROWS + 10)
    assert f"limit of {MAX_ROWS:,}" in _quick(lambda: iv.read_log(path), LogError)


def test_a_billion_laughs_question_bank_fails_fast_with_a_short_message(tmp_path):
    bank = tmp_path / "bank.yaml"
    bank.write_text(LAUGHS + "questions:\n  - id: q1\n    category: trends\n    stage: *a9\n"
                    "    text: {en: How?, de: Wie?}\n", encoding="utf-8")
    message = _quick(lambda: QuestionBank.from_file(bank), ContentError)
    assert "aliases" in message and len(message) < 400 and "lol" not in message


def test_template_front_matter_with_aliases_fails_fast(tmp_path):
    source = "---\n" + LAUGHS + "label: *a9\n---\nHello {{ name }}\n"
    message = _quick(lambda: parse_template(source, kind="outreach", variant="x", language="en"), TemplateError)
    assert "aliases" in message and len(message) < 400


@pytest.mark.parametrize("entry", ["category: [trends]", "category: {a: 1}", "stage: [early]", "id: [q1]"])
def test_a_list_where_a_word_belongs_is_a_content_error(tmp_path, entry):
    bank = tmp_path / "b.yaml"
    fields = {"id": "q1", "category": "trends", "stage": None}
    key = entry.split(":")[0]
    lines = [entry if k == key else f"{k}: {v}" for k, v in fields.items() if v is not None or k == key]
    bank.write_text("- " + "\n  ".join(lines) + "\n  text: {en: How?, de: Wie?}\n", encoding="utf-8")
    _quick(lambda: QuestionBank.from_file(bank), ContentError)
    languages = tmp_path / "l.yaml"
    languages.write_text("languages: [{en: 1}]\nquestions:\n  - id: q1\n", encoding="utf-8")
    _quick(lambda: QuestionBank.from_file(languages), ContentError)


def test_a_csv_bank_field_over_the_limit_is_a_content_error(tmp_path):
    bank = tmp_path / "b.csv"
    bank.write_text("id,category,text_en\nq1,trends," + "x" * (MAX_FIELD + 10) + "\n", encoding="utf-8")
    assert f"{MAX_FIELD:,}" in _quick(lambda: QuestionBank.from_file(bank), ContentError)


def test_a_huge_yaml_bank_is_refused_before_parsing(tmp_path):
    from infoview.contentfile import MAX_YAML_BYTES

    bank = tmp_path / "big.yaml"
    bank.write_text("# " + "x" * MAX_YAML_BYTES + "\n", encoding="utf-8")
    assert "over the limit" in _quick(lambda: QuestionBank.from_file(bank), ContentError)


HOSTILE_TEMPLATES = [
    "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    "{% set x = 'a' * 40000 %}{% for a in x %}{% for b in x %}{% endfor %}{% endfor %}",
    "{% set ns = namespace(x=7**30000) %}{% for i in range(40) %}{% set ns.x = ns.x * ns.x %}{% endfor %}",
    "{% set ns = namespace(s='ab') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "{% set ns = namespace(s='ab') %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
    "{{ 'a'|indent(1500000000, true)|length }}", "{{ (['a' * 50000] * 50000)|join|length }}",
    "{{ ('a' * 50000)|replace('a', 'a' * 50000)|length }}", "{{ ['a']|map('center', 1500000000)|list|length }}",
    "{{ 'a'|center(1500000000)|length }}", "{{ '{:>1500000000}'.format('a')|length }}",
    "{{ '{0:>{1}}'.format('a', 1500000000)|length }}", "{{ '%01500000000d'|format(1)|length }}",
    "{{ ('%01500000000d' % 1)|length }}", "{{ 'a'.ljust(1500000000)|length }}", "{{ 'a'|wordwrap(1500000000) }}",
    "{{ 'x'.join(['a' * 40000] * 40000)|length }}", "{{ (10 ** 100000)|string|length }}",
]


@pytest.mark.parametrize("source", HOSTILE_TEMPLATES)
def test_templates_cannot_hang_or_exhaust_memory(source):
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _quick(lambda: render_template(source), TemplateError)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KiB: no big allocation


def test_ordinary_loops_and_filters_still_work():
    out = render_template("{% for q in qs %}{{ loop.index }}. {{ q|center(5) }}{% if not loop.last %}, {% endif %}"
                          "{% endfor %} {{ 'x' ~ 3 }} {{ '%03d'|format(7) }} {{ qs|join('+') }}", qs=["a", "b"])
    assert out == "1.   a  , 2.   b   x3 007 a+b"


def test_an_unknown_filter_is_a_template_error_with_its_line():
    message = _quick(lambda: render_template("Dear\n{{ name|shout }}", name="Kim"), TemplateError)
    assert "line 2" in message and "shout" in message


# -- the store ------------------------------------------------------------------------------


def test_a_locked_log_says_so(tmp_path):
    path = tmp_path / "l.sqlite3"
    iv.OutreachLog(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with iv.OutreachLog(path, timeout=0.1) as log:
            assert "in use by another program" in _quick(lambda: log.add(contact="Lea", sent_at="2025-03-04"),
                                                         LogError)
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_full_disk_names_the_cause_not_a_failed_rollback(tmp_path):
    import pandas as pd

    with iv.OutreachLog(tmp_path / "l.sqlite3") as log:
        log.add(contact="Lea", sent_at="2025-03-04")
        pages = log._db.execute("PRAGMA page_count").fetchone()[0]
        log._db.execute(f"PRAGMA max_page_count = {pages + 1}")  # the disk is full after one more page
        many = pd.DataFrame({"contact": [f"P{i} " + "x" * 200 for i in range(2000)], "sent_at": "2025-03-05"})
        message = _quick(lambda: log.import_file(many), LogError)
        assert "disk is full" in message and "rollback" not in message
        assert len(log) == 1  # all or nothing


def test_damaged_and_foreign_files_are_log_errors(tmp_path):
    text = tmp_path / "notes.sqlite3"
    text.write_bytes(b"just some text, not a database" * 200)
    assert "not an outreach log database" in _quick(lambda: iv.OutreachLog(text), LogError)
    path = tmp_path / "l.sqlite3"
    with iv.OutreachLog(path) as log:
        log.add(contact="Lea", sent_at="2025-03-04")
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE outreach")
    with iv.OutreachLog(path) as log:
        assert "damaged" in _quick(log.to_frame, LogError)
    newer = tmp_path / "n.sqlite3"
    with sqlite3.connect(newer) as db:
        db.execute("PRAGMA user_version = 999")
    assert "newer infoview" in _quick(lambda: iv.OutreachLog(newer), LogError)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only files")
def test_a_read_only_log_can_be_read_and_exported(tmp_path):
    path = tmp_path / "l.sqlite3"
    with iv.OutreachLog(path) as log:
        log.add(contact="Lea", sent_at="2025-03-04")
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        with iv.OutreachLog(path) as log:
            assert len(log.to_frame()) == 1
            assert "read-only" in _quick(lambda: log.add(contact="Kim", sent_at="2025-03-05"), LogError)
    finally:
        tmp_path.chmod(0o755)
