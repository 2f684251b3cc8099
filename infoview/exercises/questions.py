"""The checks of lesson 04's questions: closed questions opened up, and a question plan for half an hour.

>>> from infoview.exercises import check
>>> check("04-open-up", ["What do you enjoy most about consulting?", "How do people without a business degree get in?",
...     "How did you end up in this role?", "Which skills would you work on now?",
...     "Which professional associations are worth joining?"], "en")
✓ All five questions are open now: each one invites a story instead of a yes or a no.
"""

import re

from .feedback import as_list, fail

__all__ = ["open_up", "question_plan"]


def open_up(answer, key, say, language):
    """``answer``: the closed questions of the key, each rewritten as an open one, in order (``04-open-up``)."""
    from ..prepare.closed_questions import is_closed_question

    closed = key["closed"][language]
    mine = as_list(answer, "04-open-up", language)
    if len(mine) != len(closed):
        fail(say("count", count=len(mine), expected=len(closed)), language)
    for number, (before, after) in enumerate(zip(closed, mine), start=1):
        if not isinstance(after, str) or not after.strip():
            fail(say("empty", number=number), language)
        if not after.strip().endswith("?"):
            fail(say("question_mark", number=number, question=after.strip()), language)
        if after.strip().casefold() == before.casefold():
            fail(say("unchanged", number=number), language)
    still_closed = [say("numbered", number=n, question=q.strip()) for n, q in enumerate(mine, start=1)
                    if is_closed_question(q, language)]
    if still_closed:
        fail(say("still_closed", questions="; ".join(still_closed)), language)
    return [say("ok", count=len(mine))]


def _entries(plan, key, say, language):
    """``(stage, category, text, asks for names)`` for each entry: a bank id or "category: question?"."""
    from ..prepare.questions import QuestionBank, categories

    bank = QuestionBank.builtin(language)
    stage_of = {c.id: c.stage for c in categories(language)}
    about_people = re.compile(key["about_people"][language], re.IGNORECASE)
    for entry in plan:
        if not isinstance(entry, str):
            fail(say("not_text", entry=repr(entry)), language)
        if ":" not in entry:
            if entry.strip() not in bank:
                fail(say("unknown_id", entry=entry), language)
            question = bank[entry.strip()]
            yield question.stage, question.category, question.text, "referrals" in question.tags
            continue
        category, text = (part.strip() for part in entry.split(":", 1))
        if category not in stage_of:
            fail(say("unknown_category", category=category, categories=", ".join(stage_of)), language)
        if not text.endswith("?"):
            fail(say("question_mark", question=text), language)
        referral = category in ("closing", "resources") and bool(about_people.search(text))
        yield "closing" if referral else stage_of[category], category, text, referral


def question_plan(answer, key, say, language):
    """``answer``: 10 to 14 bank ids or "category: question?" texts, in the order asked (``04-plan``)."""
    from ..prepare.closed_questions import is_closed_question
    from ..prepare.questions import categories

    plan = as_list(answer, "04-plan", language)
    low, high = key["questions"]
    if not low <= len(plan) <= high:
        fail(say("too_few" if len(plan) < low else "too_many", count=len(plan), low=low, high=high), language)
    entries = list(_entries(plan, key, say, language))
    if entries[0][0] != "opening":
        fail(say("opening", question=entries[0][2]), language)
    if entries[-1][0] != "closing":
        fail(say("closing", question=entries[-1][2]), language)
    if not any(referral for *_, referral in entries[-2:]):
        fail(say("referral"), language)
    closed = [say("quoted", question=text) for _, _, text, _ in entries if is_closed_question(text, language)]
    if closed:
        fail(say("closed", questions="; ".join(closed)), language)
    texts = [text.casefold() for _, _, text, _ in entries]
    twice = [text for i, (_, _, text, _) in enumerate(entries) if text.casefold() in texts[:i]]
    if twice:
        fail(say("twice", questions="; ".join(say("quoted", question=text) for text in twice)), language)
    core = sorted({category for stage, category, _, _ in entries if stage == "core"})
    if len(core) < key["core_categories"]:
        other = [c.id for c in categories(language) if c.stage == "core" and c.id not in core]
        fail(say("narrow", core=", ".join(core) or say("no_category"), other=say("or").join(other[:2]),
                 count=key["core_categories"]), language)
    return [say("ok", count=len(plan), areas=len(core), core=", ".join(core))]
