"""A German-speaking user reads every error in German: files that cannot be read (infoview.textfile
and its callers), the class report's problems with broken hand-ins, the workspace, the analysis and
the linter's command line. Each test also checks that the English words of the message are gone."""

import pandas as pd
import pytest

import infoview as iv
from infoview import analysis, textfile
from infoview.classroom import batch
from infoview.classroom.handins import read_submissions
from infoview.classroom.report import class_report
from infoview.cli import main
from infoview.errors import ArgumentError, FileError, LogError, WorkspaceError
from infoview.log.write import write_log
from infoview.prepare.contacts import read_contacts
from infoview.problems import in_language
from infoview.widgets.binding import describe

ENGLISH = ("line ", "Fix:", "field ", "value ", " the ", " is ", " not ", " over the limit", "cannot", "must be")

MIXED = "Vorname;Nachname\nJürgen;Groß\nMüller;Weiß\n".encode("utf-8")[:-12] + "Müller;Weiß\n".encode("cp1252")


def _no_english(said):
    assert not [word for word in ENGLISH if word in said], said


# --- files -------------------------------------------------------------------------------------

def test_a_file_with_two_encodings_is_refused_in_german_with_its_line(tmp_path):
    path = tmp_path / "kontakte.csv"
    path.write_bytes(MIXED)
    with pytest.raises(FileError) as caught:
        read_contacts(path, language="de")
    said = str(caught.value)
    assert "Zeile 3: die Datei mischt zwei Zeichenkodierungen (UTF-8 und Windows-1252)" in said
    assert "Abhilfe: Öffnen Sie sie in einer Tabellenkalkulation" in said
    _no_english(said.replace(str(path), ""))
    with pytest.raises(FileError, match="line 3: the file mixes two text encodings"):
        read_contacts(path)


def test_the_readers_limits_are_said_in_german_with_german_numbers():
    with pytest.raises(FileError) as caught:
        textfile.csv_records(";".join(["x"] * 1_200) + "\n", ";", "a.csv")
    said = str(in_language(caught.value, "de"))
    assert said == ("a.csv, Zeile 1: die Zeile hat 1.200 Spalten, erlaubt sind höchstens 1.000. "
                    "Abhilfe: Prüfen Sie, ob dies die richtige Datei ist.")
    with pytest.raises(FileError) as caught:
        textfile.csv_records('a;"' + "y" * (textfile.MAX_FIELD + 5) + '"\n', ";", "b.csv")
    assert "ein Feld darf höchstens 100.000 Zeichen enthalten" in str(in_language(caught.value, "de"))


def test_read_log_says_why_a_file_cannot_be_read_in_german(tmp_path):
    (tmp_path / "mixed.csv").write_bytes(MIXED.replace(b"Vorname;Nachname", b"contact;sent_at"))
    for source, words in ((tmp_path / "mixed.csv", "mischt zwei Zeichenkodierungen"),
                          (tmp_path / "fehlt.csv", "die Protokolldatei lässt sich nicht öffnen (die Datei gibt es nicht)"),
                          (tmp_path, "keine gewöhnliche Datei")):
        with pytest.raises(LogError) as caught:
            iv.read_log(source, language="de")
        said = str(caught.value)
        assert words in said and said.count("Problem im Kontaktprotokoll") == 1, said
        _no_english(said.replace(str(tmp_path), ""))
        assert words in caught.value.problems[0].message


