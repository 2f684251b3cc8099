"""Counts and rates per group: reply and acceptance rates with Wilson intervals, the funnel,
sending activity against a goal, and the comparison of two groups.

>>> import pandas as pd
>>> log = pd.DataFrame({
...     "sent_at": pd.to_datetime(["2024-03-04", "2024-03-05", "2024-03-12"]),
...     "replied_at": pd.to_datetime(["2024-03-05", None, None]),
...     "channel": pd.Categorical(["email", "email", "phone"]),
... })
>>> reply_rates(log, by="channel")[["channel", "sent", "replied", "reply_rate"]]
  channel  sent  replied  reply_rate
0   email     2        1         0.5
1   phone     1        0         0.0
"""

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from . import labels
from .core import (NAT, Groups, as_list, canonical_freq, check_columns, is_accepted, period_numbers,
                   period_starts, reply_window, time_ns)

__all__ = ["MIN_SENT", "Comparison", "acceptance_rates", "activity", "compare", "funnel", "reply_rates",
           "wilson"]

#: ``compare`` names no winner while either group has fewer outreach than this.
MIN_SENT = 30


def _confidence(confidence):
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 < confidence < 1:
        raise ValueError(f"confidence must be a number between 0 and 1 (such as 0.95), not {confidence!r}")
    return float(confidence)


def wilson(count, nobs, confidence=0.95):
    """Rates and Wilson score intervals (from statsmodels), NaN where ``nobs`` is 0.

    >>> rate, low, high = wilson([5, 0], [10, 0])
    >>> rate.round(3).tolist(), low.round(3).tolist(), high.round(3).tolist()
    ([0.5, nan], [0.237, nan], [0.763, nan])
    """
    from statsmodels.stats.proportion import proportion_confint

    count = np.asarray(count, dtype=np.float64)
    nobs = np.asarray(nobs, dtype=np.float64)
    rate = np.full(count.shape, np.nan)
    low, high = rate.copy(), rate.copy()
    ok = nobs > 0
    if ok.any():
        rate[ok] = count[ok] / nobs[ok]
        lo, hi = proportion_confint(count[ok], nobs[ok], alpha=1 - _confidence(confidence), method="wilson")
        low[ok] = np.clip(lo, 0.0, 1.0)
        high[ok] = np.clip(hi, 0.0, 1.0)
        # Exactly 0 and 1 at the edges, where rounding leaves statsmodels a hair off.
        low[ok & (count == 0)] = 0.0
        high[ok & (count == nobs)] = 1.0
    return rate, low, high


def _rates(frame, by, freq, within, as_of, confidence, accepted):
    by = as_list(by)
    if "period" in by:
        raise ValueError("'period' is the name of the time column of the result; use freq= to group by time")
    check_columns(frame, ["sent_at", "replied_at", *(["response"] if accepted else []), *by])
    _confidence(confidence)
    sent, keep, hit = reply_window(frame, within, as_of, accepted=accepted)
    groups = Groups(frame, by, keep, freq, sent)
    total, hits = groups.bincount(), groups.bincount(hit)
    present = np.flatnonzero(total) if (by or freq is not None) else np.zeros(1, dtype=np.int64)
    name = "accepted" if accepted else "replied"
    out = groups.keys(present)
    out["sent"] = total[present]
    out[name] = hits[present]
    rate, low, high = wilson(out[name].to_numpy(), out["sent"].to_numpy(), confidence)
    out["acceptance_rate" if accepted else "reply_rate"] = rate
    out["ci_low"] = low
    out["ci_high"] = high
    return out


def reply_rates(frame, by=None, freq=None, within=None, as_of=None, confidence=0.95):
    """The share of outreach that got a reply, per group and period, with a Wilson interval.

    Columns, in order: ``period`` (only with ``freq``), each ``by`` column, ``sent``,
    ``replied``, ``reply_rate``, ``ci_low``, ``ci_high``; one row per group with at least one
    outreach counted, sorted by period and then by the ``by`` columns (categoricals in
    category order; a missing value forms its own group, last). Without ``by`` and ``freq``
    there is always exactly one row (``sent`` 0 and NaN rates for an empty log).

    - sent: rows with ``sent_at <= as_of - within`` (``within`` 0 when not given);
    - replied: of those, rows with ``replied_at <= sent_at + within``, or, without
      ``within``, ``replied_at <= as_of``;
    - ``as_of`` defaults to the latest timestamp anywhere in the log;
    - ``freq``: ``"W"`` weeks from Monday, ``"M"`` months from the 1st (also ``"D"``,
      ``"Q"``, ``"Y"``); ``period`` is the start of the period of ``sent_at``.
    """
    return _rates(frame, by, freq, within, as_of, confidence, accepted=False)


