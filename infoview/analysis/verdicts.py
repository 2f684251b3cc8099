"""When a comparison may name a winner: a stopping boundary that holds however often one looks.

A student compares two templates again every week or so, and stops at the first winner. A test at
5 % on every look names a false winner far more often than 5 % of the time. :func:`decide` therefore
uses a *stopping boundary* for a comparison planned up to ``plan`` outreach per group: a gap must be
very large to count early, and the bar falls towards the end. On the Brownian-motion scale of the
evidence the boundary is the straight line ``a + a/2 · t`` (``t`` the information so far as a share
of the plan), with ``a`` chosen so that a process crossing it anywhere in ``0 < t ≤ 1`` has
probability ``1 - confidence``: the false-winner rate holds for any number of looks at any times,
not only for looks planned in advance. Once each group has ``plan`` outreach the verdict is final.
See ``docs/verdicts.md`` for the reasoning and the simulations.

>>> float(round(boundary_z(1.0), 2)), float(round(boundary_z(0.25), 2))
(2.39, 3.59)
>>> decision = decide([20], [25], [1], [25])
>>> int(decision["winner"][0]), bool(decision["p_value"][0] < decision["alpha_look"][0])
(1, True)
"""

import math
import warnings
from dataclasses import asdict
from functools import lru_cache

import numpy as np
import pandas as pd

__all__ = ["PLAN", "POWER", "Verdict", "alpha_look", "boundary_z", "decide", "detectable_difference", "information"]


class Verdict:
    """What every comparison offers besides its figures: the figures as a pandas Series, and its
    plain-language verdict (``verdict(language)``, defined by each kind) as its text."""

    def to_series(self):
        """The figures as a pandas Series (for tables)."""
        return pd.Series(asdict(self), dtype=object)

    def __str__(self):
        return self.verdict("en")


#: The planned number of outreach per group of a comparison: about what a 40 % vs 25 % gap needs.
PLAN = 150
#: The power at which :func:`detectable_difference` states the smallest gap a sample could show.
POWER = 0.8


@lru_cache(maxsize=16)
def _intercept(confidence):
    """The boundary's ``a``: a Brownian motion crosses ``a + a/2 · t`` on (0, 1] with probability (1 - confidence)/2."""
    from scipy.optimize import brentq
    from scipy.stats import norm

    def crossing(a):
        # P(B(t) >= a + b t for some t <= 1) = 1 - Φ(a + b) + exp(-2ab) Φ(b - a), here with b = a / 2.
        return norm.sf(1.5 * a) + math.exp(-a * a) * norm.cdf(-0.5 * a) - (1 - confidence) / 2

    return brentq(crossing, 1e-3, 20.0)


def boundary_z(t, confidence=0.95):
    """The z a two-sided test must reach at information ``t`` (0 < t ≤ 1) of the plan."""
    a = _intercept(float(confidence))
    t = np.asarray(t, dtype=np.float64)
    with np.errstate(divide="ignore"):
        return (a + 0.5 * a * t) / np.sqrt(t)


def alpha_look(t, confidence=0.95):
    """The two-sided significance level a look at information ``t`` must beat when looks may repeat
    (always below ``1 - confidence``, the level of a single planned look)."""
    from scipy.stats import norm

    return 2 * norm.sf(boundary_z(t, confidence))


def information(sent_a, sent_b, plan=PLAN):
    """The information of groups of ``sent_a`` and ``sent_b`` as a share of ``plan`` per group (at most 1);
    1 when ``plan`` is None (one planned look)."""
    sent_a = np.asarray(sent_a, dtype=np.float64)
    sent_b = np.asarray(sent_b, dtype=np.float64)
    if plan is None:
        return np.ones(np.broadcast(sent_a, sent_b).shape)
    with np.errstate(divide="ignore"):
        harmonic = 2.0 / (1.0 / sent_a + 1.0 / sent_b)
    return np.minimum(1.0, harmonic / plan)


@lru_cache(maxsize=65536)
def _fisher(replied_a, sent_a, replied_b, sent_b):
    from scipy.stats import fisher_exact

    table = [[replied_a, sent_a - replied_a], [replied_b, sent_b - replied_b]]
    return float(fisher_exact(table).pvalue)


