"""An instructor who works in German reads every error about their own files in German: a broken
question bank, a broken email template (and one that hits a limit when it is rendered), and a
broken class roster. Each test also checks that no English sentence is left, and that the
English message is still English."""

import pandas as pd
import pytest

import infoview as iv
from infoview import contentfile
from infoview.classroom.report import class_report
from infoview.cli import main
from infoview.emails import sandbox
from infoview.emails.draft import Draft
from infoview.emails.render import clear_registered_templates, load_templates, register_templates
from infoview.errors import ContentError, TemplateError
from infoview.log.write import write_log
from infoview.problems import in_language

ENGLISH = ("line ", "Fix:", "field ", "entry ", " the ", " is ", " not ", " must ", "over the limit", "cannot",
           "unknown", "refused", "missing", "needs", "expected")


def _no_english(said):
    assert not [word for word in ENGLISH if word in said], said


GOOD = """\
- id: own-first-client
  category: assignments
  tags: [student]
  text:
    en: What was your first client project like?
    de: Wie lief Ihr erstes Kundenprojekt?
"""


# --- the question bank -------------------------------------------------------------------------

BANKS = {
    "unknown category": ("bank.yaml", GOOD.replace("category: assignments", "category: abschied"),
                         ["Eintrag 'own-first-client', Feld 'category': unbekannte Kategorie 'abschied'",
                          "Abhilfe: Verwenden Sie eine dieser Kategorien: opening,"],
                         "unknown category 'abschied'"),
    "tags of the wrong type": ("bank.yaml", GOOD.replace("tags: [student]", "tags: student"),
                               ["Feld 'tags': „tags“ muss eine Liste von Wörtern sein",
                                "Schreiben Sie etwa „tags: [student, tiara-trends]“"],
                               "tags must be a list of words"),
    "a list that is never closed": ("bank.yaml", GOOD.replace("tags: [student]", "tags: [student"),
                                    ["ungültiges YAML in Zeile 4, Spalte ",
                                     "Liste oder Zuordnung in Klammern wird nicht geschlossen",
                                     "Abhilfe: Prüfen Sie die Einrückung"],
                                    "invalid YAML at line 4, column "),
    "a missing German text": ("bank.yaml", GOOD.replace("    de: Wie lief Ihr erstes Kundenprojekt?\n", ""),
                              ["Feld 'text.de': die deutsche Übersetzung fehlt",
                               "Abhilfe: Ergänzen Sie unter „text:“ eine Zeile „de:“"],
                              "missing German translation"),
    "an audience nobody knows": ("bank.yaml", GOOD.replace("tags: [student]", "tags: [student]\n  audience: [kinder]"),
                                 ["„audience“ muss eine Liste aus diesen Werten sein: student, career_changer"],
                                 "audience must be a list drawn from student, career_changer"),
    "a follow-up of nothing": ("bank.yaml", GOOD.replace("tags: [student]", "tags: [student]\n  follows: [gibt-es-nicht]"),
                               ["folgt auf 'gibt-es-nicht', die es in der Fragensammlung nicht gibt"],
                               "follows 'gibt-es-nicht', which is not in the bank"),
    "an id used twice in a CSV file": ("bank.csv", "id;category;text_en;text_de\nq1;advice;Why?;Warum?\n"
                                       "q1;advice;How?;Wie?\n",
                                       ["Eintrag 'q1', Feld 'id': doppelte Kennung (auch verwendet von Zeile 2)",
                                        "Geben Sie jeder Frage ihre eigene Kennung"],
                                       "duplicate id (also used by line 2)"),
    "a CSV file without its columns": ("bank.csv", "id;text_de\nq1;Warum?\n",
                                       ["Feld 'header': es fehlt die Spalte category",
                                        "Die erste Zeile muss die Spalten id, category"],
                                       "missing column category"),
    "a CSV file without any text column": ("bank.csv", "id;category\nq1;advice\n",
                                           ["es fehlt die Spalte text_en oder text_de"],
                                           "missing column text_en or text_de"),
}


