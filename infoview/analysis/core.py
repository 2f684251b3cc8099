"""What every analysis shares: checking the log, the as-of time, censoring windows, groups and periods.

Timestamps are handled as int64 nanoseconds (``NaT`` is the smallest int64), so every
comparison below is exact and each derived array is computed once per call.

>>> import pandas as pd
>>> period_start(pd.Series(pd.to_datetime(["2024-03-06 15:00", "2024-03-10 23:59"])), "W").tolist()
[Timestamp('2024-03-04 00:00:00'), Timestamp('2024-03-04 00:00:00')]
>>> period_start(pd.Series(pd.to_datetime(["2024-03-31 23:00"])), "M").tolist()
[Timestamp('2024-03-01 00:00:00')]
"""

import numpy as np
import pandas as pd

from ..errors import LogError
from ..problems import argument_error, problem
from .codes import factorize

__all__ = [
    "AS_OF_COLUMNS", "DAY_NS", "DEFAULT_WITHIN", "FREQS", "NAT", "TIME_COLUMNS", "Groups", "as_list",
    "canonical_freq", "check_columns", "chunks", "day_ns", "is_accepted", "now_ns", "period_ends",
    "period_numbers", "period_start", "period_starts", "reply_window", "resolve_as_of", "row_as_of", "time_ns",
]

NAT = np.iinfo(np.int64).min
DAY_NS = 86_400 * 10**9
WEEK_NS = 7 * DAY_NS
TIME_COLUMNS = ("sent_at", "followed_up_at", "replied_at", "meeting_at", "thank_you_at")
#: The default as-of time is the latest of these that is not in the future: never a planned meeting.
AS_OF_COLUMNS = ("sent_at", "replied_at")
#: Rates, comparisons and verdicts count replies within this many days of sending unless told otherwise.
DEFAULT_WITHIN = 7
FREQS = ("D", "W", "M", "Q", "Y")
_FREQ_ALIASES = {"D": "D", "W": "W", "W-MON": "W", "M": "M", "MS": "M", "ME": "M",
                 "Q": "Q", "QS": "Q", "QE": "Q", "Y": "Y", "YS": "Y", "YE": "Y", "A": "Y", "AS": "Y"}
# 1970-01-01 was a Thursday: adding three days makes integer division by a week start on Monday.
_MONDAY_SHIFT = 3 * DAY_NS
#: Row-wise work goes this many rows at a time: its temporaries stay small (in the cache), and the allocator reuses them.
CHUNK = 1 << 16


def chunks(count, step=None):
    """Slices of at most ``step`` rows (by default :data:`CHUNK`) that cover ``count`` rows."""
    step = step or CHUNK
    return [slice(start, start + step) for start in range(0, count, step)]


def as_list(by):
    """``by`` as a list of column names (``None`` is no grouping)."""
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    by = list(by)
    if len(set(by)) != len(by):
        raise argument_error("by_twice", by=by)
    return by


def check_columns(frame, columns):
    """Raise :class:`LogError` naming every column the analysis needs and the frame lacks."""
    if not isinstance(frame, pd.DataFrame):
        raise argument_error("not_a_frame", kind=type(frame).__name__)
    missing = [c for c in dict.fromkeys(columns) if c not in frame.columns]
    if missing:
        raise LogError([problem(None, c, None, "no_such_column") for c in missing])


def time_ns(frame, column):
    """A timestamp column as int64 nanoseconds of naive wall-clock time; ``NaT`` becomes :data:`NAT`."""
    series = frame[column]
    dtype = series.dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        series = series.dt.tz_localize(None)
    elif not (isinstance(dtype, np.dtype) and dtype.kind == "M"):
        if series.isna().all():
            return np.full(len(series), NAT, dtype=np.int64)
        try:
            series = pd.to_datetime(series)
        except (ValueError, TypeError) as exc:
            raise LogError([problem(None, column, None, "not_timestamps", error=str(exc))]) from None
    values = series.to_numpy()
    if values.dtype != "datetime64[ns]":
        values = values.astype("datetime64[ns]")
    return values.view(np.int64)


