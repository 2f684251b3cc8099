"""Bringing the student's own network in (add_people) and their dates and people out (calendar, vCards)."""

import datetime

import pytest

import infoview as iv
from infoview.prepare.contacts import read_contacts

SAMPLE = "data/linkedin_connections_sample.csv"


@pytest.fixture
def ws(tmp_path):
    with iv.Workspace(tmp_path / "ws.sqlite3") as opened:
        yield opened


# -- add_people -----------------------------------------------------------------------------------

def test_ticked_contacts_are_added_once_with_their_origin(ws, tmp_path):
    frame = read_contacts(SAMPLE)
    first = ws.add_people(frame.iloc[:4])
    assert [p.name for p in first.added] == ["Lena Hoffmann", "Marco Rinaldi", "Sophie Brunner", "Jonas Weber"]
    assert first.existing == () and first.skipped == ()
    again = ws.add_people(frame)  # the whole file, including the four already there
    assert len(again.added) == len(frame) - 4 and {p.name for p in again.existing} == {p.name for p in first.added}
    assert ws.add_people(frame).added == ()  # re-importing the same file adds nobody
    assert len(ws.people()) == len(frame)
    sophie = ws.person("Sophie Brunner")
    assert (sophie.organisation, sophie.role, sophie.email, sophie.profile_url) == (
        "Zürcher Kantonalbank", "Nachhaltigkeitsanalystin", "sophie.brunner@example.ch",
        "https://www.linkedin.com/in/sophie-brunner-sample")
    assert ws.person("Ayşe Demir").name == "Ayşe Demir"
    import sqlite3
    db = sqlite3.connect(tmp_path / "ws.sqlite3")
    stored = db.execute("SELECT origin, connected_on, connection FROM network WHERE person_id = ?",
                        (sophie.person_id,)).fetchone()
    assert stored == ("linkedin", "2025-09-28", 1)


def test_a_person_already_stored_is_matched_not_repeated(ws):
    import pandas as pd

    twice = read_contacts(SAMPLE).iloc[[2, 2]]  # the same person twice in one file
    assert [p.name for p in ws.add_people(twice).added] == ["Sophie Brunner"] and len(ws.people()) == 1
    both = pd.concat([read_contacts(SAMPLE).iloc[[2]].assign(email="", url=""), read_contacts(SAMPLE).iloc[[2]]])
    assert ws.add_people(both).existing == (ws.person("Sophie Brunner"),)
    lena = ws.add_person("Lena Hoffmann", organisation="Stadtwerke Leipzig")
    result = ws.add_people(read_contacts(SAMPLE).iloc[:1])
    assert result.added == () and [p.person_id for p in result.existing] == [lena]
    assert ws.person(lena).profile_url.endswith("lena-hoffmann-sample")  # the empty field is completed


def test_a_linkedin_connection_counts_as_an_advocate(ws, tmp_path):
    ws.add_target("Roche Diagnostics", motivation=3, posting=2)
    ws.add_target("Zalando", motivation=3, posting=2)
    assert [t.advocate for t in ws.targets().ranked()] == [False, False]
    ws.add_people(read_contacts(SAMPLE).query("organisation == 'Roche Diagnostics'"))
    ranked = ws.targets().ranked()
    assert [(t.employer, t.advocate) for t in ranked] == [("Roche Diagnostics", True), ("Zalando", False)]
    ws.update_target("Roche Diagnostics", motivation=2)  # a change keeps the hand-set advocate as it was
    ws.forget("Marco Rinaldi")
    assert [(t.employer, t.advocate) for t in ws.targets().ranked()] == [("Zalando", False),
                                                                         ("Roche Diagnostics", False)]
    # an address book entry is not a connection
    card = tmp_path / "c.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nN:Nguyen;Daniel;;;\nFN:Daniel Nguyen\nORG:Zalando\nEND:VCARD\n",
                    encoding="utf-8")
    ws.add_people(read_contacts(card))
    assert not any(t.advocate for t in ws.targets())


