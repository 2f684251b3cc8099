"""Benchmark of infoview.analysis against the same five computations in DuckDB SQL.

    .venv/bin/python benchmarks/bench_analysis.py --rows 1000000
    .venv/bin/python benchmarks/bench_analysis.py --rows 10000000 --repeat 2

Prints figures; it is not a test. Needs the ``bench`` extra (duckdb). The log comes from
``infoview.sample_log`` (a class of students over a year). The five computations:
weekly reply rates by channel with intervals, reply rates by source, time to reply by
channel, the funnel per student, and weekly reply rates with ``within=7``. The SQL is read
from ``docs/analysis_sql.md``, and the script checks that both sides give the same numbers.

Targets (issue 5): at 1M rows infoview's total is at most DuckDB's; at 10M within 1.5x;
peak memory of the computations at most the frame itself again (2x in total), plus imports.
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


def class_log(rows, seed=0, weeks=52):
    """A realistic log of about ``rows`` rows from :func:`infoview.sample_log`, cut to exactly ``rows``."""
    import infoview as iv

    # sample_log writes about 1.9 outreach per student and week: ask for a little more, then cut.
    students = max(1, math.ceil(rows / (1.8 * weeks)))
    frame = iv.sample_log(students=students, weeks=weeks, seed=seed)
    if len(frame) > rows:
        frame = frame.iloc[:rows].reset_index(drop=True)
    return frame


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


def timed(sides, frame, repeat):
    """Best-of-``repeat`` seconds per side and task, and each side's results.

    After a warm-up, the sides take turns on each task, so a busy machine slows both alike.
    """
    seconds = {side: {} for side in sides}
    results = {side: {name: task(frame) for name, task in tasks.items()} for side, tasks in sides.items()}
    for name in next(iter(sides.values())):
        for side in sides:
            seconds[side][name] = float("inf")
        for _ in range(repeat):
            for side, tasks in sides.items():
                gc.collect()
                start = time.perf_counter()
                results[side][name] = tasks[name](frame)
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
    """Peak bytes allocated (tracemalloc) while running all tasks once, beyond what existed before."""
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    for task in tasks.values():
        task(frame)
    peak = tracemalloc.get_traced_memory()[1] - before
    tracemalloc.stop()
    return peak


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the sample log (default 1M)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per task; the best counts (default 3)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    import duckdb

    start = time.perf_counter()
    frame = class_log(args.rows, seed=args.seed)
    size = frame.memory_usage(deep=True).sum()
    print(f"sample log: {len(frame):,} rows, {size / 2**20:,.0f} MiB in memory, "
          f"built in {time.perf_counter() - start:.1f} s; {os.cpu_count()} CPUs, duckdb {duckdb.__version__}, "
          f"pandas {pd.__version__}, numpy {np.__version__}")

    ours = infoview_tasks()
    connection = duckdb.connect()
    connection.register("log", frame)
    theirs = duckdb_tasks(connection)

    seconds, results = timed({"infoview": ours, "duckdb": theirs}, frame, args.repeat)
    ours_seconds, theirs_seconds = seconds["infoview"], seconds["duckdb"]
    ours_results, theirs_results = results["infoview"], results["duckdb"]
    print(f"\n{'computation':<26}{'infoview':>10}{'duckdb':>10}{'ratio':>8}  same numbers")
    for name in ours:
        same = agree(ours_results[name], theirs_results[name])
        print(f"{name:<26}{ours_seconds[name]:>9.3f}s{theirs_seconds[name]:>9.3f}s"
              f"{ours_seconds[name] / theirs_seconds[name]:>8.2f}  {'yes' if same else 'NO'}")
    total_ours, total_theirs = sum(ours_seconds.values()), sum(theirs_seconds.values())
    print(f"{'total':<26}{total_ours:>9.3f}s{total_theirs:>9.3f}s{total_ours / total_theirs:>8.2f}")

    peak = peak_memory(ours, frame)
    print(f"\npeak memory of the five infoview computations: {peak / 2**20:,.0f} MiB on top of the "
          f"{size / 2**20:,.0f} MiB frame = {(size + peak) / size:.2f}x the frame (tracemalloc)")
    print(f"process peak RSS (frame building, imports, duckdb included): "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
