"""infoview.analysis on hand-built logs with exact expected numbers, and against statsmodels."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from statsmodels.duration.survfunc import SurvfuncRight
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

import infoview as iv
from infoview import analysis
from infoview.analysis.codes import factorize
from infoview.errors import LogError
from infoview.log.read import CHANNELS, LOG_COLUMNS, RESPONSES, SOURCES

DAY = pd.Timedelta(days=1)

# student, source, channel, template, sent_at, replied_at, response, meeting_at, thank_you_at, referrals
ROWS = [
    ("ann", "alumni", "email", "A", "2024-03-04 09:00", "2024-03-05 09:00", "accepted", "2024-03-12 10:00",
     "2024-03-12 18:00", 2),
    ("ann", "alumni", "email", "A", "2024-03-05 10:00", "2024-03-08 10:00", "declined", None, None, 0),
    ("ann", "cold", "linkedin", "B", "2024-03-06 12:00", None, None, None, None, 0),
    ("bob", "alumni", "email", "B", "2024-03-11 09:00", "2024-03-21 09:00", "accepted", "2024-03-25 09:00", None, 0),
    ("bob", "cold", "email", "A", "2024-03-12 09:00", None, None, None, None, 0),
    ("bob", "event", "phone", "A", "2024-03-17 20:00", "2024-03-18 08:00", "accepted", "2024-03-20 12:00",
     "2024-03-21 08:00", 1),
    ("cem", "cold", "linkedin", "B", "2024-03-25 09:00", None, None, None, None, 0),
    ("cem", "alumni", "email", "A", "2024-03-27 09:00", "2024-03-29 09:00", "accepted", "2024-04-02 09:00",
     "2024-04-02 17:00", None),
    ("cem", "event", "email", "B", "2024-04-01 09:00", None, None, None, None, 0),
]
AS_OF = pd.Timestamp("2024-04-02 17:00")  # the latest timestamp in ROWS


def make_log(rows=ROWS):
    """A log with exactly read_log's columns and dtypes."""
    names = ["student", "source", "channel", "template", "sent_at", "replied_at", "response", "meeting_at",
             "thank_you_at", "referrals"]
    data = {name: [row[i] for row in rows] for i, name in enumerate(names)}
    n = len(rows)
    stamps = lambda values: pd.to_datetime(pd.Series(values, dtype=object), format="ISO8601").astype("datetime64[ns]")
    frame = pd.DataFrame({
        "outreach_id": [f"o{i}" for i in range(n)],
        "student": pd.Series(data["student"], dtype=object),
        "contact": [f"Contact {i}" for i in range(n)],
        "organisation": ["Org"] * n,
        "role": ["Role"] * n,
        "source": pd.Categorical(data["source"], categories=SOURCES),
        "channel": pd.Categorical(data["channel"], categories=CHANNELS),
        "template": pd.Series(data["template"], dtype=object),
        "sent_at": stamps(data["sent_at"]),
        "followed_up_at": stamps([None] * n),
        "replied_at": stamps(data["replied_at"]),
        "response": pd.Categorical(data["response"], categories=RESPONSES),
        "meeting_at": stamps(data["meeting_at"]),
        "thank_you_at": stamps(data["thank_you_at"]),
        "referrals": pd.array(data["referrals"], dtype="Int64"),
        "notes": [""] * n,
    })
    assert list(frame.columns) == LOG_COLUMNS
    return frame


@pytest.fixture
def log():
    return make_log()


def wilson(count, nobs):
    low, high = proportion_confint(count, nobs, alpha=0.05, method="wilson")
    return max(low, 0.0), min(high, 1.0)


# --- reply and acceptance rates ------------------------------------------------------------


def test_overall_reply_rate_is_one_row_with_wilson_interval(log):
    out = analysis.reply_rates(log, within=None)
    assert list(out.columns) == ["sent", "replied", "reply_rate", "ci_low", "ci_high"]
    assert out[["sent", "replied"]].iloc[0].tolist() == [9, 5]
    assert out["reply_rate"].iloc[0] == pytest.approx(5 / 9)
    assert (out["ci_low"].iloc[0], out["ci_high"].iloc[0]) == pytest.approx(wilson(5, 9))


