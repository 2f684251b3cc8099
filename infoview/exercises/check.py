"""Checking the answers of the exercises against their keys in ``content/exercises.yaml``: :func:`check`.

Each checker takes the answer, the exercise's key and a ``say(entry, **values)`` that fetches the
exercise's words in the lesson's language; it returns the ✓ lines or raises :class:`AnswerError`.
The checkers of lessons 00, 01, 02 (who first), 03 (dates) and 06 live here; the others in a module
named for what they check (:mod:`.targets`, :mod:`.emails`, :mod:`.questions`, :mod:`.timing`,
:mod:`.outreach_log`, :mod:`.rates`).
"""

from functools import cache

from ..errors import InfoviewError
from ..resources import LANGUAGES, check_language, load_bundled
from ..texts import text
from .emails import agenda, rewrite, thank_you
from .feedback import AnswerError, as_day, as_list, as_texts, fail, matches, words
from .outreach_log import due_follow_ups, fix_row, record_reply
from .questions import open_up, question_plan
from .rates import censored_rates, rates_by_source, weekly_sends
from .targets import lamp_list
from .timing import actions, leave

__all__ = ["EXERCISES", "AnswerError", "check", "choices", "short_feedback"]


@cache
def _keys():
    return load_bundled("exercises.yaml")


def _first_target(answer, key, say, language):
    from ..log.read import CHANNELS, SOURCES, vocabulary

    organisation, role, given = as_texts(answer, say("names"), language)
    labels = vocabulary().label_de
    sources = {value: value for value in SOURCES} | {label.casefold(): value for value, label in labels["source"].items()}
    channels = set(CHANNELS) | {label.casefold() for label in labels["channel"].values()}
    choices_shown = ", ".join(labels["source"].values()) if language == "de" else ", ".join(SOURCES)
    if given.casefold() in channels:
        fail(say("channel", given=given), language)
    if given.casefold() not in sources:
        fail(say("unknown_source", given=given, choices=choices_shown), language)
    source = sources[given.casefold()]
    shown = labels["source"][source] if language == "de" else source
    lines = [say("ok", role=role, organisation=organisation, source=shown)]
    return lines + ([say("cold")] if source == "cold" else [])


def _goal_or_job(answer, key, say, language):
    chosen = set()
    for item in as_list(answer, "01-goal-or-job", language):
        if not str(item).strip().isdigit():
            fail(say("unknown", number=item), language)
        chosen.add(int(str(item).strip()))
    unknown = sorted(chosen - set(key["statements"]))
    if unknown:
        fail(say("unknown", number=unknown[0]), language)
    right = set(key["job_requests"])
    flagged, missed = sorted(chosen - right), sorted(right - chosen)
    if flagged:
        fail(" ".join(say("fine", number=n, why=say(f"why.{n}")) for n in flagged), language)
    if missed:
        fail(" ".join(say("missed", number=n, why=say(f"why.{n}")) for n in missed), language)
    return [say("ok", numbers=", ".join(map(str, sorted(right))))]


def _my_reframe(answer, key, say, language):
    import re

    from ..prepare import fears

    fear, reframe = as_texts(answer, say("names"), language)
    known = fears(language)
    if fear not in [f.id for f in known]:
        fail(say("unknown_fear", given=fear, ids=", ".join(f.id for f in known)), language)
    count = len(re.findall(r"\w+(?:['’-]\w+)*", reframe))
    if count < key["min_words"]:
        fail(say("too_short", words=count, limit=key["min_words"]), language)
    if count > key["max_words"]:
        fail(say("too_long", words=count, limit=key["max_words"]), language)
    if reframe in {f.reframe for f in known}:
        fail(say("copied"), language)
    if not matches(key, "actions", reframe, language):
        fail(say("no_action"), language)
    return [say("ok", words=count)]


def _day(value, name, say, language):
    day = as_day(value)
    if day is None:
        fail(say("not_a_date", name=name, value=value), language)
    return day


def _three_b_seven(answer, key, say, language):
    from datetime import date, timedelta

    import numpy as np

    from ..dates import short_date

    names = say("names")
    given = [_day(value, name, say, language) for name, value in zip(names, as_texts(answer, names, language))]
    sent, holidays = date.fromisoformat(key["sent"]), [date.fromisoformat(d) for d in key["holidays"]]
    weekday = text("exercises.weekdays", language)
    for name, mine, days in zip(names, given, key["days"]):
        right = np.busday_offset(sent, days, roll="forward", holidays=holidays).astype(date)
        shown = short_date(mine, language)
        if mine <= sent:
            fail(say("not_after", name=name, day=shown), language)
        if mine.weekday() >= 5:
            fail(say("weekend", name=name, weekday=weekday[mine.weekday()]), language)
        if mine in holidays:
            fail(say("on_holiday", name=name, holiday=say("holiday")), language)
        if mine == right:
            continue
        if mine == sent + timedelta(days=days):
            fail(say("calendar_days", name=name, days=days), language)
        if mine == np.busday_offset(sent, days, roll="forward").astype(date):
            fail(say("forgot_holiday", name=name, holiday=say("holiday"), day=short_date(holidays[0], language)),
                  language)
        fail(say("miscounted", name=name, day=shown, days=days, sent=short_date(sent, language)), language)
    first, second = given
    return [say("ok", weekday1=weekday[first.weekday()], first=short_date(first, language),
                weekday2=weekday[second.weekday()], second=short_date(second, language))]


