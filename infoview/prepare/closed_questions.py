"""Is a question open or closed? The checks behind :func:`is_closed_question` and the feedback the
planner and the drafter show.

A question is open when it invites a story (What, How, Why, "Can you tell me about …?"); it is
closed when it can be answered with yes or no, or with one fact (how many, how long, which year).

>>> is_closed_question("Do you enjoy your work?"), is_closed_question("What surprised you most?")
(True, False)
>>> is_closed_question("Could you tell me about your path?"), is_closed_question("Wie lange sind Sie schon dort?", "de")
(False, True)
"""

import re

from ..texts import check_language, text as widget_text

__all__ = ["is_closed_question", "question_feedback"]

_QUESTION_WORDS = {
    "en": re.compile(r"^(?:and|or|so|also|but|now|finally|lastly|well|okay|ok)\b[\s,]*", re.I),
    "de": re.compile(r"^(?:und|oder|also|aber|noch|zuletzt|abschließend|na ja|nun)\b[\s,]*", re.I),
}
_EN_AUX = set("""do does did is are was were am can could would will should shall have has had may might must
don't doesn't didn't isn't aren't wasn't weren't can't couldn't wouldn't won't shouldn't haven't hasn't
hadn't mustn't""".split())
_DE_VERBS = set("""habe hast hat haben hatte hatten hätte hätten bin bist ist sind war waren wäre wären gibt gab
gäbe kann kannst können konnte konnten könnte könnten darf dürfen dürfte dürften muss müssen musste mussten
müsste soll sollen sollte sollten wird werden würde würden will wollen wollte wollten möchte möchten mag mögen
kennen kennt weiß wissen""".split())
_DE_PRONOUNS = set("sie es man er ich wir du ihr ihnen mir dir uns euch sich".split())
_DE_OPEN = re.compile(r"^(?:w(?:ie|as|o|ann|arum|eshalb|ieso|eswegen|er|em|en|essen|elche[rmns]?)|inwiefern"
                      r"|inwieweit|erzählen|beschreiben|schildern|nennen)\b", re.I)
_TAGS = {
    "en": re.compile(r",\s*(?:right|correct|or not|isn't it|aren't you|don't you|didn't you|is that right)\?\s*$", re.I),
    "de": re.compile(r",\s*(?:oder|oder nicht|nicht wahr|stimmt's|stimmt das|richtig)\?\s*$", re.I),
}
# A polite request for a story ("Could you tell me about ...?", "Können Sie mir ... erzählen?"): open,
# unless what it asks to be told is a yes or no ("... whether ...", "..., ob ...") or a single fact.
_STORY_REQUEST = {
    "en": re.compile(r"^(?:can|could|would|will)\s+you\s+(?:please\s+|perhaps\s+|maybe\s+|briefly\s+)?"
                     r"(?:tell\s+me|tell\s+us|walk\s+(?:me|us)\s+through|talk\s+(?:me\s+)?(?:through|about)|"
                     r"describe|explain|say\s+(?:a\s+(?:bit|little)\s+|more\s+|something\s+)|"
                     r"share(?=\s+(?:how|what|why|which|where|a\s+bit|a\s+little|more|something|some|"
                     r"your\s+(?:story|experience|path|view|perspective|thoughts)))|"
                     r"give\s+(?:me|us)\s+(?:an?\s+)?(?:overview|picture|sense|idea|example|account)|"
                     r"mind\s+(?:telling|describing|sharing|explaining))\b\s*"
                     r"(?:(?:a\s+(?:bit|little)|more|something)\s+)?(?:about\s+)?", re.I),
    "de": re.compile(r"^(?:können|könnten|würden|möchten|mögen|wollen)\s+sie\b(?P<middle>[^,?]*?)\b"
                     r"(?:erzählen|schildern|beschreiben|erklären|erläutern|berichten|skizzieren|darstellen|"
                     r"näherbringen|durchgehen|sagen|verraten)\b\s*,?\s*", re.I),
}
_WHETHER = {"en": re.compile(r"^(?:whether|if)\b", re.I), "de": re.compile(r"^ob\b", re.I)}
# Questions that ask for one fact (a number, a length of time, a year, a date): the answer is a word.
_SINGLE_FACT = {
    "en": re.compile(r"^(?:how\s+(?:many|long|old)|(?:in\s+)?(?:which|what)\s+"
                     r"(?:year|month|date|day|age|semester|percentage|share|proportion)|what\s+time|"
                     r"when\s+(?:did|do|does|was|were|will|is|are|have|has|had|would|should|can|could))\b", re.I),
    "de": re.compile(r"^(?:wie\s+(?:viele|lange|alt)|seit\s+wann|wann|"
                     r"(?:in|im)\s+(?:welchem|welchen)\s+(?:jahr|monat|alter|semester)|welches\s+jahr|"
                     r"um\s+wie\s+viel\s+uhr)\b", re.I),
}
# "How long have you lived here, and what brought you to the city?": the open part wins.
_OPEN_FOLLOW_UP = {
    "en": re.compile(r",?\s+(?:and|or|but)\s+(?:what|why|which|who|where|how(?!\s+(?:many|long|old)\b))\b", re.I),
    "de": re.compile(r",\s*(?:und|oder|aber)\s+(?:was|warum|weshalb|wieso|welche\w*|wer|wo\w*|inwiefern|"
                     r"wie(?!\s+(?:viele|lange|alt)\b))\b", re.I),
}