def test_rates_by_source_list_only_observed_categories_in_category_order(log):
    out = analysis.reply_rates(log, by="source", within=None)
    assert list(out.columns) == ["source", "sent", "replied", "reply_rate", "ci_low", "ci_high"]
    assert out["source"].tolist() == ["alumni", "event", "cold"]
    assert isinstance(out["source"].dtype, pd.CategoricalDtype)
    assert out["sent"].tolist() == [4, 2, 3]
    assert out["replied"].tolist() == [4, 1, 0]
    assert out["reply_rate"].tolist() == [1.0, 0.5, 0.0]
    # A group with no replies: rate 0 and a Wilson interval from 0.
    assert out["ci_low"].iloc[2] == 0.0
    assert out["ci_high"].iloc[2] == pytest.approx(wilson(0, 3)[1])
    assert out["ci_high"].iloc[0] == 1.0


def test_weekly_periods_start_on_monday_and_skip_weeks_without_sends(log):
    out = analysis.reply_rates(log, freq="W", within=None)
    assert list(out.columns) == ["period", "sent", "replied", "reply_rate", "ci_low", "ci_high", "partial"]
    # as_of is Monday 1 April 09:00 (the latest send): only that week is still running.
    assert out["partial"].tolist() == [False, False, False, True]
    assert out["period"].tolist() == [pd.Timestamp(d) for d in ("2024-03-04", "2024-03-11", "2024-03-25",
                                                                 "2024-04-01")]
    assert all(p.day_of_week == 0 for p in out["period"])
    # The Sunday 2024-03-17 20:00 belongs to the week of Monday 2024-03-11.
    assert out["sent"].tolist() == [3, 3, 2, 1]
    assert out["replied"].tolist() == [2, 2, 1, 0]


def test_monthly_periods_start_on_the_first(log):
    out = analysis.reply_rates(log, freq="M", within=None)
    assert out["period"].tolist() == [pd.Timestamp("2024-03-01"), pd.Timestamp("2024-04-01")]
    assert out["sent"].tolist() == [8, 1]
    assert out["replied"].tolist() == [5, 0]
    assert analysis.reply_rates(log, freq="MS", within=None)["sent"].tolist() == [8, 1]


def test_period_and_by_columns_come_in_order(log):
    out = analysis.reply_rates(log, by=["student", "channel"], freq="W", within=None)
    assert list(out.columns[:3]) == ["period", "student", "channel"]
    first = out.iloc[0]
    assert (first["period"], first["student"], first["channel"], first["sent"]) == \
        (pd.Timestamp("2024-03-04"), "ann", "email", 2)
    assert out["sent"].sum() == 9


def test_within_censors_recent_outreach_and_late_replies(log):
    out = analysis.reply_rates(log, within=7)
    # Kept: sent by as_of - 7 days (2024-03-26 17:00), rows 1-7. Counted: replies within 7 days
    # (1, 3 and 0.5 days); the reply after 10 days does not count.
    assert out[["sent", "replied"]].iloc[0].tolist() == [7, 3]
    weekly = analysis.reply_rates(log, freq="W", within=7)
    assert weekly["period"].tolist() == [pd.Timestamp(d) for d in ("2024-03-04", "2024-03-11", "2024-03-25")]
    assert weekly["sent"].tolist() == [3, 3, 1]
    assert weekly["replied"].tolist() == [2, 1, 0]


def test_within_boundaries_are_inclusive():
    rows = [("ann", "alumni", "email", "A", "2024-03-01 09:00", "2024-03-08 09:00", "accepted", None, None, 0),
            ("ann", "alumni", "email", "A", "2024-03-01 09:00", "2024-03-08 09:00:01", "declined", None, None, 0),
            ("ann", "alumni", "email", "A", "2024-03-03 09:00", None, None, None, None, 0),
            ("ann", "alumni", "email", "A", "2024-03-10 09:00", None, None, None, None, 0)]
    frame = make_log(rows)
    # as_of = 2024-03-10 09:00; kept: sent <= 2024-03-03 09:00 (exactly 7 days before counts).
    out = analysis.reply_rates(frame, within=7).iloc[0]
    assert (out["sent"], out["replied"]) == (3, 1)
    # A little more than 7 days: the third row is too recent now, and 7 days and 1 second is within.
    assert analysis.reply_rates(frame, within=7.1).iloc[0][["sent", "replied"]].tolist() == [2, 2]


