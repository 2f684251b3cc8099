"""Time to reply as a Kaplan–Meier estimate, computed for all groups at once with numpy.

Outreach without a reply by ``as_of`` is censored at ``as_of``: it has waited that long
and may still be answered. Times are fractional days, ``(replied_at - sent_at)`` or
``(as_of - sent_at)`` in nanoseconds divided by 86 400 × 10⁹, and never below 0.

>>> import pandas as pd
>>> log = pd.DataFrame({
...     "sent_at": pd.to_datetime(["2024-03-04"] * 4),
...     "replied_at": pd.to_datetime(["2024-03-05", "2024-03-06", "2024-03-09", None]),
... })
>>> time_to_reply(log, as_of="2024-03-14")
   sent  replied  median_days  p90_days
0     4        3          2.0       NaN
"""

import numpy as np
import pandas as pd

from ..problems import with_language
from .core import DAY_NS, NAT, Groups, as_list, check_columns, chunks, is_accepted, resolve_as_of, time_ns
from .engine import run, uses_duckdb

__all__ = ["DAYS", "QUANTILE_TOLERANCE", "outcome_curve", "outcomes", "reply_curve", "time_to_reply"]

#: The days since sending at which :func:`outcomes` reports the shares by default.
DAYS = (3, 7, 14)

#: The estimated share still waiting counts as having reached 0.5 (or 0.1) when it is at most
#: this much above it, so that products such as 3/4 × 2/3 land on 0.5 despite rounding.
QUANTILE_TOLERANCE = 1e-9


def _changes(*arrays):
    """Boolean array: True at 0 and wherever any of the (sorted) arrays changes value."""
    change = np.ones(len(arrays[0]), dtype=bool)
    if len(change) > 1:
        change[1:] = arrays[0][1:] != arrays[0][:-1]
        for values in arrays[1:]:
            change[1:] |= values[1:] != values[:-1]
    return change


def _distinct_times(codes, size, durations, events):
    """The distinct (group, time) pairs in order, with the position of each pair's first row,
    its number of rows and its number of replies. ``durations`` is reused as scratch space.

    Logs record times to the minute (or second): divided by that unit, the durations of all groups
    often span fewer values than there are rows, and then counting each (group, time) replaces the sort.
    """
    count = len(durations)
    parts = chunks(count)  # row-sized temporaries are made a chunk of rows at a time
    unit = next((u for u in (60 * 10**9, 10**9) if count and not any((durations[c] % u).any() for c in parts)), 1)
    span = int(durations.max()) // unit + 1 if count else 1
    if count and size * span <= count + (1 << 20):  # the counts take at most the rows' memory
        key = durations
        if unit > 1:
            key //= unit
        for c in parts:
            key[c] += codes[c] * span
        rows = np.bincount(key, minlength=size * span)
        pairs = np.flatnonzero(rows)
        rows = rows[pairs]  # the dense counts are let go before the replies are counted
        replies = np.bincount(key.take(np.flatnonzero(events)), minlength=size * span)[pairs]
        return pairs // span, pairs % span * unit, np.cumsum(rows) - rows, rows, replies
    tbits = int(durations.max()).bit_length() if count else 0
    gbits = (size - 1).bit_length()
    if tbits + gbits + 1 <= 63:
        # Pack group, time and reply flag into one int64 and sort in place: no argsort, no gathers.
        key = durations
        key <<= 1
        key |= events
        if gbits:
            for c in parts:
                key[c] |= codes[c] << (tbits + 1)
        key.sort()
        flags = np.empty(count, dtype=np.int8)  # one byte a row, not eight
        for c in parts:
            np.bitwise_and(key[c], 1, out=flags[c], casting="unsafe")
        key >>= 1
        starts = np.flatnonzero(_changes(key))
        group = key[starts]
        time = group & ((1 << tbits) - 1)
        group >>= tbits
    else:
        order = np.lexsort((durations, codes))
        sorted_codes, sorted_times = codes[order], durations[order]
        flags = events[order]
        starts = np.flatnonzero(_changes(sorted_codes, sorted_times))
        group, time = sorted_codes[starts], sorted_times[starts]
    rows = np.empty_like(starts)
    np.subtract(starts[1:], starts[:-1], out=rows[:-1])
    rows[-1:] = count - starts[-1:]
    # summed in 32 bits: the flags are one byte a row, and a 64-bit copy of them would be the largest array here
    replies = np.add.reduceat(flags, starts, dtype=np.int32).astype(np.int64) if count else rows
    return group, time, starts, rows, replies


