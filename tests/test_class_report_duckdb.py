"""The class report through DuckDB (engine="duckdb"): from a folder of Parquet hand-ins it gives the
tables of the pandas path on the same hand-ins, shows no contact, and says how to convert other files."""

import re
import unicodedata

import numpy as np
import pandas as pd
import pytest

import infoview as iv
from infoview.classroom.handins import read_submissions
from infoview.classroom.report import class_report
from infoview.classroom.view import ClassView
from infoview.cli import main
from infoview.errors import InfoviewError
from infoview.log.privacy import fold
from infoview.log.write import write_log

pytest.importorskip("duckdb", reason="engine='duckdb' needs DuckDB (pip install 'infoview[scale]')")

from infoview.classroom.parquet_view import ParquetClassView  # noqa: E402

RATES = [{}, {"freq": "W"}, {"freq": "W", "accepted": True}, {"by": "source"}, {"by": "channel", "accepted": True},
         {"by": "template"}]


@pytest.fixture(scope="module")
def classes(tmp_path_factory):
    """The same hand-ins twice: as students hand them in (CSV, German Excel CSV without a student
    column, an empty log) and as Parquet files written from them with read_log(...).to_parquet(...)."""
    base = tmp_path_factory.mktemp("duckdb_class")
    csv, parquet = base / "csv", base / "parquet"
    csv.mkdir()
    parquet.mkdir()
    log = iv.sample_log(students=12, weeks=9, seed=8)
    for number, (student, rows) in enumerate(log.groupby("student")):
        if number % 2:
            write_log(rows.drop(columns="student"), csv / f"{student}.csv", format="excel-de")
        else:
            write_log(rows, csv / f"{student}.csv")
    (csv / "s99.csv").write_text(",".join(iv.LOG_COLUMNS) + "\n", encoding="utf-8")
    for path in csv.iterdir():
        iv.read_log(path).to_parquet(parquet / f"{path.stem}.parquet")
    roster = base / "roster.csv"
    students = sorted(log["student"].unique())
    roster.write_text("student,group\n" + "".join(f"{s},{'A' if i % 3 else 'B'}\n" for i, s in enumerate(students))
                      + "s42,B\n", encoding="utf-8")
    return log, csv, parquet, roster


def _same_table(ours, theirs):
    assert list(theirs.columns) == list(ours.columns)
    assert len(theirs) == len(ours)
    for column in ours.columns:
        a, b = ours[column], theirs[column]
        if pd.api.types.is_float_dtype(a.dtype):
            np.testing.assert_allclose(b.to_numpy(float, na_value=np.nan), a.to_numpy(float, na_value=np.nan),
                                       rtol=1e-9, atol=1e-12, err_msg=column)
        else:
            assert b.astype(str).tolist() == a.astype(str).tolist(), column


def _views(classes, **options):
    _, csv, parquet, roster = classes
    groups = options.pop("groups", None) and roster
    pandas_view = ClassView(read_submissions(csv, groups=groups, progress=False), **options)
    return pandas_view, ParquetClassView(parquet, groups=groups, **options)


@pytest.mark.parametrize("options", [
    {}, {"as_of": "2025-10-22"}, {"as_of": "2025-12-01", "goal": 3, "groups": True},
    {"as_of": "2025-12-01", "groups": True, "group": "B", "weeks": ("2025-10-13", "2025-11-10")},
], ids=["default", "mid-course", "roster", "group-and-weeks"])
def test_the_duckdb_view_gives_the_pandas_tables(classes, options):
    ours, theirs = _views(classes, **options)
    assert theirs.frame is None and ours.count == theirs.count > 0
    assert theirs.as_of == ours.as_of and theirs.weeks == ours.weeks
    _same_table(ours.students.drop(columns="files"), theirs.students.drop(columns="files"))
    assert theirs.students["files"].str.replace(".parquet", ".csv").tolist() == ours.students["files"].tolist()
    assert (theirs.weekly == ours.weekly).all() and theirs.weekly.shape == ours.weekly.shape
    _same_table(ours.overdue, theirs.overdue)
    _same_table(ours.goal_counts(), theirs.goal_counts())
    assert theirs.student_as_of == ours.student_as_of
    for kind in RATES:
        _same_table(ours.rates(**kind), theirs.rates(**kind))
    assert theirs.conversations() == ours.conversations()
    pairs = [(v.column, v.a, v.b, v.sent_a, v.replied_a, v.sent_b, v.replied_b, v.strata_used, v.winner)
             for v in ours.verdicts()]
    assert [(v.column, v.a, v.b, v.sent_a, v.replied_a, v.sent_b, v.replied_b, v.strata_used, v.winner)
            for v in theirs.verdicts()] == pairs and pairs
    np.testing.assert_allclose([v.p_adjusted for v in theirs.verdicts()], [v.p_adjusted for v in ours.verdicts()])


