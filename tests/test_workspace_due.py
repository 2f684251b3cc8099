"""What is due in a workspace: the log's reminders, keep-in-touch per person, debrief actions, referrals."""

import pandas as pd
import pytest

import infoview as iv
from infoview.workspace.due import COLUMNS


@pytest.fixture
def ws(tmp_path):
    with iv.Workspace(tmp_path / "ws.sqlite3") as opened:
        lena = opened.log.add(contact="Lena Kurz", organisation="Nordlicht", sent_at="2025-03-03")
        opened.log.update(lena, replied_at="2025-03-04", response="accepted", meeting_at="2025-03-10 14:00",
                          thank_you_at="2025-03-10 18:00")
        jonas = opened.log.add(contact="Jonas Dorn", organisation="Südwind", sent_at="2025-03-01")
        opened.log.update(jonas, replied_at="2025-03-02", response="accepted", meeting_at="2025-03-05")
        opened.log.add(contact="Mira Olsen", organisation="GreenGrid", sent_at="2025-03-03")
        opened.update_person("Lena Kurz", keep_in_touch_weeks=4)
        yield opened


def rows(frame, action):
    return frame[frame["action"] == action]


def test_the_log_reminders_are_kept_and_keep_in_touch_is_per_person(ws):
    due = ws.due(today="2025-04-08")
    assert list(due.columns) == COLUMNS
    log_only = iv.due(ws.log, today="2025-04-08")
    for action in ("second_contact", "follow_up", "thank_you"):
        assert rows(due, action)["outreach_id"].tolist() == rows(log_only, action)["outreach_id"].tolist()
    assert rows(due, "thank_you")["contact"].tolist() == ["Jonas Dorn"]
    keep = rows(due, "keep_in_touch")
    assert keep["contact"].tolist() == ["Lena Kurz"]  # 4 weeks for her; Jonas has 8
    assert keep["due_since"].iloc[0] == pd.Timestamp("2025-04-07") and keep["days_overdue"].iloc[0] == 1
    assert keep["person_id"].iloc[0] == ws.person("Lena Kurz").person_id
    assert rows(ws.due(today="2025-04-30"), "keep_in_touch")["contact"].tolist() == ["Lena Kurz", "Jonas Dorn"]


def test_any_contact_resets_keep_in_touch_and_a_snooze_postpones_it(ws):
    ws.log.add(contact="Lena Kurz", organisation="Nordlicht", sent_at="2025-04-10")
    assert rows(ws.due(today="2025-04-12"), "keep_in_touch").empty
    again = rows(ws.due(today="2025-05-08"), "keep_in_touch").set_index("contact")
    assert again.loc["Lena Kurz", "due_since"] == pd.Timestamp("2025-05-08")  # four weeks after the new email
    ws.snooze("Jonas Dorn", "2025-05-15")
    assert "Jonas Dorn" not in rows(ws.due(today="2025-05-14"), "keep_in_touch")["contact"].tolist()
    later = rows(ws.due(today="2025-05-16"), "keep_in_touch").set_index("contact")
    assert later.loc["Jonas Dorn", "due_since"] == pd.Timestamp("2025-05-15")
    ws.snooze("Jonas Dorn", None)
    assert "Jonas Dorn" in rows(ws.due(today="2025-05-01"), "keep_in_touch")["contact"].tolist()


def test_debrief_actions_and_referrals_until_they_are_done(ws):
    ws.add_debrief("Lena Kurz", "2025-03-10", advice="Talk to Tom", named=["Tom Baker"],
                   actions=[("Read the BDEW report", "2025-03-17")])
    assert rows(ws.due(today="2025-03-11"), "contact_referral").empty
    due = ws.due(today="2025-03-20")
    referral = rows(due, "contact_referral")
    assert referral["contact"].tolist() == ["Tom Baker"] and referral["due_since"].iloc[0] == pd.Timestamp("2025-03-12")
    assert "Lena Kurz suggested" in referral["what"].iloc[0]
    action = rows(due, "debrief_action")
    assert action["what"].iloc[0].endswith("Read the BDEW report") and action["contact"].iloc[0] == "Lena Kurz"
    german = ws.due(today="2025-03-20", language="de")
    assert "solange die Empfehlung von Lena Kurz frisch ist" in rows(german, "contact_referral")["what"].iloc[0]
    assert rows(german, "debrief_action")["what"].iloc[0].startswith("Das haben Sie sich nach dem Gespräch mit Lena")
    ws.log.add(contact="Tom Baker", sent_at="2025-03-21", source="referral")
    ws.mark_done(int(action["action_id"].iloc[0]), on="2025-03-21")
    later = ws.due(today="2025-03-22")
    assert rows(later, "contact_referral").empty and rows(later, "debrief_action").empty
    assert (later["due_since"].diff().dropna() >= pd.Timedelta(0)).all()  # most overdue first


def test_bad_input(ws):
    with pytest.raises(iv.InfoviewError):
        ws.due(today="someday")
    with pytest.raises(ValueError):
        ws.due(today="2025-03-20", language="fr")