@pytest.mark.parametrize("kind", sorted(BANKS))
def test_a_broken_question_bank_is_explained_in_german(tmp_path, kind):
    name, content, german, english = BANKS[kind]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        iv.QuestionBank.from_file(path, language="de")
    said = str(caught.value)
    for words in german:
        assert words in said, said
    assert said.startswith(str(path))
    _no_english(said.replace(str(tmp_path), ""))
    with pytest.raises(ContentError, match=english.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        iv.QuestionBank.from_file(path)


def test_a_bank_that_is_too_big_or_not_utf8_is_refused_in_german(tmp_path, monkeypatch):
    latin = tmp_path / "alt.yaml"
    latin.write_bytes(GOOD.replace("Wie lief", "Wie läuft").encode("latin-1"))
    with pytest.raises(ContentError) as caught:
        iv.QuestionBank.from_file(latin, language="de")
    said = str(caught.value).replace(str(tmp_path), "")
    assert "die Datei ist kein UTF-8-Text (ungültiges Zeichen bei Byte" in said
    assert "Speichern Sie die Datei in Ihrem Editor als UTF-8" in said
    _no_english(said)
    monkeypatch.setattr(contentfile, "MAX_YAML_BYTES", 2_000_000)
    big = tmp_path / "gross.yaml"
    big.write_text("# " + "x" * 2_500_000 + "\n" + GOOD, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        iv.QuestionBank.from_file(big, language="de")
    said = str(caught.value).replace(str(tmp_path), "")
    assert "die Datei ist 2,5 MB groß, erlaubt sind höchstens 2 MB. Abhilfe: Teilen Sie sie" in said
    _no_english(said)
    with pytest.raises(ContentError, match="the file is 2.5 MB, over the limit of 2 MB"):
        iv.QuestionBank.from_file(big)


def test_the_german_command_line_explains_a_broken_bank_and_a_clash_in_german(tmp_path, capsys):
    path = tmp_path / "fragen.yaml"
    path.write_text(GOOD.replace("category: assignments", "category: abschied"), encoding="utf-8")
    assert main(["questions", "--lang", "de", "--bank", str(path)]) == 2
    err = capsys.readouterr().err
    assert "unbekannte Kategorie 'abschied'. Abhilfe: Verwenden Sie" in err
    _no_english(err.replace(str(tmp_path), ""))
    path.write_text(GOOD.replace("own-first-client", "resources-who-else"), encoding="utf-8")
    own = iv.QuestionBank.from_file(path, language="de")
    with pytest.raises(ContentError) as caught:
        iv.QuestionBank.builtin("de").extend(own)
    assert str(caught.value) == ("Eintrag 'resources-who-else', Feld 'id': diese Kennung gibt es in der Fragensammlung "
                                 "schon. Abhilfe: Geben Sie der Frage eine neue Kennung, oder lassen Sie sie in Ihrer "
                                 "Datei weg.")
    with pytest.raises(ContentError, match="this id is already in the bank"):
        iv.QuestionBank.builtin().extend(iv.QuestionBank.from_file(path))


# --- email templates ---------------------------------------------------------------------------

def _template_error(source, **fields):
    with pytest.raises(TemplateError) as caught:
        iv.emails.render_template(source, language="de", **fields)
    return caught.value


@pytest.mark.parametrize("source, fields, german, english", [
    ("Betreff: Hallo\n\n{{ salutation }}\n{% for x in items %}\n{{ x }}\n", {},
     ["Ihre Vorlage, Zeile 5: die Vorlage endet, bevor ein if- oder for-Block geschlossen ist",
      "Abhilfe: Prüfen Sie, ob jedes „{{“ sein „}}“ hat"], "line 5: Unexpected end of template"),
    ("Hallo\n{% endfo %}", {}, ["Zeile 2: unbekannter Befehl 'endfo'"], "line 2: Encountered unknown tag 'endfo'"),
    ("Hallo\n\n{{ name|laut }}", {"name": "Kim"},
     ["Zeile 3: einen Filter 'laut' gibt es nicht. Abhilfe: Verwenden Sie einen der Filter"],
     "line 3: No filter named 'laut'"),
    ("Hallo\n{{ kontakt.email }}", {"kontakt": {"name": "Kim"}},
     ["Zeile 2: der Wert hat kein Feld 'email'. Abhilfe: Prüfen Sie den Namen des Felds"],
     "line 2: 'dict object' has no attribute 'email'"),
    ("{{ name }} und {{ rolle }}", {}, ["Ihre Vorlage braucht noch 2 Felder: name, rolle. Abhilfe: Geben Sie"],
     "your template needs 2 more fields: name, rolle"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", {},
     ["Zeile 1: abgelehnt: die Vorlage braucht mehr als 2.000.000 Schritte",
      "Abhilfe: Prüfen Sie ihre Schleifen und langen Texte"], "line 1: refused: the template takes more than 2,000,000"),
    ("{% for i in range(1000) %}{{ 'x' * 100 }}{% endfor %}", {},
     ["Ihre Vorlage: die Vorlage erzeugt mehr als 50.000 Zeichen. Abhilfe: Prüfen Sie ihre Schleifen"],
     "the template produces more than 50,000 characters"),
    ("Hallo {{ 'a'|center(1500000000) }}", {}, ["abgelehnt: eine Breite von mehr als 50.000 Zeichen"],
     "refused: a width over 50,000 characters"),
    ("{{ ''.__class__ }}", {}, ["'__class__' wird nicht gelesen; Vorlagen dürfen nur die ihnen übergebenen Felder"],
     "refused to read '__class__'"),
    ("{% include 'a.j2' %}", {}, ["Vorlagen können keine anderen Dateien einbinden"], "cannot include, import or extend"),
    ("{{ 1 / 0 }}", {}, ["Zeile 1: die Vorlage ist mit einem Fehler abgebrochen: ZeroDivisionError"],
     "the template failed: division by zero"),
    ("{{ salutation }}", {"first_name": "Kim", "last_name": "Meyer", "form_of_address": "Exzellenz"},
     ["unbekannte Anrede 'Exzellenz'. Abhilfe: Verwenden Sie „female“ oder „male“"], "unknown form of address 'Exzellenz'"),
])
def test_template_errors_come_out_in_german(source, fields, german, english):
    error = _template_error(source, **fields)
    assert english in str(error)
    said = str(in_language(error, "de"))
    for words in german:
        assert words in said, said
    _no_english(said)
    assert in_language(error, "de").missing == error.missing


def test_the_time_limit_is_said_in_german(monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.0)
    error = _template_error("{% for i in range(5000) %}{% endfor %}")
    assert "refused: the template takes longer than 0 seconds" in str(error)
    said = str(in_language(error, "de"))
    assert "abgelehnt: die Vorlage braucht länger als 0 Sekunden" in said
    _no_english(said)


@pytest.fixture
def templates(tmp_path):
    folder = tmp_path / "vorlagen"
    folder.mkdir()
    yield folder
    clear_registered_templates()


def test_the_german_command_line_explains_a_broken_instructor_template(templates, capsys):
    (templates / "outreach.kaputt.de.j2").write_text("Betreff: Hallo\n\n{{ salutation }}\n{% if x %}\nText\n",
                                                     encoding="utf-8")
    assert main(["draft", "outreach", "--variant", "kaputt", "--lang", "de", "--templates", str(templates)]) == 2
    err = capsys.readouterr().err
    assert "outreach.kaputt.de.j2, Zeile 5: die Vorlage endet, bevor ein if- oder for-Block geschlossen ist" in err
    _no_english(err.replace(str(templates), ""))
    (templates / "outreach.kaputt.de.j2").write_text("---\nfields:\n  a: {type: datum}\n---\nBetreff: {{ a }}\n\nb\n",
                                                     encoding="utf-8")
    assert main(["draft", "outreach", "--variant", "kaputt", "--lang", "de", "--templates", str(templates)]) == 2
    err = capsys.readouterr().err
    assert "das Feld 'a' hat den unbekannten Typ 'datum'. Abhilfe: Verwenden Sie einen dieser Typen" in err
    _no_english(err.replace(str(templates), ""))
    with pytest.raises(TemplateError, match="field 'a' has unknown type 'datum'"):
        load_templates(templates)


def test_the_german_drafter_says_why_its_template_failed(templates):
    for language, subject in (("de", "Betreff"), ("en", "Subject")):
        (templates / f"outreach.schleife.{language}.j2").write_text(
            f"{subject}: Hallo\n\n{{{{ salutation }}}}\n{{% for i in range(1000) %}}{{{{ focus * 100 }}}}{{% endfor %}}\n",
            encoding="utf-8")
    register_templates(templates)
    fields = {"first_name": "Kim", "last_name": "Meyer", "focus": "x"}
    messages = " ".join(Draft("outreach", "de", "schleife", fields).state.messages)
    assert "die Vorlage erzeugt mehr als 50.000 Zeichen. Abhilfe: Prüfen Sie ihre Schleifen." in messages
    _no_english(messages.replace(str(templates), ""))
    english = " ".join(Draft("outreach", "en", "schleife", fields).state.messages)
    assert "the template produces more than 50,000 characters. Fix: check its loops." in english


# --- the class roster --------------------------------------------------------------------------

@pytest.fixture
def hand_ins(tmp_path):
    folder = tmp_path / "abgaben"
    folder.mkdir()
    write_log(iv.sample_log(students=1, weeks=3, seed=4), folder / "s01.csv", pseudonymize=True)
    return folder


@pytest.mark.parametrize("name, content, german, english", [
    ("gruppen.xlsx", ["student", "s01"],
     "die Gruppenliste braucht zwei Spalten: die Studierenden und ihre Gruppe. Abhilfe: Schreiben Sie eine Kopfzeile",
     "the roster needs two columns"),
    ("kaputt.xlsx", "kein Excel", "die Gruppenliste lässt sich nicht lesen (", "the roster cannot be read ("),
    ("fehlt.csv", None, "die Gruppenliste gibt es nicht. Abhilfe: Prüfen Sie den Pfad.", "the roster file does not exist"),
])
def test_a_broken_roster_is_explained_in_german(hand_ins, tmp_path, capsys, name, content, german, english):
    roster = tmp_path / name
    if isinstance(content, list):  # a workbook with one column
        pd.DataFrame({content[0]: content[1:]}).to_excel(roster, index=False)
    elif content is not None:
        roster.write_text(content, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        class_report(hand_ins, tmp_path / "bericht.html", language="de", groups=roster, progress=False)
    said = str(caught.value)
    assert said.startswith(f"{roster}: ") and german in said, said
    _no_english(said.replace(str(tmp_path), ""))
    with pytest.raises(ContentError, match=english.replace("(", r"\(")):
        class_report(hand_ins, tmp_path / "report.html", groups=roster, progress=False)
    assert main(["class-report", str(hand_ins), "-o", str(tmp_path / "k.html"), "--groups", str(roster),
                 "--lang", "de", "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert german in err
    _no_english(err.replace(str(tmp_path), ""))


def test_a_missing_roster_is_explained_in_german_with_the_duckdb_engine(tmp_path, capsys):
    pytest.importorskip("duckdb")
    folder = tmp_path / "parquet"
    folder.mkdir()
    iv.read_log(iv.sample_log(students=1, weeks=3, seed=4)).to_parquet(folder / "s01.parquet")
    assert main(["class-report", str(folder), "-o", str(tmp_path / "k.html"), "--groups", str(tmp_path / "fehlt.csv"),
                 "--lang", "de", "--engine", "duckdb"]) == 2
    err = capsys.readouterr().err
    assert "die Gruppenliste gibt es nicht. Abhilfe: Prüfen Sie den Pfad." in err
    _no_english(err.replace(str(tmp_path), ""))