def _who_first(answer, key, say, language):
    order = [str(letter).strip().upper() for letter in as_list(answer, "02-who-first", language)]
    if sorted(order) != sorted(key["letters"]):
        fail(say("each_once", order=", ".join(order) or "[]"), language)
    if order[0] != key["first"]:
        fail(f"{say(f'not_first.{order[0]}')} {say('who_first')}", language)
    if order[1] != key["second"]:
        fail(say("second"), language)
    if order[-1] != key["last"]:
        fail(say("last"), language)
    return [say("ok", order=" → ".join(order))]


def _phase_order(answer, key, say, language):
    letters = [chr(ord("A") + i) for i in range(len(key["shown"]))]
    phase_of = dict(zip(letters, key["shown"]))
    given = [str(letter).strip().upper() for letter in as_list(answer, "06-phase-order", language)]
    unknown = [letter for letter in given if letter not in phase_of]
    if unknown:
        fail(say("unknown", letters=", ".join(unknown), last=letters[-1]), language)
    missing = [letter for letter in letters if letter not in given]
    if missing:
        fail(say("each_once", missing=", ".join(missing)), language)
    if len(given) != len(letters):
        twice = sorted({letter for letter in given if given.count(letter) > 1})
        fail(say("twice", letters=", ".join(twice)), language)
    for position, (letter, right) in enumerate(zip(given, key["order"]), start=1):
        phase = phase_of[letter]
        if phase != right:
            fail(say("wrong_place", position=position, phase=say(f"choices.{phase}"), letter=letter,
                      hint=say(f"hints.{phase}")), language)
    return [say("ok", phases=", ".join(say(f"choices.{phase}") for phase in key["order"]))]


def _time_check(answer, key, say, language):
    from ..emails.lint import guess_language

    [text] = as_texts(answer, [say("name")], language)
    count = len(text.split())
    if count > key["max_words"]:
        fail(say("too_long", words=count, limit=key["max_words"]), language)
    if guess_language(text) != language:
        fail(say("language"), language)
    if "informal" in key and language in key["informal"] and matches(key, "informal", text, language):
        fail(say("informal"), language)
    if not matches(key, "time", text, language):
        fail(say("time"), language)
    if not text.endswith("?"):
        fail(say("question"), language)
    if not matches(key, "last", text, language):
        fail(say("last"), language)
    return [say("ok")]


def _referral(answer, key, say, language):
    from ..emails.lint import lint_email

    [text] = as_texts(answer, [say("name")], language)
    if "?" not in text:
        fail(say("question"), language)
    if not matches(key, "person", text, language):
        fail(say("person"), language)
    if not matches(key, "name", text, language):
        fail(say("their_name"), language)
    findings = lint_email(text, "outreach", language)
    informal = [f.message for f in findings if f.rule == "informal-address"]
    if informal:
        fail(informal[0], language)
    job = [f.message for f in findings if f.rule == "asks-for-job"]
    if job:
        fail(say("job", message=job[0]), language)
    return [say("ok")]


EXERCISES = {
    "00-first-target": _first_target,
    "01-goal-or-job": _goal_or_job,
    "01-my-reframe": _my_reframe,
    "02-who-first": _who_first,
    "03-3b7": _three_b_seven,
    "06-phase-order": _phase_order,
    "06-time-check": _time_check,
    "06-referral": _referral,
    "02-lamp-list": lamp_list,
    "03-rewrite": rewrite,
    "04-open-up": open_up,
    "04-plan": question_plan,
    "05-agenda": agenda,
    "05-leave": leave,
    "07-thank-you": thank_you,
    "07-actions": actions,
    "08-record-reply": record_reply,
    "08-fix-row": fix_row,
    "08-due-follow-ups": due_follow_ups,
    "09-rate-by-source": rates_by_source,
    "09-weekly-sends": weekly_sends,
    "09-censoring": censored_rates,
}
"""The exercises :func:`check` knows, by id (lesson number, then a short name)."""


def check(exercise, answer, language="en"):
    """Check ``answer`` to ``exercise``: print the ✓ feedback, or raise :class:`AnswerError` saying what's missing."""
    language = check_language(language)
    if exercise not in EXERCISES:
        raise InfoviewError(f"there is no exercise {exercise!r}; the lessons know {', '.join(EXERCISES)}")
    for line in EXERCISES[exercise](answer, _keys().get(exercise, {}), words(exercise, language), language):
        print(line)


def choices(exercise, language="en"):
    """Print the lettered choices of an exercise whose answer is a list of letters (they come from its key)."""
    language = check_language(language)
    say = words(exercise, language)
    if "shown" not in _keys().get(exercise, {}):
        raise InfoviewError(f"exercise {exercise!r} has no lettered choices")
    for i, phase in enumerate(_keys()[exercise]["shown"]):
        print(f"{chr(ord('A') + i)}  {say(f'choices.{phase}')}")


def short_feedback():
    """In a notebook, show a failed check (``AssertionError``) or a refused input (``InfoviewError``) as its
    message alone, and an answer cell not written yet (nbgrader's ``raise NotImplementedError()``) as
    a short note in the lesson's language (its ``LANG``): a student sees what to change, not a
    traceback. Does nothing outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return

    def show(shell, etype, value, tb, tb_offset=None):
        if isinstance(value, NotImplementedError):  # nbgrader's placeholder in an answer not written yet
            language = shell.user_ns.get("LANG")
            value = AnswerError(text("exercises.unanswered", language if language in LANGUAGES else "en"))
        short = value if isinstance(value, AnswerError) else AnswerError(str(value))
        shell.showtraceback(exc_tuple=(type(short), short, None))

    shell.set_custom_exc((AssertionError, InfoviewError, NotImplementedError), show)
