"""Benchmark: the class report of 500 students with 200 outreach rows each, end to end.

Writes a class of per-student hand-ins into a temporary folder (plain CSV, German Excel CSV,
SQLite and a few .xlsx, like a real class) and times reading them (validation and privacy
included) and writing the HTML report and its CSV. Target: under 10 seconds.

    .venv/bin/python benchmarks/bench_class_report.py [--students 500] [--rows 200] [--keep DIR]
"""

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from infoview.classroom.report import class_report
from infoview.log.write import write_log
from infoview.classroom.handins import read_submissions
from infoview.log.sample import sample_log
from infoview.log.store import OutreachLog

TARGET_SECONDS = 10.0
FORMATS = ("csv", "csv", "csv", "excel-de", "excel-de", "excel-de", "sqlite", "sqlite", "csv", "xlsx")
"""Every tenth student hands in .xlsx, two in ten SQLite, three German Excel CSV, four plain CSV."""


def make_class(folder, students, rows, seed=11):
    """Write ``students`` hand-ins of exactly ``rows`` rows each; return the number of rows."""
    weeks = 14
    log = sample_log(students=max(students * rows // 20, 50), weeks=weeks, seed=seed)
    while len(log) < students * rows:
        weeks *= 2
        log = sample_log(students=max(students * rows // 20, 50), weeks=weeks, seed=seed)
    log = log.iloc[:students * rows].copy()  # the earliest rows, in order of sending
    width = len(str(students))
    labels = np.array([f"s{i + 1:0{width}d}" for i in range(students)], dtype=object)
    log["student"] = labels[np.arange(len(log)) % students]  # dealt out in turn: everyone sends all along
    log = log.sort_values(["student", "sent_at"], kind="stable").reset_index(drop=True)
    for number, (student, part) in enumerate(log.groupby("student", sort=True)):
        kind = FORMATS[number % len(FORMATS)]
        if kind == "sqlite":
            with OutreachLog(folder / f"{student}.sqlite3") as db:
                db.import_file(part)
        elif kind == "xlsx":
            write_log(part, folder / f"{student}.xlsx", pseudonymize=True)
        else:
            write_log(part.drop(columns="student") if number % 2 else part, folder / f"{student}.csv",
                      format=kind, pseudonymize=number % 3 == 0)
    return len(log)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=500)
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--keep", metavar="DIR",
                        help="write the class and the report here and keep them (a class already there is reused)")
    args = parser.parse_args()

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="infoview-class-"))
    hand_ins = folder / "hand_ins"
    hand_ins.mkdir(parents=True, exist_ok=True)
    try:
        if args.keep and any(hand_ins.iterdir()):
            print(f"using the hand-ins already in {hand_ins}")
        else:
            start = time.perf_counter()
            rows = make_class(hand_ins, args.students, args.rows)
            print(f"wrote {args.students} hand-ins with {rows:,} rows in {time.perf_counter() - start:.1f} s")

        start = time.perf_counter()
        submissions = read_submissions(hand_ins, progress=False)
        read = time.perf_counter() - start
        start = time.perf_counter()
        class_report(submissions, folder / "class.html")
        written = time.perf_counter() - start
        total = read + written
        print(f"read and checked {len(submissions.frame):,} rows from {args.students} files: {read:.2f} s")
        print(f"wrote the HTML report and its CSV: {written:.2f} s")
        verdict = "met" if total < TARGET_SECONDS else "MISSED"
        print(f"end to end: {total:.2f} s (target under {TARGET_SECONDS:.0f} s: {verdict})")

        start = time.perf_counter()
        class_report(hand_ins, folder / "class_de.html", language="de", progress=False)
        print(f"one call, reading included (German): {time.perf_counter() - start:.2f} s")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
