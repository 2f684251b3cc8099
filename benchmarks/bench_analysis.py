"""Benchmark of infoview.analysis against the same five computations in DuckDB SQL and lazy Polars.

    .venv/bin/python benchmarks/bench_analysis.py --rows 1000000
    .venv/bin/python benchmarks/bench_analysis.py --rows 10000000 --repeat 2

Prints figures; it is not a test. Needs the ``bench`` extra (duckdb). The log comes from
``infoview.sample_log`` (a class of students over a year). The five computations:
weekly reply rates by channel with intervals, reply rates by source, time to reply by
channel, the funnel per student, and weekly reply rates with ``within=7``. The SQL is read
from ``docs/analysis_sql.md``, and the script checks that both sides give the same numbers.

Targets (issue 19): each computation at or below DuckDB's and lazy Polars' time at 1M, 10M and
30M rows (30M rows of the whole log take about 5.5 GiB, as its text is held in Arrow; ``--lean``
keeps only the columns the computations read); peak memory of the computations at most 1.2x the
frame (tracemalloc and Arrow's memory pool), plus imports. The columns ``/duckdb`` and ``/polars`` are
infoview's time divided by theirs: below 1 means infoview is faster.
"""

import argparse
import gc
import math
import os
import re
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd


def class_log(rows, seed=0, weeks=52, columns=None):
    """A realistic log of about ``rows`` rows from :func:`infoview.sample_log`, cut to exactly ``rows``.

    With ``columns``, only those columns, built in parts of at most 5M rows (students renamed per
    part), so a log of 30M rows fits in memory while it is made.
    """
    import infoview as iv

    if columns is not None:
        parts, left, number = [], rows, 0
        while left > 0:
            part = class_log(min(left, 5_000_000), seed + number, weeks)[list(columns)]
            if "student" in part:
                part["student"] = f"p{number}-" + part["student"]
            parts.append(part)
            left, number = left - len(part), number + 1
        return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    # sample_log writes about 1.9 outreach per student and week: ask for a little more, then cut.
    students = max(1, math.ceil(rows / (1.8 * weeks)))
    frame = iv.sample_log(students=students, weeks=weeks, seed=seed)
    if len(frame) > rows:
        frame = frame.iloc[:rows].reset_index(drop=True)
    return frame


#: The columns the five computations read (``--lean`` keeps only these).
USED = ("student", "source", "channel", "sent_at", "replied_at", "response", "meeting_at", "thank_you_at",
        "referrals")


def infoview_tasks():
    from infoview import analysis

    return {
        "weekly by channel": lambda f: analysis.reply_rates(f, by="channel", freq="W"),
        "by source": lambda f: analysis.reply_rates(f, by="source"),
        "time to reply by channel": lambda f: analysis.time_to_reply(f, by="channel"),
        "funnel per student": lambda f: analysis.funnel(f, by="student"),
        "weekly within 7 days": lambda f: analysis.reply_rates(f, freq="W", within=7),
    }


DOC = Path(__file__).resolve().parent.parent / "docs" / "analysis_sql.md"


def sql_queries(path=DOC):
    """The SQL of each computation, by name, from the ``### name`` sections of docs/analysis_sql.md."""
    text = Path(path).read_text(encoding="utf-8")
    return dict(re.findall(r"^### (.+?)\n.*?```sql\n(.*?)```", text, re.S | re.M))


def duckdb_tasks(connection):
    queries = sql_queries()
    return {name: (lambda f, q=queries[name]: connection.sql(q).df()) for name in infoview_tasks()}


def polars_frame(frame):
    """The log as a Polars frame (setup, not timed): categoricals become Enums in infoview's order."""
    import polars as pl

    from infoview.log.columns import CATEGORY_COLUMNS

    out = pl.from_pandas(frame)
    return out.with_columns([pl.col(c).cast(pl.String).cast(pl.Enum(list(v))) for c, v in CATEGORY_COLUMNS.items()
                             if c in out.columns])