def _question_type(text, language):
    """``"yes_no"``, ``"single_fact"`` or ``None`` (open, or no question) for the last question in ``text``."""
    check_language(language)
    if "?" not in text:
        return None
    sentences = [s.strip() for s in re.split(r"(?<=[.!?:;])\s+", text.strip()) if s.strip()]
    question = next(s for s in reversed(sentences) if s.endswith("?")) if any(
        s.endswith("?") for s in sentences) else sentences[-1]
    if _TAGS[language].search(question):
        return "yes_no"
    question = _QUESTION_WORDS[language].sub("", question.strip(" \"'„“”‘’-–"))
    if re.match(r"^(?:if|when|wenn|falls|angenommen)\b", question, re.I) and "," in question:
        question = question.split(",", 1)[1].strip()
    story = _STORY_REQUEST[language].match(question)
    if story:
        told = question[story.end():]
        if language == "de" and not told.strip(" ?"):
            told = story.group("middle").strip()     # "Können Sie mir erzählen?": the request is the question
        if _WHETHER[language].match(told):
            return "yes_no"
        return "single_fact" if _is_single_fact(told, language) else None
    if _is_single_fact(question, language):
        return "single_fact"
    words = re.findall(r"[\w'’]+", question.lower().replace("’", "'"))
    if not words:
        return None
    if language == "en":
        return "yes_no" if words[0] in _EN_AUX else None
    if _DE_OPEN.match(words[0]):
        return None
    if words[0] in _DE_VERBS or (len(words) > 1 and words[1] in _DE_PRONOUNS and not words[0][0].isdigit()):
        return "yes_no"
    return None


def _is_single_fact(question, language):
    return bool(_SINGLE_FACT[language].match(question)) and not _OPEN_FOLLOW_UP[language].search(question)


def is_closed_question(text, language="en"):
    """True if ``text`` asks a yes/no question or for a single fact rather than an open one.

    Looks at the last question in ``text``. Closed are English questions that open with an
    auxiliary ("Do you ...?", "Is there ...?") and German ones that open with the verb
    ("Haben Sie ...?", "Gibt es ...?"), tag questions ("..., right?", "..., oder?"), and questions
    that ask for one fact: how many, how long, which year, when did, wie viele, wie lange, seit
    wann, in welchem Jahr. Polite requests for a story are open ("Could you tell me about ...?",
    "Können Sie mir ... erzählen?"). A leading "If ...," or "Wenn ...," clause is skipped.

    >>> is_closed_question("Do you enjoy your work?")
    True
    >>> is_closed_question("What do you enjoy most about your work?")
    False
    >>> is_closed_question("Could you tell me about your first year?")
    False
    >>> is_closed_question("How many hours a week do you spend with clients?")
    True
    >>> is_closed_question("Gibt es Weiterbildungen, die Sie empfehlen?", "de")
    True
    >>> is_closed_question("Können Sie mir von Ihrem ersten Jahr erzählen?", "de")
    False
    >>> is_closed_question("Seit wann arbeiten Sie in der Beratung?", "de")
    True
    """
    return _question_type(text, language) is not None


def question_feedback(text, language="en"):
    """``(is_good, message)`` for a question a student wrote, coaching towards open questions.

    A yes/no question and a question for a single fact get different tips.

    >>> question_feedback("Do you like it?")[0]
    False
    >>> question_feedback("What do you like most about it?")
    (True, 'An open question: it invites a story.')
    >>> question_feedback("How long have you worked there?")[1].startswith("This asks for one fact")
    True
    """
    text = text.strip()
    if not text.endswith("?"):
        return False, widget_text("widgets.not_a_question", language)
    kind = _question_type(text, language)
    if kind == "yes_no":
        return False, widget_text("widgets.closed_hint", language)
    if kind == "single_fact":
        return False, widget_text("widgets.fact_hint", language)
    return True, widget_text("widgets.open_ok", language)
