"""engine="duckdb": the analysis over a folder of Parquet logs gives the pandas path's tables."""

import numpy as np
import pandas as pd
import pytest

import infoview as iv
from infoview import analysis
from infoview.errors import InfoviewError

pytest.importorskip("duckdb", reason="engine='duckdb' needs DuckDB (pip install 'infoview[scale]')")

CALLS = [
    (analysis.reply_rates, {"by": "channel", "freq": "W"}),
    (analysis.reply_rates, {"by": "source"}),
    (analysis.reply_rates, {}),
    (analysis.reply_rates, {"freq": "M", "within": None}),
    (analysis.reply_rates, {"by": "channel", "as_of": "2025-11-01", "confidence": 0.9}),
    (analysis.acceptance_rates, {"by": "source", "freq": "W"}),
    (analysis.funnel, {"by": "student"}),
    (analysis.funnel, {}),
    (analysis.time_to_reply, {"by": "channel"}),
    (analysis.time_to_reply, {"by": "student"}),
    (analysis.reply_rates, {"as_of": "2020-01-01"}),  # before any outreach: nothing counted, no interval
    (analysis.funnel, {"as_of": "2020-01-01"}),
    (analysis.time_to_reply, {"as_of": "2020-01-01"}),
]


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    frame = iv.sample_log(students=24, weeks=14, seed=5)
    folder = tmp_path_factory.mktemp("logs")
    half = len(frame) // 2  # two classes' files, read together
    frame.iloc[:half].to_parquet(folder / "class_a.parquet")
    frame.iloc[half:].to_parquet(folder / "class_b.parquet")
    return frame, folder


@pytest.mark.parametrize("function, options", CALLS, ids=lambda c: getattr(c, "__name__", str(c)))
def test_duckdb_over_parquet_gives_the_pandas_table(logs, function, options):
    frame, folder = logs
    ours, theirs = function(frame, **options), function(folder, engine="duckdb", **options)
    assert list(theirs.columns) == list(ours.columns)
    assert theirs.dtypes.astype(str).tolist() == ours.dtypes.astype(str).tolist()
    assert len(ours) == len(theirs) > 0
    for column in ours.columns:
        if pd.api.types.is_float_dtype(ours[column].dtype):
            np.testing.assert_allclose(theirs[column], ours[column], rtol=1e-9, atol=1e-12)
        else:
            assert theirs[column].astype(str).tolist() == ours[column].astype(str).tolist(), column


def test_engine_errors_say_what_to_give(tmp_path, logs):
    with pytest.raises(ValueError, match="engine must be one of 'pandas', 'duckdb'"):
        analysis.funnel(logs[0], engine="spark")
    with pytest.raises(InfoviewError, match="not DataFrame"):
        analysis.funnel(logs[0], engine="duckdb")
    with pytest.raises(InfoviewError, match="holds no .parquet files"):
        analysis.funnel(tmp_path, engine="duckdb")
