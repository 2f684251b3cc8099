"""is_closed_question and question_feedback on hand-written questions, open and closed, in both languages."""

import pytest

from infoview import is_closed_question
from infoview.prepare import question_feedback
from infoview.texts import text as widget_text

EN_CLOSED = [
    "Do you enjoy your work?",
    "Does your team work remotely?",
    "Did you always want to work in publishing?",
    "Is there anything I should have asked?",
    "Are there internships in your department?",
    "Was it hard to switch from teaching to UX research?",
    "Were you nervous in your first month?",
    "Can you tell me whether your team works remotely?",
    "Could I send you my portfolio afterwards?",
    "Would you recommend a master's degree?",
    "Will AI change how you write reports?",
    "Should I learn SQL before applying?",
    "Have you ever thought about leaving consulting?",
    "Has the pandemic changed your office culture?",
    "May I use your name when I contact her?",
    "Might there be other people I should talk to?",
    "Must I have a licence to practise?",
    "Don't you find the travel exhausting?",
    "Isn't the industry shrinking?",
    "Thanks for the tip. Do you know anyone at the ministry?",
    "And do you like the people you work with?",
    "So, is your job mostly meetings?",
    "If you were starting again, would you study law?",
    "You moved from Berlin to London for this role, right?",
    "Your firm hires career changers, doesn't it? Or is that rare?",
    "Had you worked abroad before this job?",
    "Shall we keep in touch on LinkedIn?",
    "Is a PhD necessary in your field?",
    "Are you happy with the hours?",
    "Did your degree prepare you well?",
    "Won't the new regulation make things harder?",
    "Can a career changer get into data journalism?",
    "Does your manager give much feedback?",
    "Were there moments when you wanted to quit?",
    "Would it help to get a certificate in project management?",
    "Have you heard of the Open Data Institute?",
    "Is it normal to work weekends before a launch?",
    "Could you look at my CV?",
    "Do people in your team come from many backgrounds?",
    "Should I join a professional association?",
]

EN_OPEN = [
    "What does a typical day look like for you?",
    "How did you get your first role in this field?",
    "Why did you choose a small agency over a large firm?",
    "Where do you see the industry in five years?",
    "Can you tell me about your typical day?",
    "Who else would you suggest I talk to?",
    "Which skills matter most in your first year?",
    "What should I have asked you that I haven't?",
    "How would you like me to mention your name when I contact them?",
    "What surprised you most when you started here?",
    "Tell me about a project you are proud of.",
    "Describe the path that led you here.",
    "In what ways has your role changed since you joined?",
    "What advice would you give someone in my position?",
    "How do people here usually learn new tools?",
    "What is the hardest part of your job?",
    "Thanks, that helps. What would you do in my place?",
    "If you were starting again, what would you do differently?",
    "And how do you decide which clients to take on?",
    "So what does success look like in your first six months?",
    "What resources would you recommend for learning about the field?",
    "How does your team decide on priorities?",
    "Whose work in this area do you admire, and why?",
    "How is performance measured in a role like yours?",
    "Which trends are changing your work right now?",
    "What kinds of projects do newcomers usually get?",
    "Why do you think people leave this field?",
    "How much of your week is spent with clients?",
    "What do you wish you had known at my age?",
    "Where do people in your field meet and exchange ideas?",
    "How would you describe the culture in your team?",
    "What would make my CV stronger for this field?",
    "Which courses or certificates are worth the time?",
    "How do you keep up with changes in regulation?",
    "What does a good first project look like?",
    "How do you balance deadlines with quality?",
    "What do you enjoy most about your work?",
    "Which professional associations are most useful?",
    "How did your background in teaching help you?",
    "What is one thing you would change about your industry?",
]

