"""A German-speaking user reads every problem of a log in German: read_log, the store and the
logger widget's model render the same problems through the texts in the caller's language."""

import pandas as pd
import pytest

from infoview.errors import LogError
from infoview.log import OutreachLog, read_log
from infoview.log.logger import OutreachLoggerModel
from infoview.problems import message

BROKEN = pd.DataFrame({"Kontakt": ["Lena Kurz", ""], "Gesendet am": ["nächste Woche", "03.03.2025"],
                       "Quelle": ["Alumni", "Messe?"], "Empfehlungen": ["2", "zwei"]})
ENGLISH_WORDS = ("is not a date", "unknown", "write it as", "problems in the outreach log", "line ", "value ")


def _error(language):
    with pytest.raises(LogError) as caught:
        read_log(BROKEN, language=language)
    return caught.value


def test_read_log_says_every_problem_in_german():
    error = _error("de")
    said = str(error)
    assert said.startswith("4 Probleme im Kontaktprotokoll")
    assert "Zeile 2, Spalte 'Gesendet am', Wert 'nächste Woche': ist kein Datum; schreiben Sie es als 14.03.2025" in said
    assert "der Kontakt ist leer" in said and "keine ganze Zahl von Empfehlungen" in said
    assert "unbekannter Wert für „Quelle“; verwenden Sie einen dieser Werte: Alumni, Berufsverband" in said
    assert not [word for word in ENGLISH_WORDS if word in said], said


def test_english_stays_the_default_and_the_problems_are_the_same():
    english, german = _error("en"), _error("de")
    assert str(english).startswith("4 problems in the outreach log")
    assert "line 2, column 'Gesendet am', value 'nächste Woche': is not a date" in str(english)
    assert [(p.line, p.column, p.value, p.key) for p in english.problems] == \
           [(p.line, p.column, p.value, p.key) for p in german.problems]
    # each problem's own message is in the error's language too (a lesson shows them one by one)
    assert german.problems[0].message.startswith("ist kein Datum") and english.problems[0].message.startswith("is not")
    assert [message(p, "en") for p in german.problems] == [p.message for p in english.problems]


def test_one_problem_is_singular_in_both_languages():
    frame = pd.DataFrame({"contact": ["Ada"], "sent_at": ["gestern"]})
    for language, start in (("en", "1 problem in the outreach log"), ("de", "1 Problem im Kontaktprotokoll")):
        with pytest.raises(LogError, match=f"^{start}\n"):
            read_log(frame, language=language)


def test_the_store_refuses_changes_in_german(tmp_path):
    log = OutreachLog(tmp_path / "log.sqlite3", language="de")
    oid = log.add(contact="Lena Kurz", sent_at="03.03.2025")
    with pytest.raises(LogError) as caught:
        log.update(oid, response="vielleicht", replied_at="04.03.2025")
    assert "unbekannter Wert für „Ergebnis“; verwenden Sie einen dieser Werte: zugesagt, abgesagt" in str(caught.value)
    with pytest.raises(LogError, match="keine Kontaktaufnahme mit dieser Kennung"):
        log.update("o-gibt-es-nicht", notes="x")
    with pytest.raises(LogError, match="unbekanntes Feld"):
        log.add(contact="Ada", sent_at="03.03.2025", mood="gut")


def test_the_german_logger_shows_its_problems_in_german(tmp_path):
    model = OutreachLoggerModel(tmp_path / "log.sqlite3", language="de")
    assert model.add(contact="Lena Kurz", sent_at="nächste Woche") is None
    assert model.problems == ["Gesendet am: ist kein Datum; schreiben Sie es als 14.03.2025 oder 2025-03-14, "
                              "gern mit Uhrzeit wie 14:30 (nächste Woche)"]


@pytest.mark.parametrize("language, said", [
    ("en", "'LinkedIn' is a channel (how you got in touch), not a source (how you know the person)"),
    ("de", "„LinkedIn“ ist ein Kanal (der Weg, auf dem Sie Kontakt aufgenommen haben), keine Quelle"),
])
def test_linkedin_as_a_source_is_explained_as_a_channel(language, said):
    frame = pd.DataFrame({"contact": ["Ada"], "sent_at": ["2025-03-03"], "source": ["LinkedIn"]})
    with pytest.raises(LogError) as caught:
        read_log(frame, language=language)
    assert said in str(caught.value)
    assert ("alumni" if language == "en" else "Alumni") in str(caught.value).split(said)[1]


def test_a_broken_csv_line_is_explained_in_german(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("Kontakt;Gesendet am\nLena Kurz;03.03.2025;zu viel\nJonas Alt;\"04.03.2025\n", encoding="utf-8")
    with pytest.raises(LogError) as caught:
        read_log(path, language="de")
    said = str(caught.value)
    assert "Zeile 2: die Zeile hat 3 Felder, die Kopfzeile aber 2" in said
    assert "ein Anführungszeichen (\"), das in dieser Zeile beginnt, wird nie geschlossen" in said
