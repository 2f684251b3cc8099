"""Verdicts that keep their promise: the stopping boundary, exact small-sample tests, intervals within
±100 points, stated power; class comparisons within students with Holm; shrunk per-student rates; and
the competing outcomes accepted / declined / waiting."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import beta, betabinom, fisher_exact, norm
from statsmodels.duration.survfunc import CumIncidenceRight
from statsmodels.stats.contingency_tables import StratifiedTable
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower

from infoview import analysis
from infoview.texts import text
from infoview.analysis.verdicts import PLAN, alpha_look, boundary_z, decide, detectable_difference, information

DAY = pd.Timedelta(days=1)
T0 = pd.Timestamp("2024-03-04 09:00")


def counts_log(groups, column="template", student="ann"):
    """A log with, per group name, (replied, sent), all sent on one day and answered the next."""
    rows = []
    for name, (replied, sent) in groups.items():
        for i in range(sent):
            rows.append({"student": student, column: name, "sent_at": T0,
                         "replied_at": T0 + DAY if i < replied else pd.NaT,
                         "response": "accepted" if i < replied else None})
    return pd.DataFrame(rows)


LATER = T0 + 30 * DAY


# --- the stopping boundary -----------------------------------------------------------------


def test_the_boundary_is_crossed_with_probability_one_minus_confidence():
    # On the Brownian scale the boundary is a + a/2 t; the chance of ever crossing it by t = 1
    # (Siegmund's formula for a linear boundary) is half of 1 - confidence on each side.
    a = boundary_z(1.0) / 1.5
    crossing = norm.sf(1.5 * a) + math.exp(-a * a) * norm.cdf(-0.5 * a)
    assert crossing == pytest.approx(0.025, rel=1e-9)
    # Early looks need far stronger evidence than the last one; the last needs more than 1.96.
    z = boundary_z(np.array([0.1, 0.25, 0.5, 1.0]))
    assert (np.diff(z) < 0).all() and 1.96 < z[-1] < 2.5 and z[0] > 5
    assert alpha_look(1.0) == pytest.approx(2 * norm.sf(z[-1]))
    assert information(75, 75) == 0.5 and information(300, 300) == 1.0 and information(10, 10, plan=None) == 1.0


def test_twenty_of_25_against_one_of_25_names_a_winner_with_an_exact_test():
    result = analysis.compare(counts_log({"A": (20, 25), "B": (1, 25)}), "template", "A", "B", as_of=LATER)
    assert result.winner == "A" and result.method == "exact"
    assert result.p_value == pytest.approx(fisher_exact([[20, 5], [1, 24]]).pvalue)
    assert result.p_value < result.alpha_look
    assert "A does better" in result.verdict() and "easily comes from chance" not in result.verdict()


def test_no_interval_leaves_plus_minus_100_points():
    replied_a, replied_b = np.meshgrid(np.arange(31), np.arange(31))
    for plan in (PLAN, None):
        decision = decide(replied_a.ravel(), 30, replied_b.ravel(), 30, plan=plan)
        assert (decision["ci_low"] >= -1).all() and (decision["ci_high"] <= 1).all()
        assert (decision["ci_low"] <= decision["ci_high"]).all()
    result = analysis.compare(counts_log({"A": (30, 30), "B": (1, 30)}), "template", "A", "B", as_of=LATER)
    assert result.ci_high <= 1.0 and result.winner == "A"
    assert "+101" not in result.verdict() and "+100.0" in result.verdict() or result.ci_high < 1


def test_a_winner_needs_the_boundary_not_only_a_5_percent_test():
    # 60 vs 45 of 100: p < 0.05 at a single look, but a third of the way into the plan that is not enough.
    decision = decide(60, 100, 45, 100)
    assert decision["p_value"][0] < 0.05 < decision["alpha_look"][0] * 10
    assert decision["winner"][0] == 0
    single = decide(60, 100, 45, 100, plan=None)
    assert single["alpha_look"][0] == pytest.approx(0.05) and single["winner"][0] == 1


def test_the_verdict_states_the_smallest_detectable_gap():
    result = analysis.compare(counts_log({"A": (12, 40), "B": (10, 40)}), "template", "A", "B", as_of=LATER)
    assert result.winner is None
    # Cohen's h for that gap around the common rate equals what statsmodels' power solver asks for.
    h = NormalIndPower().solve_power(effect_size=None, nobs1=40, alpha=result.alpha_look, power=0.8, ratio=1.0)
    common = 22 / 80
    centre = math.asin(math.sqrt(common))
    gap = math.sin(centre + h / 4) ** 2 - math.sin(centre - h / 4) ** 2
    assert result.detectable == pytest.approx(gap)
    assert f"about {round(100 * gap)} points" in result.verdict()
    german = result.verdict("de")
    assert f"etwa {round(100 * gap)} Punkten" in german and "Sie dürfen so oft nachsehen" in german
    # The planned size for 40 % against 25 % detects about that gap at the last look.
    assert 0.15 < detectable_difference(PLAN, PLAN, 0.325, float(alpha_look(1.0))) < 0.19


def test_at_the_planned_size_the_verdict_is_final_and_later_rows_do_not_count():
    groups = counts_log({"A": (50, 150), "B": (45, 150)})
    extra = counts_log({"A": (60, 60)})
    extra["sent_at"] = T0 + 2 * DAY  # sent after the plan was complete
    extra["replied_at"] = extra["sent_at"] + DAY
    result = analysis.compare(pd.concat([groups, extra]), "template", "A", "B", as_of=LATER)
    assert result.final and (result.sent_a, result.replied_a) == (150, 50)
    assert "planned comparison is complete" in result.verdict()
    assert result.information == 1.0


def test_compare_defaults_to_a_7_day_window_so_recent_outreach_is_not_unanswered():
    as_of = pd.Timestamp("2025-12-22 18:00")
    old = counts_log({"old": (40, 100)})
    old["sent_at"] = as_of - 40 * DAY
    old["replied_at"] = old["sent_at"] + np.where(np.arange(100) < 26, 1, 12) * DAY
    old.loc[40:, "replied_at"] = pd.NaT
    new = counts_log({"new": (26, 100)})
    new["sent_at"] = as_of - 6 * DAY
    new["replied_at"] = new["replied_at"].where(new["replied_at"].isna(), new["sent_at"] + DAY)
    log = pd.concat([old, new])
    assert analysis.compare(log, "template", "old", "new", within=None, as_of=as_of, plan=None).winner == "old"
    fair = analysis.compare(log, "template", "old", "new", as_of=as_of)
    assert fair.within == 7 and fair.sent_b == 0 and fair.winner is None
    assert "Nothing to compare yet" in fair.verdict()


# --- the class: within students, corrected ----------------------------------------------------


def class_log(seed=0, students=12, per_student=30, effect=0.0):
    rng = np.random.default_rng(seed)
    rows = []
    for index in range(students):
        base = rng.uniform(0.1, 0.6)
        for i in range(per_student):
            template = "six_point" if rng.random() < (0.8 if index % 2 else 0.2) else "own_words"
            channel = ["email", "linkedin"][i % 2]
            rate = min(base + (effect if template == "six_point" else 0.0), 0.95)
            sent = T0 + (i % 10) * DAY
            rows.append({"student": f"s{index:02d}", "template": template, "channel": channel, "sent_at": sent,
                         "replied_at": sent + DAY if rng.random() < rate else pd.NaT})
    return pd.DataFrame(rows)


def test_compare_within_is_cochran_mantel_haenszel_with_holm():
    log = class_log(effect=0.3)
    found = analysis.compare_within(log, ["template", "channel"], as_of=LATER)
    assert [(f.column, f.family) for f in found] == [("template", 2), ("channel", 2)]
    template = found[0]
    assert {template.a, template.b} == {"six_point", "own_words"}
    tables = []
    for student, part in log.groupby("student"):
        row = lambda name: [((part["template"] == name) & part["replied_at"].notna()).sum(),
                            ((part["template"] == name) & part["replied_at"].isna()).sum()]
        table = [row(template.a), row(template.b)]
        if sum(table[0]) and sum(table[1]):
            tables.append(table)
    expected = StratifiedTable(np.transpose(np.array(tables, dtype=float), (1, 2, 0)))
    assert template.strata_used == len(tables)
    assert template.p_value == pytest.approx(expected.test_null_odds(correction=True).pvalue)
    assert template.odds_ratio == pytest.approx(expected.oddsratio_pooled)
    holm = multipletests([f.p_value for f in found], alpha=0.05, method="holm")[1]
    assert [f.p_adjusted for f in found] == pytest.approx(list(holm))
    assert template.winner == "six_point"
    assert "compared within the" in template.verdict() and "Holm" in template.verdict("de")
    assert "all 2 comparisons made together" in template.verdict()
    assert found[1].winner is None


def test_compare_within_uses_each_students_own_as_of():
    log = pd.DataFrame({"student": ["A", "A", "A", "B", "B"], "template": ["x", "y", "x", "x", "y"],
                        "sent_at": pd.to_datetime(["2025-12-01", "2025-12-01", "2025-12-20", "2025-12-08",
                                                   "2025-12-08"]),
                        "replied_at": pd.to_datetime(["2025-12-02", None, None, "2025-12-09", None])})
    # A's log runs to 20 December; B's ends on 9 December, two days after their sends, so B's
    # rows have not had their 7 days yet (and A's latest send has not either).
    rates = analysis.student_rates(log)
    assert rates.set_index("student")["sent"].to_dict() == {"A": 2, "B": 0}
    mapped = analysis.student_rates(log, as_of={"B": "2025-12-22"})
    assert mapped.set_index("student")["sent"].to_dict() == {"A": 2, "B": 2}
    assert analysis.student_rates(log, as_of="2025-12-22").set_index("student")["sent"].to_dict() == {"A": 2, "B": 2}
    assert analysis.compare_within(log, "template")[0].strata_used == 1


def test_student_rates_shrink_small_students_towards_the_class_rate():
    rng = np.random.default_rng(8)
    sizes = [3] + [60] * 20
    rows = []
    for index, size in enumerate(sizes):
        rate = 1.0 if index == 0 else rng.uniform(0.15, 0.45)
        for i in range(size):
            rows.append({"student": f"s{index:02d}", "sent_at": T0,
                         "replied_at": T0 + DAY if (rng.random() < rate) else pd.NaT})
    rates = analysis.student_rates(pd.DataFrame(rows), as_of=LATER)
    assert list(rates.columns) == ["student", "sent", "replied", "reply_rate", "ci_low", "ci_high", "shrunk_rate",
                                   "shrunk_low", "shrunk_high"]
    lucky = rates.iloc[0]
    assert lucky["reply_rate"] == 1.0 and lucky["shrunk_rate"] < 0.6  # 3 of 3 is not 100 %
    big = rates.iloc[1:]
    assert ((big["shrunk_rate"] - big["reply_rate"]).abs() < 0.1).all()  # 60 messages mostly speak for themselves
    # The posterior is Beta(alpha + replied, beta + sent - replied) under the fitted class prior.
    a, b = rates.attrs["prior"]
    fitted = -betabinom.logpmf(rates["replied"], rates["sent"], a, b).sum()
    assert fitted <= -betabinom.logpmf(rates["replied"], rates["sent"], a * 1.2, b * 1.2).sum()
    assert lucky["shrunk_high"] == pytest.approx(beta.ppf(0.975, a + 3, b))


# --- competing outcomes ----------------------------------------------------------------------


def test_outcomes_match_statsmodels_cumulative_incidence_and_say_not_reached():
    rng = np.random.default_rng(2)
    n = 400
    sent = T0 + pd.to_timedelta(rng.integers(0, 40 * 24, n), unit="h")
    replied = rng.random(n) < 0.35
    delay = pd.to_timedelta(rng.exponential(4.0, n) * 86400, unit="s").round("s")
    log = pd.DataFrame({"sent_at": sent, "replied_at": pd.Series(sent + delay).where(replied),
                        "response": np.where(rng.random(n) < 0.5, "accepted", "declined")})
    as_of = T0 + 50 * DAY
    log.loc[log["replied_at"] > as_of, "replied_at"] = pd.NaT
    out = analysis.outcomes(log, as_of=as_of).set_index("days")
    status = np.where(log["replied_at"].notna(), np.where(log["response"] == "accepted", 1, 2), 0)
    end = log["replied_at"].where(log["replied_at"].notna(), as_of)
    days = ((end - log["sent_at"]) / DAY).to_numpy()
    fit = CumIncidenceRight(days, status)
    for day in (3, 7, 14):
        step = np.searchsorted(fit.times, day, side="right") - 1
        assert out.loc[day, "accepted"] == pytest.approx(fit.cinc[0][step])
        assert out.loc[day, "declined"] == pytest.approx(fit.cinc[1][step])
        assert out.loc[day, "replied"] == pytest.approx(fit.cinc[0][step] + fit.cinc[1][step])
        assert out.loc[day, "accepted_low"] < out.loc[day, "accepted"] < out.loc[day, "accepted_high"]
        assert out.loc[day, "waiting"] == pytest.approx(1 - out.loc[day, "replied"])
    # The curve levels off near 35 %: the median is not reached, and the labels say so.
    assert np.isnan(analysis.time_to_reply(log, as_of=as_of)["median_days"].iloc[0])
    assert text("analysis.format.not_reached", "de") == "nicht erreicht"


def test_outcomes_are_unknown_beyond_the_longest_follow_up():
    log = pd.DataFrame({"sent_at": [T0, T0], "replied_at": [T0 + DAY, pd.NaT], "response": ["declined", None]})
    out = analysis.outcomes(log, as_of=T0 + 5 * DAY).set_index("days")
    assert out.loc[3, "declined"] == 0.5 and out.loc[3, "followed"] == 1
    assert np.isnan(out.loc[7, "replied"]) and out.loc[7, "followed"] == 0
