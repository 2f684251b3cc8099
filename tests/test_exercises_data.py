"""The moved checks of the data track (lessons 08 and 09): the lesson's model solution passes, and
wrong answers fail with feedback that names what is missing, in English and in German.

The solutions run on the data the lessons use (a practice log, the class log, the sample log),
set up here as the lessons set it up; the answers are what the lessons' check cells pass to ``check``.
"""

import numpy as np
import pandas as pd
import pytest

import infoview as iv
from infoview.classroom.assignments import data_file
from infoview.exercises import AnswerError, check

from .lesson_answers import answer, lesson, solution, wrong_answer

DATA = ["08-record-reply", "08-fix-row", "08-due-follow-ups", "09-rate-by-source", "09-weekly-sends", "09-censoring"]
NAMES = {  # what the lessons call the data an answer is computed from
    "en": {"practice": "practice", "jana": "jana_id", "header": "header", "class_log": "class_log",
           "day": "check_day", "log": "log", "window": "window"},
    "de": {"practice": "uebung", "jana": "jana_nr", "header": "kopfzeile", "class_log": "kurs",
           "day": "stichtag", "log": "protokoll", "window": "fenster"},
}
HEADER = {"en": "contact,organisation,source,channel,sent_at,replied_at,response",
          "de": "Kontakt;Unternehmen;Quelle;Kanal;Gesendet am;Antwort am;Antwort"}


@pytest.fixture(scope="module")
def sample_log():
    log = iv.read_log(data_file("sample_outreach.csv"))
    log["replied"] = log["replied_at"].notna()
    log["week"] = log["sent_at"].dt.to_period("W").dt.start_time
    return log


@pytest.fixture(scope="module")
def class_log():
    return iv.read_log(data_file("beispiel_kontaktprotokoll.csv"))


@pytest.fixture
def lesson_data(tmp_path, sample_log, class_log):
    """``data(language, exercise)``: the lesson's variables an exercise's solution works on."""
    logs = []

    def data(language, exercise):
        name = NAMES[language]
        found = {"np": np, "pd": pd, "iv": iv, name["header"]: HEADER[language], name["class_log"]: class_log,
                 name["day"]: np.datetime64("2025-12-22"), name["log"]: sample_log.copy(),
                 "as_of": pd.Timestamp("2025-12-22"), name["window"]: pd.Timedelta(days=7)}
        if exercise == "08-record-reply":
            practice = iv.OutreachLog(tmp_path / f"practice-{len(logs)}.sqlite")
            logs.append(practice)
            found[name["practice"]] = practice
            found[name["jana"]] = practice.add(contact="Jana Wolf", organisation="Nordlicht Analytics",
                                               source="alumni", channel="email", sent_at="2025-12-08 09:30")
        return found

    yield data
    for practice in logs:
        practice.close()


def test_the_lessons_headers_are_the_ones_tested():
    for language in ("en", "de"):
        assert any(f'{NAMES[language]["header"]} = "{HEADER[language]}"' in c.source for c in lesson(language, "08").cells)


def refused(exercise, given, language):
    with pytest.raises(AnswerError) as failed:
        check(exercise, given, language)
    assert isinstance(failed.value, AssertionError)
    assert str(failed.value).startswith({"en": "Not yet: ", "de": "Noch nicht: "}[language])
    return str(failed.value)


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("exercise", DATA)
def test_the_model_solution_passes_with_a_tick(exercise, language, lesson_data, capsys):
    check(exercise, answer(language, exercise, solution(language, exercise), lesson_data(language, exercise)), language)
    assert capsys.readouterr().out.startswith("✓ ")


