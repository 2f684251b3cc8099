"""The data track's ratios side by side in one run: ``read_log`` against plain pandas on the
same CSV and Parquet files, and ``OutreachLog.add``/``update`` per call.

    .venv/bin/python benchmarks/bench_scale.py [--rows 1000000] [--repeat 3]

Each comparison runs interleaved (ours, theirs, ours, theirs, …) and the best of ``--repeat``
counts, so a busy machine slows both sides alike; the load average is printed. Targets (issue 19):
``read_log`` within 1.5x of ``pandas.read_csv`` with dtypes and of ``pandas.read_parquet``;
``add`` and ``update`` under 2 ms per call. The analysis ratios (infoview, DuckDB, Polars) are
printed by ``bench_analysis.py``; the larger-than-memory run by ``bench_duckdb_engine.py``.
Prints figures; nothing is asserted.
"""

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

import infoview as iv
from infoview.log.columns import CATEGORY_COLUMNS, TEXT_COLUMNS, TIMESTAMP_COLUMNS
from infoview.log.files import MAX_ROWS
from infoview.log.write import write_log

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_analysis import class_log  # noqa: E402


def pandas_csv(path):
    """What a careful pandas user writes for the same file: the log's dtypes, dates parsed."""
    dtypes = {column: str for column in TEXT_COLUMNS}
    dtypes.update({column: pd.CategoricalDtype(values) for column, values in CATEGORY_COLUMNS.items()})
    dtypes["referrals"] = "Int64"
    return pd.read_csv(path, dtype=dtypes, parse_dates=list(TIMESTAMP_COLUMNS), date_format="ISO8601")


def best_of(pairs, repeat):
    """Best seconds of each named function, run in turns ``repeat`` times."""
    seconds = {name: float("inf") for name in pairs}
    for _ in range(repeat):
        for name, function in pairs.items():
            gc.collect()
            start = time.perf_counter()
            function()
            seconds[name] = min(seconds[name], time.perf_counter() - start)
    return seconds


def line(label, ours, theirs, target):
    ratio = ours / theirs
    print(f"{label:<34}{ours:>9.3f}s{theirs:>9.3f}s{ratio:>8.2f}  (target <= {target}: "
          f"{'met' if ratio <= target else 'NOT met'})")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--calls", type=int, default=300, help="add() and update() calls to time")
    args = parser.parse_args(argv)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; pandas {pd.__version__}")
    frame = class_log(args.rows)
    with tempfile.TemporaryDirectory() as folder:
        csv, parquet = Path(folder) / "log.csv", Path(folder) / "log.parquet"
        write_log(frame, csv)
        frame.to_parquet(parquet)
        print(f"log of {len(frame):,} rows: CSV {csv.stat().st_size / 1e6:.0f} MB, "
              f"Parquet {parquet.stat().st_size / 1e6:.0f} MB\n")
        print(f"{'comparison':<34}{'infoview':>10}{'pandas':>10}{'ratio':>8}")
        rows = max(len(frame), MAX_ROWS)
        seconds = best_of({"ours": lambda: iv.read_log(csv, max_rows=rows), "theirs": lambda: pandas_csv(csv)},
                          args.repeat)
        line("read_log(CSV) / read_csv", seconds["ours"], seconds["theirs"], 1.5)
        seconds = best_of({"ours": lambda: iv.read_log(parquet, max_rows=rows),
                           "theirs": lambda: pd.read_parquet(parquet)}, args.repeat)
        line("read_log(Parquet) / read_parquet", seconds["ours"], seconds["theirs"], 1.5)

        with iv.OutreachLog(Path(folder) / "log.sqlite3") as log:
            ids = []
            start = time.perf_counter()
            for i in range(args.calls):
                ids.append(log.add(contact=f"Person {i}", sent_at="2025-03-03 10:00", channel="email"))
            add = (time.perf_counter() - start) / args.calls
            start = time.perf_counter()
            for oid in ids:
                log.update(oid, replied_at="2025-03-05", response="accepted")
            update = (time.perf_counter() - start) / args.calls
        print(f"\n{'OutreachLog.add, per call':<34}{add * 1000:>8.2f} ms  (target < 2 ms: "
              f"{'met' if add < 0.002 else 'NOT met'})")
        print(f"{'OutreachLog.update, per call':<34}{update * 1000:>8.2f} ms  (target < 2 ms: "
              f"{'met' if update < 0.002 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
