"""Problems of an outreach log in the reader's language: each :class:`~infoview.errors.Problem`
made here carries a text key and its values, so it can be shown in English or German.

The English message is kept on the problem itself (``problem.message``), so an error printed
without a language reads as before; :func:`in_language` gives the same error in German.

>>> p = problem(3, "Quelle", "Xing?", "unknown_value", column={"en": "source", "de": "„Quelle“"},
...             allowed={"en": "alumni, cold", "de": "Alumni, Kaltakquise"})
>>> describe(p, "de")
"Zeile 3, Spalte 'Quelle', Wert 'Xing?': unbekannter Wert für „Quelle“; verwenden Sie einen dieser Werte: Alumni, Kaltakquise"
"""

from .errors import LogError, Problem, brief
from .texts import text

__all__ = ["problem", "message", "describe", "in_language"]


def problem(line, column, value, key, /, **values):
    """A :class:`Problem` whose message is the text ``log.problems.<key>`` filled with ``values``;
    a value that differs by language is given as ``{"en": ..., "de": ...}``."""
    kept = tuple((name, tuple(v.items()) if isinstance(v, dict) else v) for name, v in values.items())
    made = Problem(line, column, value, "", key, kept)
    return Problem(line, column, value, message(made, "en"), key, kept)


def message(found, language):
    """The problem's message (without where it is) in ``language``."""
    if found.key is None or (language == "en" and found.message):
        return found.message
    values = {name: dict(v)[language] if isinstance(v, tuple) else v for name, v in found.values}
    return text(f"log.problems.{found.key}", language, **values)


def describe(found, language):
    """The problem with its line, column and value, in ``language``."""
    where = []
    if found.line is not None:
        where.append(text("log.problems.where.line", language, line=found.line))
    if found.column:
        where.append(text("log.problems.where.column", language, column=repr(found.column)))
    if found.value not in (None, ""):
        where.append(text("log.problems.where.value", language, value=brief(found.value)))
    return (", ".join(where) + ": " if where else "") + message(found, language)


def in_language(error, language):
    """``error`` (a :class:`LogError`) with its summary and every problem in ``language``."""
    if language == "en":
        return error
    count = len(error.problems)
    head = f"{error.source}: " if error.source else ""
    lines = [head + text("log.problems.where.summary", language, count=count,
                         more="+" if error.truncated else "")]
    lines += [f"  - {describe(p, language)}" for p in error.problems[:20]]
    if count > 20 or error.truncated:
        lines.append("  - " + text("log.problems.where.more", language))
    translated = LogError(error.problems, source=error.source, truncated=error.truncated, text="\n".join(lines))
    return translated
