"""The moved checks of the career track (lessons 02–05 and 07): the lesson's model solution passes,
and wrong answers fail with feedback that names what is missing, in English and in German.

Answers come from the notebooks themselves (solution, the wrong answer in the cell's metadata, and
the expression the one-line check cell passes), so the tests follow the lessons as they change.
"""

import json
import re

import pytest

from infoview.exercises import AnswerError, check
from infoview.resources import load_bundled

from .lesson_answers import ROOT, answer, assigned_text, lesson, solution, wrong_answer

CAREER = ["02-lamp-list", "03-rewrite", "04-open-up", "04-plan", "05-agenda", "05-leave", "07-thank-you", "07-actions"]
NOT_YET = {"en": "Not yet: ", "de": "Noch nicht: "}


def model(language, exercise):
    return answer(language, exercise, solution(language, exercise))


def refused(exercise, given, language):
    """The message ``check`` fails with; it must be an AssertionError for nbgrader."""
    with pytest.raises(AnswerError) as failed:
        check(exercise, given, language)
    assert isinstance(failed.value, AssertionError)
    message = str(failed.value)
    assert message.startswith(NOT_YET[language]), message
    return message


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("exercise", CAREER)
def test_the_model_solution_passes_with_a_tick(exercise, language, capsys):
    check(exercise, model(language, exercise), language)
    assert capsys.readouterr().out.startswith("✓ ")


WRONG = {  # the wrong answer each lesson keeps in its metadata, and what its feedback must say
    "02-lamp-list": {"en": "Add at least 2 more", "de": "Ergänzen Sie mindestens 2 weitere"},
    "03-rewrite": {"en": "asks-for-job (error)", "de": "asks-for-job (Fehler)"},
    "04-open-up": {"en": "2. “Is it hard", "de": "2. „Ist es ohne BWL-Studium"},
    "04-plan": {"en": "Start with an opening question", "de": "Beginnen Sie mit einer Einstiegsfrage"},
    "05-agenda": {"en": "You list 5 questions", "de": "Sie führen 5 Fragen auf"},
    "05-leave": {"en": "exactly when the meeting starts", "de": "genau zu Beginn des Treffens"},
    "07-thank-you": {"en": "thank-you-generic (warning)", "de": "thank-you-generic (Warnung)"},
    "07-actions": {"en": "No action covers the book tip", "de": "Noch keine Aufgabe behandelt den Buchtipp"},
}


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("exercise", CAREER)
def test_the_lessons_wrong_answer_fails_with_specific_feedback(exercise, language):
    given = answer(language, exercise, wrong_answer(language, exercise))
    assert WRONG[exercise][language] in refused(exercise, given, language)


def replaced(position, old, new):
    """A change to one value of the answer: replace ``old`` by ``new`` in it (``old`` must be there)."""
    def change(given, language):
        given = list(given)
        before = given[position]
        assert old[language] in before, (old[language], before)
        given[position] = before.replace(old[language], new[language])
        return given
    return change


def item(position, value):
    """Set one value of the answer (per language when ``value`` is a dict)."""
    def change(given, language):
        given = list(given)
        given[position] = value[language] if isinstance(value, dict) else value
        return given
    return change


def en_de(en, de):
    return {"en": en, "de": de}