def decide(replied_a, sent_a, replied_b, sent_b, plan=PLAN, confidence=0.95, min_sent=30):
    """The verdict on count arrays: a winner only where the evidence crosses the stopping boundary.

    Per pair of groups: ``p_value`` (two-sided; Fisher's exact test where a group has fewer than
    ``min_sent``, else the score test), ``information`` (share of the plan), ``alpha_look`` (the level
    this look must beat), ``ci_low``/``ci_high`` (the Newcombe interval of ``rate_a - rate_b`` at the
    level ``1 - alpha_look``: a repeated-looks interval, always within ±1) and ``winner`` (1: a,
    -1: b, 0: none). A winner needs ``p_value < alpha_look`` and an interval on one side of 0.
    ``plan=None`` is a single planned look at the level ``1 - confidence``.
    """
    from statsmodels.stats.proportion import confint_proportions_2indep, test_proportions_2indep

    arrays = np.broadcast_arrays(*(np.asarray(v, dtype=np.int64) for v in (replied_a, sent_a, replied_b, sent_b)))
    replied_a, sent_a, replied_b, sent_b = (np.atleast_1d(v) for v in arrays)
    size = replied_a.shape
    p_value = np.full(size, np.nan)
    low, high = p_value.copy(), p_value.copy()
    ok = (sent_a > 0) & (sent_b > 0)
    t = np.where(ok, information(np.maximum(sent_a, 1), np.maximum(sent_b, 1), plan), np.nan)
    single = 1 - confidence if plan is None else alpha_look(np.where(ok, t, 1.0), confidence)
    level = np.where(ok, single, np.nan)
    small = ok & (np.minimum(sent_a, sent_b) < min_sent)
    large = ok & ~small
    for index in np.flatnonzero(small):
        p_value[index] = _fisher(int(replied_a[index]), int(sent_a[index]), int(replied_b[index]),
                                 int(sent_b[index]))
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        # statsmodels also computes ratios, which divide by zero when a group has no replies.
        warnings.simplefilter("ignore", RuntimeWarning)
        if large.any():
            test = test_proportions_2indep(replied_a[large], sent_a[large], replied_b[large], sent_b[large],
                                           method="score", compare="diff")
            # Both groups all replied (or none did): no evidence of a difference at all.
            p_value[large] = np.where(np.isnan(test.pvalue), 1.0, test.pvalue)
        if ok.any():
            lo, hi = confint_proportions_2indep(replied_a[ok], sent_a[ok], replied_b[ok], sent_b[ok],
                                                method="newcomb", compare="diff", alpha=level[ok])
            low[ok], high[ok] = np.clip(lo, -1.0, 1.0), np.clip(hi, -1.0, 1.0)
    passes = ok & (p_value < level)
    winner = np.where(passes & (low > 0), 1, np.where(passes & (high < 0), -1, 0))
    return {"p_value": p_value, "information": t, "alpha_look": level, "ci_low": low, "ci_high": high,
            "winner": winner}


def detectable_difference(sent_a, sent_b, rate, alpha, power=POWER):
    """The smallest gap in reply rates (as a share) that groups of this size would show with ``power``
    at level ``alpha``, around the common ``rate`` (statsmodels' power of the arcsine test); NaN when a
    group has fewer than 2 outreach or the gap could not show at all.

    >>> round(detectable_difference(150, 150, 0.325, 0.05), 2)
    0.15
    """
    from statsmodels.stats.power import NormalIndPower

    if min(sent_a, sent_b) < 2 or not 0 < alpha < 1 or math.isnan(rate):
        return math.nan
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            h = float(NormalIndPower().solve_power(effect_size=None, nobs1=sent_a, alpha=alpha, power=power,
                                                   ratio=sent_b / sent_a, alternative="two-sided"))
    except (ValueError, RuntimeError):
        return math.nan
    # Cohen's h is the gap in 2·asin(√rate); half of it on each side of the common rate, shifted
    # inwards where one rate would pass 0 or 100 %.
    half = h / 4
    if not math.isfinite(h) or not 0 < half < math.pi / 4:
        return math.nan
    centre = min(max(math.asin(math.sqrt(min(max(rate, 0.0), 1.0))), half), math.pi / 2 - half)
    return math.sin(centre + half) ** 2 - math.sin(centre - half) ** 2
