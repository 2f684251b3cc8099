"""A pooled log several times larger than the memory DuckDB may use, analysed with
``engine="duckdb"`` straight from a folder of Parquet files, and its class report's tables.

    .venv/bin/python benchmarks/bench_duckdb_engine.py [--rows-per-file 1000000] [--files 8] [--memory-limit 512MB]

The folder holds ``--files`` copies of one sample class log (students renamed per copy, as
separate classes). The computations run in a fresh child process, so its peak memory (the
kernel's maximum resident set size) is DuckDB's work alone, not the building of the sample. The
script prints the log's size as a pandas frame next to DuckDB's memory limit, each computation's
time and the child's peak memory. Nothing is asserted.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CALLS = {
    "reply_rates(by=channel, freq=W)": ("reply_rates", {"by": "channel", "freq": "W"}),
    "reply_rates(by=source)": ("reply_rates", {"by": "source"}),
    "acceptance_rates(by=source)": ("acceptance_rates", {"by": "source"}),
    "funnel(by=student)": ("funnel", {"by": "student"}),
    "time_to_reply(by=channel)": ("time_to_reply", {"by": "channel"}),
}


def measure(folder, memory_limit):
    """In the child: run each computation and the class report's tables; print JSON figures."""
    from infoview.analysis import engine
    from infoview.classroom.parquet_view import ParquetClassView
    from infoview.classroom.view import COMPARED

    figures = {}
    connection = engine.connect(memory_limit=memory_limit)
    figures["limit"] = connection.sql("SELECT current_setting('memory_limit')").fetchall()[0][0]
    for name, (kind, options) in CALLS.items():
        start = time.perf_counter()
        table = engine.run(kind, folder, connection=connection, **options)
        figures[name] = (time.perf_counter() - start, len(table))
    start = time.perf_counter()
    view = ParquetClassView(folder, memory_limit=memory_limit)
    tables = [view.rates(freq="W"), view.rates(freq="W", accepted=True)]
    for column in COMPARED:
        tables += [view.rates(by=column), view.rates(by=column, accepted=True)]
    verdicts = view.verdicts()
    figures["class report tables (ParquetClassView)"] = (
        time.perf_counter() - start, len(view.students) + sum(map(len, tables)) + len(verdicts))
    figures["peak"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps(figures))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows-per-file", type=int, default=1_000_000)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--memory-limit", default="512MB")
    parser.add_argument("--measure", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        measure(args.measure, args.memory_limit)
        return 0

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_analysis import class_log

    frame = class_log(args.rows_per_file)
    per_row = frame.memory_usage(deep=True).sum() / len(frame)
    with tempfile.TemporaryDirectory() as folder:
        for number in range(args.files):
            part = frame.copy()
            part["student"] = f"c{number}-" + part["student"]
            part["outreach_id"] = f"c{number}-" + part["outreach_id"]
            part.to_parquet(Path(folder) / f"class_{number}.parquet")
        del frame, part
        rows = args.rows_per_file * args.files
        on_disk = sum(p.stat().st_size for p in Path(folder).glob("*.parquet"))
        as_frame = rows * per_row
        print(f"{rows:,} rows in {args.files} Parquet files ({on_disk / 2**20:,.0f} MiB on disk); as a pandas "
              f"frame about {as_frame / 2**30:,.1f} GiB; load average {os.getloadavg()[0]:.1f} on "
              f"{os.cpu_count()} CPUs")
        child = subprocess.run([sys.executable, __file__, "--measure", folder, "--memory-limit", args.memory_limit],
                               capture_output=True, text=True, check=True)
        figures = json.loads(child.stdout.strip().splitlines()[-1])
    limit, peak = figures.pop("limit"), figures.pop("peak")
    print(f"DuckDB memory_limit {limit}: the log as a frame is {as_frame / _bytes(limit):,.1f}x that limit\n")
    for name, (seconds, count) in figures.items():
        print(f"{name:<40}{seconds:>8.2f} s  ({count:,} rows of results)")
    print(f"\npeak memory of the computing process (maxrss, Python and imports included): {peak / 2**20:,.0f} MiB "
          f"= {peak / as_frame:.2f}x the frame it never loaded")
    return 0


def _bytes(limit):
    """DuckDB's memory_limit setting (such as ``'488.2 MiB'``) in bytes."""
    number, unit = limit.split()
    return float(number) * {"KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "KB": 1e3, "MB": 1e6, "GB": 1e9}[unit]


if __name__ == "__main__":
    sys.exit(main())