def polars_tasks():
    """The five computations as lazy Polars queries (all cores), with the definitions of the SQL."""
    import datetime as dt

    import polars as pl

    z = 1.959963984540054
    week = pl.duration(days=7)

    def as_of(lf):
        times = pl.concat([lf.select(pl.col("sent_at").alias("t")), lf.select(pl.col("replied_at").alias("t"))])
        return times.filter(pl.col("t") <= dt.datetime.now()).select(pl.col("t").max().alias("as_of"))

    def wilson(name="replied"):
        r, n = pl.col(name) / pl.col("sent"), pl.col("sent")
        centre, spread = r + z**2 / (2 * n), z * (r * (1 - r) / n + z**2 / (4 * n**2)).sqrt()
        return [r.alias("reply_rate"),
                pl.max_horizontal(pl.lit(0.0), (centre - spread) / (1 + z**2 / n)).alias("ci_low"),
                pl.min_horizontal(pl.lit(1.0), (centre + spread) / (1 + z**2 / n)).alias("ci_high")]

    def rates(lf, by, weekly):
        keys = (["period"] if weekly else []) + by
        counted = lf.join(as_of(lf), how="cross").filter(pl.col("sent_at") <= pl.col("as_of") - week)
        if weekly:
            counted = counted.with_columns(period=pl.col("sent_at").dt.truncate("1w"))
        extra = [(pl.col("period") + week + week > pl.col("as_of")).first().alias("partial")] if weekly else []
        out = (counted.group_by(keys).agg(pl.len().cast(pl.Int64).alias("sent"),
                                          (pl.col("replied_at") <= pl.col("sent_at") + week).sum().alias("replied"),
                                          *extra)
               .with_columns(wilson()).sort(keys, nulls_last=True))
        return out.select(keys + ["sent", "replied", "reply_rate", "ci_low", "ci_high"]
                          + (["partial"] if weekly else [])).collect().to_pandas()

    def funnel(lf):
        by_then = lambda c: (pl.col(c) <= pl.col("as_of")).fill_null(False)  # noqa: E731
        return (lf.join(as_of(lf), how="cross").filter(pl.col("sent_at") <= pl.col("as_of"))
                .group_by("student").agg(pl.len().cast(pl.Int64).alias("sent"), by_then("replied_at").sum().alias("replied"),
                                         (by_then("replied_at") & (pl.col("response") == "accepted")).sum()
                                         .alias("accepted"),
                                         by_then("meeting_at").sum().alias("met"),
                                         by_then("thank_you_at").sum().alias("thanked"),
                                         pl.col("referrals").sum().alias("referrals"))
                .sort("student", nulls_last=True).collect().to_pandas())

    def time_to_reply(lf):
        replied = (pl.col("replied_at") <= pl.col("as_of")).fill_null(False)
        end = pl.when(replied).then(pl.col("replied_at")).otherwise(pl.col("as_of"))
        observed = (lf.join(as_of(lf), how="cross").filter(pl.col("sent_at") <= pl.col("as_of"))
                    .select("channel", replied.alias("replied"),
                            pl.max_horizontal(pl.lit(0), (end - pl.col("sent_at")).dt.total_nanoseconds()).alias("t")))
        curve = (observed.group_by("channel", "t").agg(pl.len().alias("n"), pl.col("replied").sum().alias("d"))
                 .sort("channel", "t", descending=[False, True])
                 .with_columns(pl.col("n").cum_sum().over("channel").alias("at_risk"))
                 .filter(pl.col("d") > 0).sort("channel", "t")
                 .with_columns((1 - pl.col("d") / pl.col("at_risk")).log().cum_sum().exp().over("channel")
                               .alias("waiting"))
                 .group_by("channel").agg(pl.col("t").filter(pl.col("waiting") <= 0.5 + 1e-9).min().alias("t50"),
                                          pl.col("t").filter(pl.col("waiting") <= 0.1 + 1e-9).min().alias("t90")))
        groups = observed.group_by("channel").agg(pl.len().cast(pl.Int64).alias("sent"),
                                                  pl.col("replied").sum().alias("replied"))
        return (groups.join(curve, on="channel", how="left", nulls_equal=True)
                .select("channel", "sent", "replied", (pl.col("t50") / 86400e9).alias("median_days"),
                        (pl.col("t90") / 86400e9).alias("p90_days"))
                .sort("channel", nulls_last=True).collect().to_pandas())

    return {
        "weekly by channel": lambda f: rates(f.lazy(), ["channel"], True),
        "by source": lambda f: rates(f.lazy(), ["source"], False),
        "time to reply by channel": lambda f: time_to_reply(f.lazy()),
        "funnel per student": lambda f: funnel(f.lazy()),
        "weekly within 7 days": lambda f: rates(f.lazy(), [], True),
    }


def timed(sides, frame, repeat):
    """Best-of-``repeat`` seconds per side and task, and each side's results.

    After a warm-up, the sides take turns on each task, so a busy machine slows both alike.
    """
    frames = frame if isinstance(frame, dict) else {side: frame for side in sides}
    seconds = {side: {} for side in sides}
    results = {side: {name: task(frames[side]) for name, task in tasks.items()} for side, tasks in sides.items()}
    for name in next(iter(sides.values())):
        for side in sides:
            seconds[side][name] = float("inf")
        for _ in range(repeat):
            for side, tasks in sides.items():
                gc.collect()
                start = time.perf_counter()
                results[side][name] = tasks[name](frames[side])
                seconds[side][name] = min(seconds[side][name], time.perf_counter() - start)
    return seconds, results


