"""The one date parser of infoview: dates and times as students write them in logs and options,
ISO (``2025-03-14``, ``2025-03-14 14:30``) or German (``14.03.2025``, ``14.3.25, 14:30``).

Used by :func:`~infoview.log.read_log` for whole columns, by :func:`~infoview.log.due` for its
``today`` and by the class report for its ``as_of``.

>>> stamps, bad = parse_dates(["2025-03-14 14:30", "14.03.2025", "31.02.2025", ""])
>>> [str(s)[:16] for s in stamps[:2]], bad.tolist()
(['2025-03-14T14:30', '2025-03-14T00:00'], [False, False, True, False])
>>> parse_as_of("01.12.2025"), parse_as_of("2025-12-01 14:30")
(Timestamp('2025-12-01 23:59:59.999999999'), Timestamp('2025-12-01 14:30:00'))
>>> short_date(_dt.datetime(2026, 12, 6, 14, 30), "de"), short_date(_dt.date(2026, 12, 6), "en")
('06.12.2026, 14:30', '2026-12-06')
"""

import datetime as _dt
import re

from .errors import LogError
from .problems import problem

__all__ = ["DATE_FIX", "parse_as_of", "parse_date_text", "parse_dates", "short_date"]

DATE_FIX = "write it as 2025-03-14 or 14.03.2025, optionally with a time such as 14:30"
"""How to write a date, for the problems that name a wrong one."""

_ISO_MATCH = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?").fullmatch
_GERMAN = (r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4}|\d{2})"
           r"(?:,?\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?")
_GERMAN_FORMATS = ("%d.%m.%Y %H:%M", "%d.%m.%Y", "%d.%m.%Y %H:%M:%S")
_TIME = re.compile(r"\d:\d")
_BELOW_MICROSECONDS = re.compile(r"(\.\d{6})\d+")
_GERMAN_SEARCH = re.compile(f"^{_GERMAN}$").search


def parse_dates(values):
    """Parse stripped ISO and German date strings; return (datetime64 array, bad flags).

    An empty string is no date and not bad; anything else that is not a date is bad. Pass distinct
    values (nothing is cached); the steps work on numpy arrays, so that a few values (one row of the
    log store) cost little.
    """
    import numpy as np
    import pandas as pd

    text = np.empty(len(values), dtype=object)
    text[:] = values
    parsed = np.full(len(text), np.datetime64("NaT"), dtype="datetime64[ns]")
    iso = _iso(values)
    if iso.any():
        parsed[iso] = _fit(pd.to_datetime(text[iso], format="ISO8601", errors="coerce", cache=False))
        again = iso & np.isnat(parsed)
        if again.any():  # a time to the nanosecond among them makes pandas refuse years past 2262
            micro = np.array([_BELOW_MICROSECONDS.sub(r"\1", value) for value in text[again]], dtype=object)
            parsed[again] = _fit(pd.to_datetime(micro, format="ISO8601", errors="coerce", cache=False))
    todo = ~iso & (text != "")
    for pattern in _GERMAN_FORMATS:  # the usual German spreadsheet formats at C speed
        if not todo.any():
            break
        found = _fit(pd.to_datetime(text[todo], format=pattern, errors="coerce", cache=False))
        parsed[todo] = found
        todo[todo] = np.isnat(found)
    if todo.any():  # then two-digit years and other spellings of German dates
        found = [_GERMAN_SEARCH(value) for value in text[todo]]
        parts = {name: pd.to_numeric(np.array([m[name] if m else None for m in found], dtype=object),
                                     errors="coerce")
                 for name in ("year", "month", "day", "hour", "minute", "second")}
        year = np.where(parts["year"] >= 100, parts["year"], parts["year"] + 2000)
        parsed[todo] = _fit(pd.to_datetime(
            pd.DataFrame({"year": np.clip(year, 1, 9999), "month": parts["month"], "day": parts["day"],
                          "hour": np.nan_to_num(parts["hour"]), "minute": np.nan_to_num(parts["minute"]),
                          "second": np.nan_to_num(parts["second"])}),
            errors="coerce", cache=False))
    return parsed, (text != "") & np.isnat(parsed)


def _iso(values):
    """Which values are ISO dates (:data:`_ISO_MATCH`); a long list is matched in Arrow, and only
    its non-ASCII values (where RE2's ``\\d`` and Python's differ) in Python."""
    import numpy as np

    if len(values) < 1000:
        return np.array([_ISO_MATCH(v) is not None for v in values], dtype=bool)
    import pyarrow as pa
    import pyarrow.compute as pc

    array = pa.array(values, type=pa.large_string())
    found = pc.match_substring_regex(array, f"^(?:{_ISO_MATCH.__self__.pattern})$").to_numpy(zero_copy_only=False)
    for position in np.flatnonzero(~pc.string_is_ascii(array).to_numpy(zero_copy_only=False)):
        found[position] = _ISO_MATCH(values[position]) is not None
    return found


def _fit(found):
    """Dates beyond what nanosecond timestamps hold (before 1678, after 2261) moved to those years,
    so that they are still dates and the caller's check of the year names them; a numpy array."""
    import numpy as np

    found = np.asarray(found)
    low, high = np.datetime64("1678-01-01"), np.datetime64("2261-12-31")
    return np.where(found < low, low, np.where(found > high, high, found)).astype("datetime64[ns]")


def parse_date_text(value, field, example):
    """One date written as text: ``(Timestamp, date_only)``; a :class:`~infoview.errors.LogError`
    naming ``field`` and showing ``example`` when it is not a date."""
    import pandas as pd

    stripped = value.strip()
    stamps, bad = parse_dates([stripped])
    if not stripped or bad[0]:
        iso, _, german = example.partition(" or ")
        raise LogError([problem(None, field, value, "not_a_date_as", iso=iso, german=german)])
    return pd.Timestamp(stamps[0]), not _TIME.search(stripped)


def parse_as_of(value):
    """A date or time as a Timestamp; a date without a time means the end of that day.

    Text may be ISO or German, as in the log (``2025-12-01``, ``01.12.2025``, ``2025-12-01 14:30``).
    """
    import pandas as pd

    if isinstance(value, str):
        stamp, date_only = parse_date_text(value, "as_of", "2025-12-01 or 01.12.2025")
    elif isinstance(value, (_dt.datetime, pd.Timestamp)):
        stamp, date_only = pd.Timestamp(value), False
    elif isinstance(value, _dt.date):
        stamp, date_only = pd.Timestamp(value), True
    else:
        raise LogError([problem(None, "as_of", value, "not_a_date_pass")])
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    stamp = stamp.as_unit("ns")
    return stamp + pd.Timedelta(days=1) - pd.Timedelta(1, "ns") if date_only else stamp


def short_date(stamp, language):
    """A date (and its time, when it has one) as a table shows it: ``06.12.2026`` in German, ISO in English."""
    has_time = isinstance(stamp, _dt.datetime) and (stamp.hour, stamp.minute) != (0, 0)
    if language == "de":
        return stamp.strftime("%d.%m.%Y, %H:%M" if has_time else "%d.%m.%Y")
    return stamp.strftime("%Y-%m-%d %H:%M" if has_time else "%Y-%m-%d")
