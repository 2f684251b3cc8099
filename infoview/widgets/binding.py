"""Opening the workspace a widget saves to: the one given, or the student's own.

A widget must keep working when the student's workspace cannot be opened (a locked or
damaged file): it then works unsaved and says why, in the student's language.
"""

import html

from ..errors import InfoviewError
from ..problems import in_language
from ..texts import text

__all__ = ["describe", "open_workspace", "warning_html"]

_OWN = {}  # the student's own workspace, opened once per kernel and shared by every widget


def open_workspace(workspace, language="en"):
    """``(workspace, problem)``: ``workspace`` itself, or ``Workspace()`` when it is None (``False``:
    none, work is not saved); on failure ``(None, message)`` saying the work is not being saved."""
    if workspace is False:
        return None, ""
    if workspace is not None:
        return workspace, ""
    from ..log.store import default_path
    from ..workspace import Workspace

    path = default_path()
    if path not in _OWN:
        try:
            _OWN[path] = Workspace(path)
        except InfoviewError as error:
            return None, text("widgets.not_saved", language, reason=describe(error, language))
    return _OWN[path], ""


def describe(error, language="en"):
    """What went wrong, for a student, in ``language``: the reason and the fix, without file paths
    or tracebacks."""
    error = in_language(error, language)
    reason = getattr(error, "reason", None)
    if not reason:
        return str(error)
    fix = getattr(error, "fix", None)
    return f"{reason.rstrip('.')}. {fix[0].upper() + fix[1:].rstrip('.')}." if fix else reason


def warning_html(message, language="en"):
    """A short orange note for a widget: a message or an error (in ``language``; '' for none)."""
    if isinstance(message, Exception):
        message = describe(message, language)
    return f"<span style='color:#b35900'>✎ {html.escape(str(message))}</span>" if message else ""
