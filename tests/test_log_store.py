"""The SQLite store: validated changes, migrations, all-or-nothing imports, crashes and concurrency."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pandas as pd
import pytest

import infoview as iv
from infoview.log import store as store_module


@pytest.fixture
def log(tmp_path):
    with iv.OutreachLog(tmp_path / "log.sqlite3") as opened:
        yield opened


def rows_in(path):
    with sqlite3.connect(path) as db:
        return db.execute("SELECT outreach_id FROM outreach ORDER BY rowid").fetchall()


def test_add_generates_ids_applies_defaults_and_validates(log):
    first = log.add(contact="Lena Kurz", sent_at="03.03.2025 09:15")
    second = log.add(contact="Jonas Dorn", sent_at="2025-03-04", outreach_id="mine-1", source="Kalt")
    assert first != second and second == "mine-1" and len(log) == 2
    row = log.get(first)
    assert row["sent_at"] == pd.Timestamp("2025-03-03 09:15")
    assert row["referrals"] == 0 and row["organisation"] == "" and row["response"] is None
    assert log.get("mine-1")["source"] == "cold"
    for bad in ({"sent_at": "2025-03-03"}, {"contact": "A"}, {"contact": "A", "sent_at": "soon"},
                {"contact": "A", "sent_at": "2025-03-03", "colour": "blue"},
                {"contact": "A", "sent_at": "2025-03-03", "meeting_at": "2025-03-05"}):
        with pytest.raises(iv.LogError):
            log.add(**bad)
    with pytest.raises(iv.LogError, match="already in the log"):
        log.add(contact="Other", sent_at="2025-03-05", outreach_id="mine-1")
    assert len(log) == 2


def test_update_records_progress_and_refuses_invalid_changes(log):
    oid = log.add(contact="Lena Kurz", organisation="Nordlicht", sent_at="2025-03-03 09:15")
    log.update(oid, replied_at="2025-03-04", response="accepted")
    log.update(oid, meeting_at="2025-03-10 14:00", referrals=2)
    before = log.get(oid)
    with pytest.raises(iv.LogError) as caught:
        log.update(oid, thank_you_at="2025-03-09")
    assert caught.value.problems[0].column == "thank_you_at"
    with pytest.raises(iv.LogError):
        log.update(oid, response=None)  # a reply date without a response
    with pytest.raises(iv.LogError):
        log.update("no-such-id", response="accepted")
    with pytest.raises(iv.LogError):
        log.update(oid, outreach_id="other")
    assert log.get(oid) == before
    log.update(oid, meeting_at=None)
    assert log.get(oid)["meeting_at"] is None


def test_database_settings_and_frame(log):
    db = sqlite3.connect(log.path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == store_module.SCHEMA_VERSION
    log.add(contact="Lena", sent_at="2025-03-03")
    stamps = db.execute("SELECT sent_at, created_at FROM outreach").fetchone()
    assert stamps[0] == "2025-03-03 00:00:00" and stamps[1]
    frame = log.to_frame()
    pd.testing.assert_frame_equal(frame, iv.read_log(frame))
    assert frame.dtypes.equals(iv.sample_log(students=2, weeks=2).dtypes)


def test_forward_migration_keeps_rows(tmp_path):
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    for statement in store_module._MIGRATIONS[0]:
        db.execute(statement)
    db.execute("INSERT INTO outreach (outreach_id, contact, sent_at) VALUES ('v1', 'Lena', '2025-03-03 00:00:00')")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with iv.OutreachLog(path) as log:
        assert log.get("v1")["contact"] == "Lena"
        log.add(contact="Jonas", sent_at="2025-03-04")
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == store_module.SCHEMA_VERSION
    assert db.execute("SELECT count(*) FROM outreach WHERE created_at IS NOT NULL").fetchone()[0] == 2


def test_newer_or_foreign_databases_are_refused(tmp_path):
    newer = tmp_path / "newer.sqlite3"
    sqlite3.connect(newer).execute(f"PRAGMA user_version = {store_module.SCHEMA_VERSION + 1}")
    with pytest.raises(iv.LogError, match="newer infoview"):
        iv.OutreachLog(newer)
    csv = tmp_path / "log.csv"
    csv.write_text("contact,sent_at\nLena,2025-03-03\n" * 50)
    with pytest.raises(iv.LogError, match="import_file"):
        iv.OutreachLog(csv)
    assert csv.read_text().startswith("contact,sent_at")


def test_default_path_is_in_the_user_data_directory():
    import platformdirs

    assert store_module.default_path().parent == platformdirs.user_data_path("infoview", appauthor=False)


# -- imports -------------------------------------------------------------------------------------

def test_import_is_idempotent_with_and_without_ids(log, tmp_path):
    sample = iv.sample_log(students=4, weeks=3, seed=2)
    result = log.import_file(sample)
    assert (result.added, result.unchanged) == (len(sample), 0)
    assert log.import_file(sample).added == 0 and len(log) == len(sample)
    no_ids = tmp_path / "no_ids.csv"
    no_ids.write_text("Kontakt;Gesendet am\nLena Kurz;03.03.2025\nJonas Dorn;04.03.2025\n", encoding="utf-8")
    assert log.import_file(no_ids).added == 2
    again = log.import_file(no_ids)
    assert (again.added, again.unchanged) == (0, 2)
    assert len(log) == len(sample) + 2
    pd.testing.assert_frame_equal(log.to_frame().iloc[:len(sample)], sample)


def test_import_conflicts_error_keep_replace(log):
    sample = iv.sample_log(students=2, weeks=2, seed=5)
    log.import_file(sample)
    changed = sample.copy()
    changed.loc[0, "notes"] = "changed in the spreadsheet"
    extra = changed.iloc[[0]].assign(outreach_id="new-row")
    both = pd.concat([changed, extra], ignore_index=True)
    with pytest.raises(iv.LogError) as caught:
        log.import_file(both)
    assert caught.value.problems[0].line == 2 and caught.value.problems[0].value == sample.loc[0, "outreach_id"]
    assert len(log) == len(sample)
    kept = log.import_file(both, on_conflict="keep")
    assert (kept.added, kept.kept) == (1, 1) and log.get(sample.loc[0, "outreach_id"])["notes"] == sample.loc[0, "notes"]
    replaced = log.import_file(both, on_conflict="replace")
    assert replaced.replaced == 1 and log.get(sample.loc[0, "outreach_id"])["notes"] == "changed in the spreadsheet"


BROKEN = {
    "bad date on line 4": ("contact,sent_at\nA,2025-03-03\nB,2025-03-04\nC,2025-03-32\n", 4),
    "bad source on line 3": ("contact,sent_at,source\nA,2025-03-03,alumni\nB,2025-03-04,guesswork\n", 3),
    "too many fields on line 2": ("contact,sent_at\nA,2025-03-03,oops\nB,2025-03-04\n", 2),
    "duplicate id on line 3": ("outreach_id,contact,sent_at\nx,A,2025-03-03\nx,B,2025-03-04\n", 3),
    "missing column": ("contact,organisation\nA,B\n", 1),
    "binary": (b"\x00\x01\x02\x03" * 20, None),
}


@pytest.mark.parametrize("name", BROKEN)
def test_broken_files_change_nothing(log, tmp_path, name):
    content, line = BROKEN[name]
    log.import_file(iv.sample_log(students=2, weeks=2))
    before = log.to_frame()
    path = tmp_path / "broken.csv"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    with pytest.raises(iv.LogError) as caught:
        log.import_file(path)
    assert caught.value.problems[0].line == line
    pd.testing.assert_frame_equal(log.to_frame(), before)


# -- reliability with real processes -------------------------------------------------------------

WRITER = textwrap.dedent("""
    import sys, time
    from infoview.log.store import OutreachLog
    log = OutreachLog(sys.argv[1])
    tag, count = sys.argv[2], int(sys.argv[3])
    start = float(sys.argv[4])
    while time.time() < start:
        time.sleep(0.005)
    for i in range(count):
        oid = log.add(contact=f"{tag} person {i}", organisation="Nordlicht", sent_at="2025-03-03 10:00",
                      notes="n" * 300)
        print(oid, flush=True)
