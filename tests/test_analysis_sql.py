"""The SQL in docs/analysis_sql.md gives the same numbers as infoview.analysis (needs the bench extra)."""

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import infoview as iv
from infoview import analysis
from .test_analysis import make_log

duckdb = pytest.importorskip("duckdb")

DOC = Path(__file__).resolve().parents[1] / "docs" / "analysis_sql.md"
CALLS = {
    "weekly by channel": lambda f: analysis.reply_rates(f, by="channel", freq="W"),
    "by source": lambda f: analysis.reply_rates(f, by="source"),
    "time to reply by channel": lambda f: analysis.time_to_reply(f, by="channel"),
    "funnel per student": lambda f: analysis.funnel(f, by="student"),
    "weekly within 7 days": lambda f: analysis.reply_rates(f, freq="W", within=7),
    "acceptance by source": lambda f: analysis.acceptance_rates(f, by="source")[
        ["source", "sent", "accepted", "acceptance_rate"]],
}


def queries():
    return dict(re.findall(r"^### (.+?)\n.*?```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S | re.M))


def replied_fast(frame):
    """The sample log with quicker replies, so that medians and 90% times exist."""
    frame = frame.copy()
    fast = frame["replied_at"].notna()
    frame.loc[fast, "replied_at"] = frame.loc[fast, "sent_at"] + (frame.loc[fast, "replied_at"]
                                                                   - frame.loc[fast, "sent_at"]) / 4
    frame.loc[~fast & (np.arange(len(frame)) % 20 > 0), "replied_at"] = frame["sent_at"] + pd.Timedelta(hours=30)
    frame["response"] = frame["response"].where(frame["replied_at"].isna(), frame["response"].fillna("declined"))
    return frame


@pytest.mark.parametrize("name", list(CALLS))
@pytest.mark.parametrize("which", ["hand-built", "class"])
def test_documented_sql_matches_infoview(name, which):
    frame = make_log() if which == "hand-built" else replied_fast(iv.sample_log(students=20, weeks=10, seed=7))
    connection = duckdb.connect()
    connection.register("log", frame)
    theirs = connection.sql(queries()[name]).df()
    ours = CALLS[name](frame)
    assert list(theirs.columns) == list(ours.columns)
    assert len(ours) == len(theirs) > 0
    for column in ours.columns:
        a, b = ours[column], theirs[column]
        if pd.api.types.is_datetime64_any_dtype(a.dtype):
            assert (a.to_numpy() == b.to_numpy().astype("datetime64[ns]")).all()
        elif pd.api.types.is_numeric_dtype(a.dtype):
            np.testing.assert_allclose(a.to_numpy(float), b.to_numpy(float), rtol=1e-9, atol=1e-12)
        else:
            assert a.astype(str).tolist() == b.astype(str).tolist()
    if name == "time to reply by channel" and which == "class":
        assert ours["median_days"].notna().any() and ours["p90_days"].notna().any()