def acceptance_rates(frame, by=None, freq=None, within=None, as_of=None, confidence=0.95):
    """Like :func:`reply_rates`, counting replies whose ``response`` is ``accepted`` among all sent.

    Columns: ``period`` (with ``freq``), the ``by`` columns, ``sent``, ``accepted``,
    ``acceptance_rate``, ``ci_low``, ``ci_high``.
    """
    return _rates(frame, by, freq, within, as_of, confidence, accepted=True)


def funnel(frame, by=None):
    """How far outreach got, per group: ``sent``, ``replied``, ``accepted``, ``met``, ``thanked``, ``referrals``.

    Among rows with a ``sent_at``: ``replied`` has a ``replied_at``; ``accepted`` also has
    ``response == "accepted"``; ``met`` has a ``meeting_at``; ``thanked`` has a
    ``thank_you_at``; ``referrals`` is the sum of ``referrals`` (missing counts as 0).
    Each stage is counted on its own, so a meeting without a logged reply still counts.
    """
    by = as_list(by)
    check_columns(frame, ["sent_at", "replied_at", "response", "meeting_at", "thank_you_at", "referrals", *by])
    keep = time_ns(frame, "sent_at") != NAT
    replied = time_ns(frame, "replied_at") != NAT
    stages = {
        "replied": replied,
        "accepted": replied & is_accepted(frame),
        "met": time_ns(frame, "meeting_at") != NAT,
        "thanked": time_ns(frame, "thank_you_at") != NAT,
    }
    referrals = frame["referrals"]
    if not pd.api.types.is_numeric_dtype(referrals.dtype):
        referrals = pd.to_numeric(referrals, errors="coerce")
    referrals = referrals.to_numpy(dtype=np.float64, na_value=0.0)
    groups = Groups(frame, by, keep)
    total = groups.bincount()
    present = np.flatnonzero(total) if by else np.zeros(1, dtype=np.int64)
    out = groups.keys(present)
    out["sent"] = total[present]
    for name, mask in stages.items():
        out[name] = groups.bincount(mask)[present]
    out["referrals"] = groups.bincount(weights=referrals)[present]
    return out


def activity(frame, freq="W", by=None, goal=None):
    """Outreach sent per period, with every period from the first send to the last (zeros included).

    Columns: ``period``, the ``by`` columns, ``sent``; with ``goal`` (sends per period, so per
    week for ``freq="W"``) also ``goal``, ``goal_met`` (``sent >= goal``) and ``shortfall``
    (``max(goal - sent, 0)``). The periods run from the first to the last send in the whole
    log, for every group that sent anything, so a group's quiet weeks show up as zeros.
    """
    by = as_list(by)
    check_columns(frame, ["sent_at", *by])
    canonical = canonical_freq(freq)
    if goal is not None and (isinstance(goal, bool) or not isinstance(goal, (int, float)) or goal < 0):
        raise ValueError(f"goal must be a number of outreach per period (0 or more), not {goal!r}")
    sent = time_ns(frame, "sent_at")
    keep = sent != NAT
    groups = Groups(frame, by, keep)
    periods = period_numbers(groups.take(sent), canonical)
    if len(periods):
        first, span = int(periods.min()), int(periods.max() - periods.min()) + 1
        seen = np.flatnonzero(groups.bincount())
    else:
        first, span, seen = 0, 0, np.zeros(0, dtype=np.int64)
    position = np.zeros(groups.size, dtype=np.int64)
    position[seen] = np.arange(len(seen))
    counts = np.bincount((periods - first) * len(seen) + position[groups.codes], minlength=span * len(seen))
    keys = groups.keys(np.tile(seen, span))
    out = pd.DataFrame({"period": period_starts(np.repeat(np.arange(span) + first, len(seen)), canonical)})
    for name in by:
        out[name] = keys[name]
    out["sent"] = counts
    if goal is not None:
        out["goal"] = goal
        out["goal_met"] = out["sent"] >= goal
        out["shortfall"] = np.maximum(goal - out["sent"], 0)
    return out


