"""The outreach log's columns, their English and German names and values
(``infoview/content/log_vocabulary.yaml``), and the one set of rules every log is checked with,
:func:`normalise`, whether it comes from a file (:mod:`.read`), the SQLite store or the hand-ins.
:func:`normalise_row` checks one row (each change in the store) by the same rule functions
without building a frame.

>>> import pandas as pd
>>> frame = normalise(pd.DataFrame({"Kontakt": ["Lena Kurz"], "Gesendet am": ["03.03.2025"], "Kanal": ["Mail"]}))
>>> frame.loc[0, ["contact", "channel"]].tolist(), header_key("Sent At"), vocabulary().headers["gesendetam"]
(['Lena Kurz', 'email'], 'sentat', 'sent_at')

Rules beyond the types: ``sent_at <= followed_up_at``; ``sent_at <= replied_at <= meeting_at
<= thank_you_at`` (a date without a time counts as the whole day); ``response`` is set exactly
when ``replied_at`` is; ``meeting_at`` only with an accepted response; ``referrals`` is a whole
number >= 0 (empty means 0); ``outreach_id`` is unique. An empty ``outreach_id`` gets an id
derived from the row's content (student, contact, organisation, channel, template, sent_at), so
the same row always gets the same id. Times are kept to the second.

The module is long because the rules, their vectorised checks and the one-row path that calls the
same rule functions belong together. A million rows are checked column by column in Arrow and
numpy, never row by row, on two threads (and the ids counted on a third): the cells are cleaned as
:class:`~infoview.log.cells.CellText`, and dates, sources, channels and responses are parsed once
per distinct text.
"""

import re
from functools import lru_cache

from ..dates import parse_dates
from ..errors import ContentError, LogError
from ..problems import problem
from ..threads import each, in_background
from ..resources import load_bundled
from .cells import CellText, clean_cell

__all__ = [
    "LOG_COLUMNS", "TEXT_COLUMNS", "TIMESTAMP_COLUMNS", "CATEGORY_COLUMNS", "REQUIRED_COLUMNS",
    "SOURCES", "CHANNELS", "RESPONSES", "MAX_PROBLEMS", "clean_cell", "header_key", "normalise", "normalise_row",
    "vocabulary",
]

LOG_COLUMNS = [
    "outreach_id", "student", "contact", "organisation", "role", "source", "channel", "template",
    "sent_at", "followed_up_at", "replied_at", "response", "meeting_at", "thank_you_at",
    "referrals", "notes",
]
TEXT_COLUMNS = ("outreach_id", "student", "contact", "organisation", "role", "template", "notes")
TIMESTAMP_COLUMNS = ("sent_at", "followed_up_at", "replied_at", "meeting_at", "thank_you_at")
SOURCES = ("alumni", "professional_org", "former_colleague", "family_friends", "mutual_contact",
           "referral", "event", "cold")
CHANNELS = ("email", "linkedin", "phone", "in_person", "other")
RESPONSES = ("accepted", "declined")
CATEGORY_COLUMNS = {"source": SOURCES, "channel": CHANNELS, "response": RESPONSES}
REQUIRED_COLUMNS = ("contact", "sent_at")
MAX_PROBLEMS = 100
"""At most this many problems are collected; ``LogError.truncated`` says when there were more."""

_YEARS = (1990, 2100)
_NAT = -2**63  # NaT as an integer
_BACKGROUND_FROM = 100_000  # rows from which columns are checked on two threads and the ids counted on a third


def header_key(text):
    """The matching key of a header or value: case, spaces, underscores and hyphens ignored."""
    return re.sub(r"[\s_\-]+", "", str(text)).casefold()