WRONG = {
    "08-record-reply": {"en": "That's the day of your meeting", "de": "Das ist der Tag Ihres Treffens"},
    "08-fix-row": {"en": "LinkedIn is how you got in touch (the channel)", "de": "LinkedIn ist der Weg, auf dem Sie sich gemeldet haben"},
    "08-due-follow-ups": {"en": "8 of your rows aren't due yet, for example Frieda Eckhardt, sent on Friday, 2025-12-12",
                          "de": "8 Ihrer Zeilen sind noch nicht fällig, zum Beispiel Frieda Eckhardt, angeschrieben am Freitag, 12.12.2025"},
    "09-rate-by-source": {"en": "family_friends: you have 4.1%, the library 49.1%", "de": "family_friends: Sie haben 4,1 %, die Bibliothek 49,1 %"},
    "09-weekly-sends": {"en": "labelled by a Sunday (the first is 5 October)", "de": "nach einem Sonntag benannt (die erste nach dem 05.10.)"},
    "09-censoring": {"en": "a rate for the week of 15 December", "de": "eine Quote für die Woche vom 15.12."},
}


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("exercise", DATA)
def test_the_lessons_wrong_answer_fails_with_specific_feedback(exercise, language, lesson_data):
    given = answer(language, exercise, wrong_answer(language, exercise), lesson_data(language, exercise))
    assert WRONG[exercise][language] in refused(exercise, given, language)


def updated(**changes):
    """Record Jana's reply in the practice log with ``changes`` instead of the model solution."""
    def run(language, data):
        name = NAMES[language]
        if changes:
            data[name["practice"]].update(data[name["jana"]], **changes)
        return data[name["practice"]].get(data[name["jana"]])
    return run


def row(en, de):
    return lambda language, data: (data[NAMES[language]["header"]], {"en": en, "de": de}[language])


def rows(choose):
    """The class log's rows that ``choose(log)`` keeps, as the follow-up answer."""
    def run(language, data):
        name = NAMES[language]
        log = data[name["class_log"]]
        return choose(log), log, data[name["day"]]
    return run


def series(make, with_as_of=True):
    def run(language, data):
        log = data[NAMES[language]["log"]]
        return (make(log), log, data["as_of"]) if with_as_of else (make(log), log)
    return run


def rates_by_source(log):
    return log.groupby("source", observed=True)["replied"].mean()


def weekly(log):
    return log.resample("W-MON", on="sent_at", closed="left", label="left").size()


def fair(log, as_of=pd.Timestamp("2025-12-22")):
    window = pd.Timedelta(days=7)
    old = log[log["sent_at"] <= as_of - window].copy()
    old["quick"] = old["replied_at"] <= old["sent_at"] + window
    return old.groupby("week")["quick"].mean()