CASES = [
    # 02: the LAMP list
    ("02-lamp-list", lambda a, lang: "Hafenstadt Energie", en_de("square brackets", "eckigen Klammern")),
    ("02-lamp-list", item(0, en_de("Hafenstadt Energie, 3, 2", "Hafenstadt Energie, 3, 2")),
     en_de("separated by commas", "getrennt durch Kommas")),
    ("02-lamp-list", replaced(0, en_de("yes", "ja"), en_de("maybe", "vielleicht")),
     en_de("say yes or no for the advocate, not “maybe”", "bitte ja oder nein, nicht „vielleicht“")),
    ("02-lamp-list", replaced(1, en_de(", 3, 3", ", 3, 3"), en_de(", 5, 3", ", 5, 3")),
     en_de("are each 1, 2 or 3", "sind jeweils 1, 2 oder 3")),
    ("02-lamp-list", lambda a, lang: [re.sub(r", \d, ", ", 2, ", line) for line in a],
     en_de("Every employer has motivation 2", "Alle Arbeitgeber haben die Motivation 2")),
    ("02-lamp-list", lambda a, lang: a + a[:1], en_de("Hafenstadt Energie", "Hafenstadt Energie")),
    # 03: the rewritten outreach email
    ("03-rewrite", replaced(1, en_de("Dear Dr. Brandt,", "Sehr geehrte Frau Dr. Brandt,"),
                            en_de("Hi Claudia,", "Hallo Claudia,")),
     en_de("is too familiar", "ist zu vertraut")),
    ("03-rewrite", replaced(1, en_de("Dear Dr. Brandt,", "Sehr geehrte Frau Dr. Brandt,"),
                            en_de("Dear Sir or Madam,", "Sehr geehrte Damen und Herren,")),
     en_de("Start with a greeting by name", "Beginnen Sie mit einer Anrede mit Namen")),
    ("03-rewrite", lambda a, lang: [a[0], model("de" if lang == "en" else "en", "03-rewrite")[1]],
     en_de("doesn't read as English", "klingt noch nicht nach Deutsch")),
    ("03-rewrite", item(0, ""), en_de("Write my_subject as text", "Schreiben Sie mein_betreff als Text")),
    ("03-rewrite", lambda a, lang: [a[0], assigned_text(lang, "03", {"en": "bad_email", "de": "schlechte_email"}[lang])],
     en_de("still Nina's first draft", "noch Ninas erster Entwurf")),
    # 04: closed questions opened up
    ("04-open-up", lambda a, lang: a[:4], en_de("You have 4 questions; write exactly 5", "Sie haben 4 Fragen; schreiben Sie genau 5")),
    ("04-open-up", lambda a, lang: [a[0], load_bundled("exercises.yaml")["04-open-up"]["closed"][lang][1]] + a[2:],
     en_de("Question 2 is still the original", "Frage 2 ist noch die ursprüngliche")),
    ("04-open-up", item(2, en_de("How did you end up in this role.", "Wie sind Sie in dieser Rolle gelandet.")),
     en_de("Question 3 should end with a question mark", "Frage 3 sollte mit einem Fragezeichen enden")),
    ("04-open-up", item(0, "  "), en_de("Question 1 is empty", "Frage 1 ist leer")),
    # 04: the question plan
    ("04-plan", lambda a, lang: a[:9], en_de("Your plan has 9 questions", "Ihr Plan hat 9 Fragen")),
    ("04-plan", lambda a, lang: a + a[1:4], en_de("cut the ones that matter least", "Streichen Sie die")),
    ("04-plan", item(2, "advice-transferable-skill"), en_de("is not an id in the question bank", "ist keine id aus dem Fragenkatalog")),
    ("04-plan", item(2, "hobbies: What do you do at weekends?"), en_de("“hobbies” is not a category", "„hobbies“ ist keine Kategorie")),
    ("04-plan", item(3, en_de("typical_day: What does a normal week look like", "typical_day: Wie sieht eine normale Woche aus")),
     en_de("End your own question with a question mark", "Beenden Sie Ihre eigene Frage mit einem Fragezeichen")),
    ("04-plan", item(-1, en_de("career_path: How did you choose your first job?", "career_path: Wie haben Sie Ihre erste Stelle gewählt?")),
     en_de("End with a closing question", "Schließen Sie mit einer Abschlussfrage")),
    ("04-plan", item(-2, en_de("resources: Which podcasts do you recommend?", "resources: Welche Podcasts empfehlen Sie?")),
     en_de("ask whom else you should talk to", "mit wem Sie noch sprechen sollten")),
    ("04-plan", item(3, en_de("typical_day: Do you work long hours?", "typical_day: Arbeiten Sie oft lange?")),
     en_de("can still be answered with yes or no", "lassen sich noch mit Ja oder Nein beantworten")),
    ("04-plan", lambda a, lang: a[:3] + [a[1]] + a[4:], en_de("You ask this twice", "steht doppelt im Plan")),
    # 05: the agenda email
    ("05-agenda", replaced(1, en_de("Dear Ms Klein,", "Sehr geehrte Frau Klein,"), en_de("Hello Mara,", "Hallo Mara,")),
     en_de("is too familiar", "ist zu vertraut")),
    ("05-agenda", replaced(1, en_de("Wednesday, 14 May, at", "am Mittwoch, 14. Mai, um"), en_de("at", "um")),
     en_de("Confirm the day", "Bestätigen Sie den Tag")),
    ("05-agenda", replaced(1, en_de("Wednesday, 14 May, at 15:00", "am Mittwoch, 14. Mai, um 15 Uhr"),
                           en_de("Wednesday, 14 May", "am Mittwoch, 14. Mai,")),
     en_de("Confirm the time too", "Bestätigen Sie auch die Uhrzeit")),
    ("05-agenda", replaced(1, en_de("Café Lumen", "Café Lumen"), en_de("the café", "Café")),
     en_de("Confirm the place as well", "Nennen Sie auch den Ort")),
    ("05-agenda", lambda a, lang: [a[0], "\n".join(line for line in a[1].split("\n") if not line.endswith("?"))],
     en_de("Add one to three of your main questions", "Führen Sie eine bis drei Ihrer wichtigsten Fragen auf")),
    ("05-agenda", lambda a, lang: [a[0], "\n".join(line for line in a[1].split("\n")
                                                  if not re.match(r"(There's no need|Sie müssen diese)", line))],
     en_de("no written answer is expected", "keine schriftliche Antwort nötig ist")),
    # 05: when to leave
    ("05-leave", lambda a, lang: ("14:52", "14:14"), en_de("Only 8 minutes early", "Nur 8 Minuten früher")),
    ("05-leave", lambda a, lang: ("14:30", "13:52"), en_de("30 minutes early is more than you need", "30 Minuten früher ist mehr als nötig")),
    ("05-leave", lambda a, lang: ("15:10", "14:32"), en_de("after the meeting starts", "nach dem Beginn des Treffens")),
    ("05-leave", lambda a, lang: ("14:45", "14:23"), en_de("Count the whole journey, door to door", "Rechnen Sie den ganzen Weg von Tür zu Tür")),
    ("05-leave", lambda a, lang: ("14:45", "14:15"), en_de("there are 30 minutes, but the journey takes 38", "liegen 30 Minuten, der Weg dauert aber 38")),
    ("05-leave", lambda a, lang: ("quarter to three", "14:07"), en_de("as a time between quotes", "als Uhrzeit in Anführungszeichen")),
    ("05-leave", lambda a, lang: ("14:45",), en_de("needs 2 values", "braucht 2 Werte")),
    # 07: the thank-you note
    ("07-thank-you", lambda a, lang: a[:3], en_de("needs four values", "braucht vier Werte")),
    ("07-thank-you", item(2, "SQL"), en_de("List what you learned", "Führen Sie auf, was Sie gelernt haben")),
    ("07-thank-you", lambda a, lang: [*a[:2], a[2][:1] * 2, a[3]], en_de("things_learned has one item", "In gelernt steht ein Eintrag")),
    ("07-thank-you", lambda a, lang: [*a[:2], a[2] + [en_de("the UX meetup in June", "den UX-Stammtisch im Juni")[lang]], a[3]],
     en_de("your note doesn't mention it yet", "Ihre Nachricht erwähnt es noch nicht")),
    ("07-thank-you", item(3, " "), en_de("Name the one thing you will do in my_next_step", "Nennen Sie in mein_naechster_schritt")),
    ("07-thank-you", item(3, en_de("visit the Berlin office", "das Berliner Büro besuchen")),
     en_de("doesn't appear in the note yet", "kommt in der Nachricht noch nicht vor")),
    ("07-thank-you", replaced(1, en_de("Dear Ms Klein,", "Sehr geehrte Frau Klein,"), en_de("Hey Mara,", "Hey Mara,")),
     en_de("is more familiar than your conversation was", "klingt vertrauter, als Ihr Gespräch war")),
    # 07: actions with due dates
    ("07-actions", lambda a, lang: [a[0], a[1][:3]], en_de("4 action(s) but 3 due date(s)", "4 Aufgabe(n), aber 3 Termin(e)")),
    ("07-actions", lambda a, lang: [a[0][:3], a[1][:3]], en_de("You have 3 actions", "Sie haben 3 Aufgaben")),
    ("07-actions", lambda a, lang: [a[0][:1] + ["call my aunt"] + a[0][2:], a[1]], en_de("No action covers SQL", "Noch keine Aufgabe behandelt SQL")),
    ("07-actions", lambda a, lang: [a[0], a[1][:1] + ["next week"] + a[1][2:]], en_de("no due date that can be read", "keinen lesbaren Termin")),
    ("07-actions", lambda a, lang: [a[0], ["2025-05-10"] + a[1][1:]], en_de("before the meeting on 2025-05-14", "vor dem Gespräch am 14.05.2025")),
    ("07-actions", lambda a, lang: [a[0], ["2025-06-20"] + a[1][1:]], en_de("more than 4 weeks after the meeting", "mehr als 4 Wochen nach dem Gespräch")),
    ("07-actions", lambda a, lang: [a[0], a[1][:2] + ["2025-05-22", a[1][3]]],
     en_de("Write to Jonas Berg within a week of the meeting, by 2025-05-21", "innerhalb einer Woche nach dem Gespräch, bis zum 21.05.2025")),
    ("07-actions", lambda a, lang: [a[0], a[1][:3] + ["2025-06-06"]],
     en_de("before the next one on 2025-06-05", "vor dem nächsten Stammtisch am 05.06.2025")),
]


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("exercise, change, says", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_a_wrong_answer_fails_saying_what_is_missing(exercise, change, says, language):
    message = refused(exercise, change(model(language, exercise), language), language)
    assert says[language] in message, message


def test_a_list_without_advocates_passes_with_a_hint(capsys):
    targets = [line.replace(", yes,", ", no,") for line in model("en", "02-lamp-list")]
    check("02-lamp-list", targets, "en")
    assert "No advocates yet" in capsys.readouterr().out


def test_the_german_lesson_accepts_times_and_dates_the_german_way(capsys):
    check("05-leave", ("14:45 Uhr", "14.07"), "de")
    check("07-actions", (model("de", "07-actions")[0], ["2025-05-17", "19.05.2025", "16.05.2025", "23.05.2025"]), "de")
    out = capsys.readouterr().out
    assert out.count("✓") == 2 and "Mo 19.05.2025" in out


def test_the_rewrite_shows_the_linters_tips_after_the_tick(capsys):
    subject, body = model("en", "03-rewrite")
    check("03-rewrite", (subject, body.replace("Best regards,", "Best,")), "en")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("✓") and all(line.startswith("  Tip, if you like: ") for line in lines[1:])


def _cell_defining(language, number, name):
    return next(c.source for c in lesson(language, number).cells
                if c.cell_type == "code" and re.search(rf"^{name} = ", c.source, re.M))


@pytest.mark.parametrize("language, closed, no_reply, journey", [
    ("en", "closed_questions", "NO_REPLY", "journey"), ("de", "geschlossene_fragen", "KEINE_ANTWORT", "weg")])
def test_the_keys_hold_what_the_lessons_show(language, closed, no_reply, journey):
    """The facts the checks need are in content/exercises.yaml; they must be the ones the lessons show."""
    import datetime

    keys = load_bundled("exercises.yaml")
    shown = {"re": re, "datetime": datetime.datetime, "date": datetime.date}
    exec(_cell_defining(language, "04", closed), shown)
    assert shown[closed] == keys["04-open-up"]["closed"][language]
    exec(_cell_defining(language, "05", "meeting_start" if language == "en" else "beginn"), shown)
    assert list(shown[journey].values()) == keys["05-leave"]["journey"]
    source = _cell_defining(language, "05", no_reply)
    pattern = re.search(rf"{no_reply} = re.compile\((.*?),\s*re.IGNORECASE\)", source, re.S).group(1)
    assert eval(f"({pattern})") == keys["05-agenda"]["no_reply"][language]
    meeting = "meeting_day" if language == "en" else "gespraechstag"
    exec(_cell_defining(language, "07", meeting), shown)
    assert shown[meeting].isoformat() == keys["07-actions"]["meeting"]


@pytest.mark.parametrize("path", sorted(ROOT.glob("notebooks/*/[0-9][0-9]_*.ipynb")), ids=lambda p: p.name)
def test_every_check_cell_is_one_call(path):
    """Both tracks: what a check cell holds is one call; the checking lives in infoview.exercises."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        meta = cell["metadata"].get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            assert re.fullmatch(r'check\("[0-9a-z-]+", .+, LANG\)', "".join(cell["source"])), meta["grade_id"]


@pytest.mark.parametrize("language, says", [("en", "Your core questions all come from advice, career_path. Draw on at least 3"),
                                            ("de", "Ihre Kernfragen stammen nur aus: advice, career_path. Nehmen Sie Fragen aus mindestens 3")])
def test_a_plan_from_two_areas_is_asked_to_draw_on_a_third(language, says):
    from infoview.prepare.closed_questions import is_closed_question
    from infoview.prepare.questions import QuestionBank

    bank = QuestionBank.builtin(language)
    core = [q.id for category, count in (("career_path", 5), ("advice", 4)) for q in
            [q for q in bank.filter(category=category) if not is_closed_question(q.text, language)][:count]]
    plan = ["opening-week-so-far", *core, "resources-who-else", "closing-should-have-asked"]
    message = refused("04-plan", plan, language)
    assert says in message and ("trends" in message or "typical_day" in message), message