def test_as_of_ignores_later_sends_and_replies(log):
    out = analysis.reply_rates(log, as_of="2024-03-15", within=None)
    assert out[["sent", "replied"]].iloc[0].tolist() == [5, 2]
    out = analysis.reply_rates(log, as_of=pd.Timestamp("2024-03-15"), within=3)
    # Sent by 2024-03-12 00:00: rows 1-4; replies within 3 days: 1 day and exactly 3 days, not 10.
    assert out[["sent", "replied"]].iloc[0].tolist() == [4, 2]


def test_as_of_defaults_to_the_latest_send_or_reply_not_in_the_future(log):
    latest_send = pd.Timestamp("2024-04-01 09:00")
    assert analysis.reply_rates(log).equals(analysis.reply_rates(log, within=7, as_of=latest_send))
    # A later thank-you note or a meeting planned for next month does not move as_of.
    later = log.copy()
    later.loc[0, "thank_you_at"] = pd.Timestamp("2024-04-09 09:00")
    later.loc[1, "meeting_at"] = pd.Timestamp("2024-05-09 09:00")
    assert analysis.reply_rates(later).equals(analysis.reply_rates(log))
    # A later reply does; one dated in the future does not, and as_of is never after now.
    later.loc[2, ["replied_at", "response"]] = [pd.Timestamp("2024-04-03 09:00"), "declined"]
    assert analysis.reply_rates(later, within=7).iloc[0]["sent"] == 8
    future = log.copy()
    future.loc[2, "replied_at"] = pd.Timestamp.now() + pd.Timedelta(days=30)
    assert analysis.reply_rates(future).equals(analysis.reply_rates(log))


def test_a_planned_meeting_does_not_make_yesterdays_email_unanswered():
    now = pd.Timestamp.now().floor("s")
    yesterday = now - DAY
    rows = [("ann", "alumni", "email", "A", str(now - 30 * DAY), str(now - 29 * DAY), "accepted",
             str(now + 30 * DAY), None, 0),
            ("ann", "cold", "email", "A", str(yesterday), None, None, None, None, 0)]
    frame = make_log(rows)
    out = analysis.reply_rates(frame).iloc[0]
    assert (out["sent"], out["replied"]) == (1, 1)  # yesterday's email waits for its 7 days
    assert analysis.compare(frame, "source", "alumni", "cold").as_of == yesterday
    assert analysis.funnel(frame).iloc[0]["met"] == 0  # the meeting is still to come


def test_acceptance_rates_count_accepted_among_all_sent(log):
    out = analysis.acceptance_rates(log, by="channel", within=None)
    assert list(out.columns) == ["channel", "sent", "accepted", "acceptance_rate", "ci_low", "ci_high"]
    assert out["channel"].tolist() == ["email", "linkedin", "phone"]
    assert out["sent"].tolist() == [6, 2, 1]
    assert out["accepted"].tolist() == [3, 0, 1]
    assert analysis.acceptance_rates(log, within=None).iloc[0][["sent", "accepted"]].tolist() == [9, 4]
    assert analysis.acceptance_rates(log, within=7).iloc[0][["sent", "accepted"]].tolist() == [7, 2]


def test_empty_log_gives_one_zero_row_without_by_and_no_rows_with_by(log):
    empty = log.iloc[:0]
    out = analysis.reply_rates(empty, within=None)
    assert out[["sent", "replied"]].iloc[0].tolist() == [0, 0]
    assert out[["reply_rate", "ci_low", "ci_high"]].iloc[0].isna().all()
    by = analysis.reply_rates(empty, by="source", freq="W", within=None)
    assert list(by.columns) == ["period", "source", "sent", "replied", "reply_rate", "ci_low", "ci_high", "partial"]
    assert by.empty
    # Censoring can empty a log too: nothing was sent 30 days before the last timestamp.
    assert analysis.reply_rates(log, by="source", within=30).empty
    assert analysis.reply_rates(log, within=30).iloc[0]["sent"] == 0