class _Vocabulary:
    """Header and value tables of the log in English and German (from ``log_vocabulary.yaml``)."""

    def __init__(self, data):
        source = "infoview/content/log_vocabulary.yaml"
        self.header_de, self.headers = {}, {}
        for column in LOG_COLUMNS:
            entry = data["columns"][column]
            self.header_de[column] = entry["de"]
            for name in [column, entry["de"], *entry.get("aliases", [])]:
                if self.headers.setdefault(header_key(name), column) != column:
                    raise ContentError(f"the header {name!r} is given for two columns", file=source,
                                       entry=column, fix="keep each header for one column only")
        self.label_de, self.values = {}, {}
        for column, ids in CATEGORY_COLUMNS.items():
            table = data["values"][column]
            self.label_de[column] = {value: table[value][0] for value in ids}
            self.values[column] = mapping = {}
            for value in ids:
                for name in [value, *table[value]]:
                    if mapping.setdefault(header_key(name), value) != value:
                        raise ContentError(f"the value {name!r} is given twice", file=source,
                                           entry=column, fix="keep each label for one value only")

    def choices(self, column):
        """The values a problem message offers, per language (English: the ids and the German labels)."""
        ids = CATEGORY_COLUMNS[column]
        labels = ", ".join(self.label_de[column][v] for v in ids)
        return {"allowed": {"en": f"{', '.join(ids)} (German: {labels})", "de": labels}}


@lru_cache(maxsize=1)
def vocabulary():
    """The log's English/German header and value tables.

    >>> vocabulary().header_de["sent_at"], vocabulary().label_de["channel"]["in_person"]
    ('Gesendet am', 'Persönlich')
    """
    return _Vocabulary(load_bundled("log_vocabulary.yaml"))


# ---------------------------------------------------------------------------------------------
# Validation: from a raw table (headers as written) to the log's columns and dtypes


class _Problems:
    """Problems found column by column, reported by line and then column order."""

    def __init__(self, lines, labels, limit):
        self.lines, self.labels, self.limit = lines, labels, limit
        self.parts = []

    def add(self, mask, column, values, key, /, **texts):
        """Report the rows in ``mask``: the text ``log.problems.<key>`` filled with ``texts``."""
        import numpy as np

        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        if len(positions):
            self.parts.append((positions, LOG_COLUMNS.index(column), column, values, (key, texts)))

    def __bool__(self):
        return bool(self.parts)

    def error(self, source):
        import numpy as np

        positions = np.concatenate([p[0] for p in self.parts])
        order = np.concatenate([np.full(len(p[0]), p[1]) for p in self.parts])
        part = np.concatenate([np.full(len(p[0]), i) for i, p in enumerate(self.parts)])
        ranking = np.lexsort((order, positions))
        limit = len(ranking) if self.limit is None else self.limit
        problems = []
        for i in ranking[:limit]:
            _, _, column, values, (key, texts) = self.parts[part[i]]
            position = positions[i]
            line = None if self.lines is None else int(self.lines[position])
            value = None if values is None else values.iloc[position] if hasattr(values, "iloc") else values[position]
            if key == "channel_as_source":
                texts = {**texts, "value": {"en": repr(_plain(value)), "de": f"„{_plain(value)}“"}}
            problems.append(problem(line, self.labels.get(column, column), _plain(value), key, **texts))
        return LogError(problems, source=source, truncated=len(ranking) > limit)


def _plain(value):
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return str(value)
    return value.item() if hasattr(value, "item") else value


def _keeps_type(column, series):
    """Whether a column's own dtype is used as it is (datetimes, numbers) instead of its text."""
    import pandas as pd

    if column in TIMESTAMP_COLUMNS:
        return pd.api.types.is_datetime64_any_dtype(series.dtype)
    return column == "referrals" and pd.api.types.is_numeric_dtype(series.dtype) \
        and not pd.api.types.is_bool_dtype(series.dtype)