def _grouped_cumprod(values, group):
    """Running product of ``values`` within each run of equal ``group`` (groups are contiguous)."""
    bounds = np.flatnonzero(_changes(group)) if len(group) else np.zeros(0, dtype=np.int64)
    if len(bounds) > 2000:
        return pd.Series(values).groupby(group, sort=False).cumprod().to_numpy()
    out = np.empty_like(values)
    for begin, end in zip(bounds, np.append(bounds[1:], len(values))):
        np.cumprod(values[begin:end], out=out[begin:end])
    return out


class _Estimate:
    """The Kaplan–Meier estimate of every group at once.

    Per group (index = group code): ``sent``, ``replied``, ``longest_ns`` (longest follow-up)
    and ``at_end`` (rows followed that long). Per time with replies, in (group, time) order:
    ``group``, ``time_ns``, ``days``, ``at_risk``, ``replies`` and ``waiting`` (the estimate).
    """

    def __init__(self, codes, size, durations, events):
        self.size = size
        self.sent = np.bincount(codes, minlength=size)
        self.replied = np.bincount(codes.take(np.flatnonzero(events)), minlength=size)
        group, time, starts, rows, replies = _distinct_times(codes, size, durations, events)
        ends = np.flatnonzero(np.append(group[1:] != group[:-1], True)) if len(group) else starts
        self.longest_ns = np.zeros(size, dtype=np.int64)
        self.longest_ns[group[ends]] = time[ends]
        self.at_end = np.zeros(size, dtype=np.int64)
        self.at_end[group[ends]] = rows[ends]
        del rows
        kept = np.flatnonzero(replies)  # only the times with replies are kept: the others are let go first
        self.group, self.time_ns, self.replies = group[kept], time[kept], replies[kept]
        del group, time, replies
        # Rows of the group at this time or later = rows up to the group's end - rows before this time.
        self.at_risk = np.cumsum(self.sent)[self.group] - starts[kept]
        self.days = self.time_ns / DAY_NS
        self.waiting = _grouped_cumprod(1.0 - self.replies / self.at_risk, self.group)

    def quantile(self, share):
        """Per group: the first time (days) at which the share still waiting is at most ``share``."""
        result = np.full(self.size, np.nan)
        below = np.flatnonzero(self.waiting <= share + QUANTILE_TOLERANCE)
        if len(below):
            first = below[_changes(self.group[below])]
            result[self.group[first]] = self.days[first]
        return result


def _followed(frame, by, as_of, columns=()):
    """The outreach sent by ``as_of`` in groups: ``(Groups, waited, replied)``, where ``waited`` is the
    time in nanoseconds until the reply or, without one, until ``as_of``."""
    by = as_list(by)
    check_columns(frame, ["sent_at", "replied_at", *columns, *by])
    sent = time_ns(frame, "sent_at")
    replied = time_ns(frame, "replied_at")
    as_of_ns = resolve_as_of(frame, as_of, {"sent_at": sent, "replied_at": replied})
    keep = (sent != NAT) & (sent <= as_of_ns)
    groups = Groups(frame, by, keep)
    sent, replied = groups.take(sent), groups.take(replied)
    events = (replied != NAT) & (replied <= as_of_ns)
    waited = np.where(events, replied, as_of_ns)
    waited -= sent
    np.maximum(waited, 0, out=waited)
    return groups, waited, events


def _estimate(frame, by=None, as_of=None):
    """The groups and the Kaplan–Meier estimate of each: ``(Groups, _Estimate)``."""
    groups, durations, events = _followed(frame, by, as_of)
    return groups, _Estimate(groups.codes.astype(np.int64, copy=False), groups.size, durations, events)


