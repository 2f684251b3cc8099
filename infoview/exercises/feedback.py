"""What every exercise check shares: the error a wrong answer raises, and the words of its feedback.

A checker gets ``say``, which fetches its texts from ``content/texts/exercises.yaml`` in the lesson's
language, and refuses an answer with :func:`fail`:

>>> say = words("03-3b7", "de")
>>> say("holiday")
'Christi Himmelfahrt'
>>> fail(say("holiday"), "en")
Traceback (most recent call last):
  ...
infoview.exercises.feedback.AnswerError: Not yet: Christi Himmelfahrt
"""

import re
from datetime import date, datetime

from ..errors import InfoviewError
from ..texts import text

__all__ = ["AnswerError", "as_day", "as_list", "as_texts", "day_and_month", "fail", "lint_list", "matches",
           "words"]


class AnswerError(InfoviewError, AssertionError):
    """An answer that isn't right yet; shown in a notebook as its message alone, without a traceback.

    It is an ``AssertionError`` too, so nbgrader and the lesson tests treat it as a failed check.
    """

    def _render_traceback_(self):
        return [f"\x1b[31m✗ {self}\x1b[0m"]


def words(exercise, language):
    """``say(entry, **values)``: the text ``exercises.<exercise>.<entry>`` in ``language``."""
    def say(entry, /, **values):
        return text(f"exercises.{exercise}.{entry}", language, **values)
    return say


def fail(message, language):
    """Refuse an answer: raise :class:`AnswerError` with ``message`` after "Not yet:"."""
    raise AnswerError(text("exercises.not_yet", language, message=message))


def as_list(answer, exercise, language):
    """The answer as a list, or a refusal that shows the exercise's example list."""
    if isinstance(answer, (list, tuple, set)):
        return list(answer)
    fail(text("exercises.a_list", language, example=text(f"exercises.{exercise}.example", language)), language)


def as_texts(answer, names, language):
    """The answer's values (one per name in ``names``) as stripped texts; each must be non-empty text."""
    values = list(answer) if isinstance(answer, (list, tuple)) else [answer]
    if len(values) != len(names):
        fail(text("exercises.values", language, count=len(names), names=", ".join(names)), language)
    for name, value in zip(names, values):
        if not isinstance(value, str) or not value.strip():
            fail(text("exercises.a_text", language, name=name), language)
    return [value.strip() for value in values]


def as_day(value):
    """A date written as ``2025-05-20`` or ``20.05.2025`` (or a date itself); ``None`` if it is neither."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    for form in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(str(value).strip(), form).date()
        except ValueError:
            continue
    return None


def day_and_month(day, language):
    """``14 May`` in English, ``14.05.`` in German: a date within the lesson's year."""
    return day.strftime("%d.%m.") if language == "de" else f"{day.day} {day:%B}"


def matches(key, name, text, language):
    """Whether ``text`` matches the key's pattern ``name`` for ``language`` (true where there is none)."""
    pattern = key.get(name, {}).get(language)
    return pattern is None or re.search(pattern, text, re.IGNORECASE) is not None


def lint_list(findings, language):
    """The linter's findings as a bulleted list: rule, severity in the lesson's language, message."""
    return "\n".join(f"  • {f.rule} ({text(f'exercises.severity.{f.severity}', language)}): {f.message}"
                     for f in findings)
