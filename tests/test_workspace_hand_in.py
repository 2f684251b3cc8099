"""The hand-in: the pseudonymised log and the step milestones in one workbook, with no contact's
name, email address or profile in any cell, readable by the class report beside log-only hand-ins."""

import zipfile

import pandas as pd
import pytest

import infoview as iv
from infoview.classroom import read_submissions
from infoview.emails.draft import Draft
from infoview.workspace import MILESTONE_COLUMNS, read_milestones

TRACES = ("lena", "kurz", "l.kurz@", "nordlicht-lk", "lkurz", "jonas", "dorn", "+49 170")


def build(ws):
    ws.add_person("Dr. Lena Kurz", organisation="Nordlicht", email="l.kurz@nordlicht-lk.example",
                  profile_url="https://linkedin.com/in/lkurz-data")
    met = ws.log.add(student="s07", contact="Dr. Lena Kurz", organisation="Nordlicht", sent_at="2025-03-03",
                     role="works with Lena_Kurz", template="for L.Kurz", notes="call +49 170 1234567")
    ws.log.update(met, replied_at="2025-03-04", response="accepted", meeting_at="2025-03-10 14:00",
                  thank_you_at="2025-03-11 09:00")
    late = ws.log.add(student="s07", contact="Jonas Dorn", organisation="Südwind", sent_at="2025-03-04",
                      outreach_id="jonas-dorn-1")
    ws.log.update(late, replied_at="2025-03-05", response="accepted", meeting_at="2025-03-12",
                  thank_you_at="2025-03-16")
    ws.log.add(student="s07", contact="Kurz, Lena", organisation="Nordlicht", sent_at="2025-04-20")
    ws.log.add(student="s07", contact="Mira Olsen", sent_at="2025-06-01")  # after the hand-in day
    ws.add_target("Nordlicht", motivation=3, contact="Dr. Lena Kurz")
    ws.add_target("Südwind")
    good = Draft("outreach", "en")
    good.fill_example()
    ws.save_draft(good)
    bad = Draft("outreach", "en")
    bad.fill_example()
    bad.edit(body="Dear Ms Shah,\n\n" + "I would love a job, please send me one. " * 30 + "\n\nBest regards,\nSam")
    ws.save_draft(bad)
    ws.save_plan(iv.QuestionBank.builtin("en").plan(minutes=30, seed=1))
    ws.add_debrief("Lena Kurz", "2025-03-10", advice="Lena Kurz says: learn SQL",
                   actions=[("Take an SQL course", "2025-03-31"), ("Ask Jonas Dorn about grids", "2025-04-15")])
    ws.mark_done(ws.actions()[0].action_id, on="2025-03-30")


def test_the_hand_in_holds_the_log_and_milestones_and_no_contact(tmp_path):
    with iv.Workspace(tmp_path / "ws.sqlite3") as ws:
        build(ws)
        path = ws.hand_in(tmp_path / "out" / "s07.xlsx", today="2025-05-01")
    with zipfile.ZipFile(path) as archive:
        every_part = b"".join(archive.read(name) for name in archive.namelist()).lower()
    for trace in TRACES:
        assert trace.encode() not in every_part, trace
    log = iv.read_log(path)  # the first sheet is a log as today's pseudonymised export writes it
    assert len(log) == 4 and log["contact"].str.fullmatch(r"Contact [0-9a-f]{8}").all()
    assert log["contact"].iloc[0] == log["contact"].iloc[2]  # "Dr. Lena Kurz" and "Kurz, Lena": one person
    assert log["notes"].eq("").all() and log["student"].eq("s07").all()
    assert log["role"].iloc[0] == f"works with {log['contact'].iloc[0]}"
    milestones = read_milestones(path).set_index("milestone")
    assert list(read_milestones(path).columns) == MILESTONE_COLUMNS
    expected = {"targets_listed": (2, None), "outreach_drafted": (1, None), "plan_prepared": (1, None),
                "conversations_held": (2, None), "thank_you_in_a_day": (1, 2), "debrief_written": (1, None),
                "actions_done": (1, 2)}
    for name, (count, of) in expected.items():
        row = milestones.loc[name]
        assert row["count"] == count and (pd.isna(row["of"]) if of is None else row["of"] == of), name
        assert row["done"] and row["student"] == "s07"
    assert milestones.loc["conversations_held", "first_on"] == "2025-03-10"
    assert milestones.loc["actions_done", "first_on"] == "2025-03-30"
    assert milestones["step"].tolist() == [2, 3, 6, 9, 12, 14, 14]


def test_the_class_report_reads_new_and_old_hand_ins_together(tmp_path):
    folder = tmp_path / "hand_ins"
    with iv.Workspace(tmp_path / "ws.sqlite3") as ws:
        build(ws)
        ws.hand_in(folder / "s07.xlsx", today="2025-05-01")
    old = iv.sample_log(students=1, weeks=2, seed=3)
    old.drop(columns="student").to_csv(folder / "s08.csv", index=False)
    hand_ins = read_submissions(folder, progress=False)
    assert hand_ins.students[["student", "status"]].values.tolist() == [["s07", "read"], ["s08", "read"]]
    assert len(hand_ins.frame) == 4 + len(old)
    assert read_milestones(folder / "s08.csv").empty


def test_refusals(tmp_path):
    with iv.Workspace(tmp_path / "ws.sqlite3") as ws:
        with pytest.raises(iv.WorkspaceError, match=r"\.xlsx"):
            ws.hand_in(tmp_path / "s07.csv")
        ws.log.add(contact="Lena Kurz", sent_at="2025-03-03", template="ask lkurz42 first")
        ws.update_person("Lena Kurz", profile_url="https://www.xing.com/profile/lkurz42")
        ws.hand_in(tmp_path / "ok.xlsx")  # the profile slug in the template is pseudonymised
        with zipfile.ZipFile(tmp_path / "ok.xlsx") as archive:
            assert b"lkurz42" not in b"".join(archive.read(n) for n in archive.namelist()).lower()
    assert not (tmp_path / "s07.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith("xlsx")) == ["ok.xlsx"]


def test_a_name_that_slips_through_stops_the_hand_in(tmp_path, monkeypatch):
    from infoview.workspace import hand_in

    with iv.Workspace(tmp_path / "ws.sqlite3") as ws:
        ws.log.add(contact="Lena Kurz", sent_at="2025-03-03", role="friend of Lena Kurz")
        monkeypatch.setattr(hand_in, "_prepared", lambda db, frame, salt: (frame, "Lena Kurz"))
        with pytest.raises(iv.WorkspaceError, match="still in the hand-in"):
            ws.hand_in(tmp_path / "s07.xlsx")
    assert [p.name for p in tmp_path.iterdir() if "xlsx" in p.name] == []
