"""The workspace file: opening today's outreach logs, refusing foreign or newer files, one transaction
per change, and SIGKILL during writes of people, drafts and debriefs."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pandas as pd
import pytest

import infoview as iv
from infoview.log import store as log_store
from infoview.workspace import schema


def test_an_outreach_log_written_today_opens_as_a_workspace_without_loss(tmp_path):
    original = tmp_path / "outreach_log.sqlite3"
    sample = iv.sample_log(students=2, weeks=3, seed=4)
    with iv.OutreachLog(original) as log:
        log.import_file(sample)
        oid = log.add(contact="Dr. Lena Kurz", organisation="Nordlicht", sent_at="2025-03-03 09:15")
        log.update(oid, replied_at="2025-03-04", response="accepted", meeting_at="2025-03-10 14:00")
        log.add(contact="lena  kurz", organisation="Nordlicht", sent_at="2025-04-01")
        before = log.to_frame()
    reader = sqlite3.connect(original)
    stamps = reader.execute("SELECT created_at, updated_at FROM outreach").fetchall()
    reader.close()
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(original, copy)
    with iv.Workspace(copy) as ws:
        assert isinstance(ws.log, iv.OutreachLog) and ws.log.path == copy
        pd.testing.assert_frame_equal(ws.log.to_frame(), before)
        everyone = ws.people()
        expected = before[["contact", "organisation"]].assign(
            contact=before["contact"].str.replace("Dr. ", "").str.split().str.join(" ").str.casefold())
        assert len(everyone) == len(expected.drop_duplicates())
        lena = ws.person("Lena Kurz")
        assert (lena.title, lena.organisation) == ("Dr.", "Nordlicht")
        linked = dict(sqlite3.connect(copy).execute("SELECT outreach_id, person_id FROM outreach"))
        assert all(linked.values()) and linked[oid] == lena.person_id
        assert sum(1 for v in linked.values() if v == lena.person_id) == 2
    db = sqlite3.connect(copy)
    assert db.execute("SELECT created_at, updated_at FROM outreach").fetchall() == stamps
    assert db.execute("PRAGMA user_version").fetchone()[0] == log_store.SCHEMA_VERSION
    assert db.execute("SELECT value FROM workspace_meta WHERE key = 'version'").fetchone()[0] == str(schema.VERSION)
    with iv.OutreachLog(copy) as log:  # the log alone still opens the workspace file
        log.add(contact="Jonas Dorn", sent_at="2025-05-05")
    with iv.Workspace(copy) as ws:  # and a row added through the log alone gets its person
        assert ws.person("Jonas Dorn").organisation == ""


def test_a_version_one_log_is_migrated_through_both_schemas(tmp_path):
    path = tmp_path / "v1.sqlite3"
    db = sqlite3.connect(path)
    for statement in log_store._MIGRATIONS[0]:
        db.execute(statement)
    db.execute("INSERT INTO outreach (outreach_id, contact, organisation, sent_at) "
               "VALUES ('v1', 'Lena Kurz', 'Nordlicht', '2025-03-03 00:00:00')")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with iv.Workspace(path) as ws:
        assert ws.log.get("v1")["contact"] == "Lena Kurz"
        assert [p.name for p in ws.people()] == ["Lena Kurz"]


def test_settings_default_path_and_reopening(tmp_path, monkeypatch):
    with iv.Workspace(tmp_path / "ws.sqlite3") as ws:
        ws.add_person("Lena Kurz")
        db = sqlite3.connect(ws.path)
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with iv.Workspace(tmp_path / "ws.sqlite3") as ws:
        assert [p.name for p in ws.people()] == ["Lena Kurz"]
    monkeypatch.setattr(log_store, "default_path", lambda: tmp_path / "data" / "default.sqlite3")
    from infoview.workspace import workspace as module

    monkeypatch.setattr(module, "default_path", log_store.default_path)
    with iv.Workspace() as ws:
        assert ws.path == tmp_path / "data" / "default.sqlite3" and ws.log.path == ws.path


def test_foreign_and_newer_files_are_refused_and_left_alone(tmp_path):
    text = tmp_path / "log.csv"
    text.write_text("contact,sent_at\nLena,2025-03-03\n" * 50)
    with pytest.raises(iv.WorkspaceError, match="not an infoview workspace"):
        iv.Workspace(text)
    assert text.read_text().startswith("contact,sent_at")
    foreign = tmp_path / "other.sqlite3"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE recipes (name TEXT)")
    before = foreign.read_bytes()
    with pytest.raises(iv.WorkspaceError, match="other tables: recipes"):
        iv.Workspace(foreign)
    assert foreign.read_bytes() == before
    assert sqlite3.connect(foreign).execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    newer = tmp_path / "newer.sqlite3"
    iv.Workspace(newer).close()
    with sqlite3.connect(newer) as db:
        db.execute("UPDATE workspace_meta SET value = ? WHERE key = 'version'", (str(schema.VERSION + 1),))
    with pytest.raises(iv.WorkspaceError, match="newer infoview") as caught:
        iv.Workspace(newer)
    assert isinstance(caught.value, iv.InfoviewError) and "update infoview" in str(caught.value)
    newer_log = tmp_path / "newer_log.sqlite3"
    sqlite3.connect(newer_log).execute(f"PRAGMA user_version = {log_store.SCHEMA_VERSION + 1}")
    with pytest.raises(iv.WorkspaceError, match="newer infoview"):
        iv.Workspace(newer_log)


def test_a_refused_change_changes_nothing(tmp_path):
    with iv.Workspace(tmp_path / "ws.sqlite3") as ws:
        lena = ws.add_person("Lena Kurz")
        with pytest.raises(iv.WorkspaceError, match="not a date"):
            ws.add_debrief(lena, "2025-03-10", advice="Read the sector report", named=["Tom Baker"],
                           actions=[("Read it", "next week")])
        assert ws.debriefs() == [] and [p.name for p in ws.people()] == ["Lena Kurz"]
        with pytest.raises(iv.WorkspaceError, match="field 'colour'"):
            ws.add_person("Jonas Dorn", colour="blue")
        assert len(ws.people()) == 1


# -- SIGKILL during writes -----------------------------------------------------------------------

WRITER = textwrap.dedent("""
    import sys
    from infoview.emails.draft import Draft
    from infoview.workspace import Workspace
    ws = Workspace(sys.argv[1])
    for i in range(int(sys.argv[2])):
        person = ws.add_person(f"Person {i}", organisation="Nordlicht", email=f"p{i}@example.org",
                               notes="n" * 300)
        draft = ws.save_draft(Draft("outreach", "en", fields={"first_name": "Person", "last_name": str(i)}),
                              person=person)
        debrief = ws.add_debrief(person, "2025-03-10", advice="a" * 300, named=[f"Named {i}"],
                                 actions=[f"Action {i}"])
        print(person, draft, debrief, flush=True)
