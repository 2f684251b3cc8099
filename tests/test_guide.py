"""The fourteen steps, their checklists and scripts, and the six fears."""

import re

import pytest

import infoview as iv
from infoview.prepare.steps import Checklist, ChecklistItem

STEP_IDS = ["overcome-fears", "choose-contacts", "outreach-email", "set-date-place", "research",
            "prepare-questions", "state-goal", "dress-arrive", "conversation", "watch-time",
            "ask-referrals", "thank-you", "stay-in-touch", "use-information"]


@pytest.mark.parametrize("language", ["en", "de"])
def test_fourteen_steps_in_order_with_checklists(language):
    steps = iv.steps(language)
    assert [s.id for s in steps] == STEP_IDS
    assert [s.number for s in steps] == list(range(1, 15))
    for step in steps:
        assert step.title and len(step.summary) > 80, step.id
        assert len(step.checklist) >= 5, step.id
        assert all(item.text.strip() for item in step.checklist)


def test_languages_pair_up_item_by_item():
    for en, de in zip(iv.steps("en"), iv.steps("de")):
        assert [i.id for i in en.checklist] == [i.id for i in de.checklist]
        assert [s.id for s in en.scripts] == [s.id for s in de.scripts]
        assert en.title != de.title


def test_checklists_teach_the_domain_figures():
    text = {s.id: " ".join(i.text for i in s.checklist) for s in iv.steps("en")}
    assert re.search(r"10.15 minutes early", text["dress-arrive"])
    assert "coffee" in text["dress-arrive"]
    assert re.search(r"five minutes|5 minutes", text["watch-time"])
    assert "name" in text["ask-referrals"]
    assert re.search(r"same (day|or the next)|next day", text["thank-you"])
    assert re.search(r"100 words|75 words", text["outreach-email"])
    assert "3" in text["outreach-email"] + text["set-date-place"] or "3B7" in " ".join(text.values())
    de = {s.id: " ".join(i.text for i in s.checklist) for s in iv.steps("de")}
    assert re.search(r"10( bis |.)15 Minuten", de["dress-arrive"])


def test_scripts_exist_where_students_freeze():
    scripts = {s.id: [x.id for x in s.scripts] for s in iv.steps("en")}
    assert scripts["conversation"] and scripts["watch-time"] and scripts["ask-referrals"]
    assert sum(len(v) for v in scripts.values()) >= 6


def test_german_is_formal():
    for step in iv.steps("de"):
        texts = [step.title, step.summary, *(i.text for i in step.checklist), *(s.text for s in step.scripts)]
        for text in texts:
            assert not re.search(r"\b(du|dich|dir|dein\w*|euch)\b", text), text


def test_checklist_tracks_progress():
    checklist = Checklist([ChecklistItem("a", "Arrive early"), ChecklistItem("b", "Bring your CV")])
    assert checklist.progress == 0 and [i.id for i in checklist.remaining] == ["a", "b"]
    checklist.tick("b")
    assert checklist.progress == 0.5 and [i.id for i in checklist.remaining] == ["a"]
    assert str(checklist) == "[ ] Arrive early\n[x] Bring your CV"
    checklist.tick("b", done=False)
    assert checklist.done_count == 0
    with pytest.raises(KeyError, match="no checklist item 'c'"):
        checklist.tick("c")


def test_steps_give_fresh_checklists():
    first = iv.steps("en")[0].checklist
    first.tick(first.items[0].id)
    assert iv.steps("en")[0].checklist.done_count == 0


@pytest.mark.parametrize("language", ["en", "de"])
def test_six_fears_with_reframes(language):
    fears = iv.fears(language)
    assert [f.id for f in fears] == ["not-ready", "not-connected", "bad-at-networking", "imposing", "say-something-wrong",
                                     "might-be-put-off"]
    for fear in fears:
        assert fear.fear and len(fear.reframe) > 60 and fear.try_this
