"""``CalendarDownload``: a button-like link that downloads what is coming up as a calendar file.

The file is made on the student's machine from their workspace (``Workspace.export_calendar``)
and handed to the browser as a download; nothing is written next to the notebook.
"""

import base64
import html
import tempfile
from pathlib import Path

import ipywidgets as w

from ..texts import check_language, text
from .binding import open_workspace, warning_html

__all__ = ["CalendarDownload"]


class CalendarDownload(w.VBox):
    """A download link for the student's calendar file, and a switch to leave contacts' names out."""

    def __init__(self, workspace=None, language="en", *, today=None):
        self.language = check_language(language)
        self.workspace, problem = open_workspace(workspace, language)
        self.today = today
        self.names = w.Checkbox(value=True, indent=False, description=text("widgets.calendar_names", language),
                                layout=w.Layout(width="auto"))
        self.link = w.HTML()
        self.names.observe(lambda change: self.refresh(), names="value")
        super().__init__([self.link, self.names])
        if self.workspace is None:
            self.link.value = warning_html(problem)
        else:
            self.refresh()

    def calendar_bytes(self):
        """The calendar file as the download link carries it."""
        with tempfile.TemporaryDirectory() as folder:
            path = self.workspace.export_calendar(Path(folder) / "calendar.ics", today=self.today,
                                                  include_names=self.names.value, language=self.language)
            return Path(path).read_bytes()

    def refresh(self):
        try:
            data = base64.b64encode(self.calendar_bytes()).decode("ascii")
        except Exception as error:  # the lesson must show a message, never a traceback
            self.link.value = warning_html(error, self.language)
            return
        name = html.escape(text("widgets.calendar_file", self.language), quote=True)
        label = html.escape(text("widgets.calendar_download", self.language))
        self.link.value = (f"<a download='{name}' href='data:text/calendar;base64,{data}' role='button' "
                           "style='display:inline-block;padding:.4em .9em;background:#1f6feb;color:#fff;"
                           f"border-radius:4px;text-decoration:none;font-weight:600'>📅 {label}</a>")
