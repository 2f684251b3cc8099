"""Drafts, question plans, checklist ticks and debriefs are kept and come back in the next session."""

import pytest

import infoview as iv
from infoview.emails.draft import Draft


def test_a_draft_comes_back_with_its_fields_edits_and_findings(tmp_path):
    path = tmp_path / "ws.sqlite3"
    draft = Draft("outreach", "de")
    draft.fill_example()
    draft.set_field("first_name", "Lena")
    draft.set_field("last_name", "Kurz")
    draft.set_recipient("lena.kurz@nordlicht.example")
    draft.edit(body=draft.state.body + "\n\nIch freue mich auf Ihre Antwort!!!")
    with iv.Workspace(path) as ws:
        lena = ws.add_person("Lena Kurz", email="lena.kurz@nordlicht.example")
        other = ws.save_draft(Draft("thank_you", "en"))
        first = ws.save_draft(draft)
    with iv.Workspace(path) as ws:
        saved = ws.drafts(kind="outreach")
        assert [d.draft_id for d in saved] == [first] and saved[0].person_id == lena  # found by the address
        restored = saved[0].to_draft()
        assert (restored.kind, restored.language, restored.variant) == ("outreach", "de", draft.variant)
        assert restored.fields == draft.fields and restored.recipient == draft.recipient
        assert restored.state.body == draft.state.body and restored.edited
        assert [f["rule"] for f in saved[0].findings] == [f.rule for f in draft.state.findings]
        assert saved[0].errors == sum(f.severity == "error" for f in draft.state.findings)
        assert [d.draft_id for d in ws.drafts("Lena Kurz")] == [first]
        draft.reset_text()
        assert ws.save_draft(draft, draft_id=first) == first  # saving again replaces it
        assert not ws.drafts(lena)[0].edited and len(ws.drafts()) == 2
        ws.delete_draft(other)
        with pytest.raises(iv.WorkspaceError, match="no draft"):
            ws.save_draft(draft, draft_id=other)
        with pytest.raises(iv.WorkspaceError, match="not a draft"):
            ws.save_draft("Dear Lena")


def test_a_plan_comes_back_in_its_order_with_own_questions(tmp_path):
    path = tmp_path / "ws.sqlite3"
    plan = iv.QuestionBank.builtin("en").plan(minutes=30, seed=3)
    chosen = list(plan.questions)[::-1][:5] + ["How did you find your first role in this field?"]
    with iv.Workspace(path) as ws:
        assert ws.plan() is None
        ws.save_plan(plan)
        ws.save_plan(chosen, minutes=25, name="Lena")
        with pytest.raises(iv.WorkspaceError, match="non-empty"):
            ws.save_plan(["", "Why?"], name="broken")
    with iv.Workspace(path) as ws:
        assert ws.plan() == plan
        edited = ws.plan("Lena")
        assert edited.minutes == 25 and [q.text for q in edited] == [getattr(q, "text", q) for q in chosen]
        assert edited.questions[-1].category == "own" and ws.plans() == ["default", "Lena"]


def test_ticks_per_step(tmp_path):
    path = tmp_path / "ws.sqlite3"
    with iv.Workspace(path) as ws:
        ws.tick(2, "choose-contacts-lamp-list")
        ws.tick("choose-contacts", "choose-contacts-lamp-sort")
        ws.tick(2, "choose-contacts-lamp-sort", done=False)
        with pytest.raises(iv.WorkspaceError, match="no such item in step 2"):
            ws.tick(2, "research-profile")
        with pytest.raises(iv.WorkspaceError, match="no such step"):
            ws.tick(15, "x")
    with iv.Workspace(path) as ws:
        assert ws.ticks(2) == {"choose-contacts-lamp-list"} and ws.ticks("research") == set()


def test_a_debrief_names_people_and_sets_actions(tmp_path):
    path = tmp_path / "ws.sqlite3"
    with iv.Workspace(path) as ws:
        lena = ws.add_person("Lena Kurz", organisation="Nordlicht")
        known = ws.add_person("Mira Olsen", organisation="Südwind")
        debrief = ws.add_debrief("Lena Kurz", "14.03.2025", trends="Grid data is moving to the cloud",
                                 advice="Learn SQL properly", resources="The BDEW annual report",
                                 reflection="I was nervous but it went well",
                                 named=["Tom Baker", {"name": "Mira Olsen", "organisation": "Südwind"}],
                                 actions=["Read the annual report", ("Finish an SQL course", "2025-04-30")])
    with iv.Workspace(path) as ws:
        [stored] = ws.debriefs(lena)
        assert stored.debrief_id == debrief and stored.held_on == "2025-03-14"
        assert stored.advice == "Learn SQL properly" and stored.reflection.startswith("I was nervous")
        tom = ws.person("Tom Baker")
        assert set(stored.named) == {tom.person_id, known} and tom.referred_by == lena
        assert ws.person(known).referred_by == lena
        assert [(a.text, a.due_on) for a in stored.actions] == [("Read the annual report", "2025-03-21"),
                                                                 ("Finish an SQL course", "2025-04-30")]
        ws.mark_done(stored.actions[0].action_id, on="2025-03-20")
        assert [a.text for a in ws.actions(open_only=True)] == ["Finish an SQL course"]
        with pytest.raises(iv.WorkspaceError, match="no person with this name"):
            ws.add_debrief("Lena Kurtz", "2025-03-14", advice="x")
        with pytest.raises(iv.WorkspaceError, match="cannot name themselves"):
            ws.add_debrief(lena, "2025-03-15", named=["Lena Kurz"])
        assert len(ws.debriefs()) == 1