DE_CLOSED = [
    "Haben Sie Freude an Ihrer Arbeit?",
    "Gibt es in Ihrer Abteilung Praktikumsplätze?",
    "Können Sie mir sagen, ob Ihr Team remote arbeitet?",
    "Ist ein Master in Ihrem Bereich notwendig?",
    "Sind Sie mit Ihrer Work-Life-Balance zufrieden?",
    "Würden Sie diesen Weg noch einmal einschlagen?",
    "Arbeiten Sie viel im Team?",
    "Hatten Sie vorher schon Erfahrung im Ausland?",
    "War der Wechsel aus der Lehre schwierig?",
    "Waren Sie am Anfang nervös?",
    "Könnten Sie sich meinen Lebenslauf ansehen?",
    "Darf ich Ihren Namen nennen, wenn ich Frau Weber schreibe?",
    "Sollte ich vorher SQL lernen?",
    "Müssen Berufseinsteiger viel reisen?",
    "Kennen Sie jemanden im Ministerium?",
    "Wissen Sie, ob es dort Traineeprogramme gibt?",
    "Gefällt Ihnen die Arbeit in einem Start-up?",
    "Hat sich die Branche durch KI verändert?",
    "Wird sich Ihr Berufsbild in den nächsten Jahren ändern?",
    "Möchten Sie langfristig in der Beratung bleiben?",
    "Und haben Sie jemals daran gedacht, die Branche zu wechseln?",
    "Vielen Dank für den Hinweis. Kennen Sie weitere Ansprechpartner?",
    "Wenn Sie noch einmal anfangen könnten, würden Sie Jura studieren?",
    "Sie sind also über ein Praktikum hineingekommen, oder?",
    "Das war sicher nicht einfach, nicht wahr?",
    "Bietet Ihr Unternehmen Weiterbildungen an?",
    "Nutzen Sie in Ihrem Alltag viel Excel?",
    "Braucht man für diese Stelle ein Zertifikat?",
    "Empfehlen Sie mir einen bestimmten Berufsverband?",
    "Gab es Momente, in denen Sie aufhören wollten?",
    "Hätten Sie einen Tipp für meine Bewerbung?",
    "Dürfte ich Ihnen meine Arbeitsproben schicken?",
    "Kann man auch als Quereinsteiger in diesem Bereich Fuß fassen?",
    "Ist die Arbeit am Wochenende üblich?",
    "Finden Sie die vielen Meetings anstrengend?",
    "Sind die Aufstiegschancen gut?",
    "Lohnt sich eine Promotion in Ihrem Feld?",
    "Reisen Sie viel für Ihre Arbeit?",
    "Also, haben Sie noch zehn Minuten Zeit?",
    "Stimmt es, dass viele Kollegen aus der Physik kommen?",
]