def day_ns(days, name="within"):
    """A number of days (int or float, at least 0) as integer nanoseconds."""
    if isinstance(days, bool) or not isinstance(days, (int, float, np.integer, np.floating)):
        raise argument_error("days_kind", name=name, value=repr(days))
    if not 0 <= days <= 36_500:
        raise argument_error("days_range", name=name, value=repr(days))
    return int(round(float(days) * DAY_NS))


def now_ns():
    """The current local wall-clock time in nanoseconds (the cap of every default as-of time)."""
    return pd.Timestamp.now().as_unit("ns").value


def _timestamp_ns(value, name="as_of"):
    stamp = pd.Timestamp(value)
    if stamp is pd.NaT:
        raise argument_error("not_a_time", name=name)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    return stamp.as_unit("ns").value


def _latest_past(values, now):
    """The latest time in ``values`` that is not after ``now`` (``NAT`` if none); ``now`` if all are later."""
    if not len(values):
        return NAT
    latest = int(values.max())
    if latest <= now:
        return latest
    past = values[values <= now]
    return int(past.max()) if len(past) else now


def resolve_as_of(frame, as_of, arrays=None):
    """The as-of time in nanoseconds: ``as_of`` itself, or by default the latest send or reply time that
    is not in the future, capped at now.

    A planned meeting, a follow-up or a thank-you never moves the default, so a meeting booked for next
    month cannot make a two-day-old email look like a week-old one. ``arrays`` maps column names to int64
    arrays already computed, so no column is converted twice. Returns :data:`NAT` when the log holds no
    send or reply time at all.

    >>> log = pd.DataFrame({"sent_at": pd.to_datetime(["2024-03-04"]), "replied_at": pd.to_datetime([None]),
    ...                     "meeting_at": pd.to_datetime(["2099-01-01"])})
    >>> pd.Timestamp(resolve_as_of(log, None))
    Timestamp('2024-03-04 00:00:00')
    """
    if as_of is not None:
        return _timestamp_ns(as_of)
    arrays = arrays or {}
    now = now_ns()
    latest = NAT
    for column in AS_OF_COLUMNS:
        if column in frame.columns and len(frame):
            values = arrays[column] if column in arrays else time_ns(frame, column)
            latest = max(latest, _latest_past(values, now))
    return latest


def row_as_of(frame, as_of, strata, arrays=None):
    """Each row's as-of time (int64 nanoseconds) when each stratum (such as each student) has its own.

    ``as_of`` is one time for all rows; ``None``, each stratum's own latest send or reply time that is
    not in the future (capped at now: a student's export date); or a mapping (dict or Series) from
    stratum to time, where strata it lacks get their own latest time.
    """
    if as_of is not None and not isinstance(as_of, (dict, pd.Series)):
        return np.full(len(frame), resolve_as_of(frame, as_of), dtype=np.int64)
    arrays = arrays or {}
    codes, uniques = factorize(frame[strata])
    now = now_ns()
    own = np.full(len(uniques), NAT, dtype=np.int64)
    for column in AS_OF_COLUMNS:
        if column in frame.columns:
            values = arrays[column] if column in arrays else time_ns(frame, column)
            values = np.where(values <= now, values, NAT)
            np.maximum.at(own, codes, values)
    if isinstance(as_of, (dict, pd.Series)):
        given = dict(as_of.items())
        for index, value in enumerate(uniques):
            if value in given:
                own[index] = _timestamp_ns(given[value], f"as_of[{value!r}]")
    return own[codes]


