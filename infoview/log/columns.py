"""The outreach log's columns, their English and German names and values
(``infoview/content/log_vocabulary.yaml``), and the one set of rules every log is checked with,
:func:`normalise`, whether it comes from a file (:mod:`.read`), the SQLite store or the hand-ins.

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

A million rows are checked column by column in Arrow and numpy, never row by row: the cells
are cleaned as :class:`~infoview.log.cells.CellText`, and dates, sources, channels and responses
are parsed once per distinct text.
"""

import re
from functools import lru_cache

from ..dates import parse_dates
from ..errors import ContentError, LogError
from ..problems import problem
from ..resources import load_bundled
from .cells import CellText, clean_cell

__all__ = [
    "LOG_COLUMNS", "TEXT_COLUMNS", "TIMESTAMP_COLUMNS", "CATEGORY_COLUMNS", "REQUIRED_COLUMNS",
    "SOURCES", "CHANNELS", "RESPONSES", "MAX_PROBLEMS", "clean_cell", "header_key", "normalise", "vocabulary",
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
            value = values.iloc[position] if values is not None else None
            if key == "channel_as_source":
                texts = {**texts, "value": repr(_plain(value))}
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


def _timestamps(values, raw, column, problems):
    """Timestamps (datetime64[ns], to the second) from a datetime64 column or from text (ISO or German)."""
    import numpy as np
    import pandas as pd

    if isinstance(values, CellText):
        if values.blank.all():  # an empty column: nothing to parse
            return pd.Series(np.full(len(values), np.datetime64("NaT"), dtype="datetime64[ns]"))
        codes, uniques = values.factorize()
        stamps, wrong = parse_dates(uniques)
        stamps, bad = stamps[codes], wrong[codes]
    else:
        if isinstance(values.dtype, pd.DatetimeTZDtype):
            values = values.dt.tz_localize(None)
        stamps, bad = values.to_numpy(), np.zeros(len(values), dtype=bool)  # in the column's own unit
    low, high = np.datetime64(f"{_YEARS[0]}-01-01"), np.datetime64(f"{_YEARS[1] + 1}-01-01")
    out_of_range = ~np.isnat(stamps) & ((stamps < low) | (stamps >= high))
    problems.add(bad, column, raw, "not_a_date")
    problems.add(out_of_range, column, raw, "year_outside", low=_YEARS[0], high=_YEARS[1])
    seconds = np.where(bad | out_of_range, np.datetime64("NaT"), stamps).astype("datetime64[s]")
    return pd.Series(seconds.astype("datetime64[ns]"))


def _category(text, raw, column, problems, vocab):
    import numpy as np
    import pandas as pd

    codes, uniques = text.factorize()
    mapping = vocab.values[column]
    ids = [mapping.get(header_key(u)) if u else "" for u in uniques]
    unknown = np.array([i is None for i in ids], dtype=bool)
    channels = vocab.values["channel"]
    channel = np.array([column == "source" and i is None and header_key(u) in channels
                        for u, i in zip(uniques, ids)], dtype=bool)
    choices = vocab.choices(column)
    problems.add(channel[codes], column, raw, "channel_as_source", **choices)
    problems.add((unknown & ~channel)[codes], column, raw, "unknown_value",
                 column={"en": column, "de": f"„{vocab.header_de[column]}“"}, **choices)
    order = {value: code for code, value in enumerate(CATEGORY_COLUMNS[column])}
    table = np.array([order.get(i, -1) for i in ids], dtype=np.int8)
    return pd.Series(pd.Categorical.from_codes(table[codes], categories=CATEGORY_COLUMNS[column]))


def _referrals(values, raw, problems, blank):
    import numpy as np
    import pandas as pd

    if isinstance(values, CellText):
        codes, uniques = values.factorize()
        table = pd.to_numeric(pd.Series([u.replace(",", ".") for u in uniques], dtype=object),
                              errors="coerce").to_numpy(dtype="float64")
        number = pd.Series(table[codes])
        given = ~blank
    else:
        number = pd.to_numeric(values, errors="coerce").astype("float64").reset_index(drop=True)
        given = values.notna().to_numpy()
    valid = (number.notna() & (number >= 0) & (number <= 10_000) & (number == np.floor(number))).to_numpy()
    bad = given & ~valid
    problems.add(bad, "referrals", raw, "not_referrals")
    return number.where(given & ~bad, 0).astype("int64").astype("Int64")


def _before(later, earlier):
    """True where ``later`` is before ``earlier``; a date without a time counts as the whole day."""
    import numpy as np

    later, earlier = later.to_numpy().view("i8"), earlier.to_numpy().view("i8")  # nanoseconds
    nat, day = np.iinfo(np.int64).min, 86_400 * 10**9
    known = (later != nat) & (earlier != nat)
    if not known.any():
        return known
    later_day = later // day
    date_only = later == later_day * day
    return known & (later < earlier) & ~(date_only & (later_day == earlier // day))


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
    the single set of rules used by :func:`read_log` and by :class:`~infoview.log.store.OutreachLog`.
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
    values, blanks = {}, {}
    for column, series in cells.items():
        if _keeps_type(column, series):
            values[column], blanks[column] = series, series.isna().to_numpy()
        else:
            values[column] = CellText.of(series)
            blanks[column] = values[column].blank
    n = len(raw)
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
    out = {}
    for column in LOG_COLUMNS:
        if column in TEXT_COLUMNS:
            out[column] = pd.Series(values[column].objects(), dtype=object)
        elif column in TIMESTAMP_COLUMNS:
            out[column] = _timestamps(values[column], cells[column], column, problems)
        elif column in CATEGORY_COLUMNS:
            out[column] = _category(values[column], cells[column], column, problems, vocab)
        else:
            out[column] = _referrals(values[column], cells["referrals"], problems, blanks[column])
    frame = pd.DataFrame(out, index=pd.RangeIndex(n), copy=False)
    blank = blanks

    problems.add(blank["contact"], "contact", None, "no_contact")
    problems.add(blank["sent_at"], "sent_at", None, "no_sent_at")
    sent, replied, meeting = frame["sent_at"], frame["replied_at"], frame["meeting_at"]
    checks = [
        ("followed_up_at", sent, "before_sent"),
        ("replied_at", sent, "before_sent"),
        ("meeting_at", replied.combine_first(sent), "before_reply"),
        ("thank_you_at", meeting.combine_first(replied).combine_first(sent), "before_meeting"),
    ]
    for column, earlier, key in checks:
        problems.add(_before(frame[column], earlier), column, cells[column], key)
    has_reply, has_response = replied.notna().to_numpy(), frame["response"].notna().to_numpy()
    problems.add(has_response & blank["replied_at"], "replied_at", None, "response_without_reply")
    problems.add(has_reply & blank["response"], "response", None, "reply_without_response",
                 **vocab.choices("response"))
    not_accepted = frame["response"].ne("accepted").to_numpy() & (has_response | blank["response"])
    problems.add(meeting.notna().to_numpy() & not_accepted, "meeting_at", cells["meeting_at"],
                 "meeting_not_accepted")

    missing_id = blank["outreach_id"]
    if missing_id.any():
        frame.loc[missing_id, "outreach_id"] = _content_ids(frame.loc[missing_id])
    if missing_id.any() or values["outreach_id"].distinct() < n:
        duplicate = frame["outreach_id"].duplicated(keep="first").to_numpy()
    else:  # every id differs: nothing to look for
        duplicate = np.zeros(n, dtype=bool)
    problems.add(duplicate & ~missing_id, "outreach_id", frame["outreach_id"], "id_twice")
    problems.add(duplicate & missing_id, "outreach_id", None, "row_twice")
    if problems:
        raise problems.error(source)
    return frame