DE_OPEN = [
    "Wie sieht ein typischer Arbeitstag bei Ihnen aus?",
    "Wie sind Sie zu Ihrer ersten Stelle in diesem Bereich gekommen?",
    "Warum haben Sie sich für eine kleine Agentur entschieden?",
    "Wo sehen Sie die Branche in fünf Jahren?",
    "Können Sie mir Ihren typischen Arbeitstag beschreiben?",
    "Wer wäre aus Ihrer Sicht ein guter nächster Gesprächspartner für mich?",
    "Welche Fähigkeiten zählen im ersten Jahr am meisten?",
    "Was hätte ich Sie fragen sollen, woran ich nicht gedacht habe?",
    "Welche Weiterbildungen empfehlen Sie?",
    "Was hat Sie am meisten überrascht, als Sie hier anfingen?",
    "Erzählen Sie mir von einem Projekt, auf das Sie stolz sind.",
    "Inwiefern hat sich Ihre Rolle seit Ihrem Einstieg verändert?",
    "Welchen Rat würden Sie jemandem in meiner Lage geben?",
    "Wie lernen die Leute bei Ihnen neue Werkzeuge?",
    "Was ist der schwierigste Teil Ihrer Arbeit?",
    "Danke, das hilft mir sehr. Was würden Sie an meiner Stelle tun?",
    "Wenn Sie noch einmal anfangen könnten, was würden Sie anders machen?",
    "Und wie entscheiden Sie, welche Kunden Sie annehmen?",
    "Woran erkennt man in den ersten sechs Monaten, dass es gut läuft?",
    "Mit wem sollte ich außerdem sprechen?",
    "Auf welche Trends achten Sie gerade besonders?",
    "Womit verbringen Sie den größten Teil Ihrer Woche?",
    "Wofür würden Sie sich heute anders entscheiden?",
    "In welchen Projekten fangen Neueinsteiger meist an?",
    "Weshalb verlassen Ihrer Meinung nach Menschen diesen Bereich?",
    "Wieso haben Sie die Branche gewechselt?",
    "Wie würden Sie die Kultur in Ihrem Team beschreiben?",
    "Was würde meinen Lebenslauf für diesen Bereich stärker machen?",
    "Welche Kurse oder Zertifikate lohnen sich wirklich?",
    "Wie halten Sie sich über neue Vorschriften auf dem Laufenden?",
    "Was zeichnet ein gutes erstes Projekt aus?",
    "Wie bringen Sie Termindruck und Qualität zusammen?",
    "Was gefällt Ihnen an Ihrer Arbeit am meisten?",
    "Welche Berufsverbände sind aus Ihrer Sicht hilfreich?",
    "Inwieweit hilft mir meine Erfahrung aus der Lehre?",
    "Was würden Sie an Ihrer Branche ändern, wenn Sie könnten?",
    "Wem würden Sie diesen Beruf nicht empfehlen?",
    "Beschreiben Sie bitte, wie Ihr Team Entscheidungen trifft.",
    "An wen kann ich mich mit Fragen zur Zertifizierung wenden?",
    "Wie möchten Sie, dass ich Ihren Namen erwähne, wenn ich mich dort melde?",
]


@pytest.mark.parametrize("text", EN_CLOSED)
def test_english_closed(text):
    assert is_closed_question(text, "en")


@pytest.mark.parametrize("text", EN_OPEN)
def test_english_open(text):
    assert not is_closed_question(text, "en")


@pytest.mark.parametrize("text", DE_CLOSED)
def test_german_closed(text):
    assert is_closed_question(text, "de")


@pytest.mark.parametrize("text", DE_OPEN)
def test_german_open(text):
    assert not is_closed_question(text, "de")


def test_enough_hand_written_examples():
    for examples in (EN_CLOSED, EN_OPEN, DE_CLOSED, DE_OPEN):
        assert len(set(examples)) >= 40


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language"):
        is_closed_question("Do you?", "fr")