@with_language
def time_to_reply(frame, by=None, as_of=None, *, engine="pandas"):
    """Per group: ``sent``, ``replied``, ``median_days`` and ``p90_days`` from a Kaplan–Meier estimate.

    ``sent`` counts rows with ``sent_at <= as_of``; ``replied`` those with
    ``replied_at <= as_of``. Outreach without a reply by then is censored at ``as_of``.
    ``median_days`` is the first time at which the estimated share still waiting is 0.5 or
    less (``p90_days``: 0.1 or less), NaN where it is *not reached*: most outreach never gets
    a reply, so the curve often levels off below one half for good. Then :func:`outcomes`
    (shares by day 3, 7 and 14, with intervals) says more. ``as_of`` defaults to the latest
    send or reply time that is not in the future, capped at now. ``engine="duckdb"`` takes a
    Parquet log (a file or a folder) and computes the same table in DuckDB (see :mod:`.engine`).
    """
    if uses_duckdb(engine):
        return run("time_to_reply", frame, by=by, as_of=as_of)
    groups, estimate = _estimate(frame, by, as_of)
    present = np.flatnonzero(estimate.sent) if groups.by else np.zeros(1, dtype=np.int64)
    out = groups.keys(present)
    out["sent"] = estimate.sent[present]
    out["replied"] = estimate.replied[present]
    out["median_days"] = estimate.quantile(0.5)[present]
    out["p90_days"] = estimate.quantile(0.1)[present]
    return out


@with_language
def reply_curve(frame, by=None, as_of=None):
    """The Kaplan–Meier curve per group, ready to plot as steps (``drawstyle="steps-post"``).

    Columns: the ``by`` columns, ``days``, ``at_risk`` (still waiting just before),
    ``replies`` (at that time), ``share_waiting`` and ``share_replied`` (1 - share waiting).
    Each group starts with a row at day 0 (share waiting 1), has one row per time with
    replies, and ends with a row at its longest follow-up when that is later than its last reply.
    """
    groups, est = _estimate(frame, by, as_of)
    present = np.flatnonzero(est.sent)
    last_reply = np.zeros(est.size, dtype=np.int64)
    last_waiting = np.ones(est.size)
    if len(est.group):
        ends = np.flatnonzero(np.append(est.group[1:] != est.group[:-1], True))
        last_reply[est.group[ends]] = est.time_ns[ends]
        last_waiting[est.group[ends]] = est.waiting[ends]
    tail = present[est.longest_ns[present] > last_reply[present]]
    group = np.concatenate([present, est.group, tail])
    order = np.argsort(group, kind="stable")
    columns = {
        "days": np.concatenate([np.zeros(len(present)), est.days, est.longest_ns[tail] / DAY_NS]),
        "at_risk": np.concatenate([est.sent[present], est.at_risk, est.at_end[tail]]),
        "replies": np.concatenate([np.zeros(len(present), dtype=np.int64), est.replies,
                                   np.zeros(len(tail), dtype=np.int64)]),
        "share_waiting": np.concatenate([np.ones(len(present)), est.waiting, last_waiting[tail]]),
    }
    out = groups.keys(group[order])
    for name, values in columns.items():
        out[name] = values[order]
    out["share_replied"] = 1.0 - out["share_waiting"]
    return out


def _observed(frame, by, as_of):
    """Groups, follow-up days and outcome (0 waiting, 1 accepted, 2 another reply) of the outreach sent by ``as_of``."""
    groups, waited, events = _followed(frame, by, as_of, ["response"])
    days = waited / DAY_NS
    status = np.where(events, np.where(groups.take(is_accepted(frame)), 1, 2), 0)
    return groups, days, status


def _interval(share, se, z):
    return np.clip(share - z * se, 0.0, 1.0), np.clip(share + z * se, 0.0, 1.0)


