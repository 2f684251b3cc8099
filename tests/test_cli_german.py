"""With --lang de the command line speaks German: the log commands, the dates of what is due, and the
studio's start text (Voilà itself is not started here)."""

import re
import subprocess

import pytest

import infoview as iv
from infoview.cli import app as app_command
from infoview.cli import main


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "log.sqlite3"
    with iv.OutreachLog(path) as log:
        log.add(contact="Lena Kurz", sent_at="2026-11-02")
    return str(path)


def test_export_and_import_say_what_they_did_in_german(db, tmp_path, capsys):
    target = tmp_path / "s07.csv"
    assert main(["log", "--db", db, "--lang", "de", "export", str(target), "--pseudonymize", "--excel-de"]) == 0
    assert capsys.readouterr().out == f"1 Zeile nach {target} geschrieben (pseudonymisiert)\n"
    assert main(["log", "--db", db, "--lang", "de", "export", str(tmp_path / "mine.csv")]) == 0
    assert main(["log", "--db", db, "import", str(tmp_path / "mine.csv"), "--lang", "de"]) == 0
    assert "0 neu, 1 schon vorhanden" in capsys.readouterr().out.splitlines()[-1]


def test_check_prints_every_problem_in_german(tmp_path, capsys):
    broken = tmp_path / "log.csv"
    broken.write_text("Kontakt;Gesendet am\nLena Kurz;gestern\n;01.11.2026\n", encoding="utf-8")
    assert main(["log", "check", str(broken), "--lang", "de"]) == 1
    out, err = capsys.readouterr()
    assert "Zeile 2, Spalte 'Gesendet am', Wert 'gestern': ist kein Datum" in out
    assert "Zeile 3, Spalte 'Kontakt': der Kontakt ist leer" in out
    assert err == "2 Probleme; beheben Sie sie und prüfen Sie die Datei erneut\n"


def test_what_is_due_has_german_dates(db, capsys):
    assert main(["log", "--db", db, "due", "--today", "2026-12-06", "--lang", "de"]) == 0
    out = capsys.readouterr().out
    assert re.match(r"\d\d\.11\.2026  ", out) and "2026-11" not in out


def test_the_studio_starts_with_a_german_text(tmp_path, monkeypatch, capsys):
    class Finished:
        def __init__(self, *args, **kwargs):
            pass

        def wait(self):
            return 0

        def poll(self):
            return 0

    monkeypatch.setattr(app_command, "find_spec", lambda name: object(), raising=False)
    monkeypatch.setattr(subprocess, "Popen", Finished)
    assert main(["app", "--lang", "de", "--no-browser", "--log", str(tmp_path / "ws.sqlite3")]) == 0
    err = capsys.readouterr().err
    assert "die Schreibwerkstatt startet (Deutsch); Ihre Arbeit wird in" in err and "beenden mit Strg+C" in err
    assert "starting" not in err


def test_the_workspace_due_list_has_german_dates(tmp_path, capsys):
    from infoview.workspace import Workspace

    path = tmp_path / "ws.sqlite3"
    with Workspace(path) as ws:
        ws.log.add(contact="Lena Kurz", sent_at="2026-11-02")
    assert main(["due", "--db", str(path), "--today", "2026-12-06", "--lang", "de"]) == 0
    out = capsys.readouterr().out
    assert re.match(r"\d\d\.11\.2026  ", out) and "2026-11" not in out


def test_the_german_rule_table_names_every_rule_in_german(capsys):
    from infoview.emails import lint
    from infoview.texts import texts

    assert set(texts("drafter.rule_names", "de")) == set(lint.LINT_RULES)
    assert main(["lint", "--rules", "--lang", "de"]) == 0
    out = capsys.readouterr().out
    assert "Zu lang (too-long)  [Fehler / Warnung / Tipp]  alle Arten" in out
    assert "Bittet um eine Stelle (asks-for-job)" in out
    heads = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert len(heads) == len(lint.LINT_RULES)
    assert not [h for h in heads if any(word in h for word in ("error", "warning", "tip", "outreach", "thank_you"))]


def test_the_reports_mistakes_are_told_in_german(db, tmp_path, capsys):
    assert main(["report", db, "--lang", "de", "--by", "laune", "-o", str(tmp_path / "r.html")]) == 2
    assert "diese Spalte gibt es im Protokoll nicht" in capsys.readouterr().err
    assert main(["report", db, "--lang", "de", "--as-of", "bald", "-o", str(tmp_path / "r.html")]) == 2
    assert "kein Datum" in capsys.readouterr().err
    assert main(["class-report", str(tmp_path / "nirgends"), "--lang", "de", "--goal", "-1"]) == 2
    assert "--goal muss 0 oder mehr" in capsys.readouterr().err
