"""The exceptions infoview raises for bad input, each saying where and how to fix it."""

import reprlib
from dataclasses import dataclass

__all__ = ["InfoviewError", "ContentError", "TemplateError", "LogError", "Problem", "ReleaseError", "FileError",
           "WorkspaceError", "RegionError", "ArgumentError", "brief", "shown"]

_BRIEF = reprlib.Repr()
_BRIEF.maxstring = _BRIEF.maxother = 60
_BRIEF.maxlist = _BRIEF.maxtuple = _BRIEF.maxdict = _BRIEF.maxset = 4
_BRIEF.maxlevel = 2


def brief(value):
    """``repr(value)`` cut short, for error messages: a huge or deeply nested value is never printed whole.

    >>> brief("x" * 1000)[:12], len(brief("x" * 1000)) < 70, brief([[1, 2]] * 9)
    ("'xxxxxxxxxxx", True, '[[1, 2], [1, 2], [1, 2], [1, 2], ...]')
    """
    return _BRIEF.repr(value)


class InfoviewError(ValueError):
    """The base of every error infoview raises for bad input; the command line catches it once."""


def _placed(where, message, fix):
    """``where, where: message. Fix: fix.``, with the parts that are given."""
    text = (", ".join(where) + ": " if where else "") + message
    return text + f". Fix: {fix.rstrip('.')}." if fix else text


class ContentError(InfoviewError):
    """A content file (question bank, steps, roster) is broken.

    ``key``, ``values`` and ``text`` work as for :class:`FileError`
    (:func:`infoview.problems.content_error` makes them).

    >>> str(ContentError("the text is empty", file="bank.yaml", entry="q1", field="text.de",
    ...                  fix="write the German question"))
    "bank.yaml, entry 'q1', field 'text.de': the text is empty. Fix: write the German question."
    """

    def __init__(self, message, *, file=None, entry=None, field=None, fix=None, key=None, values=(), text=None):
        self.file, self.entry, self.field, self.fix = file, entry, field, fix
        self.reason = message
        self.key, self.values = key, values
        if text is not None:  # the same error in another language (infoview.problems.in_language)
            super().__init__(text)
            return
        where = [str(file)] if file else []
        if entry is not None:
            where.append(f"entry {entry!r}")
        if field:
            where.append(f"field {field!r}")
        super().__init__(_placed(where, message, fix))


class TemplateError(InfoviewError):
    """An email template cannot be rendered.

    ``missing`` lists every missing field by name when that is the cause, else is empty;
    ``origin`` (the template's file or name) and ``line`` say where, ``reason`` and ``fix`` what
    and how to mend it. ``key``, ``values`` and ``text`` work as for :class:`FileError`
    (:func:`infoview.problems.template_error` makes them).

    >>> str(TemplateError("unknown tag 'endfo'", origin="thanks.en.j2", line=4, fix="write endfor"))
    "thanks.en.j2, line 4: unknown tag 'endfo'. Fix: write endfor."
    """

    def __init__(self, message, missing=(), *, origin=None, line=None, fix=None, key=None, values=(), text=None):
        self.missing = list(missing)
        self.origin, self.line, self.fix, self.reason = origin, line, fix, message
        self.key, self.values = key, values
        where = [part for part in (str(origin) if origin else "", f"line {line}" if line else "") if part]
        super().__init__(text if text is not None else _placed(where, message, fix))


@dataclass(frozen=True)
class Problem:
    """One problem in an outreach log: the file line (header is line 1), column, value and message.

    ``key`` and ``values`` (when set, by :func:`infoview.problems.problem`) name the text the
    message was made from, so that it can be shown in another language.
    """

    line: int | None
    column: str | None
    value: object
    message: str
    key: str | None = None
    values: tuple = ()

    def __str__(self):
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column:
            where.append(f"column {self.column!r}")
        if self.value not in (None, ""):
            where.append(f"value {brief(self.value)}")
        return (", ".join(where) + ": " if where else "") + self.message


