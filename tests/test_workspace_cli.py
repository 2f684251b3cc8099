"""``infoview people``, ``infoview due`` and ``infoview hand-in`` on a workspace, in English and German."""

import subprocess
import sys

import infoview as iv
from infoview.cli import main
from infoview.workspace import read_milestones


def test_people_add_list_and_forget(tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "ws.sqlite3")
    assert main(["people", "--db", db, "add", "Dr. Lena Kurz", "--organisation", "Nordlicht",
                 "--email", "l.kurz@nordlicht.example", "--form-of-address", "female"]) == 0
    assert capsys.readouterr().out == "Stored: Dr. Lena Kurz (id 1).\n"
    assert main(["people", "add", "Tom Baker", "--referred-by", "Lena Kurz", "--weeks", "4", "--db", db,
                 "--lang", "de"]) == 0
    assert capsys.readouterr().out == "Gespeichert: Tom Baker (Nr. 2).\n"
    assert main(["people", "--db", db, "--lang", "de"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Nr.", "Name", "Organisation", "E-Mail", "Empfohlen", "von"]
    assert lines[2].split() == ["2", "Tom", "Baker", "Dr.", "Lena", "Kurz"]
    with iv.Workspace(db) as ws:
        assert ws.person("Tom Baker").keep_in_touch_weeks == 4
    assert main(["people", "add", "Mira", "--email", "not-an-address", "--db", db]) == 2
    assert "field 'email'" in capsys.readouterr().err
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    assert main(["people", "forget", "1", "--db", db]) == 1
    assert "Nothing was forgotten" in capsys.readouterr().out
    monkeypatch.setattr("builtins.input", lambda prompt: "ja")
    assert main(["people", "forget", "Lena Kurz", "--db", db, "--lang", "de"]) == 0
    assert capsys.readouterr().out.startswith("Dr. Lena Kurz ist gelöscht")
    assert main(["people", "list", "--db", db]) == 0
    assert "Lena" not in capsys.readouterr().out


def test_due_and_hand_in(tmp_path, capsys):
    db = str(tmp_path / "ws.sqlite3")
    assert main(["due", "--db", db]) == 0
    assert capsys.readouterr().out == "Nothing is due. Well done!\n"
    with iv.Workspace(db) as ws:
        ws.log.add(contact="Lena Kurz", organisation="Nordlicht", sent_at="2025-03-03", student="s07")
        ws.add_debrief("Lena Kurz", "2025-03-10", named=["Tom Baker"])
    assert main(["due", "--db", db, "--today", "2025-03-13", "--lang", "de"]) == 0
    out = capsys.readouterr().out
    assert "12.03.2025  Schreiben Sie Tom Baker" in out and "12.03.2025  Haken Sie bei Lena Kurz" in out
    target = tmp_path / "s07.xlsx"
    assert main(["hand-in", "-o", str(target), "--db", db, "--today", "2025-03-13"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Wrote your hand-in to {target}") and "step  9  People you have talked with: 1" in out
    assert read_milestones(target).set_index("milestone").loc["debrief_written", "count"] == 1
    assert main(["hand-in", "-o", str(tmp_path / "s07.csv"), "--db", db]) == 2
    assert ".xlsx" in capsys.readouterr().err


def test_the_commands_run_as_a_program(tmp_path):
    db = str(tmp_path / "ws.sqlite3")
    done = subprocess.run([sys.executable, "-m", "infoview", "people", "add", "Lena Kurz", "--db", db],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "Lena Kurz" in done.stdout
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is no database" * 100)
    done = subprocess.run([sys.executable, "-m", "infoview", "due", "--db", str(broken)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "not an infoview workspace" in done.stderr and "Traceback" not in done.stderr