def test_single_row(log):
    one = log.iloc[[5]]
    out = analysis.reply_rates(one, by="channel", within=None)
    assert out[["sent", "replied", "reply_rate"]].iloc[0].tolist() == [1, 1, 1.0]
    assert out["ci_low"].iloc[0] == pytest.approx(wilson(1, 1)[0])
    assert analysis.funnel(one, as_of=AS_OF).iloc[0].tolist() == [1, 1, 1, 1, 1, 1]
    assert analysis.funnel(one).iloc[0].tolist() == [1, 1, 1, 0, 0, 1]  # as of the reply: no meeting yet
    ttr = analysis.time_to_reply(one)
    assert ttr.iloc[0].tolist() == [1, 1, 0.5, 0.5]


def test_missing_values_in_by_form_their_own_group_last(log):
    log = log.copy()
    log["template"] = log["template"].astype(object)
    log.loc[[0, 8], "template"] = None
    out = analysis.reply_rates(log, by="template", within=None)
    assert out["template"].iloc[:2].tolist() == ["A", "B"]
    assert pd.isna(out["template"].iloc[2])
    assert out["sent"].tolist() == [4, 3, 2]
    log["channel"] = log["channel"].cat.set_categories(CHANNELS)
    log.loc[2, "channel"] = np.nan
    out = analysis.reply_rates(log, by="channel", within=None)
    assert out["channel"].iloc[:-1].tolist() == ["email", "linkedin", "phone"]
    assert pd.isna(out["channel"].iloc[-1]) and out["sent"].iloc[-1] == 1


def test_confidence_changes_the_interval(log):
    narrow = analysis.reply_rates(log, confidence=0.8, within=None).iloc[0]
    low, high = proportion_confint(5, 9, alpha=0.2, method="wilson")
    assert (narrow["ci_low"], narrow["ci_high"]) == pytest.approx((low, high))
    with pytest.raises(ValueError, match="confidence"):
        analysis.reply_rates(log, confidence=95, within=None)


