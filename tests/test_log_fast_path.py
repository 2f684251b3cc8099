"""The fast path of read_log (Arrow's CSV reader, cells cleaned in Arrow as CellText, dates and
values parsed once per distinct text) gives the same frame and the same problems as the careful
path (Python's csv module, cell by cell), on the inputs where the two could drift apart."""

import datetime

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import infoview as iv
from infoview.log import files
from infoview.log.cells import CellText, clean_cell
from infoview.log.read import TEXT_COLUMNS, check_log
from infoview.textfile import MAX_FIELD

HEADER = ",".join(iv.LOG_COLUMNS)
SPACES = [chr(code) for code in range(0x3001) if chr(code).isspace()]

TRICKY = {
    "blank cells and a row of separators": (
        HEADER + "\n"
        "a1,s01,Lena Kurz,,,,,,2025-03-03,,,,,,,\n"
        ",,,,,,,,,,,,,,,\n"
        "a2,,Jonas Dorn,Bergsee AG,,cold,email,,2025-03-04 10:00,,,,,,,\n", "utf-8"),
    "German headers and values, Windows line ends": (
        "Nr;Kürzel;Kontakt;Unternehmen;Rolle;Quelle;Kanal;Vorlage;Gesendet am;Nachgefasst am;Antwort am;"
        "Ergebnis;Treffen am;Dank am;Empfehlungen;Notizen\r\n"
        "1;s01;Dr. Jörg Maß;Straße & Söhne;Leiterin;Familie & Freunde;E-Mail;kurz;03.03.2025 09:15;;4.3.25;"
        "zugesagt;10.03.2025 14:00;10.03.2025;2;gern\r\n"
        "2;s01;Ärzte Özil;Bergsee AG;;Ehemalige Kollegen;Persönlich;;05.03.2025;;05.03.2025 16:00;abgesagt;;;1,0;\r\n",
        "utf-8-sig"),
    "Windows-1252 from German Excel": (
        "Kontakt;Gesendet am;Quelle;Notizen\r\nJürgen Groß;03.03.2025;Alumni;Grüße\r\n"
        "Ändrea Weiß;04.03.2025;Empfehlung;\r\n", "cp1252"),
    "formula guards, quotes and spaces at the ends": (
        "contact,sent_at,notes,organisation,role\n"
        "\"'=Kim\",2025-03-03,'=SUM(A1),\"  '@home \",\"'+49 30\"\n"
        "\u00a0Ada\u3000,2025-03-03,\"Sagte: \"\"gern\"\"\",\u2003Weiß\u2003,'\t\n"
        "Ben ,2025-03-04,\u0085x\u0085,Café,Straße\n", "utf-8"),
    "no line break at the end": ("contact,sent_at\nKim,2025-03-03", "utf-8"),
    "a blank line in the middle": ("contact,sent_at\nKim,2025-03-03\n\nAda,31.02.2025\n", "utf-8"),
    "bad dates, years and values": (
        "contact,sent_at,replied_at,response,channel,referrals\n"
        "Kim,31.02.2025,,,email,1\n"
        "Ada,2025-03-03,2025-03-01,maybe,Brieftaube,-1\n"
        "Ben,1850-01-01,,,,x\n"
        "Cem,2025-03-03,,accepted,,\n", "utf-8"),
    "ids twice and rows twice": (
        "outreach_id,contact,sent_at\nx1,Kim,2025-03-03\nx1,Ada,2025-03-04\n,Ben,2025-03-05\n,Ben,2025-03-05\n",
        "utf-8"),
}
"""Inputs that the fast path reads (every record on one line)."""

CAREFUL_ONLY = {
    "a quoted line break": ("contact,sent_at,notes\nKim,2025-03-03,\"zwei\nZeilen\"\nAda,2025-03-04,\n", "utf-8"),
    "a lone carriage return": ("contact,sent_at,notes\nKim,2025-03-03,a\rb\n", "utf-8"),
    "a ragged line": ("contact,sent_at\nKim,2025-03-03,,\nAda,2025-03-04\n", "utf-8"),
    "a field over the limit": ("contact,sent_at,notes\nKim,2025-03-03," + "x" * (MAX_FIELD + 1) + "\n", "utf-8"),
}
"""Inputs that the fast path leaves to the careful one."""


def _outcome(path):
    """The frame (or None) and the problems of reading ``path``, with every text cell's type."""
    try:
        frame = iv.read_log(path)
    except iv.LogError as error:
        return None, [(p.line, p.column, p.value, str(p)) for p in error.problems]
    for column in TEXT_COLUMNS:
        assert {type(value) for value in frame[column]} <= {str}, column
    return frame, []


