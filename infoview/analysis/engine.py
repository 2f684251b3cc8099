"""The analysis on logs larger than memory: the definitions of ``docs/analysis_sql.md`` run by
DuckDB over a folder of Parquet logs (``engine="duckdb"`` of :func:`~infoview.analysis.reply_rates`,
:func:`~infoview.analysis.acceptance_rates`, :func:`~infoview.analysis.funnel` and
:func:`~infoview.analysis.time_to_reply`), streaming: the rows are never loaded into pandas, only
the result table is. DuckDB is optional (``pip install "infoview[scale]"``).

The Parquet files are logs as :func:`~infoview.log.read_log` returns them, saved with
``DataFrame.to_parquet`` (one file per class or term); ``source``, ``channel`` and ``response``
come back as categoricals in infoview's order, as the pandas path gives them.
"""

from pathlib import Path

from ..errors import InfoviewError
from ..log.columns import CATEGORY_COLUMNS

__all__ = ["ENGINES", "connect", "parquet_source", "query", "run", "uses_duckdb"]

ENGINES = ("pandas", "duckdb")
_Z = {0.95: "1.959963984540054"}


def uses_duckdb(engine):
    """Whether to run in DuckDB (``engine="duckdb"``) rather than on a DataFrame (``"pandas"``)."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(map(repr, ENGINES))}, not {engine!r}")
    return engine == "duckdb"


def connect(memory_limit=None, threads=None):
    """A DuckDB connection (an :class:`InfoviewError` saying how to install DuckDB when it is missing);
    ``memory_limit`` such as ``"1GB"`` caps DuckDB's memory (it spills to disk beyond it)."""
    try:
        import duckdb
    except ImportError:
        raise InfoviewError('engine="duckdb" needs DuckDB; install it with: pip install "infoview[scale]"') from None
    connection = duckdb.connect()
    if memory_limit is not None:
        connection.execute(f"SET memory_limit = '{_text(memory_limit)}'")
    if threads is not None:
        connection.execute(f"SET threads = {int(threads)}")
    return connection


def _text(value):
    return str(value).replace("'", "''")


def parquet_source(path):
    """The SQL table expression of a Parquet log: a file, a folder (all ``*.parquet`` in it) or a glob."""
    if not isinstance(path, (str, Path)):
        raise InfoviewError(f'engine="duckdb" takes a Parquet file or a folder of them, not {type(path).__name__}; '
                            'for a DataFrame use the default engine="pandas"')
    path = Path(path)
    if path.is_dir():
        if not any(path.glob("*.parquet")):
            raise InfoviewError(f"the folder {path} holds no .parquet files; save each log with "
                                "read_log(...).to_parquet(...) into it")
        path = path / "*.parquet"
    elif "*" not in str(path) and not path.is_file():
        raise InfoviewError(f"{path} is neither a Parquet file nor a folder; check the path")
    return f"read_parquet('{_text(path)}', union_by_name = true)"


def _params(as_of):
    if as_of is not None:
        import pandas as pd

        return f"SELECT TIMESTAMP_NS '{pd.Timestamp(as_of).isoformat(sep=' ')}' AS as_of"
    return ("SELECT coalesce(max(t) FILTER (WHERE t <= localtimestamp), "
            "CASE WHEN count(t) > 0 THEN localtimestamp END) AS as_of "
            "FROM (SELECT sent_at AS t FROM log UNION ALL SELECT replied_at FROM log)")


def _z(confidence):
    from statistics import NormalDist

    return _Z.get(confidence) or repr(NormalDist().inv_cdf(1 - (1 - confidence) / 2))


def _rates_sql(by, freq, within, as_of, confidence, accepted):
    keys = ([f"date_trunc('{ {'W': 'week', 'M': 'month'}[freq] }', sent_at) AS period"] if freq else []) + by
    names = (["period"] if freq else []) + by
    window = f"INTERVAL {int(within)} DAY" if within is not None else None
    hit = f"replied_at <= sent_at + {window}" if window else "replied_at <= as_of"
    if accepted:
        hit += " AND response = 'accepted'"
    keep = f"sent_at <= as_of - {window}" if window else "sent_at <= as_of"
    name = "accepted" if accepted else "replied"
    step = {"W": "INTERVAL 7 DAY", "M": "INTERVAL 1 MONTH"}.get(freq)
    partial = f", any_value(period + {step} + {window or 'INTERVAL 0 DAY'} > as_of) AS partial" if freq else ""
    z = _z(confidence)
    interval = (f"(r + {z}^2 / (2 * sent) {{sign}} {z} * sqrt(r * (1 - r) / sent + {z}^2 / (4 * sent^2)))"
                f" / (1 + {z}^2 / sent)")
    return f"""
WITH params AS ({_params(as_of)}),
counts AS (
  SELECT {', '.join(keys + ['count(*) AS sent', f'count(*) FILTER (WHERE {hit}) AS {name}'])}{partial}
  FROM log, params WHERE {keep}
  {'GROUP BY ' + ', '.join(names) if names else ''}
),
rated AS (SELECT *, {name} / sent AS r FROM counts)
SELECT {', '.join(names + ['sent', name])}, r AS {'acceptance_rate' if accepted else 'reply_rate'},
  CASE WHEN sent = 0 THEN NULL WHEN {name} = 0 THEN 0.0 ELSE greatest(0.0, {interval.format(sign='-')}) END AS ci_low,
  CASE WHEN sent = 0 THEN NULL WHEN {name} = sent THEN 1.0 ELSE least(1.0, {interval.format(sign='+')}) END AS ci_high
  {', partial' if freq else ''}
FROM rated"""


