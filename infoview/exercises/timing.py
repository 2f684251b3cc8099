"""The checks of times and dates a student plans: when to leave for the meeting (05), and the actions
after it, each with a due date (07).

>>> from infoview.exercises import check
>>> check("05-leave", ("14:45", "14:07"), "de")
✓ Um 14:07 Uhr losgehen, um 14:45 Uhr ankommen: 15 Minuten Puffer bis 15:00 Uhr.
"""

import re
from datetime import date, datetime, time, timedelta

from ..dates import short_date
from ..texts import text
from .feedback import as_day, as_list, fail

__all__ = ["actions", "leave"]


def _minutes(value, name, say, language):
    """A time of day, "9:30" (also "9.30" or "9:30 Uhr"), in minutes after midnight."""
    if isinstance(value, (datetime, time)):
        return value.hour * 60 + value.minute
    found = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*(?:Uhr|h)?\s*", value) if isinstance(value, str) else None
    if not found or int(found[1]) > 23 or int(found[2]) > 59:
        fail(say("not_a_time", name=name, value=value), language)
    return int(found[1]) * 60 + int(found[2])


def _clock(minutes):
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def leave(answer, key, say, language):
    """``answer``: ``(arrive_at, leave_at)``, times such as "14:45" (``05-leave``)."""
    names = say("names")
    if not isinstance(answer, (list, tuple)) or len(answer) != 2:
        fail(text("exercises.values", language, count=2, names=", ".join(names)), language)
    arrive, leave_at = (_minutes(value, name, say, language) for value, name in zip(answer, names))
    start, journey = _minutes(key["start"], "start", say, language), key["journey"]
    early, travel, total = start - arrive, arrive - leave_at, sum(journey)
    low, high = key["early"]
    if early <= 0:
        fail(say("not_early" if early == 0 else "late", arrive=_clock(arrive), low=low, high=high), language)
    if early < low:
        fail(say("too_tight", early=early, low=low, high=high), language)
    if early > high:
        fail(say("too_early", early=early, low=low, high=high), language)
    if travel in journey:
        fail(say("one_leg", total=total), language)
    if travel != total:
        fail(say("journey", leave=_clock(leave_at), arrive=_clock(arrive), travel=travel, total=total), language)
    return [say("ok", leave=_clock(leave_at), arrive=_clock(arrive), early=early, start=_clock(start))]


def actions(answer, key, say, language):
    """``answer``: ``(my_actions, my_due)``, one due date per action, in the same order (``07-actions``)."""
    names = say("names")
    if not isinstance(answer, (list, tuple)) or len(answer) != 2:
        fail(text("exercises.values", language, count=2, names=", ".join(names)), language)
    todo, due = (as_list(value, "07-actions", language) for value in answer)
    if len(todo) != len(due):
        fail(say("pairs", actions=len(todo), dates=len(due)), language)
    if len(todo) < key["min_actions"]:
        fail(say("too_few", count=len(todo)), language)
    for action in todo:
        if not isinstance(action, str) or not action.strip():
            fail(say("empty", name=names[0]), language)
    lowered = [action.casefold() for action in todo]
    for topic, words in key["topics"].items():
        if not any(words[language] in action for action in lowered):
            fail(say("missing_topic", topic=say(f"topics.{topic}")), language)
    days = [as_day(value) for value in due]
    undated = [action for action, day in zip(todo, days) if day is None]
    if undated:
        fail(say("undated", actions="; ".join(undated)), language)
    met = date.fromisoformat(key["meeting"])
    limit = met + timedelta(weeks=key["within_weeks"])
    for action, day in zip(todo, days):
        if day < met:
            fail(say("before", action=action, day=short_date(day, language), met=short_date(met, language)), language)
        if day > limit:
            fail(say("too_late", action=action, day=short_date(day, language), weeks=key["within_weeks"]), language)
    for topic, days_after in key["deadlines"].items():
        latest = met + timedelta(days=days_after)
        late = [action for action, day in zip(todo, days) if key["topics"][topic][language] in action.casefold()
                and day > latest]
        if late:
            fail(say(f"late.{topic}", day=short_date(latest, language)), language)
    short = [day[:3 if language == "en" else 2] for day in text("exercises.weekdays", language)]
    return [say("ok")] + [f"  {short[day.weekday()]} {short_date(day, language)}  {action}"
                          for day, action in sorted(zip(days, todo))]