def _both_paths(path, monkeypatch):
    """``(fast, careful, fast_path_taken)``: the outcome of the fast path and of the careful one."""
    taken = []
    original = files._fast_csv

    def spy(*args):
        result = original(*args)
        taken.append(result is not None)
        return result

    monkeypatch.setattr(files, "_fast_csv", spy)
    fast = _outcome(path)
    monkeypatch.setattr(files, "_fast_csv", lambda *args: None)
    careful = _outcome(path)
    return fast, careful, any(taken)


def _same(fast, careful):
    (fast_frame, fast_problems), (careful_frame, careful_problems) = fast, careful
    assert fast_problems == careful_problems
    if careful_frame is None:
        assert fast_frame is None
    else:
        pd.testing.assert_frame_equal(fast_frame, careful_frame, check_exact=True)


@pytest.mark.parametrize("name", TRICKY)
def test_the_fast_path_reads_tricky_files_like_the_careful_one(tmp_path, monkeypatch, name):
    text, encoding = TRICKY[name]
    path = tmp_path / "log.csv"
    path.write_bytes(text.encode(encoding))
    fast, careful, taken = _both_paths(path, monkeypatch)
    assert taken, "the fast path should read this file"
    _same(fast, careful)


@pytest.mark.parametrize("name", CAREFUL_ONLY)
def test_unusual_files_are_left_to_the_careful_path(tmp_path, monkeypatch, name):
    text, encoding = CAREFUL_ONLY[name]
    path = tmp_path / "log.csv"
    path.write_bytes(text.encode(encoding))
    fast, careful, taken = _both_paths(path, monkeypatch)
    assert not taken
    _same(fast, careful)


def test_a_field_over_the_limit_is_refused_by_either_path(tmp_path):
    path = tmp_path / "log.csv"
    path.write_bytes(CAREFUL_ONLY["a field over the limit"][0].encode("utf-8"))
    assert f"{MAX_FIELD:,} characters" in str(check_log(path)[0])


def test_the_tricky_files_give_the_problems_a_person_expects(tmp_path):
    path = tmp_path / "log.csv"
    path.write_bytes(TRICKY["bad dates, years and values"][0].encode("utf-8"))
    found = {(p.line, p.column) for p in check_log(path)}
    assert {(2, "sent_at"), (3, "replied_at"), (3, "response"), (3, "channel"), (3, "referrals"),
            (4, "sent_at"), (4, "referrals"), (5, "replied_at")} <= found
    path.write_bytes(TRICKY["formula guards, quotes and spaces at the ends"][0].encode("utf-8"))
    frame = iv.read_log(path)
    assert frame["contact"].tolist() == ["=Kim", "Ada", "Ben"]
    assert frame["notes"].tolist() == ["=SUM(A1)", 'Sagte: "gern"', "x"]
    assert frame["organisation"].tolist() == ["@home", "Weiß", "Café"]


CELL = st.text(alphabet=st.sampled_from(SPACES + ["'", "=", "@", "a", "ß", "Ä", "é", "x", "€"]), max_size=6)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(st.none(), CELL), min_size=1, max_size=40), st.booleans())
def test_cell_text_cleans_every_column_kind_exactly_as_clean_cell(cells, repeat):
    if repeat:  # enough repeats that the distinct texts are cleaned once each
        cells = cells * 3
    expected = [clean_cell(cell) for cell in cells]
    kinds = [pd.Series(cells, dtype=object), pd.Series(cells, dtype=pd.StringDtype("pyarrow")),
             pd.Series(pa.array(cells, pa.large_string()), dtype=pd.ArrowDtype(pa.large_string())),
             pd.Series(cells, dtype="category")]
    for series in kinds:
        text = CellText.of(series)
        assert text.objects().tolist() == expected, series.dtype
        assert text.blank.tolist() == [not cell for cell in expected]
        codes, uniques = text.factorize()
        assert [uniques[code] for code in codes] == expected


def test_cell_text_of_mixed_cells_from_a_workbook():
    cells = [3.0, " Kim ", None, datetime.datetime(2025, 3, 3, 9, 15), True, "'=1", 2.5]
    assert CellText.of(pd.Series(cells, dtype=object)).objects().tolist() == [clean_cell(c) for c in cells]


@pytest.mark.parametrize("unit", ["s", "ms", "us"])
def test_parquet_dates_beyond_nanoseconds_are_reported_not_fatal(tmp_path, unit):
    path = tmp_path / "log.parquet"
    stamps = pa.array([datetime.datetime(2025, 3, 3), datetime.datetime(2300, 1, 1)], pa.timestamp(unit))
    pq.write_table(pa.table({"contact": ["Kim", "Ada"], "sent_at": stamps}), path)
    problems = check_log(path)
    assert [(p.line, p.column) for p in problems] == [(3, "sent_at")] and "year" in str(problems[0])
