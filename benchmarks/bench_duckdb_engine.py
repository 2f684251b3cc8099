"""A pooled log several times larger than the memory DuckDB may use, analysed with
``engine="duckdb"`` straight from a folder of Parquet files.

    .venv/bin/python benchmarks/bench_duckdb_engine.py [--rows-per-file 1000000] [--files 8] [--memory-limit 512MB]

The folder holds ``--files`` copies of one sample class log (students renamed per copy, as
separate classes); the script prints the log's size as a pandas frame next to DuckDB's memory
limit, each computation's time, and the process's peak memory. Nothing is asserted.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from infoview import analysis
from infoview.analysis.engine import connect

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_analysis import class_log  # noqa: E402

CALLS = {
    "reply_rates(by=channel, freq=W)": (analysis.reply_rates, {"by": "channel", "freq": "W"}),
    "reply_rates(by=source)": (analysis.reply_rates, {"by": "source"}),
    "acceptance_rates(by=source)": (analysis.acceptance_rates, {"by": "source"}),
    "funnel(by=student)": (analysis.funnel, {"by": "student"}),
    "time_to_reply(by=channel)": (analysis.time_to_reply, {"by": "channel"}),
}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows-per-file", type=int, default=1_000_000)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--memory-limit", default="512MB")
    args = parser.parse_args(argv)
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
        print(f"{rows:,} rows in {args.files} Parquet files ({on_disk / 1e6:,.0f} MB on disk); as a pandas frame "
              f"about {rows * per_row / 2**30:,.1f} GiB; DuckDB memory_limit {args.memory_limit}; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        connection = connect(memory_limit=args.memory_limit)
        limit_bytes = connection.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
        print(f"DuckDB reports memory_limit = {limit_bytes}\n")
        from infoview.analysis import engine

        for name, (function, options) in CALLS.items():
            kind = function.__name__
            start = time.perf_counter()
            table = engine.run(kind, folder, connection=connection, **options)
            print(f"{name:<34}{time.perf_counter() - start:>8.2f} s  ({len(table):,} rows of results)")
    print(f"\nprocess peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:,.0f} MiB "
          "(includes building the sample log in pandas before the run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
