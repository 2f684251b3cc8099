"""Forgetting a person leaves no trace of them in the workspace file or its write-ahead log."""

import sqlite3

import pytest

import infoview as iv
from infoview.emails.draft import Draft

TRACES = ("lena", "kurz", "nordlicht-lk", "lkurz")


def fill(ws):
    """Lena everywhere: log rows (changed several times), a draft, debriefs, others' notes, a plan."""
    lena = ws.add_person("Dr. Lena Kurz", organisation="Nordlicht", email="l.kurz@nordlicht-lk.example",
                         profile_url="https://www.linkedin.com/in/lkurz-data/")
    first = ws.log.add(contact="Dr. Lena Kurz", organisation="Nordlicht", sent_at="2025-03-03",
                       notes="Write to l.kurz@nordlicht-lk.example")
    for day in range(4, 9):
        ws.log.update(first, notes=f"Lena Kurz replied on day {day}")
    ws.log.update(first, replied_at="2025-03-09", response="accepted", meeting_at="2025-03-12")
    ws.log.add(contact="Lena Kurz", organisation="Nordlicht", sent_at="2025-04-20", outreach_id="lena-kurz-2")
    ws.log.add(contact="Mira Olsen", organisation="GreenGrid", sent_at="2025-03-05", template="Kurz, Lena intro",
               notes="Lena_Kurz suggested her")
    draft = Draft("outreach", "en")
    draft.fill_example()
    draft.set_fields(first_name="Lena", last_name="Kurz", sender_name="Sam Weber")
    ws.save_draft(draft)
    referral = Draft("referral_outreach", "en")
    referral.fill_example()
    referral.set_fields(first_name="Tom", last_name="Baker", referrer="Dr. Lena Kurz", sender_name="Sam Weber")
    ws.save_draft(referral)
    ws.add_debrief(lena, "2025-03-12", advice="Learn SQL", named=["Tom Baker"], actions=["Email Lena the link"])
    mira = ws.person("Mira Olsen").person_id
    ws.update_person(mira, notes="Colleague of LENA KURZ, see linkedin.com/in/lkurz-data")
    ws.add_debrief(mira, "2025-03-20", insights="She works with Dr. Kurz on grid data",
                   actions=["Ask Lena Kurz about the meetup"])
    ws.save_plan(["What did Lena Kurz tell you about the team?", "What surprised you in your first year?"])
    ws.add_target("Nordlicht", contact="Dr. Lena Kurz")
    return lena


def raw(path):
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return (data + (wal.read_bytes() if wal.exists() else b"")).lower()


@pytest.mark.parametrize("keep_statistics", [False, True])
def test_forget_leaves_no_trace_in_the_raw_file(tmp_path, keep_statistics):
    path = tmp_path / "ws.sqlite3"
    with iv.Workspace(path) as ws:
        lena = fill(ws)
        assert all(trace.encode() in raw(path) for trace in TRACES)  # the test can see them before
        result = ws.forget("Lena Kurz", keep_statistics=keep_statistics)
        data = raw(path)
        for trace in TRACES:
            assert trace.encode() not in data, trace
        assert result.name == "Dr. Lena Kurz" and result.debriefs_deleted == 1 and result.drafts_deleted == 1
        assert [p.name for p in ws.people()] == ["Mira Olsen", "Tom Baker"]
        assert ws.person("Tom Baker").referred_by is None
        frame = ws.log.to_frame()
        if keep_statistics:
            assert result.log_rows_anonymised == 2 and len(frame) == 3
            assert (frame["contact"] == "Forgotten contact 1").sum() == 2
            assert frame["response"].eq("accepted").sum() == 1 and frame["meeting_at"].notna().sum() == 1
        else:
            assert result.log_rows_deleted == 2 and frame["contact"].tolist() == ["Mira Olsen"]
        assert frame.loc[frame["contact"] == "Mira Olsen", "notes"].iloc[0] == "[…] suggested her"
        [mira_debrief] = ws.debriefs()
        assert mira_debrief.insights == "She works with […] on grid data"
        assert [a.text for a in mira_debrief.actions] == ["Ask […] about the meetup"]
        assert [d.kind for d in ws.drafts()] == ["referral_outreach"]
        assert ws.drafts()[0].fields["referrer"] == "[…]"
        assert ws.plan().questions[0].text == "What did […] tell you about the team?"
        assert [t.contact for t in ws.targets()] == [""]
        ws.add_person("Someone New")  # the workspace keeps working
        with pytest.raises(iv.WorkspaceError, match="no person"):
            ws.person(lena)
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_forget_needs_one_person(tmp_path):
    with iv.Workspace(tmp_path / "ws.sqlite3") as ws:
        ws.add_person("Lena Kurz", organisation="Nordlicht")
        ws.add_person("Lena Kurz", organisation="Südwind")
        with pytest.raises(iv.WorkspaceError, match="2 people have this name"):
            ws.forget("Lena Kurz")
        with pytest.raises(iv.WorkspaceError, match="no person with this name"):
            ws.forget("Lena")
        assert len(ws.people()) == 2