def test_wilson_intervals_match_statsmodels_on_many_groups():
    rng = np.random.default_rng(3)
    n = 5_000
    frame = pd.DataFrame({
        "sent_at": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 200 * 86400, n), unit="s"),
        "group": rng.integers(0, 300, n),
    })
    frame["replied_at"] = frame["sent_at"].where(rng.random(n) < rng.random(300)[frame["group"]]) + DAY
    out = analysis.reply_rates(frame, by="group", within=None)
    low, high = proportion_confint(out["replied"], out["sent"], alpha=0.05, method="wilson")
    np.testing.assert_allclose(out["ci_low"], np.clip(low, 0, 1), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(out["ci_high"], np.clip(high, 0, 1), rtol=1e-12, atol=1e-15)
    assert out["sent"].sum() == n


def test_bad_arguments_say_what_is_wrong(log):
    with pytest.raises(LogError) as error:
        analysis.reply_rates(log.drop(columns="replied_at"), within=None)
    assert error.value.problems[0].column == "replied_at"
    with pytest.raises(LogError):
        analysis.reply_rates(log, by="school", within=None)
    with pytest.raises(ValueError, match="freq"):
        analysis.reply_rates(log, freq="fortnight", within=None)
    with pytest.raises(ValueError, match="within"):
        analysis.reply_rates(log, within=-1)
    with pytest.raises(TypeError, match="within"):
        analysis.reply_rates(log, within="7")


def test_timestamps_in_other_units_and_time_zones_give_the_same_result(log):
    other = log.copy()
    for column in ("sent_at", "replied_at"):
        other[column] = other[column].astype("datetime64[us]")
    assert analysis.reply_rates(other, freq="W", within=7).equals(analysis.reply_rates(log, freq="W", within=7))
    zoned = log.copy()
    for column in ("sent_at", "followed_up_at", "replied_at", "meeting_at", "thank_you_at"):
        zoned[column] = zoned[column].dt.tz_localize("Europe/Zurich")
    assert analysis.reply_rates(zoned, freq="W", within=7).equals(analysis.reply_rates(log, freq="W", within=7))


def test_a_log_read_with_read_log_gives_the_same_numbers(log):
    read = iv.read_log(log)
    for by in ("source", "student", ["channel", "template"]):
        assert analysis.reply_rates(read, by=by, freq="W", within=None).equals(analysis.reply_rates(log, by=by, freq="W", within=None))
        assert analysis.funnel(read, by=by).equals(analysis.funnel(log, by=by))


# --- funnel and activity -------------------------------------------------------------------


def test_funnel_overall_and_per_student(log):
    out = analysis.funnel(log, as_of=AS_OF)
    assert list(out.columns) == ["sent", "replied", "accepted", "met", "thanked", "referrals"]
    assert out.iloc[0].tolist() == [9, 5, 4, 4, 3, 3]
    # By default as of the latest send (1 April, 09:00): cem's meeting on 2 April has not happened yet.
    assert analysis.funnel(log).iloc[0].tolist() == [9, 5, 4, 3, 2, 3]
    assert analysis.funnel(log, as_of="2024-03-15").iloc[0].tolist() == [5, 2, 1, 1, 1, 2]
    per = analysis.funnel(log, by="student", as_of=AS_OF)
    assert list(per.columns) == ["student", "sent", "replied", "accepted", "met", "thanked", "referrals"]
    assert per.set_index("student").loc["ann"].tolist() == [3, 2, 1, 1, 1, 2]
    assert per.set_index("student").loc["bob"].tolist() == [3, 2, 2, 2, 1, 1]
    assert per.set_index("student").loc["cem"].tolist() == [3, 1, 1, 1, 1, 0]
    assert analysis.funnel(log.iloc[:0]).iloc[0].tolist() == [0] * 6


def test_activity_fills_quiet_weeks_with_zero_and_checks_the_goal(log):
    out = analysis.activity(log, goal=2)
    assert list(out.columns) == ["period", "sent", "goal", "goal_met", "shortfall", "partial"]
    assert out["partial"].tolist() == [False, False, False, False, True]  # the week of 1 April is running
    assert out["period"].tolist() == list(pd.date_range("2024-03-04", "2024-04-01", freq="W-MON"))
    assert out["sent"].tolist() == [3, 3, 0, 2, 1]
    assert out["goal_met"].tolist() == [True, True, False, True, False]
    assert out["shortfall"].tolist() == [0, 0, 2, 0, 1]
    assert list(analysis.activity(log).columns) == ["period", "sent", "partial"]


def test_activity_per_student_covers_every_week_of_the_log(log):
    out = analysis.activity(log, by="student")
    assert list(out.columns) == ["period", "student", "sent", "partial"]
    table = out.pivot(index="period", columns="student", values="sent")
    assert table["ann"].tolist() == [3, 0, 0, 0, 0]
    assert table["bob"].tolist() == [0, 3, 0, 0, 0]
    assert table["cem"].tolist() == [0, 0, 0, 2, 1]
    monthly = analysis.activity(log, freq="M", by="student")
    assert monthly["sent"].tolist() == [3, 3, 2, 0, 0, 1]
    assert analysis.activity(log.iloc[:0], by="student").empty


# --- time to reply -------------------------------------------------------------------------


def test_time_to_reply_kaplan_meier_by_channel(log):
    out = analysis.time_to_reply(log, by="channel", as_of=AS_OF)
    assert list(out.columns) == ["channel", "sent", "replied", "median_days", "p90_days"]
    assert out["channel"].tolist() == ["email", "linkedin", "phone"]
    assert out["sent"].tolist() == [6, 2, 1]
    assert out["replied"].tolist() == [4, 0, 1]
    # email: replies after 1, 2, 3 and 10 days, censored at 1 1/3 and 21 1/3 days:
    # waiting 5/6, then 5/6 * 3/4 = 0.625, then 0.625 * 2/3 = 0.4167 at day 3 -> the median.
    assert out["median_days"].tolist()[0] == pytest.approx(3.0)
    assert np.isnan(out["p90_days"].iloc[0])
    # linkedin: no replies at all; phone: a single row, replied after 12 hours.
    assert out.iloc[1][["median_days", "p90_days"]].isna().all()
    assert out.iloc[2][["median_days", "p90_days"]].tolist() == [0.5, 0.5]
    overall = analysis.time_to_reply(log, as_of=AS_OF).iloc[0]
    assert overall[["sent", "replied", "median_days"]].tolist() == [9, 5, 10.0]


def test_time_to_reply_censors_at_as_of(log):
    early = analysis.time_to_reply(log, as_of="2024-03-09").iloc[0]
    # Sent by then: rows 1-3; replies after 1 and 3 days; row 3 waits 2.875 days -> at day 3 the
    # share waiting is 2/3 * 1/2 = 1/3.
    assert early[["sent", "replied", "median_days"]].tolist() == [3, 2, 3.0]


def test_quantile_at_exactly_one_half_counts_despite_rounding():
    rows = [("ann", "alumni", "email", "A", "2024-03-01 00:00", f"2024-03-{1 + d:02d} 00:00", "accepted", None,
             None, 0) for d in range(1, 11)]
    out = analysis.time_to_reply(make_log(rows)).iloc[0]
    # 10 replies after 1..10 days: after the 5th the share waiting is (9/10)(8/9)...(5/6) = 0.5.
    assert out["median_days"] == 5.0
    assert out["p90_days"] == 9.0
    two = make_log([rows[0], ("ann", "alumni", "email", "A", "2024-03-01 00:00", None, None, None, None, 0),
                    ("ann", "alumni", "email", "A", "2024-03-09 00:00", None, None, None, None, 0)])
    # Share waiting 1/2 after the first reply (the third row is censored at day 0).
    assert analysis.time_to_reply(two).iloc[0]["median_days"] == 1.0


def test_reply_curve_steps(log):
    curve = analysis.reply_curve(log, by="channel", as_of=AS_OF)
    assert list(curve.columns) == ["channel", "days", "at_risk", "replies", "share_waiting", "share_replied"]
    email = curve[curve["channel"] == "email"]
    assert email["days"].tolist() == pytest.approx([0, 1, 2, 3, 10, 21 + 1 / 3])
    assert email["at_risk"].tolist() == [6, 6, 4, 3, 2, 1]
    assert email["replies"].tolist() == [0, 1, 1, 1, 1, 0]
    assert email["share_waiting"].tolist() == pytest.approx([1, 5 / 6, 0.625, 0.625 * 2 / 3, 0.625 / 3, 0.625 / 3])
    np.testing.assert_allclose(email["share_replied"], 1 - email["share_waiting"])
    linkedin = curve[curve["channel"] == "linkedin"]
    assert linkedin["days"].tolist() == pytest.approx([0, 27 + 5 / 24])
    assert linkedin["share_waiting"].tolist() == [1.0, 1.0]
    phone = curve[curve["channel"] == "phone"]
    assert phone["days"].tolist() == [0, 0.5]
    assert phone["share_waiting"].tolist() == [1.0, 0.0]
    assert analysis.reply_curve(log.iloc[:0]).empty


def _random_log(n, groups, seed, unit="s"):
    rng = np.random.default_rng(seed)
    sent = (pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 90 * 86400, n), unit="s")).round(unit)
    delay = pd.to_timedelta(rng.exponential(2.0, n) * 86400, unit="s").round(unit)
    group = rng.integers(0, groups, n)
    replied = (sent + delay).where(rng.random(n) < 0.3 + 0.6 * group / groups)
    return pd.DataFrame({"sent_at": sent, "replied_at": replied, "group": group})