# Polite requests for a story are open; yes/no questions and questions for a single fact are closed.
STORY_REQUESTS = {
    "en": ["Can you tell me about your path into publishing?", "Could you tell me how you got your first client?",
           "Would you walk me through a typical week?", "Could you describe what your team does all day?",
           "Can you talk me through how a project starts?", "Would you mind telling me about your move to Berlin?",
           "Could you say a bit about what you wish you had known?", "Could you please share how you prepared?",
           "Can you give me a sense of what the first year is like?"],
    "de": ["Können Sie mir von Ihrem Weg in den Verlag erzählen?", "Könnten Sie mir schildern, wie Sie Ihren ersten "
           "Kunden gewonnen haben?", "Würden Sie mir eine typische Woche beschreiben?",
           "Können Sie mir erklären, wie ein Projekt bei Ihnen beginnt?",
           "Könnten Sie mir etwas über Ihren Wechsel nach Berlin erzählen?",
           "Möchten Sie mir erzählen, was Sie gern früher gewusst hätten?",
           "Können Sie mir kurz beschreiben, wie Sie sich vorbereitet haben?",
           "Könnten Sie mir sagen, wie Sie zu Ihrer ersten Stelle gekommen sind?"],
}
SINGLE_FACTS = {
    "en": ["How many hours a week do you spend with clients?", "How long did it take you to find your first job?",
           "Which year did you start at the agency?", "In what year did you finish your PhD?",
           "When did you join the company?", "When was your first promotion?", "How old were you when you switched?",
           "And how many people are on your team?", "If you had to guess, how long does onboarding take?",
           "Could you tell me how many interns you take each year?",
           "When did you know this was the right career for you?"],
    "de": ["Wie viele Stunden pro Woche verbringen Sie mit Kunden?", "Wie lange hat die Suche nach der ersten Stelle "
           "gedauert?", "Seit wann arbeiten Sie in der Beratung?", "In welchem Jahr haben Sie promoviert?",
           "Wann sind Sie zu dem Unternehmen gekommen?", "Wie alt waren Sie beim Wechsel?",
           "Und wie viele Leute arbeiten in Ihrem Team?",
           "Können Sie mir sagen, wie viele Praktikanten Sie jedes Jahr "
           "haben?", "Wann wussten Sie, dass dieser Beruf zu Ihnen passt?"],
}
STILL_YES_NO = {
    "en": ["Can you tell me whether a master's is necessary?", "Could you tell me if your firm hires career changers?",
           "Could you look at my CV?", "Would you recommend a bootcamp?"],
    "de": ["Können Sie mir sagen, ob ein Master nötig ist?",
           "Könnten Sie mir erklären, ob Quereinsteiger eine Chance "
           "haben?", "Können Sie sich meinen Lebenslauf ansehen?", "Würden Sie ein Bootcamp empfehlen?"],
}
OPEN_DESPITE_A_FACT = {
    "en": ["How long have you lived here, and what brought you to the city?",
           "How many projects run at once, and how do you keep track of them?"],
    "de": ["Wie lange dauert ein Projekt, und was passiert, wenn es eng wird?",
           "Wie viele Leute sind im Team, und wie teilen Sie die Arbeit auf?"],
}


def _cases(table):
    return [(lang, text) for lang, items in table.items() for text in items]


@pytest.mark.parametrize("language, text", _cases(STORY_REQUESTS) + _cases(OPEN_DESPITE_A_FACT))
def test_polite_requests_for_a_story_are_open(language, text):
    assert not is_closed_question(text, language)
    assert question_feedback(text, language) == (True, widget_text("widgets.open_ok", language))


@pytest.mark.parametrize("language, text", _cases(SINGLE_FACTS))
def test_questions_for_a_single_fact_are_closed_with_their_own_tip(language, text):
    assert is_closed_question(text, language)
    ok, message = question_feedback(text, language)
    assert not ok and message == widget_text("widgets.fact_hint", language) != widget_text("widgets.closed_hint", language)


@pytest.mark.parametrize("language, text", _cases(STILL_YES_NO))
def test_yes_no_questions_get_the_yes_no_tip(language, text):
    assert is_closed_question(text, language)
    assert question_feedback(text, language) == (False, widget_text("widgets.closed_hint", language))


def test_the_single_fact_tip_suggests_the_open_form():
    assert "How did you" in widget_text("widgets.fact_hint", "en") and "one fact" in widget_text("widgets.fact_hint", "en")
    assert "„Wie sind Sie" in widget_text("widgets.fact_hint", "de") and "einzelnen Angabe" in widget_text("widgets.fact_hint", "de")


@pytest.mark.parametrize("language, fact, story", [
    ("en", "How many hours a week do you spend with clients?", "Could you tell me about a week with clients?"),
    ("de", "Wie lange hat die Suche nach der ersten Stelle gedauert?",
     "Können Sie mir von Ihrer ersten Stelle erzählen?"),
])
def test_the_planner_widget_shows_the_single_fact_tip(language, fact, story):
    import html

    from infoview.widgets import QuestionPlanner

    planner = QuestionPlanner(language=language)
    planner.question.value = fact
    assert html.escape(widget_text("widgets.fact_hint", language)) in planner.feedback.value
    assert html.escape(widget_text("widgets.closed_hint", language)) not in planner.feedback.value
    planner.question.value = story
    assert html.escape(widget_text("widgets.open_ok", language)) in planner.feedback.value
