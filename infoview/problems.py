"""Errors in the reader's language: each :class:`~infoview.errors.Problem` of an outreach log,
:class:`~infoview.errors.FileError`, :class:`~infoview.errors.WorkspaceError`,
:class:`~infoview.errors.ContentError`, :class:`~infoview.errors.TemplateError` and
:class:`~infoview.errors.ArgumentError` made here carries a text key and its values, so it can be
shown in English or German.

The English message is kept on the error itself, so an error printed without a language reads
as before; :func:`in_language` gives the same error in German, where the language is known (the
public function, the widget, the command line). A value that differs by language is given as
``{"en": ..., "de": ...}``; whole numbers are written with the language's thousands separator.

>>> p = problem(3, "Quelle", "Xing?", "unknown_value", column={"en": "source", "de": "„Quelle“"},
...             allowed={"en": "alumni, cold", "de": "Alumni, Kaltakquise"})
>>> describe(p, "de")
"Zeile 3, Spalte 'Quelle', Wert 'Xing?': unbekannter Wert für „Quelle“; verwenden Sie einen dieser Werte: Alumni, Kaltakquise"
>>> error = file_error("too_many_columns", file="a.csv", line=4, count=1200, limit=1000)
>>> str(error)
'a.csv, line 4: the row has 1,200 columns, over the limit of 1,000. Fix: check that this is the right file.'
>>> str(in_language(error, "de"))
'a.csv, Zeile 4: die Zeile hat 1.200 Spalten, erlaubt sind höchstens 1.000. Abhilfe: Prüfen Sie, ob dies die richtige Datei ist.'
"""

import functools
import inspect
from dataclasses import replace

from .errors import (ArgumentError, ContentError, FileError, InfoviewError, LogError, Problem, TemplateError,
                     WorkspaceError, brief, shown)
from .texts import LANGUAGES, check_language, text, texts

__all__ = ["problem", "file_error", "workspace_error", "content_error", "template_error", "argument_error",
           "content_from_file", "in_both", "file_problem", "message", "describe", "in_language", "with_language"]


def problem(line, column, value, key, /, **values):
    """A :class:`Problem` whose message is the text ``log.problems.<key>`` filled with ``values``."""
    kept = _kept(values)
    made = Problem(line, column, value, "", key, kept)
    return Problem(line, column, value, message(made, "en"), key, kept)


def _kept(values):
    return tuple((name, tuple(v.items()) if isinstance(v, dict) else v) for name, v in values.items())


def _values(kept, language):
    """The values of a key in ``language``: the language's own where they differ, numbers localised."""
    out = {}
    for name, value in kept:
        value = dict(value)[language] if isinstance(value, tuple) else value
        if isinstance(value, int) and not isinstance(value, bool):
            value = f"{value:,}".replace(",", "." if language == "de" else ",")
        out[name] = value
    return out


def file_error(key, /, *, file=None, line=None, **values):
    """A :class:`FileError` whose reason and fix are the texts ``errors.file.<key>``."""
    kept = _kept(values)
    return FileError(_part("file", key, "reason", kept, "en"), file=file, line=line,
                     fix=_part("file", key, "fix", kept, "en"), key=key, values=kept)


def workspace_error(key, /, *, file=None, field=None, value=None, **values):
    """A :class:`WorkspaceError` whose reason and fix are the texts ``errors.workspace.<key>``."""
    kept = _kept(values)
    return WorkspaceError(_part("workspace", key, "reason", kept, "en"), file=file, field=field, value=value,
                          fix=_part("workspace", key, "fix", kept, "en"), key=key, values=kept)


def content_error(key, /, *, file=None, entry=None, field=None, **values):
    """A :class:`ContentError` whose reason and fix are the texts ``errors.content.<key>``; ``entry``
    may differ by language (``{"en": "line 3", "de": "Zeile 3"}``)."""
    kept = _kept({**values, "entry": entry})
    return ContentError(_part("content", key, "reason", kept, "en"), file=file, entry=_values(kept, "en")["entry"],
                        field=field, fix=_part("content", key, "fix", kept, "en"), key=key, values=kept)


def template_error(key, /, *, origin=None, line=None, missing=(), **values):
    """A :class:`TemplateError` whose reason and fix are the texts ``errors.template.<key>``; ``origin``
    (the template's file, or its name) may differ by language."""
    kept = _kept({**values, "origin": origin})
    return TemplateError(_part("template", key, "reason", kept, "en"), missing, origin=_values(kept, "en")["origin"],
                         line=line, fix=_part("template", key, "fix", kept, "en"), key=key, values=kept)


def in_both(key, /, **values):
    """The text at ``key`` in every language, as a value of an error that differs by language.

    >>> in_both("errors.where.line", line=3)
    {'en': 'line 3', 'de': 'Zeile 3'}
    """
    kept = _kept(values)
    return {language: text(key, language, **_values(kept, language)) for language in LANGUAGES}


def content_from_file(error, *, file, entry=None):
    """A :class:`FileError` met while reading a content file, as a :class:`ContentError` in both languages."""
    if error.key is None:
        return ContentError(error.reason, file=file, entry=entry, fix=error.fix)
    said = {part: {lang: _part("file", error.key, part, error.values, lang) or "" for lang in LANGUAGES}
            for part in ("reason", "fix")}
    return content_error("unreadable", file=file, entry=entry, **said)


def argument_error(key, /, **values):
    """An :class:`ArgumentError` whose message is the text ``errors.argument.<key>``."""
    kept = _kept(values)
    return ArgumentError(text(f"errors.argument.{key}", "en", **_values(kept, "en")), key=key, values=kept)


def _part(kind, key, part, kept, language):
    if part not in texts(f"errors.{kind}.{key}", language):
        return None
    return text(f"errors.{kind}.{key}.{part}", language, **_values(kept, language)) or None


