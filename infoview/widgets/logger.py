"""``OutreachLogger``: a notebook form over the outreach log (logic in :mod:`infoview.log.logger`).

    from infoview.widgets import OutreachLogger
    OutreachLogger()                                 # the log in your own workspace
    OutreachLogger("my_outreach.sqlite3")            # or OutreachLogger(log, language="de"), or workspace=ws
"""

import ipywidgets as widgets

from ..dates import short_date
from ..log.logger import OutreachLoggerModel
from .binding import open_workspace, warning_html

__all__ = ["OutreachLogger"]


class OutreachLogger(widgets.VBox):
    """Add an outreach, record replies, meetings and thank-you notes, see the log and what is due.

    ``log`` is an :class:`~infoview.log.store.OutreachLog` or the path of its database file;
    without it, the log of ``workspace`` (default: the student's own, ``Workspace()``). The
    controls are attributes (``contact``, ``sent_at``, ``add_button``, ``outreach``, ``event``,
    ``date``, ``save_button``, ``today``, ``due_button`` …) and ``message`` shows what happened.
    """

    def __init__(self, log=None, language="en", *, workspace=None):
        import pandas as pd

        problem = ""
        if log is None:
            self.workspace, problem = open_workspace(workspace, language)
            if self.workspace is not None:
                log = self.workspace.log
            else:  # work goes to a throw-away file, and the message says it is not being saved
                import tempfile
                from pathlib import Path

                log = Path(tempfile.mkdtemp(prefix="infoview-unsaved-")) / "outreach_log.sqlite3"
        else:
            self.workspace = workspace
        ws = self.workspace
        self.model = OutreachLoggerModel(log, language, due=ws.due if ws is not None and ws.log is log else None)
        t = self.model.texts
        style = {"description_width": "16em"}

        def wide():  # one Layout per control: hiding one control must not hide the others
            return widgets.Layout(width="100%", max_width="42em")

        def text(key, **kw):
            return widgets.Text(description=t[key], layout=wide(), style=style, **kw)

        def button(key, **kw):
            return widgets.Button(description=t[key], layout=widgets.Layout(width="auto"), **kw)

        self.contact = text("contact")
        self.organisation = text("organisation")
        self.role = text("role")
        self.student = text("student")
        self.source = widgets.Dropdown(options=self.model.source_options(), description=t["source"],
                                       layout=wide(), style=style)
        self.channel = widgets.Dropdown(options=self.model.channel_options(), value="email",
                                        description=t["channel"], layout=wide(), style=style)
        self.template = text("template")
        self.sent_at = text("sent_at", value=short_date(pd.Timestamp.now(), language), placeholder=t["date_hint"])
        self.notes = widgets.Textarea(description=t["notes"], layout=wide(), style=style)
        self.add_button = button("add", button_style="primary", icon="plus")
        add_tab = widgets.VBox([self.contact, self.organisation, self.role, self.student, self.source,
                                self.channel, self.template, self.sent_at, self.notes, self.add_button])

        self.outreach = widgets.Dropdown(description=t["outreach"], layout=wide(), style=style)
        self.event = widgets.Dropdown(options=self.model.event_options(), description=t["event"],
                                      layout=wide(), style=style)
        self.date = text("date", placeholder=t["date_hint"])
        self.referrals = widgets.BoundedIntText(value=1, min=0, max=1000, description=t["referrals"], style=style)
        self.save_button = button("save", button_style="primary", icon="check")
        record_tab = widgets.VBox([self.outreach, self.event, self.date, self.referrals, self.save_button])

        self.table = widgets.HTML()
        self.refresh_button = button("refresh", icon="refresh")
        log_tab = widgets.VBox([self.refresh_button, self.table])

        self.today = text("today", placeholder=t["date_hint"])
        self.due_button = button("show_due", icon="bell")
        self.due_list = widgets.HTML()
        due_tab = widgets.VBox([self.today, self.due_button, self.due_list])

        self.message = widgets.HTML(warning_html(problem))
        self.tabs = widgets.Tab(children=[add_tab, record_tab, log_tab, due_tab])
        self.tabs.titles = (t["tab_add"], t["tab_record"], t["tab_log"], t["tab_due"])

        self.add_button.on_click(self._guarded(self._add))
        self.save_button.on_click(self._guarded(self._save))
        self.refresh_button.on_click(self._guarded(self._refresh))
        self.due_button.on_click(self._guarded(self._show_due))
        self.event.observe(self._guarded(self._event_changed), names="value")
        super().__init__([self.tabs, self.message])
        self._event_changed()
        self._refresh()

    def _guarded(self, handler):
        """Run a handler so that any failure becomes a message in the widget, never a traceback."""
        def run(*_):
            try:
                handler()
            except Exception as error:  # the widget must keep working, whatever happened
                self.model._fail(error)
                self.message.value = self.model.message_html()
        return run

    def _event_changed(self, *_):
        counting = self.event.value == "referrals"
        self.referrals.layout.display = None if counting else "none"
        self.date.layout.display = "none" if counting else None

    def _refresh(self):
        chosen = self.outreach.value
        options = self.model.outreach_options()
        self.outreach.options = options
        ids = [value for _, value in options]
        self.outreach.value = chosen if chosen in ids else (ids[0] if ids else None)
        self.table.value = self.model.table_html()
        self.due_list.value = self.model.due_html(self.today.value.strip() or None)

    def _add(self):
        outreach_id = self.model.add(
            contact=self.contact.value, organisation=self.organisation.value, role=self.role.value,
            student=self.student.value, source=self.source.value, channel=self.channel.value,
            template=self.template.value, sent_at=self.sent_at.value, notes=self.notes.value)
        self.message.value = self.model.message_html()
        if outreach_id:
            for control in (self.contact, self.organisation, self.role, self.notes):
                control.value = ""
            self._refresh()
            self.outreach.value = outreach_id

    def _save(self):
        done = self.model.record(self.outreach.value, self.event.value, self.date.value,
                                 referrals=self.referrals.value)
        self.message.value = self.model.message_html()
        if done:
            self.date.value = ""
            self._refresh()

    def _show_due(self):
        self.message.value = ""
        self.model.ok = None
        self.due_list.value = self.model.due_html(self.today.value.strip() or None)
        if self.model.ok is False:
            self.message.value = self.model.message_html()
