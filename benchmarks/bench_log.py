"""Speed of the outreach log: sample data, reading, exporting, the store, reminders.

    .venv/bin/python benchmarks/bench_log.py [ROWS]      (default 1,000,000)
    .venv/bin/python benchmarks/bench_log.py store [FOLDER]   (only the store's add and update)

Prints wall-clock and CPU seconds for each step, and milliseconds per add and update of the
store next to a bare SQLite insert and commit in the same folder (its disk's fsync is most of
both: a folder on tmpfs such as /dev/shm shows what the library adds); nothing is asserted.
"""

import sqlite3
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
        store(folder)


def best_ms(functions, calls, runs=3):
    """Milliseconds per call of each ``function(i)`` for i in range(calls), the best of ``runs``
    rounds; the functions take turns in each round, so that a busy disk slows them alike."""
    times = {name: [] for name in functions}
    for run in range(runs):
        for name, function in functions.items():
            start = time.perf_counter()
            for i in range(calls):
                function(run * calls + i)
            times[name].append((time.perf_counter() - start) / calls * 1e3)
    return {name: min(found) for name, found in times.items()}


def store(folder, calls=200):
    """Milliseconds per OutreachLog.add and update, next to a bare SQLite insert and commit of the
    same row in the same file, and to checking one row alone (normalise_row, and normalise on a
    one-row frame as before)."""
    import pandas as pd

    from infoview.log.columns import LOG_COLUMNS, normalise, normalise_row

    fields = {"contact": "Dr. Lena Kurz", "organisation": "Nordlicht Analytics", "sent_at": "2025-03-03 09:15",
              "channel": "E-Mail", "source": "Alumni"}
    change = {"replied_at": "04.03.2025", "response": "zugesagt"}
    record = ["", "", "Dr. Lena Kurz", "Nordlicht Analytics", "", "alumni", "email", "", "2025-03-03 09:15:00",
              None, None, None, None, None, 0, ""]
    insert = (f"INSERT INTO outreach ({', '.join(LOG_COLUMNS)}) VALUES ({', '.join('?' * len(LOG_COLUMNS))})")
    with tempfile.TemporaryDirectory(dir=folder) as inside, iv.OutreachLog(Path(inside) / "store.sqlite3") as log:
        bare = sqlite3.connect(Path(inside) / "store.sqlite3", isolation_level=None)
        bare.execute("PRAGMA synchronous=FULL")
        ids = []

        def commit(i):
            bare.execute("BEGIN IMMEDIATE")
            bare.execute(insert, [f"bare-{i}", *record[1:]])
            bare.execute("COMMIT")

        ms = best_ms({"add": lambda i: ids.append(log.add(**fields)), "bare": commit,
                      "update": lambda i: log.update(ids[i], **change)}, calls)
        bare.close()
        stored = log.get(ids[0])
    row = {**stored, **change}
    checks = best_ms({"row": lambda i: normalise_row(row),
                      "frame": lambda i: normalise(pd.DataFrame([row], columns=LOG_COLUMNS, dtype=object))}, calls // 4)
    add, update, commit, one, frame = ms["add"], ms["update"], ms["bare"], checks["row"], checks["frame"]
    print(f"store in {folder or tempfile.gettempdir()}: ms per call, best of 3 runs of {calls}")
    print(f"  OutreachLog.add            {add:7.3f} ms")
    print(f"  OutreachLog.update         {update:7.3f} ms")
    print(f"  bare SQLite insert+commit  {commit:7.3f} ms   (add - bare: {add - commit:.3f} ms, "
          f"update - bare: {update - commit:.3f} ms)")
    print(f"  check one row: normalise_row {one:.3f} ms, normalise on a one-row frame {frame:.3f} ms "
          f"({frame / one:.0f}x)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["store"]:
        store(sys.argv[2] if len(sys.argv) > 2 else None)
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
