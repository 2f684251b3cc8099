"""The class report reads workspace hand-ins: progress through the steps next to the outreach
figures, each student's own as-of date, comparisons within students and shrunk per-student rates."""

import datetime

import pandas as pd
import pytest

from infoview.classroom.handins import read_submissions
from infoview.classroom.report import class_report
from infoview.classroom.students import hand_in_details
from infoview.classroom.view import ClassView
from infoview.log.write import write_log
from infoview.workspace import Workspace

CONTACTS = ("Lena Kurz", "Tom Baker", "Kim Lee", "Anna Berg", "Jonas Wolf")


def _workspace_hand_in(folder, student, *, debrief):
    ws = Workspace(folder.parent / f"{student}.sqlite3")
    ws.add_target("Nordlicht", motivation=3, contact="Lena Kurz")
    for number, contact in enumerate(CONTACTS):
        day = datetime.date(2025, 3, 3) + datetime.timedelta(days=number)
        oid = ws.log.add(contact=contact, organisation="Nordlicht", student=student, sent_at=day.isoformat(),
                         template="six_point" if number % 2 else "own_words", source="alumni", channel="email")
        if number < 3:
            ws.log.update(oid, replied_at=(day + datetime.timedelta(days=2)).isoformat(), response="accepted",
                          meeting_at=(day + datetime.timedelta(days=5)).isoformat())
    if debrief:
        ws.add_debrief("Lena Kurz", "2025-03-08", advice="Go to the meetup", named=["Max Roth"],
                       actions=[("Go to the meetup", "2025-03-20")])
    path = ws.hand_in(folder / f"{student}.xlsx", today="2025-03-31")
    ws.close()
    return path


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "hand_ins"
    folder.mkdir()
    _workspace_hand_in(folder, "ada", debrief=True)
    _workspace_hand_in(folder, "ben", debrief=False)
    old = pd.DataFrame({"student": "cleo", "contact": ["Old Contact"], "organisation": ["Acme"],
                        "sent_at": [pd.Timestamp("2025-03-04")], "replied_at": [pd.NaT]})
    write_log(old, folder / "cleo.csv", pseudonymize=True)  # a log-only hand-in, as before workspaces
    return folder


def test_hand_in_details_read_milestones_and_write_times(folder):
    written, milestones = hand_in_details(read_submissions(folder, progress=False))
    assert set(written) == {"ada", "ben"}
    assert set(milestones["student"]) == {"ada", "ben"}
    done = milestones[milestones["done"]].groupby("student")["milestone"].apply(set)
    assert {"targets_listed", "conversations_held", "debrief_written"} <= done["ada"]
    assert "debrief_written" not in done["ben"]


def test_the_report_shows_progress_next_to_outreach_and_names_no_contact(folder, tmp_path):
    view = ClassView(read_submissions(folder, progress=False), as_of="2025-03-31")
    table = view.students.set_index("student")
    assert table.loc["ada", "steps_done"] > table.loc["ben", "steps_done"] >= 1
    assert pd.isna(table.loc["cleo", "steps_done"])  # old hand-ins still work, without progress
    assert table.loc["cleo", "sent"] == 1
    assert list(view.students.columns).index("steps_done") < list(view.students.columns).index("sent")

    out = class_report(folder, tmp_path / "class.html", as_of="2025-03-31", progress=False)
    page = out.read_text(encoding="utf-8")
    csv = out.with_suffix(".csv").read_text(encoding="utf-8")
    assert "Progress through the steps" in page and "Conversations written up" in page
    assert "Students who reached it" in page and "2 of 2" in page  # both workspace hand-ins listed targets
    for name in (*CONTACTS, "Max Roth", "Old Contact", "Kurz", "Roth"):
        assert name not in page and name not in csv
    assert "steps_done" in csv.splitlines()[0]


def test_each_student_is_counted_as_of_their_own_export(folder, tmp_path):
    from openpyxl import load_workbook

    # ben exported on 6 March: his outreach of 4 to 7 March could not have had its seven days yet
    path = folder / "ben.xlsx"
    book = load_workbook(path)
    book.properties.created = datetime.datetime(2025, 3, 6, 18, 0)  # saving sets "modified" to now
    book.save(path)
    view = ClassView(read_submissions(folder, progress=False), as_of="2025-03-31")
    assert view.student_as_of["ben"] == pd.Timestamp("2025-03-06 18:00")
    assert view.student_as_of["cleo"] == pd.Timestamp("2025-03-04")  # log only: the latest event
    assert view.student_as_of["ada"] == view.as_of  # written later than the report's as-of: capped
    table = view.students.set_index("student")
    assert pd.isna(table.loc["ben", "reply_rate"])  # nothing sent at least 7 days before 6 March
    assert table.loc["ada", "reply_rate"] == pytest.approx(3 / 5)
    assert table.loc["ada", "reply_low"] < 0.6 < table.loc["ada", "reply_high"]
    assert table.loc["ben", "as_of"] == pd.Timestamp("2025-03-06 18:00")


def test_comparisons_are_within_students_and_corrected(folder, tmp_path):
    out = class_report(folder, tmp_path / "class.html", as_of="2025-03-31", progress=False)
    page = out.read_text(encoding="utf-8")
    assert "Cochran–Mantel–Haenszel" in page and "Holm" in page
    assert "shrinks each rate towards the class rate" in page
    german = class_report(folder, tmp_path / "klasse.html", "de", as_of="2025-03-31", progress=False)
    text = german.read_text(encoding="utf-8")
    assert "Studierende, die ihn erreicht haben" in text
    assert "Fortschritt in den Schritten" in text and "innerhalb der studierenden" in text.lower()
