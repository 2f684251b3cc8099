"""Reminders: the 3B7 routine in business days, thank-you notes and keeping in touch."""

import pandas as pd
import pytest

import infoview as iv
from infoview.log.reminders import DUE_COLUMNS


def log(*rows):
    """Rows as dicts; contact, organisation and student get defaults."""
    frame = pd.DataFrame([{"student": "s01", "organisation": "Nordlicht", **row} for row in rows])
    return iv.read_log(frame)


def actions(frame, today, **kw):
    return list(zip(*[iv.due(frame, today=today, **kw)[c] for c in ("action", "outreach_id")]))


def test_3b7_counts_business_days_over_the_weekend():
    frame = log({"outreach_id": "a", "contact": "Lena Kurz", "sent_at": "2025-03-07 16:00"})  # a Friday
    assert actions(frame, "2025-03-11") == []  # Tuesday: only 2 business days
    assert actions(frame, "2025-03-12") == [("second_contact", "a")]  # Wednesday
    assert actions(frame, "2025-03-17") == [("second_contact", "a")]
    due = iv.due(frame, today="2025-03-18")  # 7 business days later
    assert due["action"].tolist() == ["second_contact", "follow_up"]
    assert due["due_since"].tolist() == [pd.Timestamp("2025-03-12"), pd.Timestamp("2025-03-18")]
    assert due["days_overdue"].tolist() == [6, 0]
    assert "Nordlicht" in due.loc[0, "what"] and "Lena Kurz" in due.loc[1, "what"]
    assert actions(frame, "2025-03-18", holidays=["2025-03-10"]) == [("second_contact", "a")]


def test_replies_follow_ups_and_second_contacts_settle_the_reminders():
    base = {"contact": "Lena Kurz", "sent_at": "2025-03-03"}
    replied = log({**base, "outreach_id": "a", "replied_at": "2025-03-20", "response": "declined"})
    assert actions(replied, "2025-03-31") == []
    followed = log({**base, "outreach_id": "a", "followed_up_at": "2025-03-12"})
    assert actions(followed, "2025-03-31") == []  # the follow-up closes the 3B7 routine
    second = log({**base, "outreach_id": "a"}, {"outreach_id": "b", "contact": "Jonas Dorn", "sent_at": "2025-03-06"})
    assert actions(second, "2025-03-12") == [("second_contact", "b"), ("follow_up", "a")]
    other_student = log({**base, "outreach_id": "a"},
                        {"outreach_id": "b", "student": "s02", "contact": "Jonas Dorn", "sent_at": "2025-03-06"})
    assert ("second_contact", "a") in actions(other_student, "2025-03-12")
    no_organisation = log({**base, "outreach_id": "a", "organisation": ""})
    what = iv.due(no_organisation, today="2025-03-06")["what"].tolist()
    assert len(what) == 1 and "same organisation" in what[0]


def test_thank_you_is_due_a_day_after_the_meeting():
    row = {"outreach_id": "a", "contact": "Lena Kurz", "sent_at": "2025-03-03", "replied_at": "2025-03-04",
           "response": "accepted", "meeting_at": "2025-03-10 14:00"}
    assert actions(log(row), "2025-03-10") == []
    due = iv.due(log(row), today="2025-03-12")
    assert due[["action", "days_overdue"]].values.tolist() == [["thank_you", 1]]
    assert due.loc[0, "due_since"] == pd.Timestamp("2025-03-11")
    assert actions(log({**row, "thank_you_at": "2025-03-10 19:00"}), "2025-03-12") == []


def test_keep_in_touch_after_eight_weeks_reset_by_any_interaction():
    met = {"outreach_id": "a", "contact": "Lena Kurz", "sent_at": "2025-01-06", "replied_at": "2025-01-07",
           "response": "accepted", "meeting_at": "2025-01-13", "thank_you_at": "2025-01-13 20:00"}
    assert actions(log(met), "2025-03-09") == []
    due = iv.due(log(met), today="2025-03-10")
    assert due[["action", "outreach_id"]].values.tolist() == [["keep_in_touch", "a"]]
    assert due.loc[0, "due_since"] == pd.Timestamp("2025-03-10")
    later = {"outreach_id": "b", "contact": "lena kurz", "sent_at": "2025-02-20", "replied_at": "2025-02-21",
             "response": "accepted"}
    assert actions(log(met, later), "2025-03-10") == []
    assert actions(log(met, later), "2025-04-18") == [("keep_in_touch", "b")]
    assert actions(log(met), "2025-02-10", keep_in_touch_weeks=4) == [("keep_in_touch", "a")]
    declined = {**met, "response": "declined", "meeting_at": None, "thank_you_at": None}
    assert actions(log(declined), "2025-06-01") == []


def test_output_shape_language_and_inputs(tmp_path):
    sample = iv.sample_log(students=5, weeks=6, seed=1)
    end = sample["sent_at"].max().normalize() + pd.Timedelta(days=1)
    english = iv.due(sample, today=end)
    german = iv.due(sample, today=end, language="de")
    assert list(english.columns) == DUE_COLUMNS and len(english) > 5
    assert english["due_since"].is_monotonic_increasing and (english["days_overdue"] >= 0).all()
    later = iv.due(sample, today=end + pd.Timedelta(weeks=8))
    assert set(later["action"]) == {"second_contact", "follow_up", "thank_you", "keep_in_touch"}
    assert english[["action", "outreach_id"]].equals(german[["action", "outreach_id"]])
    assert german["what"].str.contains("Sie").all() and not english["what"].str.contains(" Sie ").any()
    assert all(contact in what for contact, what in zip(english["contact"], english["what"]))
    with iv.OutreachLog(tmp_path / "log.sqlite3") as store:
        store.import_file(sample)
        pd.testing.assert_frame_equal(iv.due(store, today=end), english)
    pd.testing.assert_frame_equal(iv.due(sample.rename(columns={"contact": "Kontakt"}), today=end), english)
    empty = iv.due(sample.iloc[:0], today=end)
    assert list(empty.columns) == DUE_COLUMNS and empty.empty
    assert iv.due(sample, today="17.11.2025").equals(iv.due(sample, today=pd.Timestamp("2025-11-17")))


def test_bad_today_is_a_log_error():
    with pytest.raises(iv.LogError):
        iv.due(iv.sample_log(students=1, weeks=1), today="someday")
    with pytest.raises(ValueError):
        iv.due(iv.sample_log(students=1, weeks=1), language="fr")


def test_due_reads_the_log_as_it_stood_on_today():
    """A reply, a follow-up or an outreach dated after ``today`` has not happened yet on that day."""
    import pandas as pd

    from infoview import due

    log = pd.DataFrame({"outreach_id": ["a", "b"], "contact": ["Lena Kurz", "Tom Berg"],
                        "organisation": ["Nordlicht", "Westwind"], "sent_at": ["2025-03-03", "2025-03-20"],
                        "replied_at": ["2025-03-17", ""], "response": ["declined", ""]})
    early = due(log, today="2025-03-13")
    assert early[["action", "outreach_id"]].values.tolist() == [["second_contact", "a"], ["follow_up", "a"]]
    assert due(log, today="2025-03-18").empty


def test_second_contact_ends_with_the_follow_up():
    import pandas as pd

    from infoview import due

    log = pd.DataFrame({"outreach_id": ["a"], "contact": ["Lena Kurz"], "organisation": ["Nordlicht"],
                        "sent_at": ["2025-03-03"], "followed_up_at": ["2025-03-12"]})
    assert due(log, today="2025-03-11")["action"].tolist() == ["second_contact"]
    assert due(log, today="2025-03-14").empty