@pytest.mark.parametrize("seed, unit", [(1, "s"), (2, "s"), (3, "h"), (4, "min")])
def test_kaplan_meier_matches_statsmodels_on_several_groups(seed, unit):
    # Times to the hour (and here to the minute) span few (group, time) pairs: counted, not sorted.
    frame = _random_log(3_000 if unit == "s" else 40_000, 6, seed, unit)
    as_of = frame[["sent_at", "replied_at"]].max().max()
    out = analysis.time_to_reply(frame, by="group").set_index("group")
    curve = analysis.reply_curve(frame, by="group")
    for group, part in frame.groupby("group"):
        event = part["replied_at"].notna().to_numpy()
        end = part["replied_at"].where(event, as_of)
        days = ((end - part["sent_at"]) / DAY).to_numpy()
        fit = SurvfuncRight(days, event.astype(int))
        ours = curve[(curve["group"] == group) & (curve["replies"] > 0)]
        np.testing.assert_allclose(ours["days"], fit.surv_times, rtol=1e-12)
        np.testing.assert_allclose(ours["share_waiting"], fit.surv_prob, rtol=1e-9)
        np.testing.assert_array_equal(ours["at_risk"], fit.n_risk)
        # statsmodels takes the first time strictly below 1 - p; with continuous times the curve
        # never lands exactly on 0.5 or 0.1, so both definitions agree.
        for column, p in (("median_days", 0.5), ("p90_days", 0.9)):
            expected = fit.quantile(p)
            got = out.loc[group, column]
            assert (np.isnan(got) and np.isnan(expected)) or got == pytest.approx(expected, rel=1e-12)


