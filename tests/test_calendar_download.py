"""The calendar download in lessons 03 and 08: a real iCalendar file, with or without names."""

import base64
import re

import icalendar

from infoview.widgets import CalendarDownload
from infoview.workspace import Workspace


def _calendar(widget):
    data = re.search(r"base64,([A-Za-z0-9+/=]+)'", widget.link.value).group(1)
    return icalendar.Calendar.from_ical(base64.b64decode(data))


def test_the_link_carries_the_students_dates_and_can_leave_names_out(tmp_path):
    ws = Workspace(tmp_path / "ws.sqlite3")
    ws.log.add(contact="Jürgen Weiß", organisation="Stadtwerke Köln", sent_at="2025-03-03")
    widget = CalendarDownload(ws, "de", today="2025-03-04")
    events = [event for event in _calendar(widget).walk("VEVENT")]
    assert events and any("Jürgen Weiß" in str(event.get("SUMMARY")) + str(event.get("DESCRIPTION"))
                          for event in events)
    assert "meine-kontakttermine.ics" in widget.link.value
    widget.names.value = False
    text = _calendar(widget).to_ical().decode("utf-8")
    assert "Weiß" not in text and "Jürgen" not in text


def test_a_broken_workspace_gives_a_message_not_a_traceback(tmp_path):
    ws = Workspace(tmp_path / "ws.sqlite3")
    ws.close()
    widget = CalendarDownload(ws, "en")
    assert "Traceback" not in widget.link.value and "✎" in widget.link.value
