"""The OutreachLogger: its plain model and the real ipywidgets object, both driven headless."""

import sqlite3

import pandas as pd
import pytest

import infoview as iv
from infoview.log.logger import EVENTS, OutreachLoggerModel


def stored(path, outreach_id):
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    row = db.execute("SELECT * FROM outreach WHERE outreach_id = ?", (outreach_id,)).fetchone()
    return dict(row) if row else None


# -- the model -----------------------------------------------------------------------------------

def test_model_adds_and_reports_problems_inline(tmp_path):
    model = OutreachLoggerModel(tmp_path / "log.sqlite3")
    oid = model.add(contact="Lena Kurz", organisation="Nordlicht", source="alumni", channel="email",
                    sent_at="03.03.2025 09:15", notes="")
    assert model.ok and oid in model.message and stored(model.log.path, oid)["sent_at"] == "2025-03-03 09:15:00"
    assert model.add(contact="", sent_at="next week") is None
    assert not model.ok and model.message == model.texts["fix"]
    assert model.problems == [
        "Contact: the contact is empty; write the name of the person you contacted",
        "Sent on: is not a date; write it as 2025-03-14 or 14.03.2025, optionally with a time such as 14:30 "
        "(next week)"]
    assert "Traceback" not in model.message_html() and "<li>" in model.message_html()
    assert len(model.log) == 1


@pytest.mark.parametrize("event, field, expected", [
    ("accepted", "response", "accepted"), ("declined", "response", "declined"),
    ("follow_up", "followed_up_at", "2025-03-12 00:00:00"),
])
def test_model_records_events(tmp_path, event, field, expected):
    model = OutreachLoggerModel(tmp_path / "log.sqlite3")
    oid = model.add(contact="Lena Kurz", sent_at="2025-03-03")
    assert model.record(oid, event, "2025-03-12")
    assert stored(model.log.path, oid)[field] == expected


def test_model_meeting_thanks_referrals_and_mistakes(tmp_path):
    model = OutreachLoggerModel(tmp_path / "log.sqlite3")
    oid = model.add(contact="Lena Kurz", sent_at="2025-03-03")
    assert not model.record(oid, "meeting", "2025-03-10")  # no yes recorded yet
    assert model.problems[0].startswith("Date: a meeting needs an accepted response")
    assert not model.record("", "accepted") and model.message == model.texts["choose_outreach"]
    assert model.record(oid, "accepted", "2025-03-04") and model.record(oid, "meeting", "2025-03-10 14:00")
    assert model.record(oid, "thank_you") and model.record(oid, "referrals", referrals=3)
    row = model.log.get(oid)
    assert row["thank_you_at"] == pd.Timestamp.now().normalize() and row["referrals"] == 3
    assert set(dict(model.event_options()).values()) == set(EVENTS)


def test_model_views_escape_and_speak_german(tmp_path):
    model = OutreachLoggerModel(tmp_path / "log.sqlite3", language="de")
    assert model.texts["empty_log"] in model.table_html()
    model.add(contact="<script>alert(1)</script>", organisation="Nordlicht", source="family_friends",
              sent_at="2025-03-03")
    table = model.table_html()
    assert "<script>" not in table and "&lt;script&gt;" in table
    assert "Familie und Freundeskreis" in table and "<th>Gesendet</th>" in table
    assert dict(model.source_options())["Familie und Freundeskreis"] == "family_friends"
    due = model.due_html("2025-03-20")
    assert "Haken Sie" in due and "Tagen fällig" in due and "&lt;script&gt;" in due
    assert model.due_html("2025-03-04") == f"<p>{model.texts['nothing_due']}</p>"
    assert "Traceback" not in model.due_html("bald") and model.ok is False


# -- the real widget -----------------------------------------------------------------------------

@pytest.fixture
def logger(tmp_path):
    from infoview.widgets import OutreachLogger

    return OutreachLogger(tmp_path / "log.sqlite3")


def test_widget_adds_through_the_store(logger):
    assert logger.tabs.titles[0] == "Log a new request"
    logger.contact.value = "Lena Kurz"
    logger.organisation.value = "Nordlicht"
    logger.source.value = "alumni"
    logger.sent_at.value = "2025-03-03 09:15"
    logger.add_button.click()
    oid = logger.outreach.value
    row = stored(logger.model.log.path, oid)
    assert row["contact"] == "Lena Kurz" and row["source"] == "alumni" and row["channel"] == "email"
    assert "Added: Lena Kurz" in logger.message.value and logger.contact.value == ""
    assert "Lena Kurz" in logger.table.value


def test_widget_shows_problems_inline_and_writes_nothing(logger):
    logger.contact.value = ""
    logger.sent_at.value = "31.02.2025"
    logger.add_button.click()
    assert "Please fix" in logger.message.value and "Contact:" in logger.message.value
    assert "31.02.2025" in logger.message.value and "Traceback" not in logger.message.value
    assert len(logger.model.log) == 0