def reply_window(frame, within, as_of, *, accepted=False, as_of_ns=None):
    """Which rows count as sent and which as replied (or accepted), after censoring.

    Returns ``(sent_ns, keep, hit)``: the send times, the rows counted as sent
    (``sent_at <= as_of - within``) and the rows whose reply counts
    (``replied_at <= sent_at + within``, or ``replied_at <= as_of`` when ``within`` is ``None``).
    ``as_of_ns`` (an int64 array, one time per row, from :func:`row_as_of`) replaces ``as_of``.
    """
    sent = time_ns(frame, "sent_at")
    replied = time_ns(frame, "replied_at")
    if as_of_ns is None:
        as_of_ns = resolve_as_of(frame, as_of, {"sent_at": sent, "replied_at": replied})
        if as_of_ns == NAT:
            return sent, np.zeros(len(sent), bool), np.zeros(len(sent), bool)
    width = 0 if within is None else day_ns(within)
    keep, hit = np.empty(len(sent), dtype=bool), np.empty(len(sent), dtype=bool)
    for c in chunks(len(sent)):
        s, r, k, h = sent[c], replied[c], keep[c], hit[c]
        end = as_of_ns[c] if np.ndim(as_of_ns) else as_of_ns
        np.less_equal(s, end - width, out=k)
        k &= s != NAT
        k &= end != NAT
        np.less_equal(r, end if within is None else s + width, out=h)
        h &= r != NAT
        h &= k
    if accepted:
        hit &= is_accepted(frame)
    return sent, keep, hit


def is_accepted(frame):
    """Boolean array: the response is ``accepted``."""
    response = frame["response"]
    if isinstance(response.dtype, pd.CategoricalDtype):
        categories = response.cat.categories
        if "accepted" not in categories:
            return np.zeros(len(response), dtype=bool)
        return response.cat.codes.to_numpy() == categories.get_loc("accepted")
    return (response == "accepted").to_numpy(dtype=bool, na_value=False)


def canonical_freq(freq):
    """``"W"``, ``"M"``, ... for a frequency and its pandas aliases (``"W-MON"``, ``"MS"``)."""
    key = str(freq).upper()
    if key not in _FREQ_ALIASES:
        raise argument_error("freq", choices=", ".join(FREQS), value=repr(freq))
    return _FREQ_ALIASES[key]


def period_numbers(ns, freq):
    """Each timestamp's period as an integer (weeks, months, ... since 1970) for a canonical ``freq``."""
    if freq == "D":
        return ns // DAY_NS
    if freq == "W":
        return (ns + _MONDAY_SHIFT) // WEEK_NS
    months = ns.view("datetime64[ns]").astype("datetime64[M]").view(np.int64)
    if freq == "M":
        return months
    if freq == "Q":
        return months // 3
    return months // 12


def period_starts(numbers, freq):
    """Inverse of :func:`period_numbers`: the start of each period as datetime64[ns]."""
    numbers = np.asarray(numbers, dtype=np.int64)
    if freq == "D":
        return (numbers * DAY_NS).view("datetime64[ns]")
    if freq == "W":
        return (numbers * WEEK_NS - _MONDAY_SHIFT).view("datetime64[ns]")
    months = numbers * {"M": 1, "Q": 3, "Y": 12}[freq]
    return months.view("datetime64[M]").astype("datetime64[ns]")


def period_ends(numbers, freq):
    """The end of each period (the start of the next one) as int64 nanoseconds."""
    return period_starts(np.asarray(numbers, dtype=np.int64) + 1, freq).view(np.int64)


def period_start(series, freq="W"):
    """The start of each timestamp's period: weeks start on Monday, months on the 1st (NaT stays NaT)."""
    freq = canonical_freq(freq)
    values = series.to_numpy().astype("datetime64[ns]").view(np.int64)
    out = np.full(len(values), NAT, dtype=np.int64)
    ok = values != NAT
    out[ok] = period_starts(period_numbers(values[ok], freq), freq).view(np.int64)
    return pd.Series(out.view("datetime64[ns]"), index=series.index, name=series.name)


_LAYER = object()  # marks a renumbering of the codes in Groups' decoder list