def test_before_the_first_outreach_every_table_is_empty_alike(classes):
    ours, theirs = _views(classes, as_of="2025-01-01")
    assert ours.count == theirs.count == 0 and theirs.weeks == ours.weeks == []
    _same_table(ours.students.drop(columns="files"), theirs.students.drop(columns="files"))
    _same_table(ours.rates(), theirs.rates())
    assert theirs.rates(by="source").empty and theirs.verdicts() == [] and theirs.conversations() == 0


def test_the_report_and_its_csv_match_and_name_no_contact(classes, tmp_path):
    log, csv, parquet, _ = classes
    for engine, folder in (("pandas", csv), ("duckdb", parquet)):
        class_report(folder, tmp_path / f"{engine}.html", as_of="2025-11-20", engine=engine, progress=False)
    ours = pd.read_csv(tmp_path / "pandas.csv").drop(columns="files")
    theirs = pd.read_csv(tmp_path / "duckdb.csv").drop(columns="files")
    pd.testing.assert_frame_equal(theirs, ours)
    page = (tmp_path / "duckdb.html").read_text(encoding="utf-8")
    assert "s01" in page
    for name in log["contact"].unique()[:40]:
        assert name not in page


def test_the_command_runs_on_parquet_and_explains_other_files(classes, tmp_path, capsys):
    _, csv, parquet, _ = classes
    out = tmp_path / "class.html"
    assert main(["class-report", str(parquet), "-o", str(out), "--engine", "duckdb", "--as-of", "20.11.2025"]) == 0
    assert out.is_file() and out.with_suffix(".csv").is_file()
    for language, words in (("en", "reads Parquet logs only"), ("de", "liest nur Parquet-Protokolle")):
        assert main(["class-report", str(csv), "-o", str(tmp_path / "x.html"), "--engine", "duckdb",
                     "--lang", language]) == 2
        message = capsys.readouterr().err
        assert words in message and ".to_parquet(" in message and "s01.csv" in message
    (tmp_path / "empty").mkdir()
    with pytest.raises(InfoviewError, match="found no hand-ins"):
        ParquetClassView(tmp_path / "empty")


def test_a_parquet_file_that_cannot_be_read_is_named_in_the_users_language(tmp_path):
    (tmp_path / "s01.parquet").write_bytes(b"PAR1 this is not Parquet")
    with pytest.raises(InfoviewError, match="cannot read the Parquet hand-ins"):
        ParquetClassView(tmp_path)
    with pytest.raises(InfoviewError, match="kann die Parquet-Abgaben .* nicht lesen"):
        ParquetClassView(tmp_path, language="de")
    (tmp_path / "s01.parquet").unlink()
    pd.DataFrame({"student": ["s01"], "contact": ["Lena Kurz"]}).to_parquet(tmp_path / "s01.parquet")
    with pytest.raises(InfoviewError, match="read_log"):  # a table that is not an outreach log
        ParquetClassView(tmp_path)


# -- privacy: contacts' names planted in student and template cells, in every spelling ----------------

PEOPLE = ["Kim Meyer", "Prof. Dr. med. Jürgen Müller-Lüdenscheidt", "Li Wu"]
SPELLINGS = ["Kim Meyer", "Meyer, Kim", "K. Meyer", "Kim_Meyer", "KIM MEYER", "kmeyer", "Dr. Meyer",
             "linkedin.com/in/kim-meyer", "kim.meyer at uni-x dot de", "kim.meyer@uni-x.de", "Juergen Mueller",
             unicodedata.normalize("NFD", "Müller, Jürgen"), "JUERGEN MUELLER-LUEDENSCHEIDT", "Dr. Wu", "wu_li",
             "+49 30 1234 5678", "0049 (0)170 555 12 34"]
FORBIDDEN = {"kim", "meyer", "kimmeyer", "kmeyer", "jurgen", "muller", "ludenscheidt", "wu", "wuli", "uni"}