@with_language
def outcome_curve(frame, by=None, as_of=None, confidence=0.95):
    """Accepted, declined and still waiting by day since sending, per group, with intervals.

    A reply is an *accepted* or another answer (*declined*, or no response recorded): two competing
    outcomes, so their shares are cumulative incidences (Aalen–Johansen, statsmodels'
    ``CumIncidenceRight``), not one minus a Kaplan–Meier curve each. Columns: the ``by`` columns,
    ``days``, ``accepted``, ``accepted_low``, ``accepted_high``, ``declined``, ``declined_low``,
    ``declined_high``, ``replied`` (either, = 1 - Kaplan–Meier), ``replied_low``, ``replied_high``
    and ``waiting`` (1 - replied). One row at day 0 and one per time with a reply; the intervals
    are pointwise normal intervals at ``confidence``, kept within 0 and 1.
    """
    from scipy.stats import norm
    from statsmodels.duration.survfunc import CumIncidenceRight, SurvfuncRight

    groups, days, status = _observed(frame, by, as_of)
    z = norm.ppf(0.5 + confidence / 2)
    parts = []
    present = np.flatnonzero(np.bincount(groups.codes, minlength=groups.size))
    for group in present:
        rows = groups.codes == group
        d, s = days[rows], status[rows]
        part = {"days": np.zeros(1)}
        for name in ("accepted", "declined", "replied"):
            part[name] = np.zeros(1)
            part[f"{name}_low"] = np.zeros(1)
            part[f"{name}_high"] = np.zeros(1)
        if (s > 0).any():
            times = np.unique(d[s > 0])
            part["days"] = np.concatenate([[0.0], times])
            survival = SurvfuncRight(d, (s > 0).astype(int))
            replied = 1 - survival.surv_prob
            step = np.searchsorted(survival.surv_times, times, side="right") - 1
            values = {"replied": (replied[step], survival.surv_prob_se[step])}
            incidence = CumIncidenceRight(d, s) if len(np.unique(s[s > 0])) else None
            for code, name in ((1, "accepted"), (2, "declined")):
                if (s == code).any():
                    index = np.searchsorted(incidence.times, times, side="right") - 1
                    values[name] = (incidence.cinc[code - 1][index], incidence.cinc_se[code - 1][index])
                else:
                    values[name] = (np.zeros(len(times)), np.zeros(len(times)))
            for name, (share, se) in values.items():
                low, high = _interval(share, se, z)
                part[name] = np.concatenate([[0.0], share])
                part[f"{name}_low"] = np.concatenate([[0.0], low])
                part[f"{name}_high"] = np.concatenate([[0.0], high])
        part["group"] = np.full(len(part["days"]), group)
        parts.append(part)
    columns = ["days", "accepted", "accepted_low", "accepted_high", "declined", "declined_low", "declined_high",
               "replied", "replied_low", "replied_high"]
    joined = {name: np.concatenate([p[name] for p in parts]) if parts else np.zeros(0) for name in columns}
    out = groups.keys(np.concatenate([p["group"] for p in parts]).astype(np.int64) if parts else
                      np.zeros(0, dtype=np.int64))
    for name in columns:
        out[name] = joined[name]
    out["waiting"] = 1.0 - out["replied"]
    return out


@with_language
def outcomes(frame, by=None, days=DAYS, as_of=None, confidence=0.95):
    """The shares accepted, declined, replied and still waiting by each of ``days`` (3, 7, 14), with intervals.

    One row per group and day, with the columns of :func:`outcome_curve` (``days`` is the day asked
    for) and ``followed``: the outreach followed for at least that many days by ``as_of``. Where
    none has been, the shares are NaN: the log cannot tell yet.
    """
    if isinstance(days, (int, float)):
        days = [days]
    days = [float(day) for day in days]
    curve = outcome_curve(frame, by=by, as_of=as_of, confidence=confidence)
    groups, observed_days, _ = _observed(frame, by, as_of)
    names = as_list(by)
    keys = [] if not names else list(curve[names].drop_duplicates().itertuples(index=False, name=None))
    present = np.flatnonzero(np.bincount(groups.codes, minlength=groups.size))
    rows = []
    shares = [c for c in curve.columns if c not in names and c != "days"]
    for position, group in enumerate(present):
        part = curve.iloc[np.flatnonzero(_group_rows(curve, names, keys[position] if names else None))]
        followed_days = observed_days[groups.codes == group]
        for day in days:
            index = np.searchsorted(part["days"].to_numpy(), day, side="right") - 1
            row = {name: value for name, value in zip(names, keys[position])} if names else {}
            row["days"] = day
            followed = int((followed_days >= day).sum())
            for name in shares:
                row[name] = float(part[name].iloc[index]) if followed else np.nan
            row["followed"] = followed
            rows.append(row)
    columns = [*names, "days", *shares, "followed"]
    out = pd.DataFrame(rows, columns=columns)
    for name in names:
        out[name] = out[name].astype(curve[name].dtype)
    return out


def _group_rows(curve, names, key):
    if not names:
        return np.ones(len(curve), dtype=bool)
    mask = np.ones(len(curve), dtype=bool)
    for name, value in zip(names, key):
        column = curve[name]
        mask &= column.isna().to_numpy() if pd.isna(value) else (column == value).to_numpy(dtype=bool,
                                                                                           na_value=False)
    return mask
