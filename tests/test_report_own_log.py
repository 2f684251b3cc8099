"""`infoview report` reads the student's own SQLite log and workspace file, and says in the
student's language what to do with a SQLite file that holds no log."""

import sqlite3

import infoview as iv
from infoview.cli import main
from infoview.workspace import Workspace


def test_the_report_reads_the_loggers_own_sqlite_file(tmp_path, capsys):
    path = tmp_path / "my_outreach.sqlite3"
    with iv.OutreachLog(path) as log:
        log.import_file(iv.sample_log(students=1, weeks=6, seed=2))
        rows = len(log)
    assert main(["report", str(path), "-o", str(tmp_path / "r.html")]) == 0
    assert (tmp_path / "r.html").stat().st_size > 1000 and f"{rows}" in capsys.readouterr().out
    assert len(iv.read_log(path)) == rows


def test_the_report_reads_the_workspace_file(tmp_path):
    path = tmp_path / "workspace.sqlite3"
    with Workspace(path) as ws:
        ws.log.add(contact="Lena Kurz", sent_at="03.03.2025", channel="email")
    assert len(iv.read_log(path)) == 1
    assert main(["report", str(path), "-o", str(tmp_path / "r.html"), "--lang", "de"]) == 0


def test_a_sqlite_file_without_a_log_points_to_the_export_in_german(tmp_path, capsys):
    path = tmp_path / "andere.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notizen (text TEXT)")
    assert main(["report", str(path), "--lang", "de", "-o", str(tmp_path / "r.html")]) == 2
    said = capsys.readouterr().err
    assert "enthält kein Kontaktprotokoll" in said and "infoview log export DATEI --pseudonymize" in said
