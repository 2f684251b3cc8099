"""The log at scale: the vectorised text cleaning agrees with clean_cell cell by cell, and the
row limit of read_log can be raised for a pooled log (and only then)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import infoview as iv
from infoview.errors import LogError
from infoview.log.columns import TEXT_COLUMNS, clean_cell, normalise
from infoview.log.files import MAX_ROWS
from infoview.log.read import check_log
from infoview.log.write import write_log

ENDS = st.sampled_from([" ", "\t", "\u00a0", "\u2003", "\u3000", "\x1c", "\x85", "'", "'=", "'@", "=", "", "x", "ß"])
CELLS = st.one_of(st.none(), st.builds(lambda a, b, c: a + b + c, ENDS, st.text(max_size=8), ENDS))


@settings(max_examples=60, deadline=None)
@given(st.lists(CELLS, min_size=1, max_size=30))
def test_text_columns_are_cleaned_exactly_as_clean_cell_says(notes):
    n = len(notes)
    raw = pd.DataFrame({"contact": [f"P{i}" for i in range(n)], "sent_at": ["2025-03-03"] * n,
                        "notes": pd.Series(notes, dtype=object)})
    frame = normalise(raw)
    assert frame["notes"].tolist() == [clean_cell(value) for value in notes]


def test_arrow_backed_strings_are_cleaned_like_plain_objects():
    notes = ["  '=SUM(A1) ", "\u00a0kurz\u00a0", "", "ok"]
    raw = pd.DataFrame({"contact": ["A", "B", "C", "D"], "sent_at": ["2025-03-03"] * 4, "notes": notes})
    strings = raw.astype({"notes": pd.StringDtype("pyarrow")})
    assert normalise(strings)["notes"].tolist() == normalise(raw)["notes"].tolist() == ["=SUM(A1)", "kurz", "", "ok"]


@pytest.fixture
def long_log(tmp_path):
    rows = MAX_ROWS + 1
    path = tmp_path / "pooled.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("contact,sent_at\n")
        out.writelines(f"P{i},2025-03-03\n" for i in range(rows))
    return path, rows


def test_a_log_over_the_row_limit_is_refused_unless_the_limit_is_raised(long_log):
    path, rows = long_log
    with pytest.raises(LogError, match="over the limit of 200,000"):
        iv.read_log(path)
    assert len(iv.read_log(path, max_rows=rows)) == rows


@pytest.mark.parametrize("bad", [0, -5, True, 2.5, "many"])
def test_max_rows_must_be_a_whole_number(bad, long_log):
    with pytest.raises(LogError, match="max_rows must be a whole number"):
        iv.read_log(long_log[0], max_rows=bad)


def test_an_empty_text_column_keeps_the_text_dtype():
    frame = normalise(pd.DataFrame({"contact": ["A"], "sent_at": ["2025-03-03"], "notes": [None]}, dtype=object))
    assert frame["notes"].dtype == "str" and frame["notes"].tolist() == [""]
    assert frame["role"].dtype == "str" and frame["role"].tolist() == [""]


def _log_from(kind, folder):
    """The sample log as it comes back from each way into infoview."""
    sample = iv.sample_log(students=3, weeks=4)
    if kind == "sample":
        return sample
    if kind == "objects":
        return iv.read_log(sample.astype(object))
    if kind == "store":
        with iv.OutreachLog(folder / "log.sqlite3") as log:
            log.add(contact="Dr. Lena Kurz", sent_at="2025-03-03 09:15", channel="E-Mail", notes="  ")
            return log.to_frame()
    path = folder / f"log.{kind}"
    sample.to_parquet(path) if kind == "parquet" else write_log(sample, path)
    return iv.read_log(path)


@pytest.mark.parametrize("kind", ["sample", "objects", "store", "csv", "xlsx", "parquet"])
def test_text_columns_are_pandas_text_held_in_arrow(kind, tmp_path):
    frame = _log_from(kind, tmp_path)
    for column in TEXT_COLUMNS:
        assert frame[column].dtype == pd.StringDtype("pyarrow", na_value=np.nan), column
        assert not frame[column].isna().any(), column  # an empty cell is "", never missing
    assert frame["notes"].str.len().min() == 0


def test_a_long_log_checked_on_threads_gives_what_one_thread_gives(monkeypatch):
    rows = 120_000
    frame = iv.sample_log(students=1_300, weeks=52).iloc[:rows].astype(object)
    assert len(frame) == rows
    frame.loc[5, "outreach_id"] = frame.loc[90_000, "outreach_id"]  # an id twice, far apart
    frame.loc[70_000, "sent_at"] = "31.02.2025"
    frame.loc[110_000, "channel"] = "Brieftaube"
    threaded = check_log(frame)
    good = iv.read_log(frame.drop([5, 70_000, 110_000]))
    monkeypatch.setattr("infoview.log.columns._BACKGROUND_FROM", 10**9)
    single = check_log(frame)
    assert [(p.line, p.column, p.value, str(p)) for p in threaded] == [(p.line, p.column, p.value, str(p)) for p in single]
    assert sorted(p.line for p in single) == [70_002, 90_002, 110_002]
    assert good.equals(iv.read_log(frame.drop([5, 70_000, 110_000])))
