"""The lesson widgets, driven headless: set values, click buttons, read what they show."""

import pytest

import infoview as iv
from infoview.prepare.targets import TargetList
from infoview.texts import text
from infoview.widgets import CardDeck, ChecklistWidget, QuestionPlanner, TargetListWidget


def test_checklist_widget_ticks_the_checklist():
    step = iv.steps("de")[7]
    widget = ChecklistWidget(step, language="de")
    first, second = step.checklist.items[:2]
    widget.boxes[first.id].value = True
    assert first.id in step.checklist.done
    assert widget.status.value == f"1 von {len(step.checklist)} erledigt"
    for box in widget.boxes.values():
        box.value = True
    assert widget.status.value == "Alles erledigt. Gut vorbereitet!" and widget.bar.value == 1
    widget.boxes[second.id].value = False
    assert second.id not in step.checklist.done


def test_card_deck_shows_fears_and_scripts():
    fears = iv.fears("en")
    deck = CardDeck(fears)
    assert fears[0].fear.replace("'", "&#x27;") in deck.card.value
    deck.picker.value = 2
    assert fears[2].try_this.split()[0] in deck.card.value
    scripts = [s for step in iv.steps("de") for s in step.scripts]
    deck = CardDeck(scripts, language="de")
    assert deck.picker.description == "Auswahl" and len(deck.picker.options) == len(scripts)
    deck = CardDeck([("Title", "<script>alert(1)</script>")])
    assert "<script>" not in deck.card.value


def test_question_planner_plans_and_coaches():
    planner = QuestionPlanner(language="en", minutes=30)
    assert len(planner.plan) == 12 and "Your plan for 30 minutes (12 questions)" in planner.title.value
    assert len(planner.rows.children) == 12 and "download=" in planner.sheet_link.value
    planner.minutes.value = 20
    assert len(planner.plan) == 8
    before = [q.id for q in planner.plan]
    planner.again.click()
    assert [q.id for q in planner.plan] != before
    planner.focus.value = ("trends",)
    assert sum(q.category == "trends" for q in planner.plan) >= 2
    planner.question.value = "Do you like your job?"
    assert "yes/no question" in planner.feedback.value
    planner.question.value = "What do you like most about your job?"
    assert "open question" in planner.feedback.value


def test_question_planner_audience_and_edits():
    planner = QuestionPlanner(language="en", minutes=45)
    assert planner.audience.value == "student"
    assert all(q.audience_fits("student") for q in planner.plan)
    planner.audience.value = "career_changer"
    assert all(q.audience_fits("career_changer") for q in planner.plan)
    planner.context.value = "video_call"
    assert planner.plan.context == {"video_call"}
    first, second = planner.plan.ids[:2]
    up = planner.rows.children[1].children[1]  # the second row's move-up button
    up.click()
    assert planner.plan.ids[:2] == [second, first]
    planner.rows.children[2].children[4].click()  # remove the third question
    assert len(planner.plan) == 17 and len(planner.rows.children) == 17
    before = planner.plan.ids[3]
    planner.rows.children[3].children[3].click()  # swap the fourth for another question
    assert planner.plan.ids[3] != before and planner.plan.ids[3] not in planner.plan.ids[4:]
    follow_up = next(i for i, q in enumerate(planner.plan) if q.follows)
    planner.rows.children[follow_up].children[1].click()  # a follow-up cannot move above its question
    assert planner.plan.questions[follow_up].follows and "follows up an earlier question" in planner.message.value
    planner.again.click()
    assert planner.message.value == ""
    sheet = planner.sheet_link.value
    assert sheet.startswith("<a download='question-sheet.html' href='data:text/html;base64,")


def test_question_planner_in_german():
    planner = QuestionPlanner(language="de")
    assert [label for label, _ in planner.audience.options] == ["Studierende", "Quereinsteigende", "Beide"]
    assert "fragebogen.html" in planner.sheet_link.value
    planner.question.value = "Gibt es Weiterbildungen"
    assert "Fragezeichen" in planner.feedback.value
    planner.question.value = "Gibt es Weiterbildungen?"
    assert "Ja/Nein-Frage" in planner.feedback.value


def test_target_list_ranks_by_lamp():
    targets = TargetList()
    targets.add("A Corp", advocate=True, motivation=2, posting=2)
    targets.add("B GmbH", motivation=3, posting=1)
    targets.add("C Ltd", motivation=2, posting=2)
    targets.add("D AG", motivation=2, posting=3)
    assert [t.employer for t in targets.ranked()] == ["B GmbH", "D AG", "A Corp", "C Ltd"]
    assert list(targets.to_frame()["rank"]) == [1, 2, 3, 4]
    with pytest.raises(ValueError, match="already on your list"):
        targets.add("a corp")
    with pytest.raises(ValueError, match="1, 2 or 3"):
        targets.add("E", motivation=5)


def test_target_list_widget_adds_and_reports_errors_inline():
    widget = TargetListWidget(language="de", batch=1)
    assert "noch leer" in widget.table.value
    widget.employer.value = "Stadtwerke Köln"
    widget.motivation.value = 3
    widget.add_button.click()
    assert "Stadtwerke Köln" in widget.table.value and widget.employer.value == ""
    assert "Diese zuerst anschreiben: Stadtwerke Köln" in widget.table.value
    widget.add_button.click()
    assert "Bitte geben Sie den Namen" in widget.message.value
    assert len(widget.targets) == 1


def test_checklist_items_wrap_instead_of_being_cut():
    from infoview import steps
    from infoview.widgets import ChecklistWidget

    step = steps("de")[2]
    widget = ChecklistWidget(step, "de")
    labels = [row.children[1].value for row in widget.children[1:-1]]
    assert len(labels) == len(step.checklist)
    assert all("white-space:normal" in label for label in labels)
    assert all(box.description == "" for box in widget.boxes.values())
    assert any(item.text.split()[0] in label for item in step.checklist for label in labels)


def test_the_planners_no_choice_entries_show_a_label_not_a_blank():
    from infoview.widgets import QuestionPlanner

    planner = QuestionPlanner(language="de", workspace=False)
    assert planner.context.label == text("widgets.context_none", "de")
    planner.audience.value = ""
    assert planner.audience.label == text("widgets.audience_both", "de")
    assert len(planner.plan) > 0 and not planner.message.value