def test_a_contacts_file_infoview_does_not_know_is_refused_in_german(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text("Spalte A;Spalte B\n1;2\n", encoding="utf-8")
    with pytest.raises(FileError) as caught:
        read_contacts(path, language="de")
    said = str(caught.value)
    assert "dies ist keine Kontaktdatei, die infoview kennt" in said and "Connections.csv von LinkedIn" in said
    _no_english(said.replace(str(path), ""))


# --- the class report --------------------------------------------------------------------------

@pytest.fixture
def hand_ins(tmp_path, monkeypatch):
    """A class with one good log, one file that is too big, one that is not a log and one that takes too long."""
    folder = tmp_path / "abgaben"
    folder.mkdir()
    write_log(iv.sample_log(students=1, weeks=4, seed=2), folder / "s01.csv", pseudonymize=True)
    (folder / "s02.csv").write_text("contact,sent_at\n" + "Kontakt 1,03.11.2025\n" * 400, encoding="utf-8")
    (folder / "s03.pdf").write_bytes(b"%PDF-1.4")
    (folder / "s04.csv").write_text("contact,sent_at\nKontakt 2,04.11.2025\n", encoding="utf-8")
    (folder / "s05.csv").write_bytes(MIXED.replace(b"Vorname;Nachname", b"contact;sent_at"))
    monkeypatch.setattr(batch, "MAX_FILE_BYTES", 2_000)
    loading = batch._load

    def slow(path):
        if path.name == "s04.csv":
            raise TimeoutError
        return loading(path)

    monkeypatch.setattr(batch, "_load", slow)
    return folder


def test_the_class_reports_problems_with_broken_hand_ins_are_german(hand_ins, tmp_path):
    html = class_report(hand_ins, tmp_path / "bericht.html", language="de", progress=False).read_text(encoding="utf-8")
    for words in ("für eine Abgabe sind höchstens 0 MB erlaubt", "Dateien mit der Endung .pdf sind keine Kontaktprotokolle",
                  "länger gedauert als die Grenze von 30 Sekunden", "mischt zwei Zeichenkodierungen"):
        assert words in html, words
    for english in ("over the limit", "took longer", "are not outreach logs", "mixes two text encodings"):
        assert english not in html, english


def test_the_german_command_line_lists_the_broken_hand_ins_in_german(hand_ins, tmp_path, capsys):
    assert main(["class-report", str(hand_ins), "-o", str(tmp_path / "k.html"), "--lang", "de", "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert "s04.csv:\n    - das Lesen der Datei hat länger gedauert als die Grenze von 30 Sekunden" in err
    assert "    - Zeile 3: die Datei mischt zwei Zeichenkodierungen" in err
    _no_english(err.replace(str(hand_ins), ""))
    assert main(["class-report", str(hand_ins), "-o", str(tmp_path / "c.html"), "--no-progress"]) == 0
    assert "reading the file took longer than the limit of 30 seconds" in capsys.readouterr().err


# --- the workspace -----------------------------------------------------------------------------

def test_the_workspace_refuses_in_german(tmp_path):
    with iv.Workspace(tmp_path / "ws.sqlite3", language="de") as ws:
        for change, words in ((lambda: ws.add_person("Kim Berger", email="kim-at-example"),
                               "Feld 'email', Wert 'kim-at-example': ist keine E-Mail-Adresse. Abhilfe: Schreiben Sie"),
                              (lambda: ws.person("Niemand"), "keine Person mit diesem Namen"),
                              (lambda: ws.tick(99, "x"), "diesen Schritt gibt es nicht"),
                              (lambda: ws.add_debrief("Kim", "31.02.2025"), "keine Person mit diesem Namen"),
                              (lambda: ws.hand_in(tmp_path / "abgabe.csv"), "eine Abgabe ist eine Excel-Arbeitsmappe")):
            with pytest.raises(WorkspaceError) as caught:
                change()
            said = str(caught.value).replace(str(tmp_path), "")
            assert words in said, said
            _no_english(said.replace("ws.people()", ""))


def test_a_forgotten_contact_is_numbered_in_the_workspaces_language(tmp_path):
    for language, stand_in in (("de", "Gelöschter Kontakt 1"), ("en", "Forgotten contact 1")):
        with iv.Workspace(tmp_path / f"{language}.sqlite3", language=language) as ws:
            ws.log.add(contact="Lena Kurz", organisation="Nordlicht", sent_at="03.03.2025")
            ws.forget("Lena Kurz", keep_statistics=True)
            assert ws.log.to_frame()["contact"].tolist() == [stand_in]


def test_widgets_and_the_command_line_say_workspace_errors_in_german(tmp_path, capsys):
    with iv.Workspace(tmp_path / "ws.sqlite3") as ws:  # an English workspace, shown in a German widget
        with pytest.raises(WorkspaceError) as caught:
            ws.add_person("")
    assert describe(caught.value, "de") == "der Name ist leer. Schreiben Sie den Namen der Person."
    assert main(["people", "forget", "Niemand", "--yes", "--db", str(tmp_path / "ws.sqlite3"), "--lang", "de"]) == 2
    err = capsys.readouterr().err
    assert "keine Person mit diesem Namen. Abhilfe: Prüfen Sie die Schreibweise" in err
    _no_english(err.replace(str(tmp_path), "").replace("ws.people()", ""))


# --- the analysis ------------------------------------------------------------------------------

LOG = pd.DataFrame({"sent_at": pd.to_datetime(["2025-03-03", "2025-03-10"]),
                    "replied_at": pd.to_datetime(["2025-03-04", None]), "source": ["alumni", "cold"]})


@pytest.mark.parametrize("call, words", [
    (lambda lang: analysis.reply_rates(LOG, by="quelle", language=lang), "Spalte 'quelle': diese Spalte fehlt"),
    (lambda lang: analysis.reply_rates(LOG, freq="14 Tage", language=lang), "freq muss einer dieser Werte sein"),
    (lambda lang: analysis.reply_rates(LOG, within=-3, language=lang), "within muss eine Zahl von Tagen"),
    (lambda lang: analysis.activity(LOG, goal=-1, language=lang), "goal muss eine Zahl von Anfragen"),
    (lambda lang: analysis.compare(LOG, "source", "alumni", "alumni", language=lang), "a und b sind beide 'alumni'"),
    (lambda lang: analysis.time_to_reply(LOG, by=["source", "source"], language=lang), "by nennt eine Spalte zweimal"),
    (lambda lang: analysis.plot_reply_rates(LOG, freq="fortnight", language=lang), "freq muss einer dieser Werte"),
])
def test_analysis_input_errors_are_german_when_asked(call, words):
    with pytest.raises((ArgumentError, LogError)) as caught:
        call("de")
    assert words in str(caught.value)
    _no_english(str(caught.value))
    with pytest.raises((ArgumentError, LogError)) as english:
        call("en")
    assert type(english.value) is type(caught.value) and words not in str(english.value)


def test_a_wrong_kind_of_argument_is_still_a_type_error():
    with pytest.raises(TypeError, match="within muss eine Zahl von Tagen sein, nicht 'sieben'"):
        analysis.reply_rates(LOG, within="sieben", language="de")


# --- the linter on the command line ------------------------------------------------------------

def test_the_german_lint_output_names_each_rule_in_german_and_keeps_its_id(tmp_path, capsys):
    draft = tmp_path / "anfrage.txt"
    draft.write_text("Betreff: Frage\n\nSehr geehrte Frau Kurz,\nich suche eine Stelle bei Ihnen.\n"
                     "Mit freundlichen Grüßen\nKim Berger\n", encoding="utf-8")
    assert main(["lint", str(draft), "--lang", "de"]) == 1
    out = capsys.readouterr().out
    assert "[Bittet um eine Stelle (asks-for-job)]" in out and " Fehler " in out
    assert "von 100 Wörtern" in out and "1 Datei geprüft: 1 Fehler" in out
    for english in ("error", "warning", " of 100 words", "file checked", "[asks-for-job]"):
        assert english not in out, english
    assert main(["lint", str(draft), "--lang", "de", "--format", "json"]) == 1
    assert '"rule": "asks-for-job"' in capsys.readouterr().out
    assert main(["lint", str(tmp_path / "fehlt.txt"), "--lang", "de"]) == 2
    assert "die Datei gibt es nicht; prüfen Sie den Pfad" in capsys.readouterr().err


def test_the_german_draft_check_is_german(capsys):
    assert main(["draft", "outreach", "--lang", "de", "--example", "--field", "focus=einen Job bei Ihnen",
                 "--check"]) == 1
    err = capsys.readouterr().err
    assert "Fehler: " in err and "(asks-for-job)]" in err
    assert "error:" not in err


# --- the logger's own file and what is due -----------------------------------------------------

def test_the_log_file_failing_is_said_in_german(tmp_path):
    path = tmp_path / "kaputt.sqlite3"
    path.write_bytes(b"das ist keine Datenbank, nur Text " * 200)
    with pytest.raises(LogError) as caught:
        iv.OutreachLog(path, language="de")
    said = str(caught.value)
    assert "dies ist keine Datenbank eines Kontaktprotokolls" in said and "1 Problem im Kontaktprotokoll" in said
    _no_english(said.replace(str(path), ""))
    with pytest.raises(LogError, match="this is not an outreach log database"):
        iv.OutreachLog(path)


def test_what_is_due_refuses_a_day_that_is_no_date_in_german():
    with pytest.raises(LogError) as caught:
        iv.due(LOG.assign(contact=["Ada", "Bo"], response=["accepted", None]), today=["kein Datum"], language="de")
    assert "ist kein Datum; geben Sie ein Datum oder einen Text wie 01.12.2025 an" in str(caught.value)
    _no_english(str(caught.value))
