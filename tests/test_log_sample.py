"""Sample logs: deterministic, valid, and realistic by the figures in the domain notes."""

import numpy as np
import pandas as pd
import pytest

import infoview as iv

WARM = ["alumni", "professional_org", "former_colleague", "family_friends", "mutual_contact", "referral", "event"]


@pytest.fixture(scope="module")
def big():
    return iv.sample_log(students=200, weeks=12, seed=11)


@pytest.fixture(scope="module")
def settled(big):
    """Outreach sent at least four weeks before the end, so replies had time to come."""
    end = big["sent_at"].min().normalize() + pd.Timedelta(weeks=12)
    return big[big["sent_at"] < end - pd.Timedelta(weeks=4)]


def reply_rate(frame):
    return frame["replied_at"].notna().mean()


def test_deterministic_valid_and_shaped():
    first = iv.sample_log(students=6, weeks=3, seed=4)
    pd.testing.assert_frame_equal(first, iv.sample_log(students=6, weeks=3, seed=4))
    assert not first.equals(iv.sample_log(students=6, weeks=3, seed=5))
    pd.testing.assert_frame_equal(iv.read_log(first), first)
    assert sorted(first["student"].unique()) == [f"s0{i}" for i in range(1, 7)]
    assert first["outreach_id"].is_unique and first["outreach_id"].str.fullmatch(r"s0\d-\d{3}").all()
    assert first["sent_at"].is_monotonic_increasing
    assert len(iv.sample_log(students=120, weeks=3, seed=0)["student"].iloc[0]) == 4  # s001 …
    default = iv.sample_log()
    assert default["student"].nunique() <= 30 and 300 < len(default) < 1500
    span = default["sent_at"].max() - default["sent_at"].min()
    assert pd.Timedelta(weeks=11) < span <= pd.Timedelta(weeks=12)


def test_reply_rates_follow_the_source(settled):
    rates = settled.groupby("source", observed=True).apply(reply_rate, include_groups=False)
    for source in WARM:
        assert 0.28 <= rates[source] <= 0.62, (source, rates[source])
    assert 0.04 <= rates["cold"] <= 0.12
    assert 0.30 <= reply_rate(settled[settled["source"] != "cold"]) <= 0.60
    assert 0.05 <= reply_rate(settled[settled["source"] == "cold"]) <= 0.10


def test_replies_come_within_days_and_slower_over_weekends(big):
    hours = (big["replied_at"] - big["sent_at"]).dt.total_seconds() / 3600
    unprompted = big["replied_at"].notna() & ~(big["replied_at"] > big["followed_up_at"])
    assert hours.median() < 36 and (hours[unprompted] <= 24 * 5).mean() > 0.85
    weekday = big["sent_at"].dt.day_of_week
    assert hours[weekday >= 5].median() > 1.5 * hours[weekday <= 2].median()
    per_day = weekday.value_counts()
    assert per_day[[5, 6]].max() < 0.3 * per_day[[0, 1, 2, 3]].min()


def test_follow_ups_lift_replies(settled):
    seventh = pd.to_datetime(np.busday_offset(settled["sent_at"].to_numpy().astype("datetime64[D]"), 7,
                                              roll="forward"))
    silent = (settled["replied_at"].isna() | (settled["replied_at"] > seventh)).to_numpy()
    followed = settled["followed_up_at"].notna().to_numpy()
    assert followed[silent].mean() > 0.3
    assert reply_rate(settled[silent & followed]) > reply_rate(settled[silent & ~followed]) + 0.1
    after = (settled["replied_at"] > settled["followed_up_at"]).sum() / settled["replied_at"].notna().sum()
    assert 0.15 < after < 0.5  # a good share of all replies comes after the follow-up


def test_templates_acceptance_meetings_referrals(settled, big):
    by_template = settled.groupby("template").apply(reply_rate, include_groups=False)
    assert by_template["six_point"] > by_template["long_intro"] + 0.08
    replies = settled["replied_at"].notna()
    assert 0.4 <= (settled["response"] == "accepted").sum() / replies.sum() <= 0.65
    held = big["meeting_at"] <= big["sent_at"].min() + pd.Timedelta(weeks=12)
    assert 0.3 < (big.loc[held, "referrals"] > 0).mean() < 0.8
    assert (big.loc[big["meeting_at"].isna(), "referrals"] == 0).all()
    assert 0.5 < big.loc[held, "thank_you_at"].notna().mean() < 1
    assert (big["source"] == "referral").sum() > 0 and big["contact"].str.startswith("Dr. ").any()


def test_referrals_answer_like_the_warmest_start_the_course_calls_them(settled):
    rates = settled.groupby("source", observed=True).apply(reply_rate, include_groups=False)
    warm = rates[WARM]
    assert warm["referral"] >= warm.drop("referral").mean() + 0.03
    for seed in range(20):  # a class of 30, as in the lessons: referrals never trail every other warm source
        log = iv.sample_log(seed=seed)
        per_source = log.groupby("source", observed=True).apply(reply_rate, include_groups=False)[WARM]
        assert per_source.idxmin() != "referral", (seed, per_source.round(2).to_dict())


def test_small_classes_stay_near_the_design_rates():
    log = iv.sample_log(students=30, weeks=12, seed=0)
    rates = log.groupby("source", observed=True).apply(reply_rate, include_groups=False)
    assert rates[WARM].min() > 2.5 * rates["cold"]
    assert rates["referral"] > rates[WARM].median() - 0.05


def test_the_sample_writer_answers_help_without_writing(tmp_path, monkeypatch, capsys):
    from infoview.log import sample

    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        sample.main(["--help"])
    assert exit_.value.code == 0 and "DIRECTORY" in capsys.readouterr().out.upper()
    assert list(tmp_path.iterdir()) == []