def _tokens(text):
    text = re.sub(r"data:[a-z]+/[a-z+]+;base64,[A-Za-z0-9+/=]+", " ", text)  # the figures
    return {fold(w) for w in re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", re.sub(r"<[^>]+>", " ", text)))}


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """Hand-ins whose student and template cells hold contacts' names, emails, profile links and phone
    numbers in many spellings (so that different written students become one cleaned student), one
    named only by its file name "Kim_Meyer", an empty one named "s99 Meyer, Kim"; as CSV and as Parquet."""
    base = tmp_path_factory.mktemp("duckdb_privacy")
    csv, parquet = base / "csv", base / "parquet"
    csv.mkdir()
    parquet.mkdir()
    log = iv.sample_log(students=6, weeks=9, seed=8).reset_index(drop=True)
    log["contact"] = [PEOPLE[i % 3] for i in range(len(log))]
    log["template"] = [t if i % 3 == 2 else f"{t} for {SPELLINGS[i % len(SPELLINGS)]}"
                       for i, t in enumerate(log["template"])]
    for number, (student, rows) in enumerate(log.groupby("student")):
        rows = rows.assign(student=[f"{student} {SPELLINGS[(i + number) % len(SPELLINGS)]}" if i % 2 else student
                                    for i in range(len(rows))])
        if number == 1:
            write_log(rows.drop(columns="student"), csv / "Kim_Meyer.csv", format="excel-de")
        else:
            write_log(rows, csv / f"{student}.csv")
    (csv / "s99 Meyer, Kim.csv").write_text(",".join(iv.LOG_COLUMNS) + "\n", encoding="utf-8")
    for path in csv.iterdir():
        iv.read_log(path).to_parquet(parquet / f"{path.stem}.parquet")
    return csv, parquet


def test_names_planted_in_every_spelling_never_reach_the_duckdb_report(planted, tmp_path):
    csv, parquet = planted
    as_of = "2025-11-20"
    ours, theirs = ClassView(read_submissions(csv, progress=False), as_of), ParquetClassView(parquet, as_of)
    _same_table(ours.students.drop(columns="files"), theirs.students.drop(columns="files"))
    assert theirs.students["files"].str.replace(".parquet", ".csv").tolist() == ours.students["files"].tolist()
    assert (theirs.weekly == ours.weekly).all() and theirs.weekly.shape == ours.weekly.shape
    for kind in RATES:
        _same_table(ours.rates(**kind), theirs.rates(**kind))
    assert [(v.column, v.a, v.b, v.sent_a, v.replied_a, v.sent_b, v.replied_b) for v in theirs.verdicts()] == \
        [(v.column, v.a, v.b, v.sent_a, v.replied_a, v.sent_b, v.replied_b) for v in ours.verdicts()]
    # several written students became one cleaned student, counted together as on the pandas path
    shown = theirs.students["student"].tolist()
    assert {"s04 [contact]", "s04 [email]", "s04 [profile]", "[contact]", "s99 [contact]"} <= set(shown)
    assert any(", " in files for files in theirs.students["files"])
    assert any(t.endswith(" for [contact]") for t in theirs.rates(by="template")["template"])

    for language in ("en", "de"):
        for engine, folder in (("pandas", csv), ("duckdb", parquet)):
            class_report(folder, tmp_path / f"{engine}-{language}.html", language, as_of, engine=engine,
                         progress=False)
        assert (tmp_path / f"duckdb-{language}.csv").read_text(encoding="utf-8").replace(".parquet", ".csv") == \
            (tmp_path / f"pandas-{language}.csv").read_text(encoding="utf-8")
        for path in (tmp_path / f"duckdb-{language}.html", tmp_path / f"duckdb-{language}.csv"):
            written = path.read_text(encoding="utf-8-sig")
            assert not _tokens(written) & FORBIDDEN, (path.name, _tokens(written) & FORBIDDEN)
            assert not re.search(r"1234 5678|555 12 34", written), path.name


def test_sources_and_channels_outside_the_categories_are_cleaned_too(planted, tmp_path):
    """Parquet is not validated again: a source or channel cell may hold any text, also a name."""
    csv, _ = planted
    log = iv.read_log(csv / "s04.csv")
    log["source"] = ["alumni" if i % 2 else "met Kim Meyer at a fair" for i in range(len(log))]
    log["channel"] = ["email" if i % 2 else "kim.meyer@uni-x.de" for i in range(len(log))]
    log.to_parquet(tmp_path / "s04.parquet")
    view = ParquetClassView(tmp_path, "2025-11-20")
    shown = {(v.column, frozenset((v.a, v.b))) for v in view.verdicts()}
    assert ("source", frozenset(("alumni", "met [contact] at a fair"))) in shown
    assert ("channel", frozenset(("email", "[email]"))) in shown