def _reason(error, language):
    """The reason and the fix of a keyed :class:`FileError` or :class:`WorkspaceError` in ``language``,
    as one sentence (for a message that has its own place, such as a problem of a log file)."""
    kind = "file" if isinstance(error, FileError) else "workspace"
    said, fix = _part(kind, error.key, "reason", error.values, language), \
        _part(kind, error.key, "fix", error.values, language)
    return f"{said}; {fix[0].lower()}{fix[1:]}" if fix else said


def file_problem(error):
    """A keyed :class:`FileError` met while reading a log, as the log's :class:`Problem` (in both languages)."""
    return problem(error.line, None, None, "unreadable", reason={lang: _reason(error, lang) for lang in LANGUAGES})


def message(found, language):
    """The problem's message (without where it is) in ``language``."""
    if found.key is None:
        return found.message
    return text(f"log.problems.{found.key}", language, **_values(found.values, language))


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
    """``error`` (a :class:`LogError`, or a keyed :class:`FileError`, :class:`WorkspaceError`,
    :class:`ContentError`, :class:`TemplateError` or :class:`ArgumentError`) with its message in
    ``language``, and a LogError's problems too; any other error, or an error without a key, is
    returned as it is."""
    if language == "en":
        return error
    if isinstance(error, LogError):
        return _log_error(error, language)
    if isinstance(error, ArgumentError) and error.key is not None:
        said = text(f"errors.argument.{error.key}", language, **_values(error.values, language))
        return ArgumentError(said, key=error.key, values=error.values, text=said)
    kind = next((kind for cls, kind in _KINDS if isinstance(error, cls)), None)
    if kind is None or error.key is None:
        return error
    said, fix = (_part(kind, error.key, part, error.values, language) for part in ("reason", "fix"))
    if kind == "template":
        origin = _values(error.values, language)["origin"]
        where = [str(origin)] if origin else []
        if error.line:
            where.append(text("errors.where.line", language, line=error.line))
        return TemplateError(said, error.missing, origin=error.origin, line=error.line, fix=fix, key=error.key,
                             values=error.values, text=_sentence(where, said, fix, language))
    where = [str(error.file)] if error.file else []
    if kind == "content":
        entry = _values(error.values, language)["entry"]
        if entry is not None:
            where.append(text("errors.where.entry", language, entry=repr(entry)))
        if error.field:
            where.append(text("errors.where.field", language, field=repr(error.field)))
        return ContentError(said, file=error.file, entry=error.entry, field=error.field, fix=fix, key=error.key,
                            values=error.values, text=_sentence(where, said, fix, language))
    if isinstance(error, FileError):
        if error.line:
            where.append(text("errors.where.line", language, line=error.line))
        made = FileError(said, file=error.file, line=error.line, fix=fix, key=error.key, values=error.values,
                         text=_sentence(where, said, fix, language))
    else:
        if error.field:
            where.append(text("errors.where.field", language, field=repr(error.field)))
        if error.value not in (None, ""):
            where.append(text("errors.where.value", language, value=repr(shown(error.value))))
        made = WorkspaceError(said, file=error.file, field=error.field, value=error.value, fix=fix, key=error.key,
                              values=error.values, text=_sentence(where, said, fix, language))
    return made


_KINDS = ((FileError, "file"), (WorkspaceError, "workspace"), (ContentError, "content"), (TemplateError, "template"))
"""The keyed errors with a reason and a fix, and the part of ``errors.yaml`` their texts are in."""


def with_language(function):
    """``function`` with its infoview errors in the language given as ``language=`` ("en" or "de"): the
    function's own argument if it has one, else a keyword added for its errors alone.

    >>> @with_language
    ... def wait(days):
    ...     if not 0 <= days <= 36_500:
    ...         raise argument_error("days_range", name="days", value=repr(days))
    ...     return days
    >>> wait(-1, language="de")
    Traceback (most recent call last):
    ...
    infoview.errors.ArgumentError: days muss eine Zahl von Tagen zwischen 0 und 36500 sein, nicht -1
    """
    signature = inspect.signature(function)
    own = "language" in signature.parameters

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        if own:
            language = signature.bind_partial(*args, **kwargs).arguments.get(
                "language", signature.parameters["language"].default)
        else:
            language = kwargs.pop("language", "en")
        check_language(language)
        try:
            return function(*args, **kwargs)
        except InfoviewError as error:
            raise in_language(error, language) from None

    if not own:
        keyword = inspect.Parameter("language", inspect.Parameter.KEYWORD_ONLY, default="en")
        parameters = list(signature.parameters.values())
        at = next((i for i, p in enumerate(parameters) if p.kind is inspect.Parameter.VAR_KEYWORD), len(parameters))
        wrapper.__signature__ = signature.replace(parameters=parameters[:at] + [keyword] + parameters[at:])
    return wrapper


def _sentence(where, said, fix, language):
    out = ", ".join(where) + ": " + said if where else said[0].upper() + said[1:]
    if fix:
        out += ". " + text("errors.where.fix", language, fix=fix[0].upper() + fix[1:].rstrip("."))
    return out


def _log_error(error, language):
    """The LogError with its summary and its problems' messages in ``language``."""
    problems = [replace(p, message=message(p, language)) for p in error.problems]
    count = len(problems)
    head = f"{error.source}: " if error.source else ""
    lines = [head + text("log.problems.where.summary", language, count=count,
                         more="+" if error.truncated else "")]
    lines += [f"  - {describe(p, language)}" for p in problems[:20]]
    if count > 20 or error.truncated:
        lines.append("  - " + text("log.problems.where.more", language))
    return LogError(problems, source=error.source, truncated=error.truncated, text="\n".join(lines))