class LogError(InfoviewError):
    """An outreach log is invalid; ``problems`` holds one :class:`Problem` per problem found."""

    def __init__(self, problems, source=None, truncated=False, *, text=None):
        self.problems = list(problems)
        self.source = source
        self.truncated = truncated
        if text is not None:  # the same problems in another language (infoview.problems.in_language)
            super().__init__(text)
            return
        head = f"{source}: " if source else ""
        count = len(self.problems)
        lines = [f"{head}{count}{'+' if truncated else ''} problem{'s' if count != 1 else ''} in the outreach log"]
        lines += [f"  - {p}" for p in self.problems[:20]]
        if count > 20 or truncated:
            lines.append("  - ... (see .problems for the full list)")
        super().__init__("\n".join(lines))


class ReleaseError(InfoviewError):
    """nbgrader could not release a lesson: names the lesson, the cell (1-based, when known) and why."""

    MARKERS_FIX = ("every '### BEGIN SOLUTION' or '### BEGIN HIDDEN TESTS' line needs its own END line below it, "
                   "in the same cell, and prose must not quote these markers")

    def __init__(self, lesson, cell, reason, fix=MARKERS_FIX):
        self.lesson, self.cell, self.reason = lesson, cell, reason
        where = f"{lesson}, cell {cell}" if cell else lesson
        super().__init__(f"{where}: {reason}. Nothing was written. Fix: {fix}")


class FileError(InfoviewError):
    """A file a person gave (a contact list, an export) cannot be read: says the file, the line and the fix.

    ``key`` and ``values`` (when set, by :func:`infoview.problems.file_error`) name the texts the
    reason and the fix were made from, so that :func:`infoview.problems.in_language` can say it in
    German; ``text`` is the whole message in another language.
    """

    def __init__(self, message, *, file=None, line=None, fix=None, key=None, values=(), text=None):
        self.file, self.line, self.fix, self.reason = file, line, fix, message
        self.key, self.values = key, values
        where = [part for part in (str(file) if file else "", f"line {line}" if line else "") if part]
        super().__init__(text if text is not None else _placed(where, message, fix))


class WorkspaceError(InfoviewError):
    """A student's workspace cannot be opened or refuses a change; says what, where and how to fix it.

    ``key``, ``values`` and ``text`` work as for :class:`FileError`
    (:func:`infoview.problems.workspace_error` makes them).

    >>> str(WorkspaceError("no person with this name", file="ws.sqlite3", field="person", value="Kim",
    ...                    fix="pass their id"))
    "ws.sqlite3, field 'person', value 'Kim': no person with this name. Fix: pass their id."
    """

    def __init__(self, message, *, file=None, field=None, value=None, fix=None, key=None, values=(), text=None):
        self.file, self.field, self.value, self.fix = file, field, value, fix
        self.reason = message
        self.key, self.values = key, values
        if text is None:
            where = [str(file)] if file else []
            if field:
                where.append(f"field {field!r}")
            if value not in (None, ""):
                where.append(f"value {shown(value)!r}")
            text = _placed(where, message, fix)
        super().__init__(text)


def shown(value):
    """A value as an error message shows it: a long text is cut to 80 characters."""
    return value if not isinstance(value, str) or len(value) <= 80 else value[:77] + "..."


class ArgumentError(InfoviewError, TypeError):
    """An argument of the wrong kind or value (``freq="fortnight"``, ``within=-1``): names it and says
    what to give. It is both a ``ValueError`` and a ``TypeError``, so either catches it; ``key``,
    ``values`` and ``text`` work as for :class:`FileError` (:func:`infoview.problems.argument_error`)."""

    def __init__(self, message, *, key=None, values=(), text=None):
        self.key, self.values, self.reason = key, values, message
        super().__init__(message if text is None else text)


class RegionError(InfoviewError):
    """A region, or a state or canton of it, that infoview does not know."""