def _timestamps(values, raw, column, problems, blank):
    """Timestamps from a datetime64 column or from text (:class:`CellText`, ISO or German), each
    distinct text parsed once."""
    import numpy as np
    import pandas as pd

    if isinstance(values, CellText):
        if blank.all():  # an empty column: nothing to parse
            return pd.Series(np.full(len(values), np.datetime64("NaT"), dtype="datetime64[ns]"), copy=False)
        codes, uniques = values.factorize()
        stamps, bad, outside = (found[codes] for found in _dates(uniques))
    else:
        if isinstance(values.dtype, pd.DatetimeTZDtype):
            values = values.dt.tz_localize(None)
        stamps = values.to_numpy()  # in the column's own unit: year 3000 does not fit in nanoseconds
        bad, outside = np.zeros(len(values), dtype=bool), _outside_years(stamps)
    return pd.Series(_checked_dates(stamps, bad, outside, column, raw, problems), copy=False)


def _dates(texts):
    """The timestamps of texts (ISO or German), where a text is no date, and where a date lies
    outside the years a log may hold."""
    stamps, bad = parse_dates(texts)
    return stamps, bad, _outside_years(stamps)


def _outside_years(stamps):
    """Where datetime64 values (of any unit) lie outside the years a log may hold."""
    import numpy as np

    low, high = (np.datetime64(f"{year}-01-01").astype(stamps.dtype).view("i8") for year in (_YEARS[0], _YEARS[1] + 1))
    values = stamps.view("i8")  # NaT is the smallest integer
    if not len(values) or values.max() < high and np.count_nonzero(values < low) == np.count_nonzero(values == _NAT):
        return np.zeros(len(values), dtype=bool)  # the usual case: none is outside
    return (values != _NAT) & ((values < low) | (values >= high))


def _checked_dates(stamps, bad, outside, column, raw, problems):
    """Report the dates that are not dates or outside the years; the others to the second."""
    import numpy as np

    problems.add(bad, column, raw, "not_a_date")
    problems.add(outside, column, raw, "year_outside", low=_YEARS[0], high=_YEARS[1])
    dropped = bad | outside
    if dropped.any():
        stamps = np.where(dropped, np.datetime64("NaT"), stamps)
    kept = stamps.astype("datetime64[ns]")  # a new array, whatever the unit given
    nanoseconds = kept.view("i8")
    below = nanoseconds % 1_000_000_000  # a time to the second has none (NaT's remainder is not 0)
    below[nanoseconds == _NAT] = 0
    if below.any():
        nanoseconds -= below
    return kept


def _category(text, raw, column, problems, vocab):
    """A category column from its :class:`CellText`, each distinct text looked up once."""
    import pandas as pd

    codes, uniques = text.factorize()
    found = _category_codes(column, uniques, codes, raw, problems, vocab)
    return pd.Series(pd.Categorical.from_codes(found, categories=CATEGORY_COLUMNS[column]))


def _category_codes(column, uniques, codes, raw, problems, vocab):
    """Each row's value (``uniques[codes]``, English or German) as its position in
    ``CATEGORY_COLUMNS[column]`` (-1 when empty); unknown values are reported. A code of -1 (a
    missing value) reads the last entry of each table below."""
    import numpy as np

    mapping = vocab.values[column]
    ids = [mapping.get(header_key(u)) if u else "" for u in uniques]
    unknown = np.array([i is None for i in ids] + [False], dtype=bool)
    channels = vocab.values["channel"]
    channel = np.array([column == "source" and i is None and header_key(u) in channels
                        for u, i in zip(uniques, ids)] + [False], dtype=bool)
    choices = vocab.choices(column)
    problems.add(channel[codes], column, raw, "channel_as_source", **choices)
    problems.add((unknown & ~channel)[codes], column, raw, "unknown_value",
                 column={"en": column, "de": f"„{vocab.header_de[column]}“"}, **choices)
    order = {value: code for code, value in enumerate(CATEGORY_COLUMNS[column])}
    table = np.array([order.get(i, -1) for i in ids] + [-1], dtype=np.int8)
    return table[codes]