CASES = [
    ("08-record-reply", updated(), {"en": "Jana's reply isn't in the log yet", "de": "Jana Wolfs Antwort fehlt noch"}),
    ("08-record-reply", updated(replied_at="2025-12-11 09:00", response="accepted", meeting_at="2025-12-18 16:00"),
     {"en": "replied_at is 2025-12-11, but Jana answered on 2025-12-10. Check the date.",
      "de": "In replied_at steht der 11.12.2025, Jana Wolf hat aber am 10.12.2025 geantwortet. Prüfen Sie das Datum."}),
    ("08-record-reply", updated(replied_at="2025-12-10 18:05", response="declined"),
     {"en": "The response is 'declined'; Jana said yes, so it is 'accepted'.",
      "de": "Als Antwort ist „abgesagt“ eingetragen. Jana Wolf hat zugesagt: response=\"zugesagt\"."}),
    ("08-record-reply", updated(replied_at="2025-12-10 18:05", response="accepted"),
     {"en": "The meeting is missing: set meeting_at to 2025-12-18 16:00.",
      "de": "Das Treffen fehlt: Setzen Sie meeting_at auf den 18.12.2025, 16:00 Uhr."}),
    ("08-record-reply", updated(replied_at="2025-12-10 18:05", response="accepted", meeting_at="2025-12-19 16:00"),
     {"en": "meeting_at is 2025-12-19, but you meet on 2025-12-18.", "de": "In meeting_at steht der 19.12.2025"}),
    ("08-record-reply", lambda language, data: "Jana Wolf", {"en": "practice.get(jana_id)", "de": "uebung.get(jana_nr)"}),
    ("08-fix-row", row("Jonas Albrecht,Bergsee Consulting,event,linkedin,2025-03-12,accepted",
                       "Jonas Albrecht;Bergsee Consulting;Veranstaltung;LinkedIn;12.03.2025;zugesagt"),
     {"en": "The header has 7 columns, but your row has 6 values", "de": "Die Kopfzeile hat 7 Spalten, Ihre Zeile aber 6 Werte"}),
    ("08-fix-row", row("Jonas Albrecht,Bergsee Consulting,event,linkedin,12/03/2025,2025-03-14,accepted",
                       "Jonas Albrecht;Bergsee Consulting;Veranstaltung;LinkedIn;12/03/2025;14.03.2025;zugesagt"),
     {"en": "read_log still finds problems", "de": "read_log findet noch Probleme"}),
    ("08-fix-row", row("Jonas Albrecht,Bergsee GmbH,event,linkedin,2025-03-12,2025-03-14,accepted",
                       "Jonas Albrecht;Bergsee GmbH;Veranstaltung;LinkedIn;12.03.2025;14.03.2025;zugesagt"),
     {"en": "Keep the name and the organisation as they were", "de": "Lassen Sie Name und Organisation, wie sie waren"}),
    ("08-fix-row", row("Jonas Albrecht,Bergsee Consulting,alumni,linkedin,2025-03-12,2025-03-14,accepted",
                       "Jonas Albrecht;Bergsee Consulting;Alumni;LinkedIn;12.03.2025;14.03.2025;zugesagt"),
     {"en": "The source is 'alumni', but you met Jonas at a careers fair", "de": "Als Quelle steht „Alumni“"}),
    ("08-fix-row", row("Jonas Albrecht,Bergsee Consulting,event,email,2025-03-12,2025-03-14,accepted",
                       "Jonas Albrecht;Bergsee Consulting;Veranstaltung;E-Mail;12.03.2025;14.03.2025;zugesagt"),
     {"en": "The channel is 'email', but you wrote to Jonas on LinkedIn", "de": "Als Kanal steht „E-Mail“"}),
    ("08-fix-row", row("Jonas Albrecht,Bergsee Consulting,event,linkedin,2025-03-13,2025-03-14,accepted",
                       "Jonas Albrecht;Bergsee Consulting;Veranstaltung;LinkedIn;13.03.2025;14.03.2025;zugesagt"),
     {"en": "sent_at is 2025-03-13, but you wrote on 2025-03-12", "de": "Gesendet am ist der 13.03.2025, Sie haben aber am 12.03.2025 geschrieben"}),
    ("08-fix-row", row("Jonas Albrecht,Bergsee Consulting,event,linkedin,2025-03-12,2025-03-15,accepted",
                       "Jonas Albrecht;Bergsee Consulting;Veranstaltung;LinkedIn;12.03.2025;15.03.2025;zugesagt"),
     {"en": "replied_at is 2025-03-15, but Jonas replied on 2025-03-14", "de": "Antwort am ist der 15.03.2025"}),
    ("08-fix-row", row("Jonas Albrecht,Bergsee Consulting,event,linkedin,2025-03-12,2025-03-14,declined",
                       "Jonas Albrecht;Bergsee Consulting;Veranstaltung;LinkedIn;12.03.2025;14.03.2025;abgesagt"),
     {"en": "The response is 'declined', but Jonas said yes", "de": "Als Antwort steht „abgesagt“, Jonas Albrecht hat aber zugesagt"}),
    ("08-due-follow-ups", rows(lambda log: log), {"en": "of your rows already have a reply", "de": "Ihrer Zeilen haben schon eine Antwort"}),
    ("08-due-follow-ups", rows(lambda log: log[log["replied_at"].isna()]),
     {"en": "of your rows already had their follow-up", "de": "Ihrer Zeilen wurde schon nachgefasst"}),
    ("08-due-follow-ups", rows(lambda log: log.iloc[:0]), {"en": "207 rows are missing, for example", "de": "207 Zeilen fehlen, zum Beispiel"}),
    ("08-due-follow-ups", rows(lambda log: log["outreach_id"].tolist()),
     {"en": "my_follow_ups should be rows of class_log", "de": "mein_nachfassen sollte aus Zeilen von kurs bestehen"}),
    ("09-rate-by-source", series(lambda log: rates_by_source(log).to_dict()),
     {"en": "my_rates should be a pandas Series", "de": "meine_quoten sollte eine pandas-Series sein"}),
    ("09-rate-by-source", series(lambda log: rates_by_source(log).drop("alumni")),
     {"en": "These sources are missing: alumni", "de": "Diese Quellen fehlen: alumni"}),
    ("09-rate-by-source", series(lambda log: log.groupby("channel", observed=True)["replied"].mean()),
     {"en": "These sources are missing", "de": "Diese Quellen fehlen"}),
    ("09-rate-by-source", series(lambda log: pd.concat([rates_by_source(log), pd.Series({"linkedin": 0.5})])),
     {"en": "These aren't sources: linkedin", "de": "Das sind keine Quellen: linkedin"}),
    ("09-rate-by-source", series(lambda log: log.groupby("source", observed=True)["replied"].sum()),
     {"en": "not a count", "de": "keine Anzahl"}),
    ("09-rate-by-source", lambda language, data: (1, 2),
     {"en": "needs 3 values, in this order: my_rates, log, as_of", "de": "braucht 3 Werte, in dieser Reihenfolge: meine_quoten, protokoll, as_of"}),
    ("09-weekly-sends", series(lambda log: log.resample("W-MON", on="sent_at").size(), with_as_of=False),
     {"en": "the log has no outreach then. With \"W-MON\" alone", "de": "doch da gibt es keine Anfragen. Mit \"W-MON\" allein"}),
    ("09-weekly-sends", series(lambda log: weekly(log).iloc[1:], with_as_of=False),
     {"en": "The week of 29 September is missing", "de": "Die Woche vom 29.09. fehlt"}),
    ("09-weekly-sends", series(lambda log: weekly(log) + 1, with_as_of=False),
     {"en": "Week of 29 September: you count", "de": "Woche vom 29.09.: Sie zählen"}),
    ("09-weekly-sends", series(lambda log: weekly(log).reset_index(drop=True), with_as_of=False),
     {"en": "with dates as the index", "de": "mit Datumsangaben als Index"}),
    ("09-weekly-sends", series(lambda log: weekly(log).to_frame(), with_as_of=False),
     {"en": "weekly_sends should be a pandas Series", "de": "anfragen_pro_woche sollte eine pandas-Series sein"}),
    ("09-censoring", series(lambda log: fair(log).iloc[1:]), {"en": "is missing. Group by the week column", "de": "fehlt. Gruppieren Sie nach der Spalte week"}),
    ("09-censoring", series(lambda log: fair(log) * 100), {"en": "not a count: take the mean() per week", "de": "keine Anzahl: Nehmen Sie den Mittelwert"}),
    ("09-censoring", series(lambda log: log[log["sent_at"] <= pd.Timestamp("2025-12-15")].groupby("week")["replied"].mean()),
     {"en": "Count a reply only when replied_at <= sent_at + window", "de": "Zählen Sie eine Antwort nur, wenn replied_at <= sent_at + fenster"}),
    ("09-censoring", series(lambda log: fair(log).to_period("W")), {"en": "✓", "de": "✓"}),
]


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("exercise, make, says", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_a_wrong_answer_fails_saying_what_is_missing(exercise, make, says, language, lesson_data, capsys):
    given = make(language, lesson_data(language, exercise))
    if says[language] == "✓":  # an equivalent answer in another shape is right too
        check(exercise, given, language)
        assert capsys.readouterr().out.startswith("✓")
        return
    message = refused(exercise, given, language)
    assert says[language] in message, message


def test_a_meeting_without_its_time_passes_with_a_tip(lesson_data, capsys):
    given = updated(replied_at="2025-12-10 18:05", response="accepted", meeting_at="2025-12-18")(
        "en", lesson_data("en", "08-record-reply"))
    check("08-record-reply", given, "en")
    assert capsys.readouterr().out.splitlines()[1].startswith("  Tip: with the time")