def test_widget_records_reply_meeting_thanks_and_shows_what_is_due(logger):
    logger.contact.value = "Lena Kurz"
    logger.sent_at.value = "2025-03-03"
    logger.add_button.click()
    oid = logger.outreach.value
    logger.today.value = "2025-03-13"
    logger.due_button.click()
    assert "Send Lena Kurz one short, friendly follow-up" in logger.due_list.value
    for event, date in (("accepted", "2025-03-04"), ("meeting", "2025-03-10 14:00"), ("thank_you", "2025-03-10")):
        logger.event.value = event
        logger.date.value = date
        logger.save_button.click()
        assert "Saved for Lena Kurz" in logger.message.value, logger.message.value
    logger.event.value = "referrals"
    assert logger.referrals.layout.display is None and logger.date.layout.display == "none"
    logger.referrals.value = 2
    logger.save_button.click()
    row = stored(logger.model.log.path, oid)
    assert (row["response"], row["meeting_at"], row["thank_you_at"], row["referrals"]) == (
        "accepted", "2025-03-10 14:00:00", "2025-03-10 00:00:00", 2)
    logger.due_button.click()
    assert logger.due_list.value == "<p>Nothing is due. Well done!</p>"
    logger.today.value = "not a day"
    logger.due_button.click()
    assert "not a date" in logger.message.value and "Traceback" not in logger.due_list.value
    logger.event.value = "thank_you"
    logger.date.value = "2025-03-09"  # before the meeting
    logger.save_button.click()
    assert "Please fix" in logger.message.value
    assert stored(logger.model.log.path, oid)["thank_you_at"] == "2025-03-10 00:00:00"


def test_widget_survives_a_closed_database(logger):
    logger.model.log.close()
    logger.contact.value = "Lena"
    logger.add_button.click()
    assert "did not work" in logger.message.value and "Traceback" not in logger.message.value


def test_widget_accepts_an_open_log(tmp_path):
    from infoview.widgets import OutreachLogger

    with iv.OutreachLog(tmp_path / "log.sqlite3") as log:
        log.import_file(iv.sample_log(students=2, weeks=2))
        widget = OutreachLogger(log, language="de")
        assert widget.model.log is log and len(widget.outreach.options) == len(log)
        assert widget.tabs.titles[3] == "Was ansteht"


# -- what users hit (tried-as-a-user.md, items 2, 6, 8, 14, 17) --------------------------------------

def test_choosing_referrals_hides_only_the_date(logger):
    logger.event.value = "referrals"
    hidden = [name for name in ("contact", "organisation", "sent_at", "outreach", "event", "today", "date")
              if getattr(logger, name).layout.display == "none"]
    assert hidden == ["date"]
    assert logger.referrals.layout.display is None
    logger.event.value = "meeting"
    assert logger.date.layout.display is None and logger.referrals.layout.display == "none"


def test_button_labels_are_never_cut(logger):
    for button in (logger.add_button, logger.save_button, logger.refresh_button, logger.due_button):
        assert button.layout.width == "auto"


def test_the_table_has_readable_headers_dates_and_labels_and_scrolls(tmp_path):
    for language, header, date, label in (("en", "<th>Sent</th>", "2025-03-03", "Family and friends"),
                                          ("de", "<th>Gesendet</th>", "03.03.2025", "Familie und Freundeskreis")):
        model = OutreachLoggerModel(tmp_path / f"{language}.sqlite3", language)
        model.add(contact="Lena Kurz", source="family_friends", sent_at="2025-03-03")
        page = model.table_html()
        assert header in page and f'nowrap">{date}</td>' in page and label in page
        assert "sent_at" not in page and "overflow-x:auto" in page


def test_a_big_log_shows_the_newest_rows_and_the_most_recent_reminders_first(tmp_path):
    model = OutreachLoggerModel(tmp_path / "log.sqlite3")
    for day in range(1, 29):
        model.add(contact=f"Person {day}", organisation="Firma", sent_at=f"2025-02-{day:02d}")
    page = model.table_html(limit=5)
    assert page.count("<tr>") == 6 and "The 5 most recent of 28 outreaches." in page
    assert "Person 28" in page and "Person 1<" not in page
    due = model.due_html("2025-03-14", limit=3)
    items = due.split("<li>")[1:]
    assert len(items) == 3 and "older reminders." in due
    days = [int(item.split("(")[1].split(" ")[0]) if "days overdue" in item else 0 for item in items]
    assert days == sorted(days)


def test_plurals_and_german_dates_in_reminders(tmp_path):
    model = OutreachLoggerModel(tmp_path / "log.sqlite3", "de")
    model.add(contact="Lena Kurz", organisation="Nordlicht", sent_at="03.03.2025")
    page = model.due_html("07.03.2025")
    assert "seit einem Tag fällig" in page and "<b>06.03.2025</b>" in page and "1 Tagen" not in page


def test_saving_says_what_was_saved_and_for_which_date(tmp_path):
    model = OutreachLoggerModel(tmp_path / "log.sqlite3", "de")
    oid = model.add(contact="Maria Kühn", sent_at="03.03.2025")
    assert model.record(oid, "accepted", "05.03.2025")
    assert model.message == "Gespeichert für Maria Kühn: Antwort erhalten – Zusage, 05.03.2025."
    assert model.record(oid, "meeting", "12.03.2025 14:30")
    assert model.message == "Gespeichert für Maria Kühn: Wir haben uns getroffen (oder treffen uns) an diesem Datum, " \
                            "12.03.2025, 14:30."
    assert model.record(oid, "referrals", referrals=2) and model.message.endswith("(2).")
