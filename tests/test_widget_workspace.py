"""Widgets bound to the student's workspace: what is done in one widget is there in the next one
opened on the same file (as in the next lesson, after a restart)."""

import datetime

import pytest

pytest.importorskip("ipywidgets")

from infoview.prepare.steps import steps  # noqa: E402
from infoview.prepare.targets import TargetList  # noqa: E402
from infoview.widgets import (ChecklistWidget, ConversationNotes, EmailDrafter, OutreachLogger,  # noqa: E402
                              QuestionPlanner, TargetListWidget)
from infoview.workspace import Workspace  # noqa: E402


@pytest.fixture
def path(tmp_path):
    return tmp_path / "ws.sqlite3"


def reopen(path):
    """A new Workspace on the same file, as a new lesson's kernel would open it."""
    return Workspace(path)


def test_target_list_keeps_adds_corrections_and_removals(path):
    widget = TargetListWidget(workspace=Workspace(path))
    for employer, motivation in (("Nordlicht", 2), ("Acme", 3), ("Zeta", 1)):
        widget.employer.value, widget.motivation.value = employer, motivation
        widget.add_button.click()
    widget.entry.value = "Nordlicht"
    assert widget.employer.value == "Nordlicht" and widget.motivation.value == 2
    widget.motivation.value = 3
    widget.employer.value = "Nordlicht AG"
    widget.add_button.click()
    widget.entry.value = "Zeta"
    widget.remove_button.click()

    again = TargetListWidget(workspace=reopen(path))
    assert [(t.employer, t.motivation) for t in again.targets.ranked()] == [("Nordlicht AG", 3), ("Acme", 3)]
    assert "Nordlicht AG" in again.table.value and "Zeta" not in again.table.value


def test_target_list_shows_a_refused_entry_without_saving_it(path):
    widget = TargetListWidget(workspace=Workspace(path))
    widget.employer.value = "Acme"
    widget.add_button.click()
    widget.employer.value = "acme"
    widget.add_button.click()
    assert "already" in widget.message.value
    assert len(reopen(path).targets()) == 1


def test_target_list_given_a_list_and_no_workspace_saves_nothing(tmp_path):
    own = TargetList()
    widget = TargetListWidget(own)
    widget.add("Acme", motivation=3)
    assert widget.workspace is None and [t.employer for t in own] == ["Acme"]


def test_drafter_restores_the_draft_with_its_edits(path):
    drafter = EmailDrafter(workspace=Workspace(path), debounce=0)
    drafter.field_widgets["first_name"].value = "Lena"
    drafter.body.value = "Dear Ms Kurz,\n\nmy own words.\n"
    assert drafter.draft_id is not None

    again = EmailDrafter(workspace=reopen(path))
    assert again.draft_id == drafter.draft_id
    assert again.body.value == "Dear Ms Kurz,\n\nmy own words.\n"
    assert again.field_widgets["first_name"].value == "Lena"
    # opening alone saves nothing new
    assert len(reopen(path).drafts()) == 1


def test_drafter_with_example_starts_fresh_and_other_kinds_are_other_drafts(path):
    drafter = EmailDrafter(workspace=Workspace(path), debounce=0)
    drafter.body.value = "First draft."
    EmailDrafter(workspace=reopen(path), example=True, debounce=0).body.value = "Second draft."
    thanks = EmailDrafter("thank_you", workspace=reopen(path))
    assert thanks.draft_id is None
    kinds = sorted((d.kind, d.body) for d in reopen(path).drafts())
    assert kinds == [("outreach", "First draft."), ("outreach", "Second draft.")]


def test_planner_restores_an_edited_plan(path):
    planner = QuestionPlanner(workspace=Workspace(path), minutes=45)
    first, second = planner.plan.ids[:2]
    planner.move(second, -1)
    planner.remove(first)
    edited = planner.plan.ids

    again = QuestionPlanner(workspace=reopen(path))
    assert again.plan.ids == edited and first not in again.plan.ids
    assert again.plan.minutes == 45 and again.minutes.value == 45
    assert "download" in again.sheet_link.value


def test_planner_in_another_language_does_not_show_the_plan(path):
    planner = QuestionPlanner(workspace=Workspace(path))
    planner.remove(planner.plan.ids[0])
    german = QuestionPlanner(language="de", workspace=reopen(path))
    assert all(q.language == "de" for q in german.plan)


