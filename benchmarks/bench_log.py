"""Speed of the outreach log: sample data, reading, exporting, the store, reminders.

    .venv/bin/python benchmarks/bench_log.py [ROWS]      (default 1,000,000)

Prints wall-clock and CPU seconds for each step; nothing is asserted.
"""

import sys
import tempfile
import time
from pathlib import Path

import infoview as iv
from infoview.log.write import write_log


def clock(label, function):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    print(f"{label:<48} {time.perf_counter() - wall:7.2f} s wall {time.process_time() - cpu:7.2f} s cpu")
    return result


def main(rows=1_000_000):
    weeks = 52
    students = max(1, round(rows / (weeks * 1.9)))  # about 1.9 outreach per student and week
    frame = clock(f"sample_log(students={students}, weeks={weeks})",
                  lambda: iv.sample_log(students=students, weeks=weeks, seed=1))
    print(f"  -> {len(frame):,} rows")
    clock("read_log(DataFrame)", lambda: iv.read_log(frame))
    clock("due(frame)", lambda: iv.due(frame, today=frame["sent_at"].max()))
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        clock("export CSV", lambda: write_log(frame, folder / "log.csv"))
        clock("export German Excel CSV", lambda: write_log(frame, folder / "log_de.csv", format="excel-de"))
        clock("read_log(CSV)", lambda: iv.read_log(folder / "log.csv"))
        clock("read_log(German CSV)", lambda: iv.read_log(folder / "log_de.csv"))
        clock("export pseudonymised CSV", lambda: write_log(frame, folder / "anon.csv", pseudonymize=True))
        part = frame.iloc[:100_000]
        with iv.OutreachLog(folder / "log.sqlite3") as log:
            result = clock(f"OutreachLog.import_file({len(part):,} rows)", lambda: log.import_file(part))
            print(f"  -> {result}")
            clock("import_file again (nothing new)", lambda: log.import_file(part))
            clock("to_frame()", log.to_frame)
            count = 100
            clock(f"{count} x add()", lambda: [log.add(contact=f"Person {i}", sent_at="2025-03-03 10:00")
                                              for i in range(count)])


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