def _funnel_sql(by, as_of):
    return f"""
WITH params AS ({_params(as_of)})
SELECT {', '.join(by + ['count(*) AS sent'])},
       count(*) FILTER (WHERE replied_at <= as_of) AS replied,
       count(*) FILTER (WHERE replied_at <= as_of AND response = 'accepted') AS accepted,
       count(*) FILTER (WHERE meeting_at <= as_of) AS met,
       count(*) FILTER (WHERE thank_you_at <= as_of) AS thanked,
       coalesce(sum(referrals), 0)::BIGINT AS referrals
FROM log, params WHERE sent_at <= as_of
{'GROUP BY ' + ', '.join(by) if by else ''}"""


def _time_to_reply_sql(by, as_of):
    keys = by or ["0 AS g"]
    group = by or ["g"]
    same = " AND ".join(f"s.{c} IS NOT DISTINCT FROM q.{c}" for c in group)
    part = f"PARTITION BY {', '.join(group)}"
    return f"""
WITH params AS ({_params(as_of)}),
observed AS (
  SELECT {', '.join(keys)}, coalesce(replied_at <= as_of, false) AS replied,
         greatest(0, epoch_ns(CASE WHEN replied_at <= as_of THEN replied_at ELSE as_of END)
                     - epoch_ns(sent_at)) AS t
  FROM log, params WHERE sent_at <= as_of
),
times AS (SELECT {', '.join(group)}, t, count(*) AS n, count(*) FILTER (WHERE replied) AS d
          FROM observed GROUP BY ALL),
at_risk AS (SELECT {', '.join(group)}, t, d, sum(n) OVER ({part} ORDER BY t DESC) AS at_risk FROM times),
curve AS (SELECT {', '.join(group)}, t, exp(sum(ln(1 - d / at_risk)) OVER ({part} ORDER BY t)) AS waiting
          FROM at_risk WHERE d > 0),
quantiles AS (SELECT {', '.join(group)}, min(t) FILTER (WHERE waiting <= 0.5 + 1e-9) AS t50,
                     min(t) FILTER (WHERE waiting <= 0.1 + 1e-9) AS t90 FROM curve GROUP BY ALL),
groups AS (SELECT {', '.join(group)}, count(*) AS sent, count(*) FILTER (WHERE replied) AS replied
           FROM observed GROUP BY ALL)
SELECT {', '.join([f's.{c}' for c in by] + ['s.sent', 's.replied'])},
       q.t50 / 86400e9 AS median_days, q.t90 / 86400e9 AS p90_days
FROM groups s LEFT JOIN quantiles q ON {same}"""


def run(kind, path, *, by=None, freq=None, within=7, as_of=None, confidence=0.95, connection=None):
    """One computation (``"reply_rates"``, ``"acceptance_rates"``, ``"funnel"``, ``"time_to_reply"``)
    over the Parquet log at ``path``, in DuckDB; the same table as the pandas path."""
    connection = connection or connect()
    connection.execute(f"CREATE OR REPLACE TEMP VIEW log AS SELECT * FROM {parquet_source(path)}")
    return query(kind, connection, by=by, freq=freq, within=within, as_of=as_of, confidence=confidence)


def query(kind, connection, *, by=None, freq=None, within=7, as_of=None, confidence=0.95):
    """Like :func:`run`, over the relation ``log`` that ``connection`` already knows (a view over
    Parquet files, possibly filtered): only the result table comes back to pandas."""
    import numpy as np
    import pandas as pd

    by = [] if by is None else [by] if isinstance(by, str) else list(by)
    if freq not in (None, "W", "M"):
        raise InfoviewError(f'engine="duckdb" groups by week ("W") or month ("M"), not {freq!r}')
    if kind in ("reply_rates", "acceptance_rates"):
        sql = _rates_sql(by, freq, within, as_of, confidence, accepted=kind == "acceptance_rates")
    elif kind == "funnel":
        sql = _funnel_sql(by, as_of)
    else:
        sql = _time_to_reply_sql(by, as_of)
    out = connection.sql(sql).df()
    if freq and kind.endswith("rates"):
        out["period"] = out["period"].astype("datetime64[ns]")
    for column in by:
        if column in CATEGORY_COLUMNS:
            out[column] = pd.Categorical(out[column], categories=CATEGORY_COLUMNS[column])
    names = (["period"] if freq and kind.endswith("rates") else []) + by
    if names:
        keys = [out[c].cat.codes.replace(-1, np.iinfo(np.int16).max) if c in CATEGORY_COLUMNS else out[c]
                for c in names]
        order = pd.DataFrame({i: k for i, k in enumerate(keys)}).sort_values(list(range(len(keys))),
                                                                             na_position="last", kind="stable").index
        out = out.loc[order]
    elif len(out) == 0:
        out = out.reindex([0])
    for column in ("sent", "replied", "accepted", "met", "thanked"):
        if column in out:
            out[column] = out[column].fillna(0).astype("int64")
    return out.reset_index(drop=True)