def test_kaplan_meier_sort_paths_agree():
    # Group, time and reply flag are packed into one int64 when they fit (3 groups and times of
    # up to ~100 days: 2 + 53 + 1 bits), else rows are sorted with lexsort (4 500 groups: 13 bits).
    frame = _random_log(4_000, 3, 5)
    frame["student"] = np.arange(len(frame)) % 1500
    longest = (frame[["sent_at", "replied_at"]].max().max() - frame["sent_at"].min()).value
    assert longest.bit_length() + 2 + 1 <= 63 < longest.bit_length() + 13 + 1
    wide = analysis.time_to_reply(frame, by=["student", "group"])
    curve = analysis.reply_curve(frame, by=["student", "group"])
    assert wide["sent"].sum() == len(frame)
    for student in (0, 7, 1499):
        alone = frame[frame["student"] == student]
        as_of = frame[["sent_at", "replied_at"]].max().max()
        pd.testing.assert_frame_equal(
            wide[wide["student"] == student].drop(columns="student").reset_index(drop=True),
            analysis.time_to_reply(alone, by="group", as_of=as_of))
        pd.testing.assert_frame_equal(
            curve[curve["student"] == student].drop(columns="student").reset_index(drop=True),
            analysis.reply_curve(alone, by="group", as_of=as_of))


# --- compare -------------------------------------------------------------------------------


def _two_groups(a, b):
    """A log with sources alumni (a = (replied, sent)) and cold (b), all sent on one day."""
    rows = []
    for source, (replied, sent) in (("alumni", a), ("cold", b)):
        for i in range(sent):
            rows.append(("ann", source, "email", "A", "2024-03-04 09:00",
                         "2024-03-05 09:00" if i < replied else None, "accepted" if i < replied else None,
                         None, None, 0))
    return make_log(rows)


LATER = "2024-04-01"  # as_of for _two_groups: every message has had its 7 days


def test_compare_names_a_winner_only_with_a_clear_gap():
    result = analysis.compare(_two_groups((60, 100), (20, 100)), "source", "alumni", "cold", as_of=LATER)
    assert (result.sent_a, result.replied_a, result.sent_b, result.replied_b) == (100, 60, 100, 20)
    assert result.difference == pytest.approx(0.4)
    assert result.method == "score" and result.information == pytest.approx(100 / 150)
    assert 0 < result.alpha_look < 0.05  # a look two thirds into the plan must beat a stricter bar
    low, high = confint_proportions_2indep(60, 100, 20, 100, method="newcomb", compare="diff",
                                           alpha=result.alpha_look)
    assert (result.ci_low, result.ci_high) == pytest.approx((low, high))
    assert result.p_value < 0.001
    assert result.winner == "alumni"
    assert "Alumni does better" in result.verdict("en")
    assert "Alumni schneidet besser ab" in result.verdict("de")
    assert "p < 0,001" in result.verdict("de")
    swapped = analysis.compare(_two_groups((60, 100), (20, 100)), "source", "cold", "alumni", as_of=LATER)
    assert swapped.winner == "alumni" and swapped.difference == pytest.approx(-0.4)
    assert "+40.0 percentage points" not in swapped.verdict() and "40.0 percentage points" in swapped.verdict()


def test_compare_refuses_a_winner_when_the_interval_includes_zero():
    result = analysis.compare(_two_groups((50, 100), (45, 100)), "source", "alumni", "cold", as_of=LATER)
    assert result.ci_low < 0 < result.ci_high
    assert result.winner is None
    assert result.verdict().startswith("Alumni: 50% replied (50 of 100).")
    assert "No clear winner yet" in result.verdict()
    assert "Noch kein klarer Unterschied" in result.verdict("de")
    # The verdict says how large a gap these numbers could have shown, and what it counted.
    assert 0.15 < result.detectable < 0.35
    assert f"about {round(100 * result.detectable)} points" in result.verdict()
    assert "within 7 days of sending" in result.verdict() and "1 Apr 2024" in result.verdict()