def test_checklist_ticks_are_kept_per_step(path):
    step = steps("en")[2]
    widget = ChecklistWidget(step, workspace=Workspace(path))
    first = step.checklist.items[0].id
    widget.boxes[first].value = True

    german = steps("de")[2]
    again = ChecklistWidget(german, "de", workspace=reopen(path))
    assert again.boxes[first].value is True
    assert german.checklist.done == {first}
    other = ChecklistWidget(steps("en")[3], workspace=reopen(path))
    assert not any(box.value for box in other.boxes.values())
    again.boxes[first].value = False
    assert reopen(path).ticks(3) == set()


def test_logger_opens_the_workspace_log(path):
    logger = OutreachLogger(workspace=Workspace(path))
    logger.contact.value, logger.organisation.value = "Lena Kurz", "Nordlicht"
    logger.add_button.click()
    again = OutreachLogger(workspace=reopen(path))
    assert "Lena Kurz" in again.table.value
    assert [p.name for p in reopen(path).people()] == ["Lena Kurz"]


def test_logger_still_takes_a_log_path(tmp_path):
    logger = OutreachLogger(tmp_path / "log.sqlite3", "de")
    assert logger.model.log.path == tmp_path / "log.sqlite3"


def test_conversation_notes_record_a_debrief_and_draft_the_referral(path):
    ws = Workspace(path)
    lena = ws.add_person("Dr. Lena Kurz", organisation="Nordlicht", form_of_address="female")
    notes = ConversationNotes(ws)
    notes.date.value = "10.03.2025"
    notes.person.value = lena
    notes.headings["advice"].value = "Join the data meetup"
    notes.reflection.value = "I talked too much at the start."
    notes.named.value = "Tom Baker (Nordlicht)\nKim Lee"
    notes.actions[0][0].value, notes.actions[0][1].value = "Go to the March meetup", "20.03.2025"
    notes.actions[1][0].value = "Read the report she mentioned"
    notes.save_button.click()
    assert "Lena Kurz" in notes.message.value and notes.date.value == ""

    stored = reopen(path)
    (debrief,) = stored.debriefs()
    assert debrief.held_on == "2025-03-10" and debrief.advice == "Join the data meetup"
    assert debrief.reflection == "I talked too much at the start."
    tom = stored.person("Tom Baker")
    assert tom.referred_by == lena and tom.organisation == "Nordlicht"
    assert sorted((a.text, a.due_on) for a in stored.actions()) == [
        ("Go to the March meetup", "2025-03-20"), ("Read the report she mentioned", "2025-03-17")]

    again = ConversationNotes(stored)
    assert "Join the data meetup" in again.earlier.value
    again.referral.value = tom.person_id
    again.draft_button.click()
    assert again.drafter.draft.kind == "referral_outreach"
    assert again.drafter.draft.fields["referrer"] == "Dr. Lena Kurz"
    assert "Lena Kurz" in again.drafter.body.value
    assert [d.kind for d in reopen(path).drafts(person=tom.person_id)] == ["referral_outreach"]


def test_conversation_notes_with_a_typed_person_and_bad_input(path):
    notes = ConversationNotes(Workspace(path), "de")
    notes.save_button.click()
    assert "Datum" in notes.message.value
    notes.date.value = "gestern"
    notes.typed.value = "Anna Berg (Stadtwerke)"
    notes.save_button.click()
    assert "„gestern“ ist kein Datum" in notes.message.value
    assert reopen(path).debriefs() == [] and reopen(path).people() == []
    notes.date.value = datetime.date(2025, 3, 1).strftime("%d.%m.%Y")
    notes.save_button.click()
    assert "Anna Berg" in notes.message.value
    assert reopen(path).person("Anna Berg").organisation == "Stadtwerke"


def test_widgets_default_to_the_students_own_workspace():
    drafter = EmailDrafter(debounce=0)
    drafter.body.value = "Kept in my own workspace."
    assert Workspace().drafts()[0].body == "Kept in my own workspace."


def test_widgets_on_the_default_workspace_share_one_connection():
    assert TargetListWidget().workspace is QuestionPlanner().workspace is ConversationNotes().workspace
