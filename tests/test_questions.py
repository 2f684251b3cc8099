"""The built-in question bank and interview plans."""

from collections import Counter

import pytest

import infoview as iv
from infoview.prepare.questions import STAGES, categories

TIARA = {"tiara-trends", "tiara-insights", "tiara-advice", "tiara-resources", "tiara-assignments"}


@pytest.fixture(scope="module", params=["en", "de"])
def bank(request):
    return iv.QuestionBank.builtin(request.param)


def test_bank_is_large_and_covers_every_category(bank):
    assert len(bank) >= 150
    counts = Counter(q.category for q in bank)
    for category in categories(bank.language):
        assert counts[category.id] >= 8, f"category {category.id} has only {counts[category.id]} questions"


def test_ids_match_across_languages():
    en, de = iv.QuestionBank.builtin("en"), iv.QuestionBank.builtin("de")
    assert [q.id for q in en] == [q.id for q in de]
    for q_en, q_de in zip(en, de):
        assert (q_en.category, q_en.stage, q_en.tags) == (q_de.category, q_de.stage, q_de.tags)
        assert q_en.text != q_de.text
        assert (q_en.note is None) == (q_de.note is None)


def test_no_question_in_the_bank_is_closed(bank):
    closed = [q.text for q in bank if iv.is_closed_question(q.text, bank.language)]
    assert closed == []


def test_every_question_is_well_formed(bank):
    for q in bank:
        assert q.language == bank.language
        assert q.stage in STAGES
        assert {"student", "career-changer"} & set(q.tags), q.id
        assert q.text[-1] in "?.", q.id
        assert q.text == q.text.strip() and "  " not in q.text, q.id


def test_german_uses_formal_address():
    informal = {"du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "euch", "ihr"}
    for q in iv.QuestionBank.builtin("de"):
        words = {w.strip("?,.!„“").lower() for w in q.text.split()}
        assert not (words & informal - {"ihr"}), q.text


def test_tiara_tags_follow_the_category(bank):
    tiara = {c.id: c.tiara for c in categories(bank.language)}
    for q in bank:
        tags = TIARA & set(q.tags)
        if tiara[q.category] is None:
            continue
        assert tags, f"{q.id} has no TIARA tag"


def test_filter_by_category_stage_and_tags(bank):
    trends = bank.filter(category="trends")
    assert len(trends) >= 8 and {q.category for q in trends} == {"trends"}
    closing = bank.filter(stage="closing")
    assert {q.stage for q in closing} == {"closing"}
    referrals = bank.filter(tags=["referrals"])
    assert len(referrals) >= 3 and all("referrals" in q.tags for q in referrals)
    both = bank.filter(category=["advice", "feedback"], tags="career-changer")
    assert {q.category for q in both} == {"advice", "feedback"}
    assert len(bank.filter(category="no-such-category")) == 0


def test_to_frame(bank):
    frame = bank.to_frame()
    assert list(frame.columns[:6]) == ["id", "category", "stage", "text", "language", "tags"]
    assert len(frame) == len(bank)
    assert frame["id"].is_unique
    assert set(frame["language"]) == {bank.language}


def test_getitem_and_iteration(bank):
    first = next(iter(bank))
    assert bank[first.id] is first and first.id in bank


@pytest.mark.parametrize("minutes", [15, 30, 45, 60])
def test_plan_fits_the_time(bank, minutes):
    plan = bank.plan(minutes=minutes, seed=3)
    assert abs(len(plan) * 2.5 - minutes) <= 2.5
    stages = [q.stage for q in plan]
    assert stages[0] == "opening"
    assert stages[-2:] == ["closing", "closing"]
    assert "referrals" in plan.questions[-2].tags
    assert set(stages[1:-2]) == {"core"}
    assert len({q.id for q in plan}) == len(plan)


def test_plan_is_balanced_and_deterministic(bank):
    plan = bank.plan(minutes=30, seed=7)
    assert plan == bank.plan(minutes=30, seed=7)
    assert [q.id for q in plan] != [q.id for q in bank.plan(minutes=30, seed=8)]
    core = Counter(q.category for q in plan if q.stage == "core")
    assert max(core.values()) == 1, core


def test_plan_focus_takes_more_from_those_categories(bank):
    plan = bank.plan(minutes=30, focus=["trends", "advice"], seed=1)
    core = Counter(q.category for q in plan if q.stage == "core")
    assert core["trends"] == 2 and core["advice"] == 2
    assert str(plan).splitlines()[0].startswith("  0 min")


def test_plan_too_short_is_refused(bank):
    with pytest.raises(ValueError, match="at least 10 minutes"):
        bank.plan(minutes=5)


def test_unknown_language():
    with pytest.raises(ValueError, match="language must be one of en, de"):
        iv.QuestionBank.builtin("fr")