def test_compare_uses_an_exact_test_on_small_groups():
    result = analysis.compare(_two_groups((29, 29), (0, 40)), "source", "alumni", "cold", as_of=LATER)
    assert not result.enough_data and result.method == "exact"
    from scipy.stats import fisher_exact
    assert result.p_value == pytest.approx(fisher_exact([[29, 0], [0, 40]]).pvalue)
    assert result.winner == "alumni"
    close = analysis.compare(_two_groups((3, 5), (1, 5)), "source", "alumni", "cold", as_of=LATER)
    assert close.winner is None and "Too early to tell" in str(close)
    assert "noch zu früh" in close.verdict("de")


def test_compare_handles_empty_groups_and_bad_values(log):
    result = analysis.compare(log, "source", "alumni", "referral")
    assert result.sent_b == 0 and np.isnan(result.rate_b) and result.winner is None
    assert "Nothing to compare yet" in result.verdict() and "Referral" in result.verdict()
    assert analysis.compare(log, "student", "ann", "bob").to_series()["sent_a"] == 3
    with pytest.raises(ValueError, match="does not occur"):
        analysis.compare(log, "source", "alumni", "alumnus")
    with pytest.raises(ValueError, match="two different"):
        analysis.compare(log, "source", "alumni", "alumni")


def test_compare_uses_the_same_censoring_as_reply_rates(log):
    result = analysis.compare(log, "source", "alumni", "cold")
    rates = analysis.reply_rates(log, by="source").set_index("source")
    assert (result.sent_a, result.replied_a) == tuple(rates.loc["alumni", ["sent", "replied"]])
    assert (result.sent_b, result.replied_b) == tuple(rates.loc["cold", ["sent", "replied"]])


# --- internals worth pinning ---------------------------------------------------------------


def test_factorize_groups_equal_texts_held_in_different_objects():
    values = np.array(["bob", "ann", None, "bob", np.nan, "cem"], dtype=object)
    values[3] = "".join(["b", "ob"])  # the same text in a second object
    assert values[0] is not values[3]
    codes, uniques = factorize(values)
    assert uniques[:3].tolist() == ["ann", "bob", "cem"] and pd.isna(uniques[3])
    assert codes.tolist() == [1, 0, 3, 1, 3, 2]
    mixed, kinds = factorize(np.array([3, "x", 3], dtype=object))
    assert mixed.tolist() == [0, 1, 0] and kinds.tolist() == [3, "x"]


def test_importing_analysis_does_not_load_matplotlib_or_statsmodels():
    code = "import sys; from infoview import analysis; print(sorted({'matplotlib', 'statsmodels'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_many_grouping_columns_do_not_overflow_the_group_numbers():
    n = 2_000
    rng = np.random.default_rng(9)
    frame = pd.DataFrame({f"c{i}": rng.permutation(n).astype(str) for i in range(6)})
    frame["sent_at"] = pd.Timestamp("2024-05-06") + pd.to_timedelta(np.arange(n), unit="min")
    frame["replied_at"] = frame["sent_at"].where(np.arange(n) % 2 == 0) + pd.Timedelta(hours=1)
    # 2 000 distinct values in each of six columns: 6.4e19 combinations, more than an int64 holds.
    out = analysis.reply_rates(frame, by=[f"c{i}" for i in range(6)], freq="D", within=None)
    assert len(out) == n and (out["sent"] == 1).all() and out["replied"].sum() == n // 2
    expected = frame.assign(day=frame["sent_at"].dt.floor("D")).sort_values(["day", "c0"]).reset_index(drop=True)
    assert out["period"].tolist() == expected["day"].tolist()
    assert out["c0"].tolist() == expected["c0"].tolist()
    assert out["c5"].tolist() == expected["c5"].tolist()
    assert out["replied"].tolist() == expected["replied_at"].notna().astype(int).tolist()