def _referrals(values, raw, problems, blank):
    import numpy as np
    import pandas as pd

    if isinstance(values, CellText):
        codes, uniques = values.factorize()
        number, given = _numbers(uniques)[codes], ~blank
    else:
        number, given = values.to_numpy(dtype="float64", na_value=np.nan), ~blank  # a number dtype
    counts = _checked_referrals(number, given, raw, problems)
    return pd.Series(pd.arrays.IntegerArray(counts, np.zeros(len(counts), dtype=bool)), copy=False)


def _numbers(texts):
    """The numbers written in texts ("2", "2,0"), NaN where a text is none."""
    import numpy as np
    import pandas as pd

    return pd.to_numeric(np.array([t.replace(",", ".") for t in texts], dtype=object), errors="coerce").astype("float64")


def _checked_referrals(number, given, raw, problems):
    """Report the given referrals that are not a whole number from 0 to 10,000; the counts (0 when empty)."""
    import numpy as np

    valid = (number >= 0) & (number <= 10_000) & (number == np.floor(number))  # NaN compares false
    bad = given & ~valid
    problems.add(bad, "referrals", raw, "not_referrals")
    return np.where(given & ~bad, number, 0).astype("int64")


def _before(later, earlier):
    """True where ``later`` is before ``earlier`` (datetime64[ns] arrays; NaT never is); a date
    without a time counts as the whole day. Compared as integers (nanoseconds)."""
    import numpy as np

    later, earlier = later.view("i8"), earlier.view("i8")
    found = later < earlier  # nothing is below NaT, the smallest integer
    found &= later != _NAT
    rows = np.flatnonzero(found)
    if len(rows):  # the few rows found: a date without a time on the day itself is not before it
        day = 86_400 * 10**9
        later_day = later[rows] // day
        found[rows[(later[rows] == later_day * day) & (later_day == earlier[rows] // day)]] = False
    return found


def _first(stamps, otherwise):
    import numpy as np

    return np.where(np.isnat(stamps), otherwise, stamps)


def _check_rows(stamps, response, blank, cells, problems, vocab):
    """The rules across a row's fields, on numpy arrays (``stamps`` datetime64 per column,
    ``response`` codes): required fields, the order of the dates, a response exactly with a reply
    and a meeting only after an accepted one."""
    import numpy as np

    problems.add(blank["contact"], "contact", None, "no_contact")
    problems.add(blank["sent_at"], "sent_at", None, "no_sent_at")
    sent, replied, meeting = stamps["sent_at"], stamps["replied_at"], stamps["meeting_at"]
    checks = [
        ("followed_up_at", sent, "before_sent"),
        ("replied_at", sent, "before_sent"),
        ("meeting_at", _first(replied, sent), "before_reply"),
        ("thank_you_at", _first(_first(meeting, replied), sent), "before_meeting"),
    ]
    for column, earlier, key in checks:
        problems.add(_before(stamps[column], earlier), column, cells[column], key)
    has_reply, has_response = ~np.isnat(replied), response >= 0
    problems.add(has_response & blank["replied_at"], "replied_at", None, "response_without_reply")
    problems.add(has_reply & blank["response"], "response", None, "reply_without_response",
                 **vocab.choices("response"))
    not_accepted = (response != RESPONSES.index("accepted")) & (has_response | blank["response"])
    problems.add(~np.isnat(meeting) & not_accepted, "meeting_at", cells["meeting_at"], "meeting_not_accepted")


def _content_ids(frame):
    import pandas as pd

    keys = frame[["student", "contact", "organisation", "channel", "template"]].astype(str)
    keys["sent_at"] = frame["sent_at"].astype(str)
    hashes = pd.util.hash_pandas_object(keys, index=False).to_numpy()
    return [f"h{h:016x}" for h in hashes]


def _map_headers(raw, vocab, problems_out):
    """Map the raw headers to log columns; return {column: raw column position} and header labels."""
    positions, labels = {}, {}
    for position, header in enumerate(raw.columns):
        name = "" if header is None else str(header).strip()
        if not name or name.startswith("Unnamed: "):
            if not CellText.of(raw.iloc[:, position]).blank.all():
                problems_out.append((position, header, "no_header", {}))
            continue
        column = vocab.headers.get(header_key(name))
        if column is None:
            problems_out.append((position, name, "unknown_column",
                                 {"columns": {"en": ", ".join(LOG_COLUMNS),
                                              "de": ", ".join(vocab.header_de[c] for c in LOG_COLUMNS)}}))
        elif column in positions:
            problems_out.append((position, name, "column_twice", {"other": repr(labels[column])}))
        else:
            positions[column], labels[column] = position, name
    return positions, labels


def normalise(raw, lines=None, *, header_line=1, source=None, max_problems=MAX_PROBLEMS):
    """Validate a raw table (headers as written) and return the log frame with fixed dtypes.

    ``lines`` gives each row's line in the file (None when the rows come from no file). This is
    the single set of rules used by :func:`read_log` and by :class:`~infoview.log.store.OutreachLog`
    (one row at a time through :func:`normalise_row`, which calls the same rule functions).
    """
    import numpy as np
    import pandas as pd

    vocab = vocabulary()
    raw = raw.reset_index(drop=True)
    header_problems = []
    positions, labels = _map_headers(raw, vocab, header_problems)
    for column in REQUIRED_COLUMNS:
        if column not in positions:
            header_problems.append((len(raw.columns), None, "missing_column",
                                    {"column": repr(column), "header": repr(vocab.header_de[column])}))
    if header_problems:
        header_at = header_line if lines is not None else None
        limit = len(header_problems) if max_problems is None else max_problems
        raise LogError([problem(header_at, None if name is None else str(name), None, key, **texts)
                        for _, name, key, texts in sorted(header_problems, key=lambda p: p[0])[:limit]],
                       source=source, truncated=len(header_problems) > limit)

    cells = {column: raw.iloc[:, position] for column, position in positions.items()}
    n, counted = len(raw), None
    values = {}
    if "outreach_id" in cells:  # the ids first, to count them beside the rest
        values["outreach_id"] = CellText.of(cells["outreach_id"])
        if n >= _BACKGROUND_FROM and not values["outreach_id"].blank.any():
            counted = in_background(values["outreach_id"].distinct)
    rest = [column for column in cells if column not in values]
    values.update(zip(rest, each(lambda c: cells[c] if _keeps_type(c, cells[c]) else CellText.of(cells[c]), rest,
                                 threaded=n >= _BACKGROUND_FROM)))
    blanks = {c: v.blank if isinstance(v, CellText) else v.isna().to_numpy() for c, v in values.items()}
    if n:
        empty = np.logical_and.reduce(list(blanks.values()))
        if empty.any():
            keep = ~empty
            cells = {c: v[keep].reset_index(drop=True) for c, v in cells.items()}
            values = {c: v.take(keep) if isinstance(v, CellText) else v[keep].reset_index(drop=True)
                      for c, v in values.items()}
            blanks = {c: v[keep] for c, v in blanks.items()}
            lines = None if lines is None else np.asarray(lines)[keep]
            n = int(keep.sum())
    for column in LOG_COLUMNS:
        if column not in values:
            cells[column], values[column] = pd.Series([""] * n, dtype=object), CellText.empty(n)
            blanks[column] = values[column].blank

    problems = _Problems(lines, labels, max_problems)

    def column_of(column):
        if column in TEXT_COLUMNS:
            return values[column].strings()
        if column in TIMESTAMP_COLUMNS:
            return _timestamps(values[column], cells[column], column, problems, blanks[column])
        if column in CATEGORY_COLUMNS:
            return _category(values[column], cells[column], column, problems, vocab)
        return _referrals(values[column], cells["referrals"], problems, blanks[column])

    frame = pd.DataFrame(dict(zip(LOG_COLUMNS, each(column_of, LOG_COLUMNS, threaded=n >= _BACKGROUND_FROM))),
                         index=pd.RangeIndex(n), copy=False)
    blank = blanks

    _check_rows({c: frame[c].to_numpy() for c in TIMESTAMP_COLUMNS}, frame["response"].cat.codes.to_numpy(),
                blank, cells, problems, vocab)

    missing_id = blank["outreach_id"]
    if missing_id.any():
        frame.loc[missing_id, "outreach_id"] = _content_ids(frame.loc[missing_id])
    if missing_id.any() or (counted or values["outreach_id"].distinct)() < n:
        duplicate = frame["outreach_id"].duplicated(keep="first").to_numpy()
    else:  # every id differs: nothing to look for
        duplicate = np.zeros(n, dtype=bool)
    problems.add(duplicate & ~missing_id, "outreach_id", frame["outreach_id"], "id_twice")
    problems.add(duplicate & missing_id, "outreach_id", None, "row_twice")
    if problems:
        raise problems.error(source)
    return frame


# ---------------------------------------------------------------------------------------------
# One row: the same rules on plain values, without building a frame (a change in the log store)


def normalise_row(row):
    """One row, a mapping of log columns to values as given (a missing column is empty), checked
    by the rules of :func:`normalise` without the cost of a frame: a dict of the row's values as
    normalise gives them (None for a missing one), or None for an empty row (normalise drops it).
    Raises the :class:`~infoview.errors.LogError` that normalise raises for the same one-row frame.

    >>> row = normalise_row({"contact": "Lena Kurz", "sent_at": "03.03.2025", "channel": "Mail"})
    >>> row["channel"], row["sent_at"], row["response"], row["referrals"]
    ('email', Timestamp('2025-03-03 00:00:00'), None, 0)
    """
    import numpy as np
    import pandas as pd

    unknown = sorted(set(row) - set(LOG_COLUMNS))
    if unknown:
        raise LogError([problem(None, name, None, "unknown_field", columns=", ".join(LOG_COLUMNS))
                        for name in unknown])
    cells = {column: [row.get(column)] for column in LOG_COLUMNS}
    text = {column: "" if _missing(cell[0]) else clean_cell(cell[0]) for column, cell in cells.items()}
    if not any(text.values()):
        return None
    vocab, problems = vocabulary(), _Problems(None, {}, MAX_PROBLEMS)
    codes_of_row = np.zeros(1, dtype=np.intp)  # the row's value is the first (and only) unique one
    blank = {column: np.array([not value]) for column, value in text.items()}
    parsed = _dates([text[column] for column in TIMESTAMP_COLUMNS])  # one parse for all of the row's dates
    stamps, codes, out = {}, {}, dict(text)
    for at, column in enumerate(TIMESTAMP_COLUMNS):
        stamps[column] = _checked_dates(*(found[at:at + 1] for found in parsed), column, cells[column], problems)
        out[column] = None if np.isnat(stamps[column][0]) else pd.Timestamp(stamps[column][0])
    for column, ids in CATEGORY_COLUMNS.items():
        codes[column] = _category_codes(column, [text[column]], codes_of_row, cells[column], problems, vocab)
        out[column] = ids[codes[column][0]] if codes[column][0] >= 0 else None
    number = _numbers([text["referrals"]])
    out["referrals"] = int(_checked_referrals(number, ~blank["referrals"], cells["referrals"], problems)[0])
    _check_rows(stamps, codes["response"], blank, cells, problems, vocab)
    if problems:
        raise problems.error(None)
    if not text["outreach_id"]:
        keys = {column: [out[column]] for column in ("student", "contact", "organisation", "template")}
        out["outreach_id"] = _content_ids(pd.DataFrame({
            **keys, "channel": pd.Categorical.from_codes(codes["channel"], categories=CHANNELS),
            "sent_at": stamps["sent_at"]}))[0]
    return out


def _missing(value):
    """Whether a cell is missing (None, NaN, NaT, NA), as pandas reads it."""
    import pandas as pd

    return value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and bool(pd.isna(value)))
