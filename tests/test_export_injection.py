"""Formula injection (CWE-1236) in every CSV infoview writes: no cell, parsed back by csv or by
pandas, may start a formula, whatever line breaks and control characters the values hold."""

import csv
import io
import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import infoview as iv
from infoview.classroom.report import write_student_csv
from infoview.log.write import write_log

FORMULA = re.compile('[\\s\u200b-\u200d\u2060\ufeff"]*[=+\\-@]')
"""A formula sign at the start, also behind what an importer may trim (spaces, invisible characters, quotes)."""
EXPORTS = [("csv", False), ("csv", True), ("excel-de", False), ("excel-de", True)]


def _cells(path, separator):
    """Every cell of a CSV file as csv and as pandas read it."""
    raw = path.read_text(encoding="utf-8-sig")
    by_csv = [cell for row in csv.reader(io.StringIO(raw, newline=""), delimiter=separator) for cell in row]
    table = pd.read_csv(path, sep=separator, dtype=str, keep_default_na=False, encoding="utf-8-sig", header=None)
    return by_csv + table.to_numpy().ravel().tolist()


def _formulas(path, separator):
    return [cell for cell in _cells(path, separator) if FORMULA.match(cell)]


def test_a_lone_carriage_return_cannot_start_a_new_cell(tmp_path):
    with iv.OutreachLog(tmp_path / "l.sqlite3") as log:
        log.add(contact="Lea Kurz", sent_at="2025-03-04", role="Dev\r@SUM(1+9)*cmd|' /C calc'!A0",
                organisation="Acme\r\n=HYPERLINK(\"http://x\")", template="t\r-2+3")
        for form, pseudonymize in EXPORTS:
            path = log.export(tmp_path / f"{form}{pseudonymize}.csv", pseudonymize=pseudonymize, format=form)
            assert not _formulas(path, ";" if form == "excel-de" else ","), (form, pseudonymize)
            again = iv.read_log(path)  # the text survives, with its line break written as LF
            assert again.loc[0, "organisation"] == "Acme\n=HYPERLINK(\"http://x\")"


def test_the_class_csv_neutralises_a_student_name_with_a_carriage_return(tmp_path):
    table = pd.DataFrame({"student": ["Sam\r=cmd|' /C calc'!A0", "=1+1", "\t@x"], "status": ["active"] * 3,
                          "sent": [1, 2, 3]})
    for language, separator in (("en", ","), ("de", ";")):
        path = write_student_csv(table, tmp_path / f"class_{language}.csv", language)
        assert not _formulas(path, separator), language


_TEXT = st.text(alphabet=st.sampled_from(list("ab =+-@\t\r\n,;\"'|!") + ["\u200b", "\u00a0", "ü"]), max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.tuples(_TEXT, _TEXT, _TEXT, _TEXT), min_size=1, max_size=4))
def test_no_export_cell_starts_a_formula(tmp_path, values):
    frame = pd.DataFrame({
        "contact": [f"K{c}" for c, _, _, _ in values],
        "organisation": [o for _, o, _, _ in values], "role": [r for _, _, r, _ in values],
        "template": [t for _, _, _, t in values], "notes": [o + r for _, o, r, _ in values],
        "student": [f"s{t}" for _, _, _, t in values],
        "sent_at": ["2025-03-03"] * len(values), "outreach_id": [f"{i}{c}" for i, (c, _, _, _) in enumerate(values)],
    })
    for form, pseudonymize in EXPORTS:
        path = write_log(frame, tmp_path / "out.csv", format=form, pseudonymize=pseudonymize, salt=b"s")
        assert not _formulas(path, ";" if form == "excel-de" else ","), (form, pseudonymize)
    table = pd.DataFrame({"student": [c for c, _, _, _ in values], "status": ["active"] * len(values),
                          "sent": [1] * len(values)})
    for language, separator in (("en", ","), ("de", ";")):
        assert not _formulas(write_student_csv(table, tmp_path / "class.csv", language), separator)


@pytest.mark.parametrize("cell", ["=1", "+1", "-1", "@1", "\t=1", "\r=1", "\n=1", "\n\t@1", " =1", "\u00a0+1",
                                  "\u3000-1", "\u200b=1", "\ufeff@1", "\u2060=1", '"=1'])
def test_every_formula_start_is_neutralised_in_the_class_csv(tmp_path, cell):
    table = pd.DataFrame({"student": [cell], "status": ["active"], "sent": [1]})
    path = write_student_csv(table, tmp_path / "c.csv")
    assert _cells(path, ",")[3] == "'" + cell.replace("\r", "\n")


@pytest.mark.parametrize("prefix", ["\u200b", "\ufeff", "\u2060", '"', '\u200b"'])
def test_a_formula_behind_an_invisible_prefix_is_guarded_and_read_back_unchanged(tmp_path, prefix):
    frame = pd.DataFrame({"contact": ["Lea Kurz"], "sent_at": ["2025-03-04"], "role": [prefix + "=SUM(A1)"]})
    value = iv.read_log(frame).loc[0, "role"]
    for form in ("csv", "excel-de"):
        path = write_log(frame, tmp_path / f"{form}.csv", format=form)
        assert not _formulas(path, ";" if form == "excel-de" else ","), form
        assert iv.read_log(path).loc[0, "role"] == value, form
