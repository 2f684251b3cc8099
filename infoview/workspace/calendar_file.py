"""What is coming up, as an iCalendar file for the student's own calendar (``ws.export_calendar``).

Each item is an event (all-day, or timed for a meeting with a time; Outlook does not import
to-dos) with an alarm and a summary in the student's language:

* ``meeting``: every conversation in the log (timed when ``meeting_at`` has a time, 30 minutes);
* ``second_contact`` and ``follow_up``: the 3B7 dates of open outreach (3 and 7 business days
  after sending, as :func:`infoview.due` counts them);
* ``thank_you``, ``keep_in_touch``, ``debrief_action`` and ``contact_referral``: as
  :meth:`Workspace.due <infoview.workspace.Workspace.due>` finds them.

A reminder that is already overdue is put on ``today``; one that is not due yet, on its day.
Every event's UID is a keyed hash of its kind and what it is about (the outreach, the person or
the action), under a salt kept in the workspace: it stays the same from one export to the next,
so importing a newer file updates events instead of adding them twice, and it reveals nothing.
With ``include_names=False`` no contact's name is written (names in action texts are replaced too).
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path

from ..outfiles import write_file
from ..problems import workspace_error
from ..texts import text

__all__ = ["HORIZON_DAYS", "KINDS", "CalendarItem", "items", "salt", "uid", "write"]

KINDS = ("meeting", "second_contact", "follow_up", "thank_you", "keep_in_touch", "debrief_action", "contact_referral")
#: How far ahead reminders are looked for: beyond the longest keep-in-touch interval (104 weeks).
HORIZON_DAYS = 2 * 365 + 10
MEETING_MINUTES = 30
_SALT_KEY = "calendar_salt"
_ALARMS = {"timed": datetime.timedelta(hours=-1),      # an hour before a timed meeting
           "meeting": datetime.timedelta(hours=-15),  # 9:00 the day before an all-day meeting
           "day": datetime.timedelta(hours=9)}         # 9:00 on the day of a reminder


@dataclass(frozen=True)
class CalendarItem:
    """One event: its ``kind``, the ``key`` it is about, when (``start`` a date, or a datetime when
    ``timed``), its summary and description, and since when it is due (for overdue reminders)."""

    kind: str
    key: str
    start: object
    summary: str
    description: str
    timed: bool = False


def salt(db):
    """The workspace's calendar salt (made on first use); call inside a write transaction."""
    found = db.execute("SELECT value FROM workspace_meta WHERE key = ?", (_SALT_KEY,)).fetchone()
    if found:
        return found[0]
    value = secrets.token_hex(16)
    db.execute("INSERT INTO workspace_meta (key, value) VALUES (?, ?)", (_SALT_KEY, value))
    return value


def uid(salt_value, kind, key):
    """The stable UID of an item.

    >>> uid("s", "follow_up", "a1") == uid("s", "follow_up", "a1") != uid("s", "thank_you", "a1")
    True
    """
    digest = hashlib.sha256(f"{salt_value}\x1f{kind}\x1f{key}".encode("utf-8")).hexdigest()
    return f"{digest[:32]}@infoview"


def _label(kind, language, named, **values):
    form = "named" if named else "anonymous"
    summary = text(f"network.calendar.{kind}.{form}", language, **values)
    organisation = values.get("organisation") or ""
    return f"{summary} – {organisation}" if organisation and kind != "debrief_action" else summary


def items(ws, today, language="en", include_names=True):
    """The calendar's items for a workspace on ``today`` (ISO text), as :class:`CalendarItem` objects."""
    import pandas as pd

    from ..log.privacy import Names, scrub

    day = datetime.date.fromisoformat(today)
    horizon = (day + datetime.timedelta(days=HORIZON_DAYS)).isoformat()
    everyone = ws.people()
    hide = Names([p.full_name for p in everyone], text("network.calendar.someone", language), parts=True)
    tasks = {a.action_id: a.text for a in ws.actions(open_only=True)}

    def clean(value):
        return value if include_names else hide(scrub(value))

    found = []
    log = ws.log.to_frame()
    for row in log[log["meeting_at"].notna()].itertuples(index=False):
        start = row.meeting_at.to_pydatetime()
        timed = (start.hour, start.minute, start.second) != (0, 0, 0)
        summary = _label("meeting", language, include_names, contact=row.contact, organisation=row.organisation)
        found.append(CalendarItem("meeting", row.outreach_id, start if timed else start.date(), summary,
                                  clean(text("network.calendar.meeting.description", language)), timed))
    due = ws.due(today=horizon, language=language)
    for row in due.itertuples(index=False):
        if row.action not in KINDS:
            continue
        key = {"keep_in_touch": row.person_id, "contact_referral": row.person_id,
               "debrief_action": row.action_id}.get(row.action, row.outreach_id)
        since = row.due_since.date()
        values = {"contact": row.contact, "organisation": row.organisation}
        if row.action == "debrief_action":
            values["task"] = clean(tasks[row.action_id])
        summary = clean(_label(row.action, language, include_names, **values))
        description = clean(row.what) if include_names else summary
        if since < day:
            description += "\n" + text("network.calendar.overdue", language, since=since.strftime(
                "%d.%m.%Y" if language == "de" else "%Y-%m-%d"))
        found.append(CalendarItem(row.action, str(key), max(since, day), summary, description))
    order = {kind: i for i, kind in enumerate(KINDS)}
    return sorted(found, key=lambda item: (pd.Timestamp(item.start), order[item.kind], item.key))


def write(found, path, salt_value, language="en"):
    """Write ``found`` (:class:`CalendarItem` objects) as an iCalendar file at ``path``; return the path."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//infoview//informational interviews//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", text("network.calendar.name", language))
    stamp = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    for item in found:
        event = icalendar.Event()
        event.add("uid", uid(salt_value, item.kind, item.key))
        event.add("dtstamp", stamp)
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("categories", [text("network.calendar.category", language)])
        event.add("dtstart", item.start)
        if item.timed:
            event.add("dtend", item.start + datetime.timedelta(minutes=MEETING_MINUTES))
        else:
            event.add("dtend", item.start + datetime.timedelta(days=1))
        event.add("transp", "OPAQUE" if item.kind == "meeting" else "TRANSPARENT")
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.summary)
        alarm.add("trigger", _ALARMS["timed" if item.timed else "meeting" if item.kind == "meeting" else "day"])
        event.add_component(alarm)
        calendar.add_component(event)
    path = Path(path)
    try:
        write_file(path, calendar.to_ical())
    except OSError as error:
        raise workspace_error("cannot_write_calendar", file=str(path), reason=error.strerror or error) from None
    return path
