"""``infoview log``: check, import, export and due, in process and as a real command."""

import subprocess
import sys
from pathlib import Path

import pandas as pd

import infoview as iv
from infoview.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample_outreach.csv"
GERMAN = ROOT / "data" / "beispiel_kontaktprotokoll.csv"


def test_check_good_and_broken_files(tmp_path, capsys):
    assert main(["log", "check", str(GERMAN)]) == 0
    assert "no problems" in capsys.readouterr().out
    broken = tmp_path / "broken.csv"
    rows = SAMPLE.read_text(encoding="utf-8").splitlines()
    rows[4] = rows[4].replace(',"email",', ',"pigeon",')
    rows[150] = rows[150].replace("2025-", "2025/", 1)
    broken.write_text("\n".join(rows * 1) + "\n", encoding="utf-8")
    assert main(["log", "check", str(broken)]) == 1
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert len(lines) == 2 and "line 5, column 'channel'" in lines[0] and "line 151, column 'sent_at'" in lines[1]
    assert "2 problems" in out.err


def test_import_export_due_with_db_before_or_after(tmp_path, capsys):
    db = str(tmp_path / "log.sqlite3")
    assert main(["log", "--db", db, "import", str(SAMPLE)]) == 0
    assert "added" in capsys.readouterr().out
    # the same rows in German: nothing new, only the notes are German (kept as stored)
    assert main(["log", "import", str(GERMAN), "--db", db, "--on-conflict", "keep"]) == 0
    noted = int((iv.sample_log()["notes"] != "").sum())
    assert f"0 added, {len(iv.sample_log()) - noted} already present, {noted} differing rows kept" in \
        capsys.readouterr().out
    assert main(["log", "--db", db, "due", "--today", "2025-12-22"]) == 0
    out = capsys.readouterr().out
    assert "Try a second contact" in out and "2025-" in out
    assert main(["log", "--db", db, "due", "--today", "22.12.2025", "--lang", "de"]) == 0
    assert "Sprechen Sie" in capsys.readouterr().out
    for args, name in ((["--excel-de"], "de.csv"), (["--format", "xlsx"], "out.xlsx"), ([], "out.csv")):
        assert main(["log", "--db", db, "export", str(tmp_path / name), *args]) == 0
        pd.testing.assert_frame_equal(iv.read_log(tmp_path / name), iv.sample_log())
    assert (tmp_path / "de.csv").read_bytes().startswith(b'\xef\xbb\xbf"Nr";')
    assert main(["log", "--db", db, "export", str(tmp_path / "anon.csv"), "--pseudonymize"]) == 0
    assert "pseudonymised" in capsys.readouterr().out
    text = (tmp_path / "anon.csv").read_text(encoding="utf-8")
    assert "Contact " in text and iv.sample_log().loc[0, "contact"] not in text


def test_broken_import_fails_cleanly_and_changes_nothing(tmp_path, capsys):
    db = str(tmp_path / "log.sqlite3")
    main(["log", "--db", db, "import", str(SAMPLE)])
    capsys.readouterr()
    broken = tmp_path / "broken.csv"
    broken.write_text("contact,sent_at\nLena,2025-03-03\nJonas,soon\n", encoding="utf-8")
    assert main(["log", "--db", db, "import", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("infoview: ") and "line 3" in err
    assert len(iv.OutreachLog(db)) == len(iv.sample_log())
    empty = str(tmp_path / "empty.sqlite3")
    assert main(["log", "--db", empty, "due"]) == 0
    assert "Nothing is due" in capsys.readouterr().out


def test_real_command(tmp_path):
    command = Path(sys.executable).with_name("infoview")
    db = tmp_path / "log.sqlite3"
    done = subprocess.run([command, "log", "--db", db, "import", SAMPLE], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([command, "log", "check", tmp_path / "missing.csv"], capture_output=True, text=True)
    assert done.returncode == 1 and "cannot be opened" in done.stdout
    done = subprocess.run([command, "log", "--db", db, "export", tmp_path / "x.csv", "--pseudonymise"],
                          capture_output=True, text=True)
    assert done.returncode == 0 and (tmp_path / "x.csv").exists()