def agree(ours, theirs):
    """Whether two results hold the same numbers (keys as strings, floats to 1e-9)."""
    if len(ours) != len(theirs):
        return False
    for column in ours.columns:
        a, b = ours[column].reset_index(drop=True), theirs[column].reset_index(drop=True)
        if pd.api.types.is_numeric_dtype(a.dtype) and not pd.api.types.is_bool_dtype(a.dtype):
            if not np.allclose(a.to_numpy(float), b.to_numpy(float), rtol=1e-9, atol=1e-9, equal_nan=True):
                return False
        elif pd.api.types.is_datetime64_any_dtype(a.dtype):
            if not (pd.to_datetime(a).to_numpy() == pd.to_datetime(b).to_numpy()).all():
                return False
        elif not (a.astype(str).to_numpy() == b.astype(str).to_numpy()).all():
            return False
    return True


def peak_memory(tasks, frame):
    """The most memory one task allocates beyond what existed before it: numpy's and Python's
    (tracemalloc) plus Arrow's (through a proxy of its memory pool, which tracemalloc does not
    see), added up: an upper bound of the two together. Each task runs once before, so that
    imports and caches are not counted."""
    import pyarrow as pa

    for task in tasks.values():
        task(frame)
    arrow, most = pa.default_memory_pool(), 0
    for task in tasks.values():
        gc.collect()
        counted = pa.proxy_memory_pool(arrow)
        pa.set_memory_pool(counted)
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        try:
            task(frame)
            most = max(most, tracemalloc.get_traced_memory()[1] - before + counted.max_memory())
        finally:
            tracemalloc.stop()
            pa.set_memory_pool(arrow)
    return most


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the sample log (default 1M)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per task; the best counts (default 3)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--lean", action="store_true",
                        help="keep only the columns the computations read (for 30M rows in memory)")
    parser.add_argument("--no-polars", action="store_true", help="leave Polars out (saves its copy of the log)")
    args = parser.parse_args(argv)

    import duckdb

    start = time.perf_counter()
    frame = class_log(args.rows, seed=args.seed, columns=USED if args.lean else None)
    size = frame.memory_usage(deep=True).sum()
    print(f"sample log: {len(frame):,} rows, {size / 2**20:,.0f} MiB in memory, "
          f"built in {time.perf_counter() - start:.1f} s; {os.cpu_count()} CPUs, duckdb {duckdb.__version__}, "
          f"pandas {pd.__version__}, numpy {np.__version__}")

    ours = infoview_tasks()
    connection = duckdb.connect()
    connection.register("log", frame)
    theirs = duckdb_tasks(connection)

    sides, frames = {"infoview": ours, "duckdb": theirs}, {"infoview": frame, "duckdb": frame}
    try:
        if args.no_polars:
            raise ImportError
        import polars as pl

        sides["polars"], frames["polars"] = polars_tasks(), polars_frame(frame)
        print(f"polars {pl.__version__} (lazy, {pl.thread_pool_size()} threads)")
    except ImportError:
        print("polars left out (--no-polars, or not installed: pip install 'infoview[bench]')")
    seconds, results = timed(sides, frames, args.repeat)
    others = [side for side in sides if side != "infoview"]
    print(f"load average {os.getloadavg()[0]:.1f}")
    print(f"\n{'computation':<26}" + "".join(f"{side:>10}" for side in sides)
          + "".join(f"{'/' + side:>9}{'same':>6}" for side in others))
    for name in ours:
        row = f"{name:<26}" + "".join(f"{seconds[side][name]:>9.3f}s" for side in sides)
        for side in others:
            same = agree(results["infoview"][name], results[side][name])
            row += f"{seconds['infoview'][name] / seconds[side][name]:>9.2f}{'yes' if same else 'NO':>6}"
        print(row)
    totals = {side: sum(seconds[side].values()) for side in sides}
    print(f"{'total':<26}" + "".join(f"{totals[side]:>9.3f}s" for side in sides)
          + "".join(f"{totals['infoview'] / totals[side]:>9.2f}{'':>6}" for side in others))

    peak = peak_memory(ours, frame)
    print(f"\npeak memory of the five infoview computations (the most of one): {peak / 2**20:,.0f} MiB on top of the "
          f"{size / 2**20:,.0f} MiB frame = {(size + peak) / size:.2f}x the frame (tracemalloc and Arrow's pool)")
    print(f"process peak RSS (frame building, imports, duckdb included): "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
