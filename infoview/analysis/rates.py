"""Counts and rates per group: reply and acceptance rates with Wilson intervals, the funnel,
sending activity against a goal, and the comparison of two groups.

>>> import pandas as pd
>>> log = pd.DataFrame({
...     "sent_at": pd.to_datetime(["2024-03-04", "2024-03-05", "2024-03-12"]),
...     "replied_at": pd.to_datetime(["2024-03-05", None, None]),
...     "channel": pd.Categorical(["email", "email", "phone"]),
... })
>>> reply_rates(log, by="channel", within=None)[["channel", "sent", "replied", "reply_rate"]]
  channel  sent  replied  reply_rate
0   email     2        1         0.5
1   phone     1        0         0.0
"""

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..problems import argument_error, with_language
from . import labels
from .core import (DEFAULT_WITHIN, NAT, Groups, as_list, canonical_freq, check_columns, day_ns,
                   is_accepted, period_ends, period_numbers, period_starts, reply_window, resolve_as_of, time_ns)
from .engine import run, uses_duckdb
from .verdicts import PLAN, Verdict, decide, detectable_difference

__all__ = ["MIN_SENT", "Comparison", "acceptance_rates", "activity", "compare", "funnel", "reply_rates",
           "wilson"]

#: Below this many outreach in either group, ``compare`` uses Fisher's exact test instead of the score test.
MIN_SENT = 30


def _confidence(confidence):
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 < confidence < 1:
        raise argument_error("confidence", value=repr(confidence))
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
        raise argument_error("period_in_by")
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
    if freq is not None:
        out["partial"] = _partial(frame, out["period"], freq, within, as_of, sent)
    return out


def _partial(frame, periods, freq, within, as_of, sent):
    """True for periods not yet over ``within`` days before ``as_of``: some of their outreach is not counted yet."""
    as_of_ns = resolve_as_of(frame, as_of, {"sent_at": sent, "replied_at": time_ns(frame, "replied_at")})
    canonical = canonical_freq(freq)
    numbers = period_numbers(periods.to_numpy().astype("datetime64[ns]").view(np.int64), canonical)
    width = 0 if within is None else day_ns(within)
    return period_ends(numbers, canonical) + width > as_of_ns


@with_language
def reply_rates(frame, by=None, freq=None, within=DEFAULT_WITHIN, as_of=None, confidence=0.95, *, engine="pandas"):
    """The share of outreach that got a reply, per group and period, with a Wilson interval.

    Columns, in order: ``period`` (only with ``freq``), each ``by`` column, ``sent``,
    ``replied``, ``reply_rate``, ``ci_low``, ``ci_high`` and, with ``freq``, ``partial``; one
    row per group with at least one outreach counted, sorted by period and then by the ``by``
    columns (categoricals in category order; a missing value forms its own group, last).
    Without ``by`` and ``freq`` there is always exactly one row (``sent`` 0 and NaN rates for
    an empty log).

    - ``within`` (7 days by default): sent counts rows with ``sent_at <= as_of - within``,
      replied those of them with ``replied_at <= sent_at + within``, so every message has
      had the same time to be answered. ``within=None`` counts every reply by ``as_of``
      instead, which makes recent outreach look worse than it is;
    - ``as_of`` defaults to the latest send or reply time that is not in the future (never a
      planned meeting), capped at now;
    - ``freq``: ``"W"`` weeks from Monday, ``"M"`` months from the 1st (also ``"D"``,
      ``"Q"``, ``"Y"``); ``period`` is the start of the period of ``sent_at``; ``partial``
      is True for a period that ends less than ``within`` days before ``as_of``: only its
      earlier outreach is counted so far.

    ``engine="duckdb"`` takes a Parquet log (a file or a folder of them) instead of a frame and
    computes the same table in DuckDB without loading the rows (see :mod:`.engine`).
    """
    if uses_duckdb(engine):
        return run("reply_rates", frame, by=by, freq=freq, within=within, as_of=as_of, confidence=confidence)
    return _rates(frame, by, freq, within, as_of, confidence, accepted=False)


@with_language
def acceptance_rates(frame, by=None, freq=None, within=DEFAULT_WITHIN, as_of=None, confidence=0.95, *,
                     engine="pandas"):
    """Like :func:`reply_rates`, counting replies whose ``response`` is ``accepted`` among all sent.

    Columns: ``period`` (with ``freq``), the ``by`` columns, ``sent``, ``accepted``,
    ``acceptance_rate``, ``ci_low``, ``ci_high``, and ``partial`` (with ``freq``); ``engine`` as
    in :func:`reply_rates`.
    """
    if uses_duckdb(engine):
        return run("acceptance_rates", frame, by=by, freq=freq, within=within, as_of=as_of, confidence=confidence)
    return _rates(frame, by, freq, within, as_of, confidence, accepted=True)