""")


def _writer(path, tag, count, start=0.0):
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), tag, str(count), str(start)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_sigkill_mid_write_loses_no_returned_row(tmp_path):
    path = tmp_path / "crash.sqlite3"
    iv.OutreachLog(path).close()
    writer = _writer(path, "crash", 100_000)
    returned = []
    while len(returned) < 40:
        line = writer.stdout.readline()
        assert line, writer.stderr.read()
        returned.append(line.strip())
    os.kill(writer.pid, signal.SIGKILL)
    returned += [line.strip() for line in writer.stdout.read().splitlines() if line.strip()]
    writer.wait()
    assert writer.returncode == -signal.SIGKILL
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {row[0] for row in db.execute("SELECT outreach_id FROM outreach")}
    assert set(returned) <= stored
    with iv.OutreachLog(path) as log:  # and the log opens and works afterwards
        log.add(contact="after the crash", sent_at="2025-03-04")
        assert len(log) == len(stored) + 1


def test_two_processes_adding_at_once_lose_nothing(tmp_path):
    path = tmp_path / "shared.sqlite3"
    iv.OutreachLog(path).close()
    start = time.time() + 4.0
    writers = [_writer(path, tag, 60, start) for tag in ("left", "right")]
    outputs = [w.communicate(timeout=300) for w in writers]
    for writer, (_, err) in zip(writers, outputs):
        assert writer.returncode == 0, err
    returned = [oid for out, _ in outputs for oid in out.split()]
    assert len(returned) == 120 == len(set(returned))
    stored = [row[0] for row in rows_in(path)]
    assert sorted(stored) == sorted(returned)
    contacts = iv.OutreachLog(path).to_frame()["contact"]
    assert contacts.str.startswith("left").sum() == 60 and contacts.str.startswith("right").sum() == 60