class Groups:
    """Integer group codes for the rows counted (``keep``), by period and ``by`` columns.

    ``codes`` orders groups as the result is sorted: by period, then each ``by`` column in
    turn (categoricals in category order, other columns by value, a missing value last).
    Missing values form a group of their own, as in SQL's ``GROUP BY``. The codes are as
    narrow as one grouping gives them (for instance 32 bits for text), 64 bits once combined.
    """

    def __init__(self, frame, by, keep, freq=None, sent=None):
        self.by = by
        self.all_rows = bool(keep.all())
        self.rows = None if self.all_rows else np.flatnonzero(keep)
        self.count = len(frame) if self.all_rows else len(self.rows)
        self.codes = None  # the first grouping's codes become the codes: one array of rows fewer
        self.size = 1
        self._decoders = []
        if freq is not None:
            canonical = canonical_freq(freq)
            periods = np.empty(self.count, dtype=np.int64)
            for c in chunks(self.count):
                periods[c] = period_numbers(self.part(sent, c), canonical)
            first = int(periods.min()) if len(periods) else 0
            span = int(periods.max()) - first + 1 if len(periods) else 1
            periods -= first
            self._add("period", periods, span, lambda c: period_starts(c + first, canonical))
        for name in by:
            self._add(name, *self._column(frame[name]))
        if self.codes is None:
            self.codes = np.zeros(self.count, dtype=np.int64)
        if self.size > 4 * self.count + 4096:
            self._renumber()

    def _add(self, name, codes, size, decode):
        if self.codes is None:
            self.codes = codes  # as narrow as they come (a new array each time, never a column's own)
        else:
            if self.size * size >= 2**62:
                self._renumber()
            if self.codes.dtype != np.int64 or not self.codes.flags.writeable:
                self.codes = self.codes.astype(np.int64)  # combined in place below
            for c in chunks(self.count):
                self.codes[c] *= size
                self.codes[c] += codes[c]
        self.size *= size
        self._decoders.append((name, size, decode))

    def _renumber(self):
        """Too many combinations for a dense count: number only the groups that occur, in order."""
        self.codes, uniques = pd.factorize(self.codes, sort=True)
        self.size = max(len(uniques), 1)
        self._decoders.append((_LAYER, uniques, None))

    def take(self, values):
        """The counted rows of an array over all rows."""
        return values if self.all_rows else values[self.rows]

    def part(self, values, rows):
        """The counted rows ``rows`` (a slice of them) of an array over all rows."""
        return values[rows] if self.all_rows else values[self.rows[rows]]

    def _column(self, series):
        if isinstance(series.dtype, pd.CategoricalDtype):
            raw = self.take(series.cat.codes.to_numpy())
            missing = len(series.cat.categories)
            codes = np.where(raw < 0, missing, raw)  # in the codes' own small dtype
            dtype = series.dtype

            def decode(c):
                return pd.Categorical.from_codes(np.where(c == missing, -1, c), dtype=dtype)

            return codes, missing + 1, decode
        codes, uniques = factorize(series)  # all rows: cheaper than gathering objects first
        codes = self.take(codes)
        return codes, max(len(uniques), 1), lambda c: uniques.take(c)

    def bincount(self, mask=None, weights=None):
        """Per group: the number of rows counted (where ``mask``, a boolean array over all rows),
        or the sum of ``weights`` (whole numbers) over them."""
        counts = np.zeros(self.size)
        # many groups: longer steps, so that the counts per step cost less than the rows they count
        for c in chunks(self.count, None if self.size < CHUNK // 16 else max(CHUNK, 8 * self.size)):
            codes = self.codes[c]
            part = None if weights is None else self.part(weights, c)
            if mask is not None:  # the chosen rows' positions, then a gather: several times faster than a boolean index
                chosen = np.flatnonzero(self.part(mask, c))
                codes, part = codes.take(chosen), None if part is None else part.take(chosen)
            counts += np.bincount(codes, weights=part, minlength=self.size)
        return np.rint(counts).astype(np.int64)

    def keys(self, groups):
        """A DataFrame with ``period`` (if any) and the ``by`` columns for the given group numbers."""
        groups = np.asarray(groups, dtype=np.int64)
        count = len(groups)
        columns = {}
        for name, size, decode in reversed(self._decoders):
            if name is _LAYER:
                groups = size[groups]
                continue
            columns[name] = decode(groups % size)
            groups = groups // size
        names = [name for name, _, _ in self._decoders if name is not _LAYER]
        return pd.DataFrame({name: columns[name] for name in names}, index=pd.RangeIndex(count))