def test_rows_that_cannot_be_stored_are_skipped_with_the_reason(ws):
    import pandas as pd

    frame = pd.DataFrame({"first_name": ["", "Kim", "Ana"], "last_name": ["", "Meyer", "Silva"],
                          "email": ["x@example.org", "not an address", ""], "organisation": ["", "", "Nordlicht"],
                          "role": ["", "", ""], "url": ["", "", "tel:+4912345"], "connected_on": [pd.NaT] * 3,
                          "origin": ["google"] * 3})
    result = ws.add_people(frame)
    assert [p.name for p in result.added] == ["Ana Silva"] and ws.person("Ana Silva").profile_url == ""
    assert [label for label, _ in result.skipped] == [0, 1] and "email" in result.skipped[1][1]
    with pytest.raises(iv.WorkspaceError, match="not a table of contacts"):
        ws.add_people(pd.DataFrame({"name": ["Kim"]}))


# -- calendar -------------------------------------------------------------------------------------

def _events(path):
    import icalendar

    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert not list(calendar.walk("VTODO"))
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def busy(ws):
    ws.log.add(outreach_id="o1", contact="Marco Rinaldi", organisation="Roche Diagnostics", sent_at="2026-03-02")
    ws.log.add(outreach_id="o2", contact="Lena Hoffmann", organisation="Stadtwerke Leipzig", sent_at="2026-02-20",
               replied_at="2026-02-21", response="accepted", meeting_at="2026-03-05 14:30")
    ws.log.add(outreach_id="o3", contact="Jürgen Weiß", organisation="Stadtwerke Köln", sent_at="2026-02-10",
               replied_at="2026-02-11", response="accepted", meeting_at="2026-02-16", thank_you_at="2026-02-16")
    ws.add_debrief("Lena Hoffmann", "2026-03-05", advice="Talk to Tom Baker",
                   actions=[("Ask Tom Baker about the trainee programme", "2026-03-12")])
    return ws


def test_the_calendar_holds_meetings_3b7_dates_thanks_keep_in_touch_and_actions(busy, tmp_path):
    path = busy.export_calendar(tmp_path / "due.ics", today="2026-03-04")
    events = _events(path)
    by_summary = {str(e["summary"]): e for e in events.values()}
    meeting = by_summary["Conversation with Lena Hoffmann – Stadtwerke Leipzig"]
    assert meeting.decoded("dtstart") == datetime.datetime(2026, 3, 5, 14, 30)  # timed
    assert meeting.decoded("dtend") - meeting.decoded("dtstart") == datetime.timedelta(minutes=30)
    past = by_summary["Conversation with Jürgen Weiß – Stadtwerke Köln"]
    assert past.decoded("dtstart") == datetime.date(2026, 2, 16)  # no time: all day
    second = by_summary["3B7: try a second person (no reply from Marco Rinaldi) – Roche Diagnostics"]
    follow = by_summary["3B7: follow up with Marco Rinaldi – Roche Diagnostics"]
    assert (second.decoded("dtstart"), follow.decoded("dtstart")) == (datetime.date(2026, 3, 5),
                                                                     datetime.date(2026, 3, 11))
    assert by_summary["Thank Lena Hoffmann for the conversation – Stadtwerke Leipzig"].decoded(
        "dtstart") == datetime.date(2026, 3, 6)
    action = by_summary["To do: Ask Tom Baker about the trainee programme"]
    assert action.decoded("dtstart") == datetime.date(2026, 3, 12)
    keep = by_summary["Get back in touch with Jürgen Weiß – Stadtwerke Köln"]
    assert keep.decoded("dtstart") == datetime.date(2026, 4, 13)  # 8 weeks after the last contact
    for event in events.values():
        (alarm,) = event.walk("VALARM")
        assert str(alarm["action"]) == "DISPLAY" and alarm["trigger"]
    # the thank-you already sent is not a reminder
    assert not any("Thank Jürgen" in s for s in by_summary)