""")


def test_sigkill_mid_write_loses_no_acknowledged_person_draft_or_debrief(tmp_path):
    path = tmp_path / "crash.sqlite3"
    iv.Workspace(path).close()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), "100000"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env={**os.environ})
    returned = []
    while len(returned) < 15:
        line = writer.stdout.readline()
        assert line, writer.stderr.read()
        returned.append(line.split())
    os.kill(writer.pid, signal.SIGKILL)
    returned += [line.split() for line in writer.stdout.read().splitlines() if line.strip()]
    writer.wait()
    assert writer.returncode == -signal.SIGKILL
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    people = {row[0] for row in db.execute("SELECT person_id FROM people")}
    drafts = {row[0] for row in db.execute("SELECT draft_id FROM drafts")}
    debriefs = {row[0] for row in db.execute("SELECT debrief_id FROM debriefs")}
    for person, draft, debrief in returned:
        assert int(person) in people and int(draft) in drafts and int(debrief) in debriefs
    # a debrief is all or nothing: each stored one has its named person and its action
    assert db.execute("SELECT count(*) FROM referrals").fetchone()[0] == len(debriefs)
    assert db.execute("SELECT count(*) FROM actions").fetchone()[0] == len(debriefs)
    with iv.Workspace(path) as ws:  # and the workspace opens and works afterwards
        ws.add_person("After the crash")
        assert len(ws.people()) == len(people) + 1


ADDER = textwrap.dedent("""
    import sys, time
    from infoview.workspace import Workspace
    ws = Workspace(sys.argv[1])
    start = float(sys.argv[2])
    while time.time() < start:
        time.sleep(0.005)
    for i in range(40):
        ws.add_person(f"Person {i}", organisation="Nordlicht")
        ws.log.add(contact=f"person {i}", organisation="Nordlicht", sent_at="2025-03-03")
    ws.people()
""")


def test_two_processes_adding_the_same_people_store_each_once(tmp_path):
    import time

    path = tmp_path / "shared.sqlite3"
    iv.Workspace(path).close()
    start = str(time.time() + 3.0)
    writers = [subprocess.Popen([sys.executable, "-c", ADDER, str(path), start], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    with iv.Workspace(path) as ws:
        assert sorted(p.name for p in ws.people()) == sorted(f"Person {i}" for i in range(40))
        assert len(ws.log) == 80
        linked = sqlite3.connect(path).execute("SELECT count(DISTINCT person_id) FROM outreach").fetchone()[0]
        assert linked == 40