@dataclass(frozen=True)
class Comparison:
    """The reply rates of two groups, their difference and what can (and cannot) be concluded.

    ``difference`` is ``rate_a - rate_b`` with its Agresti–Caffo interval
    (``ci_low``, ``ci_high``) and the matching two-sided test's ``p_value`` (statsmodels).
    ``winner`` is ``a`` or ``b`` only when each group has at least :data:`MIN_SENT`
    outreach and the interval excludes 0; otherwise ``None``. ``verdict(language)`` says
    so in plain words.
    """

    column: str
    a: object
    b: object
    sent_a: int
    replied_a: int
    rate_a: float
    sent_b: int
    replied_b: int
    rate_b: float
    difference: float
    ci_low: float
    ci_high: float
    p_value: float
    confidence: float
    within: float | None
    winner: object

    @property
    def enough_data(self):
        """Both groups have at least :data:`MIN_SENT` outreach counted."""
        return min(self.sent_a, self.sent_b) >= MIN_SENT

    def verdict(self, language="en"):
        """A plain-language conclusion, in English or German."""
        return labels.verdict(self, language, min_sent=MIN_SENT)

    def to_series(self):
        """The figures as a pandas Series (for tables)."""
        return pd.Series(asdict(self), dtype=object)

    def __str__(self):
        return self.verdict("en")


def compare(frame, column, a, b, within=None, *, as_of=None, confidence=0.95):
    """Compare the reply rates of rows where ``column == a`` and where ``column == b``.

    Counting is the same as in :func:`reply_rates` (including ``within`` and ``as_of``).
    Returns a :class:`Comparison`; ``str()`` of it is the English verdict.
    """
    check_columns(frame, ["sent_at", "replied_at", column])
    confidence = _confidence(confidence)
    values = frame[column]
    known = values.cat.categories if isinstance(values.dtype, pd.CategoricalDtype) else pd.unique(values.dropna())
    for name, value in (("a", a), ("b", b)):
        if value not in set(known):
            choices = ", ".join(map(str, list(known)[:20]))
            raise ValueError(f"{name}={value!r} does not occur in column {column!r}; choose from {choices}")
    if a == b:
        raise ValueError(f"a and b are both {a!r}; compare two different values")
    _, keep, hit = reply_window(frame, within, as_of)
    counts = []
    for value in (a, b):
        rows = (values == value).to_numpy(dtype=bool, na_value=False) & keep
        counts += [int(rows.sum()), int((hit & rows).sum())]
    sent_a, replied_a, sent_b, replied_b = counts
    rate_a = replied_a / sent_a if sent_a else np.nan
    rate_b = replied_b / sent_b if sent_b else np.nan
    low = high = p_value = np.nan
    if sent_a and sent_b:
        import warnings

        from statsmodels.stats.proportion import confint_proportions_2indep, test_proportions_2indep

        with warnings.catch_warnings():
            # statsmodels also computes ratios, which divide by zero when a group has no replies.
            warnings.simplefilter("ignore", RuntimeWarning)
            low, high = confint_proportions_2indep(replied_a, sent_a, replied_b, sent_b, method="agresti-caffo",
                                                   compare="diff", alpha=1 - confidence)
            p_value = test_proportions_2indep(replied_a, sent_a, replied_b, sent_b, method="agresti-caffo",
                                              compare="diff").pvalue
    winner = None
    if min(sent_a, sent_b) >= MIN_SENT:
        winner = a if low > 0 else b if high < 0 else None
    return Comparison(column=column, a=a, b=b, sent_a=sent_a, replied_a=replied_a, rate_a=rate_a,
                      sent_b=sent_b, replied_b=replied_b, rate_b=rate_b, difference=rate_a - rate_b,
                      ci_low=float(low), ci_high=float(high), p_value=float(p_value), confidence=confidence,
                      within=within, winner=winner)
