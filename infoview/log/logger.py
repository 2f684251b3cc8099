"""The logic behind the ``OutreachLogger`` widget, without ipywidgets: add outreach, record what
happened, show the table and what is due. Every change goes through
:class:`~infoview.log.store.OutreachLog`; problems become messages, never tracebacks.

>>> import tempfile, os
>>> model = OutreachLoggerModel(os.path.join(tempfile.mkdtemp(), "log.sqlite3"))
>>> oid = model.add(contact="Lena Kurz", organisation="Nordlicht", sent_at="2025-03-03")
>>> model.ok, model.message  # doctest: +ELLIPSIS
(True, 'Added: Lena Kurz (...).')
>>> model.record(oid, "accepted", "2025-03-02")
False
>>> model.problems
['Date: is before the date the outreach was sent; correct one of the two dates (2025-03-02)']
>>> model.record(oid, "accepted", "2025-03-04"), model.log.get(oid)["response"]
(True, 'accepted')
"""

import html

from ..dates import short_date
from ..errors import LogError
from ..problems import in_language, message
from ..texts import check_language, text, texts
from .columns import CATEGORY_COLUMNS, CHANNELS, SOURCES, TIMESTAMP_COLUMNS

__all__ = ["OutreachLoggerModel", "EVENTS", "TABLE_ROWS", "DUE_ROWS"]

EVENTS = ("accepted", "declined", "follow_up", "meeting", "thank_you", "referrals")
"""What can be recorded for an outreach, and the log field each one sets."""
_EVENT_FIELDS = {"accepted": "replied_at", "declined": "replied_at", "follow_up": "followed_up_at",
                 "meeting": "meeting_at", "thank_you": "thank_you_at", "referrals": "referrals"}
TABLE_ROWS = 50
"""The most log rows the widget's table shows (the newest)."""
DUE_ROWS = 20
"""The most reminders the widget lists at once (the most recently due)."""
_SHOWN = ["outreach_id", "contact", "organisation", "source", "channel", "sent_at", "followed_up_at",
          "replied_at", "response", "meeting_at", "thank_you_at", "referrals"]


