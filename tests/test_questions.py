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
        assert q.audience and set(q.audience) <= {"student", "career_changer"}, q.id
        assert set(q.context) <= {"in_person", "video_call", "alumni", "mutual_contact"}, q.id
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
    both = bank.filter(category=["advice", "feedback"], audience="career_changer")
    assert {q.category for q in both} == {"advice", "feedback"}
    assert all("career_changer" in q.audience for q in both)
    assert len(bank.filter(audience="student")) < len(bank) == len(bank.filter(audience=None))
    assert len(bank.filter(category="no-such-category")) == 0


def test_to_frame(bank):
    frame = bank.to_frame()
    assert list(frame.columns) == ["id", "category", "stage", "text", "language", "tags", "note", "audience", "context"]
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
    closing = 3 if minutes >= 40 else 2
    assert stages[0] == "opening"
    assert stages[-closing:] == ["closing"] * closing
    assert "referrals" in plan.questions[-closing].tags and not plan.questions[-closing].follows
    if closing == 3:
        assert plan.questions[-closing].id in plan.questions[-2].follows
    assert set(stages[1:-closing]) == {"core"}
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
    with pytest.raises(ValueError, match="at least 10 minutes|mindestens 10 Minuten"):
        bank.plan(minutes=5)


def test_unknown_language():
    with pytest.raises(ValueError, match="language must be one of en, de"):
        iv.QuestionBank.builtin("fr")


# --- near-duplicates -------------------------------------------------------------------------
# Each question is reduced to its content words in both languages (stop words dropped, words cut
# to five letters so that "certificate"/"certificates" and "Zertifikat"/"Zertifikate" meet), each
# word weighted by its rarity in the bank (IDF). Two questions are near-duplicates when the words
# they share carry at least half of the weight of the shorter one. Why 0.5: on the bank before
# curation this flags the literal near-duplicates below (0.56-0.75), while the closest distinct
# pair in the curated bank (two portfolio questions that ask opposite things) stays below 0.5.
# Paraphrases that share no words cannot be found this way; they were merged by hand (MERGED).
STOP = {
    "en": set("""a an the and or of to in on for at by with from as is are was were be been do does did you your
        i me my we our us it its this that these those what which who whom how when where why would could should can
        will have has had there their they them than then so if into about most more some any one own just only also
        such""".split()),
    "de": set("""der die das den dem des ein eine einen einem einer eines und oder zu in im an am auf für bei mit von
        vom aus als ist sind war waren sein wird werden wurde hat haben hatte sie ihr ihre ihren ihrem ihrer ich mich
        mir mein meine meinen wir uns es sich was welche welcher welches welchen welchem wie wer wen wem wo wann warum
        man dass so wenn noch auch nur um über nach vor heute""".split()),
}
THRESHOLD = 0.5
LITERAL_DUPLICATES_BEFORE = [  # pairs from the bank before curation, each merged into one question
    ({"en": "Who do you work with most closely, inside and outside your organisation?",
      "de": "Mit wem arbeiten Sie am engsten zusammen, innerhalb und außerhalb Ihrer Organisation?"},
     {"en": "Who do you usually work with on a project, both inside and outside your organisation?",
      "de": "Mit wem arbeiten Sie bei einem Projekt üblicherweise zusammen, innerhalb und außerhalb Ihrer Organisation?"}),
    ({"en": "Which piece of work are you proudest of, and why?",
      "de": "Auf welche Arbeit sind Sie besonders stolz, und warum?"},
     {"en": "Which project are you proudest of, and what made it work?",
      "de": "Auf welches Projekt sind Sie besonders stolz, und was hat es gelingen lassen?"}),
]
MERGED = {  # removed id -> the question that now covers it
    "closing-why-agreed": "opening-why-agreed", "advice-do-differently": "career-path-do-differently",
    "assignments-tools": "typical-day-tools", "assignments-collaborators": "typical-day-collaborators",
    "assignments-good-vs-excellent": "skills-good-vs-excellent", "assignments-proudest": "rewards-challenges-proudest",
    "advice-certificates-worth-it": "education-certificates", "education-wish-learned": "advice-wish-known",
    "skills-transferable": "advice-transferable-skills", "assignments-current-project": "typical-day-current-project",
    "skills-growing-importance": "trends-skills-in-demand", "career-path-entry-then-and-now": "trends-change-since-start",
    "advice-in-my-position": "advice-next-six-months", "closing-more-questions": "closing-stay-in-touch",
    "closing-connect-network": "closing-stay-in-touch", "closing-topics-to-share": "closing-stay-in-touch",
    "closing-check-in-frequency": "closing-stay-in-touch", "closing-thank-you-address": "closing-stay-in-touch",
}


def _words(texts):
    import re

    return {f"{lang}:{w[:5]}" for lang, text in texts.items()
            for w in re.findall(r"\w+", text.lower()) if w not in STOP[lang]}


def _similarity(bank_texts):
    import math

    counts = Counter(w for texts in bank_texts for w in _words(texts))
    weight = {w: math.log(len(bank_texts) / n) for w, n in counts.items()}

    def score(a, b):
        wa, wb = _words(a), _words(b)
        mass = min(sum(weight.get(w, 0) for w in wa), sum(weight.get(w, 0) for w in wb)) or 1
        return sum(weight.get(w, 0) for w in wa & wb) / mass
    return score


def _bilingual_texts():
    en, de = iv.QuestionBank.builtin("en"), iv.QuestionBank.builtin("de")
    return {q.id: {"en": q.text, "de": de[q.id].text} for q in en}


def test_no_near_duplicates_in_either_language():
    from itertools import combinations

    texts = _bilingual_texts()
    score = _similarity(list(texts.values()))
    close = [(round(score(texts[a], texts[b]), 2), a, b) for a, b in combinations(texts, 2)
             if score(texts[a], texts[b]) >= THRESHOLD]
    assert close == []
    for a, b in LITERAL_DUPLICATES_BEFORE:  # the measure does catch what it should
        assert score(a, b) >= THRESHOLD, a["en"]


def test_merged_questions_stay_merged():
    texts = _bilingual_texts()
    assert not MERGED.keys() & texts.keys()
    assert set(MERGED.values()) <= texts.keys()


def test_closing_questions_are_mostly_not_logistics():
    closing = iv.QuestionBank.builtin("en").filter(stage="closing")
    logistics = [q.id for q in closing if "follow-up" in q.tags]
    assert len(logistics) <= 2 and len(closing) - len([q for q in closing if "referrals" in q.tags]) >= 8


def test_themes_for_students_in_german_speaking_countries():
    bank = iv.QuestionBank.builtin("de")
    text = " ".join(q.text for q in bank.filter(audience="student"))
    for theme in ("Traineeprogramm", "Werkstudent", "dualen Studiums", "Volontariat", "Assessment-Center",
                  "Einstiegsgehälter", "Deutsch", "Aufenthaltstitel", "Österreich"):
        assert theme in text, theme