def test_uids_are_stable_and_survive_changes_to_other_items(busy, tmp_path):
    first = _events(busy.export_calendar(tmp_path / "a.ics", today="2026-03-04"))
    again = _events(busy.export_calendar(tmp_path / "b.ics", today="2026-03-04"))
    assert set(first) == set(again) and len(first) == 8
    assert {u: str(e["summary"]) for u, e in first.items()} == {u: str(e["summary"]) for u, e in again.items()}
    # Marco replies: his 3B7 reminders go, and everything else keeps its UID
    busy.log.update("o1", replied_at="2026-03-04", response="declined")
    busy.log.add(outreach_id="o4", contact="Sophie Brunner", organisation="Zürcher Kantonalbank",
                 sent_at="2026-03-04")
    changed = _events(busy.export_calendar(tmp_path / "c.ics", today="2026-03-04"))
    gone = {u for u in first if "Marco" in str(first[u]["summary"])}
    assert len(gone) == 2 and set(first) - gone <= set(changed)
    assert len(set(changed) - set(first)) == 2  # Sophie's second contact and follow-up
    # another day: overdue items move to today under the same UID
    later = _events(busy.export_calendar(tmp_path / "d.ics", today="2026-03-20"))
    thank = next(u for u, e in first.items() if str(e["summary"]).startswith("Thank Lena"))
    assert later[thank].decoded("dtstart") == datetime.date(2026, 3, 20)
    assert "2026-03-06" in str(later[thank]["description"])
    # another workspace's UIDs differ: the salt is the workspace's own
    with iv.Workspace(tmp_path / "other.sqlite3") as other:
        other.log.add(outreach_id="o1", contact="Marco Rinaldi", organisation="Roche Diagnostics",
                      sent_at="2026-03-02")
        assert not set(_events(other.export_calendar(tmp_path / "e.ics", today="2026-03-04"))) & set(first)


def test_without_names_no_contact_name_is_in_the_file(busy, tmp_path):
    busy.add_person("Tom Baker", organisation="Stadtwerke Leipzig")
    path = busy.export_calendar(tmp_path / "due.ics", today="2026-03-04", include_names=False, language="de")
    raw = path.read_bytes().decode("utf-8").replace("\r\n ", "")
    for name in ("Marco", "Rinaldi", "Lena", "Hoffmann", "Jürgen", "Weiß", "Tom", "Baker"):
        assert name not in raw
    summaries = {str(e["summary"]) for e in _events(path).values()}
    assert {"Informationsgespräch – Stadtwerke Leipzig", "3B7: einmal nachfassen – Roche Diagnostics"} <= summaries
    assert len(summaries) == 8


def test_a_calendar_that_cannot_be_written_is_a_clear_error(busy, tmp_path):
    with pytest.raises(iv.WorkspaceError, match="cannot be written"):
        busy.export_calendar(tmp_path / "missing" / "due.ics", today="2026-03-04")


# -- vCards out -----------------------------------------------------------------------------------

def test_people_met_are_written_as_vcards_that_read_back(busy, tmp_path):
    import vobject

    busy.update_person("Jürgen Weiß", title="Dr.", email="j.weiss@example.de", role="Netzplaner")
    busy.add_person("Nobody Met", organisation="Elsewhere")
    path = busy.export_people(tmp_path / "met.vcf")
    cards = list(vobject.readComponents(path.read_text(encoding="utf-8")))
    assert [c.fn.value for c in cards] == ["Lena Hoffmann", "Dr. Jürgen Weiß"]  # Marco and Nobody were not met
    jurgen = cards[1]
    assert jurgen.version.value == "3.0"
    assert (jurgen.n.value.given, jurgen.n.value.family, jurgen.n.value.prefix) == ("Jürgen", "Weiß", "Dr.")
    assert jurgen.email.value == "j.weiss@example.de" and jurgen.org.value == ["Stadtwerke Köln"]
    assert jurgen.title.value == "Netzplaner" and jurgen.note.value == "Informational interview on 2026-02-16"
    german = busy.export_people(tmp_path / "getroffen.vcf", language="de").read_text(encoding="utf-8")
    assert "NOTE:Informationsgespräch am 16.02.2026" in german
    assert read_contacts(path)["last_name"].tolist() == ["Hoffmann", "Weiß"]  # our own reader takes it back


def test_the_calendar_command_writes_the_file_in_either_language(busy, tmp_path, capsys):
    from infoview.cli import main

    db = str(busy.path)
    assert main(["calendar", "-o", str(tmp_path / "due.ics"), "--db", db, "--today", "04.03.2026"]) == 0
    assert capsys.readouterr().out.startswith(f"Wrote 8 events to {tmp_path / 'due.ics'}.")
    assert main(["calendar", "-o", str(tmp_path / "anonym.ics"), "--no-names", "--lang", "de", "--db", db,
                 "--today", "2026-03-04"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("8 Termine stehen in") and "keine Namen" in out
    assert "Hoffmann" not in (tmp_path / "anonym.ics").read_text(encoding="utf-8")
    assert set(_events(tmp_path / "due.ics")) == set(_events(tmp_path / "anonym.ics"))
    assert main(["calendar", "-o", str(tmp_path / "nowhere" / "x.ics"), "--db", db]) == 2
    assert "cannot be written" in capsys.readouterr().err