@with_language
def funnel(frame, by=None, as_of=None, *, engine="pandas"):
    """How far outreach got by ``as_of``, per group: ``sent``, ``replied``, ``accepted``, ``met``,
    ``thanked``, ``referrals``.

    Among rows with ``sent_at <= as_of``: ``replied`` has ``replied_at <= as_of``;
    ``accepted`` also has ``response == "accepted"``; ``met`` has a meeting that has
    happened (``meeting_at <= as_of``; one still to come does not count); ``thanked`` has
    ``thank_you_at <= as_of``; ``referrals`` is the sum of ``referrals`` (missing counts
    as 0). Each stage is counted on its own, so a meeting without a logged reply still
    counts. ``as_of`` and ``engine`` as in :func:`reply_rates`.
    """
    if uses_duckdb(engine):
        return run("funnel", frame, by=by, as_of=as_of)
    by = as_list(by)
    check_columns(frame, ["sent_at", "replied_at", "response", "meeting_at", "thank_you_at", "referrals", *by])
    sent, replied = time_ns(frame, "sent_at"), time_ns(frame, "replied_at")
    as_of_ns = resolve_as_of(frame, as_of, {"sent_at": sent, "replied_at": replied})

    def by_then(values):
        return (values != NAT) & (values <= as_of_ns)

    keep = by_then(sent)
    replied = by_then(replied)
    stages = {
        "replied": replied,
        "accepted": replied & is_accepted(frame),
        "met": by_then(time_ns(frame, "meeting_at")),
        "thanked": by_then(time_ns(frame, "thank_you_at")),
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


@with_language
def activity(frame, freq="W", by=None, goal=None, *, as_of=None):
    """Outreach sent per period, with every period from the first send to the last (zeros included).

    Columns: ``period``, the ``by`` columns, ``sent``; with ``goal`` (sends per period, so per
    week for ``freq="W"``) also ``goal``, ``goal_met`` (``sent >= goal``) and ``shortfall``
    (``max(goal - sent, 0)``); last ``partial``, True for a period still running at
    ``as_of`` (its count may still grow, so a missed goal there is not final). The periods
    run from the first to the last send by ``as_of`` in the whole log, for every group that
    sent anything, so a group's quiet weeks show up as zeros.
    """
    by = as_list(by)
    check_columns(frame, ["sent_at", *by])
    canonical = canonical_freq(freq)
    if goal is not None and (isinstance(goal, bool) or not isinstance(goal, (int, float)) or goal < 0):
        raise argument_error("goal", value=repr(goal))
    sent = time_ns(frame, "sent_at")
    as_of_ns = resolve_as_of(frame, as_of, {"sent_at": sent})
    keep = (sent != NAT) & (sent <= as_of_ns)
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
    out["partial"] = period_ends(np.repeat(np.arange(span) + first, len(seen)), canonical) > as_of_ns
    return out


@dataclass(frozen=True)
class Comparison(Verdict):
    """The reply rates of two groups, their difference and what can (and cannot) be concluded.

    ``difference`` is ``rate_a - rate_b``. The comparison is planned up to ``plan`` outreach per
    group and may be looked at again and again: ``information`` is the share of the plan reached,
    ``alpha_look`` the level this look must beat so that, over all looks, a false winner is named
    at most ``1 - confidence`` of the time (see :mod:`infoview.analysis.verdicts`). ``p_value``
    comes from Fisher's exact test while a group has fewer than :data:`MIN_SENT` outreach
    (``method == "exact"``), else from the score test (``"score"``). ``ci_low`` and ``ci_high``
    bound the difference at the level ``1 - alpha_look`` (Newcombe; never beyond ±1).
    ``winner`` is ``a`` or ``b`` when ``p_value < alpha_look`` and the interval lies on one side
    of 0; otherwise ``None``. ``detectable`` is the smallest gap (a share) these numbers would
    show with 80 % power at this look. ``final`` is True once each group has ``plan`` outreach:
    only the first ``plan`` of each group (by send time) count, so the verdict no longer changes.
    ``verdict(language)`` says all this in plain words.
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
    as_of: pd.Timestamp | None = None
    plan: int | None = PLAN
    information: float = math.nan
    alpha_look: float = math.nan
    method: str = "score"
    detectable: float = math.nan
    final: bool = False

    @property
    def enough_data(self):
        """Both groups have at least :data:`MIN_SENT` outreach counted."""
        return min(self.sent_a, self.sent_b) >= MIN_SENT

    def verdict(self, language="en"):
        """A plain-language conclusion, in English or German."""
        return labels.verdict(self, language)


@with_language
def compare(frame, column, a, b, within=DEFAULT_WITHIN, *, as_of=None, confidence=0.95, plan=PLAN):
    """Compare the reply rates of rows where ``column == a`` and where ``column == b``.

    Counting is the same as in :func:`reply_rates` (replies within 7 days by default, and the
    same ``as_of``). Look as often as you like: the stopping boundary keeps the chance of a
    false winner at ``1 - confidence`` over all looks up to ``plan`` outreach per group; pass
    ``plan=None`` for a single look planned in advance. Returns a :class:`Comparison`;
    ``str()`` of it is the English verdict.

    >>> import pandas as pd
    >>> day = pd.Timestamp("2024-03-04")
    >>> log = pd.DataFrame({"t": ["A"] * 25 + ["B"] * 25, "sent_at": day,
    ...                     "replied_at": [day + pd.Timedelta(days=1)] * 20 + [pd.NaT] * 5
    ...                                   + [day + pd.Timedelta(days=1)] + [pd.NaT] * 24})
    >>> compare(log, "t", "A", "B", as_of="2024-03-31").winner
    'A'
    """
    check_columns(frame, ["sent_at", "replied_at", column])
    confidence = _confidence(confidence)
    if plan is not None and (isinstance(plan, bool) or not isinstance(plan, (int, np.integer)) or plan < 2):
        raise argument_error("plan", value=repr(plan))
    values = frame[column]
    known = values.cat.categories if isinstance(values.dtype, pd.CategoricalDtype) else pd.unique(values.dropna())
    for name, value in (("a", a), ("b", b)):
        if value not in set(known):
            choices = ", ".join(map(str, list(known)[:20]))
            raise argument_error("not_in_column", name=name, value=repr(value), column=repr(column), choices=choices)
    if a == b:
        raise argument_error("same_values", value=repr(a))
    sent_ns = time_ns(frame, "sent_at")
    as_of_ns = resolve_as_of(frame, as_of, {"sent_at": sent_ns, "replied_at": time_ns(frame, "replied_at")})
    _, keep, hit = reply_window(frame, within, as_of_ns if as_of_ns != NAT else None)
    counts, final = [], plan is not None
    for value in (a, b):
        rows = np.flatnonzero((values == value).to_numpy(dtype=bool, na_value=False) & keep)
        if plan is not None and len(rows) > plan:
            rows = rows[np.argsort(sent_ns[rows], kind="stable")[:plan]]
        final &= plan is not None and len(rows) >= plan
        counts += [len(rows), int(hit[rows].sum())]
    sent_a, replied_a, sent_b, replied_b = counts
    rate_a = replied_a / sent_a if sent_a else np.nan
    rate_b = replied_b / sent_b if sent_b else np.nan
    decision = {name: float(values[0]) for name, values in
                decide(replied_a, sent_a, replied_b, sent_b, plan, confidence, MIN_SENT).items()}
    winner = {1: a, -1: b}.get(int(decision["winner"]))
    common = (replied_a + replied_b) / (sent_a + sent_b) if sent_a + sent_b else math.nan
    detectable = detectable_difference(sent_a, sent_b, common, decision["alpha_look"]) if sent_a and sent_b \
        else math.nan
    return Comparison(column=column, a=a, b=b, sent_a=sent_a, replied_a=replied_a, rate_a=rate_a,
                      sent_b=sent_b, replied_b=replied_b, rate_b=rate_b, difference=rate_a - rate_b,
                      ci_low=decision["ci_low"], ci_high=decision["ci_high"], p_value=decision["p_value"],
                      confidence=confidence, within=within, winner=winner,
                      as_of=pd.Timestamp(as_of_ns) if as_of_ns != NAT else None, plan=plan,
                      information=decision["information"], alpha_look=decision["alpha_look"],
                      method="exact" if sent_a and sent_b and min(sent_a, sent_b) < MIN_SENT else "score",
                      detectable=detectable, final=bool(final))