class OutreachLoggerModel:
    """State and actions of the outreach logger. ``log`` is an OutreachLog or a database path;
    ``due`` a function ``due(today, language=...)`` giving what is due, if not the log's reminders.

    After each action, ``ok`` says whether it worked, ``message`` says what happened and
    ``problems`` lists what to fix (one line each).
    """

    def __init__(self, log, language="en", *, due=None):
        from .store import OutreachLog

        self.language = check_language(language)
        self._due = due
        self.log = log if isinstance(log, OutreachLog) else OutreachLog(log, language=language)
        self.texts = texts("log.widget", language)
        self.categories = texts("analysis.categories", language)
        self.ok, self.message, self.problems = None, "", []

    # -- choices for the controls -----------------------------------------------------------------

    def _value_label(self, column, value):
        return self.categories.get(column, {}).get(value, value)

    def source_options(self):
        """(label, value) pairs for the source dropdown; the first means "not given"."""
        return [(self.texts["none_chosen"], "")] + [(self._value_label("source", s), s) for s in SOURCES]

    def channel_options(self):
        return [(self.texts["none_chosen"], "")] + [(self._value_label("channel", c), c) for c in CHANNELS]

    def event_options(self):
        return [(self.texts["events"][e], e) for e in EVENTS]

    def outreach_options(self):
        """(label, outreach_id) pairs, most recently sent first."""
        frame = self.log.to_frame().sort_values("sent_at", ascending=False, kind="stable")
        labels = [f"{contact}{f' – {organisation}' if organisation else ''} ({short_date(sent, self.language)})"
                  for contact, organisation, sent in zip(frame["contact"], frame["organisation"], frame["sent_at"])]
        return list(zip(labels, frame["outreach_id"].tolist()))

    # -- actions ----------------------------------------------------------------------------------

    def _label(self, column):
        return self.texts.get(column, column) if column else ""

    def _fail(self, error, field_labels=None):
        self.ok = False
        if isinstance(error, LogError):
            self.message = self.texts["fix"]
            self.problems = []
            for problem in error.problems:
                label = (field_labels or {}).get(problem.column) or self._label(problem.column)
                said = message(problem, self.language)
                text = f"{label}: {said}" if label else said
                if problem.value not in (None, ""):
                    text += f" ({problem.value})"
                self.problems.append(text)
        else:
            self.message = self.texts["unexpected"].format(error=str(in_language(error, self.language)).rstrip("."))
            self.problems = []

    def _done(self, message):
        self.ok, self.message, self.problems = True, message, []

    def add(self, **fields):
        """Add an outreach; return its id, or None when something needs fixing."""
        fields = {k: v for k, v in fields.items() if v not in (None, "")}
        try:
            outreach_id = self.log.add(**fields)
        except Exception as error:  # shown to the student as a message, never as a traceback
            self._fail(error)
            return None
        self._done(self.texts["added"].format(contact=fields.get("contact", ""), outreach_id=outreach_id))
        return outreach_id

    def record(self, outreach_id, event, date=None, referrals=None):
        """Record an event (see :data:`EVENTS`) for an outreach; ``date`` defaults to today."""
        import pandas as pd

        if not outreach_id:
            self.ok, self.message, self.problems = False, self.texts["choose_outreach"], []
            return False
        if event not in EVENTS:
            self._fail(ValueError(f"unknown event {event!r}"))
            return False
        when = (date or "").strip() if isinstance(date, str) else date
        when = when or pd.Timestamp.now().strftime("%Y-%m-%d")
        field = _EVENT_FIELDS[event]
        if event == "referrals":
            change = {"referrals": referrals if referrals is not None else 0}
        elif event in ("accepted", "declined"):
            change = {"replied_at": when, "response": event}
        else:
            change = {field: when}
        labels = {c: self.texts["date"] for c in change if c != "referrals"}
        try:
            self.log.update(outreach_id, **change)
            contact = self.log.get(outreach_id)["contact"]
        except Exception as error:  # shown to the student as a message, never as a traceback
            self._fail(error, labels)
            return False
        event_label = self.texts["events"][event]
        if event == "referrals":
            self._done(text("log.widget.saved_referrals", self.language, contact=contact, event=event_label,
                            count=change["referrals"]))
        else:
            stamp = self.log.get(outreach_id)[field]
            self._done(text("log.widget.saved", self.language, contact=contact, event=event_label,
                            date=short_date(stamp, self.language)))
        return True

    # -- views ------------------------------------------------------------------------------------

    def table(self):
        """The log, newest first, with the columns a student needs to see."""
        frame = self.log.to_frame()
        return frame.sort_values("sent_at", ascending=False, kind="stable")[_SHOWN].reset_index(drop=True)

    def due(self, today=None):
        """What is due (see :func:`infoview.log.reminders.due`) in the model's language; with ``due``
        given to the model (such as :meth:`Workspace.due <infoview.workspace.Workspace.due>`), that list."""
        from .reminders import due

        if self._due is not None:
            return self._due(today or None, language=self.language)
        return due(self.log.to_frame(), today=today or None, language=self.language)

    def message_html(self):
        if not self.message:
            return ""
        colour = "#1a7f37" if self.ok else "#b42318"
        items = "".join(f"<li>{html.escape(p)}</li>" for p in self.problems)
        return (f'<div style="color:{colour}">{html.escape(self.message)}'
                + (f"<ul>{items}</ul>" if items else "") + "</div>")

    def table_html(self, limit=TABLE_ROWS):
        """The newest ``limit`` rows as an HTML table with readable headers, dates and labels; it
        scrolls sideways in a narrow column instead of cutting columns off."""
        frame = self.table()
        if frame.empty:
            return f"<p>{html.escape(self.texts['empty_log'])}</p>"
        headers = self.texts["table"]
        nowrap = ' style="white-space:nowrap"'
        cells = []
        for row in frame.head(limit).itertuples(index=False):
            cells.append("".join(f"<td{nowrap if column in TIMESTAMP_COLUMNS else ''}>"
                                 f"{html.escape(self._cell(column, value))}</td>"
                                 for column, value in zip(frame.columns, row)))
        head = "".join(f"<th>{html.escape(headers[column])}</th>" for column in frame.columns)
        note = (f"<p>{html.escape(text('log.widget.shown_rows', self.language, shown=limit, total=len(frame)))}</p>"
                if len(frame) > limit else "")
        body = "".join(f"<tr>{row}</tr>" for row in cells)
        return (f'{note}<div class="iv-log-table" style="overflow-x:auto;max-width:100%">'
                f'<table class="iv-table" style="border-collapse:collapse"><thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table></div>")

    def _cell(self, column, value):
        if column in TIMESTAMP_COLUMNS:
            return "" if value is None or value != value else short_date(value, self.language)
        if column in CATEGORY_COLUMNS:
            return self._value_label(column, value) if isinstance(value, str) and value else ""
        return "" if value is None or value != value else str(value)

    def due_html(self, today=None, limit=DUE_ROWS):
        """What is due, most recently due first (older reminders after, beyond ``limit`` counted)."""
        try:
            frame = self.due(today)
        except Exception as error:  # e.g. an unreadable date in the "today" box
            self._fail(error)
            return self.message_html()
        if frame.empty:
            return f"<p>{html.escape(self.texts['nothing_due'])}</p>"
        frame = frame.sort_values("days_overdue", kind="stable")
        items = []
        for row in frame.head(limit).itertuples():
            when = (self.texts["due_today"] if row.days_overdue == 0
                    else text("log.widget.overdue", self.language, count=row.days_overdue))
            items.append(f"<li><b>{short_date(row.due_since, self.language)}</b> ({html.escape(when)}): "
                         f"{html.escape(row.what)}</li>")
        more = len(frame) - limit
        tail = f"<p>{html.escape(text('log.widget.more_due', self.language, count=more))}</p>" if more > 0 else ""
        return f"<ul>{''.join(items)}</ul>{tail}"
