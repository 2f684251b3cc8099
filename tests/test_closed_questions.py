"""is_closed_question on hand-written questions, open and closed, in both languages."""

import pytest

from infoview import is_closed_question

EN_CLOSED = [
    "Do you enjoy your work?",
    "Does your team work remotely?",
    "Did you always want to work in publishing?",
    "Is there anything I should have asked?",
    "Are there internships in your department?",
    "Was it hard to switch from teaching to UX research?",
    "Were you nervous in your first month?",
    "Can you tell me about your typical day?",
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
    "When did you know this was the right career for you?",
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
    "Können Sie mir Ihren typischen Arbeitstag beschreiben?",
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
    "Wann wussten Sie, dass dieser Beruf zu Ihnen passt?",
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
