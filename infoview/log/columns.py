"""The outreach log format: its columns, and reading and validating logs from files or DataFrames.

The CSV header and the DataFrame columns are the same, :data:`LOG_COLUMNS`. :func:`read_log`
accepts CSV (``,``, ``;`` or tab; UTF-8, UTF-8 with BOM, UTF-16 or Windows-1252), Excel
(.xlsx), Parquet and DataFrames, with English or German headers and values, and returns a
validated frame with fixed dtypes. German headers and values are listed in
``infoview/content/log_vocabulary.yaml``.

>>> import pandas as pd
>>> frame = read_log(pd.DataFrame({"Kontakt": ["Dr. Lena Kurz"], "Gesendet am": ["03.03.2025 09:15"],
...                                "Kanal": ["E-Mail"], "Quelle": ["Alumni"]}))
>>> frame.loc[0, ["contact", "channel", "source"]].tolist()
['Dr. Lena Kurz', 'email', 'alumni']
>>> frame.loc[0, "sent_at"]
Timestamp('2025-03-03 09:15:00')
>>> try:
...     read_log(pd.DataFrame({"contact": ["Ada"], "sent_at": ["2025-03-03"], "response": ["maybe"]}))
... except LogError as error:
...     problem = error.problems[0]
>>> problem.line, problem.column, problem.value
(2, 'response', 'maybe')

Rules beyond the types: ``sent_at <= followed_up_at``; ``sent_at <= replied_at <= meeting_at
<= thank_you_at`` (a date without a time counts as the whole day); ``response`` is set exactly
when ``replied_at`` is; ``meeting_at`` only with an accepted response; ``referrals`` is a whole
number >= 0 (empty means 0); ``outreach_id`` is unique. An empty ``outreach_id`` gets an id
derived from the row's content (student, contact, organisation, channel, template, sent_at), so
the same row always gets the same id. Times are kept to the second.
"""

import csv
import datetime as _dt
import io
import re
from functools import lru_cache
from pathlib import Path

from ..errors import ContentError, LogError, Problem
from ..resources import load_bundled

__all__ = [
    "LOG_COLUMNS", "TEXT_COLUMNS", "TIMESTAMP_COLUMNS", "CATEGORY_COLUMNS", "REQUIRED_COLUMNS",
    "SOURCES", "CHANNELS", "RESPONSES", "MAX_PROBLEMS", "read_log", "check_log", "normalise", "vocabulary",
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
_NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")
_ISO = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?"
_GERMAN = (r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4}|\d{2})"
           r"(?:,?\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?")
_DATE_FIX = "write it as 2025-03-14 or 14.03.2025, optionally with a time such as 14:30"


def _key(text):
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
                if self.headers.setdefault(_key(name), column) != column:
                    raise ContentError(f"the header {name!r} is given for two columns", file=source,
                                       entry=column, fix="keep each header for one column only")
        self.label_de, self.values = {}, {}
        for column, ids in CATEGORY_COLUMNS.items():
            table = data["values"][column]
            self.label_de[column] = {value: table[value][0] for value in ids}
            self.values[column] = mapping = {}
            for value in ids:
                for name in [value, *table[value]]:
                    if mapping.setdefault(_key(name), value) != value:
                        raise ContentError(f"the value {name!r} is given twice", file=source,
                                           entry=column, fix="keep each label for one value only")

    def allowed(self, column):
        ids = CATEGORY_COLUMNS[column]
        return f"{', '.join(ids)} (German: {', '.join(self.label_de[column][v] for v in ids)})"


@lru_cache(maxsize=1)
def vocabulary():
    """The log's English/German header and value tables.

    >>> vocabulary().header_de["sent_at"], vocabulary().label_de["channel"]["in_person"]
    ('Gesendet am', 'Persönlich')
    """
    return _Vocabulary(load_bundled("log_vocabulary.yaml"))


# ---------------------------------------------------------------------------------------------
# Public entry points


def read_log(path_or_dataframe):
    """Read and validate an outreach log; return a DataFrame with the columns :data:`LOG_COLUMNS`.

    Raises :class:`~infoview.errors.LogError` listing every problem (up to :data:`MAX_PROBLEMS`),
    each with the file line (the header is line 1; for a DataFrame, row position + 2).
    """
    return _read(path_or_dataframe)[0]


def check_log(path_or_dataframe, max_problems=None):
    """Validate only; return the list of problems (every one, unless ``max_problems`` is given)."""
    try:
        _read(path_or_dataframe, max_problems=max_problems)
    except LogError as error:
        return error.problems
    return []


def _read(source, max_problems=MAX_PROBLEMS):
    """Return ``(frame, lines)``: the validated frame and each row's line in the file."""
    raw, lines, header_line, name = _load(source, max_problems)
    return normalise(raw, lines, header_line=header_line, source=name, max_problems=max_problems), lines


# ---------------------------------------------------------------------------------------------
# Loading files into raw tables (headers as written, cells as text or as the file's own types)


def _fail(message, source=None, line=None, column=None, value=None):
    raise LogError([Problem(line, column, value, message)], source=source)


def _load(source, limit=MAX_PROBLEMS):
    import numpy as np
    import pandas as pd

    if isinstance(source, pd.DataFrame):
        return source.reset_index(drop=True), np.arange(2, len(source) + 2), 1, None
    if not isinstance(source, (str, Path)):
        _fail(f"read_log takes a file path or a pandas DataFrame, not {type(source).__name__}")
    path = Path(source)
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        _fail(f"the file cannot be opened ({error.strerror or error}); check the path and the file name",
              source=name)
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".numbers"):
        _fail(f"{suffix} files cannot be read; save the log as .xlsx or as CSV (UTF-8)", source=name)
    if data.startswith(b"PK\x03\x04") or suffix in (".xlsx", ".xlsm"):
        return (*_load_excel(path, name), name)
    if data.startswith(b"PAR1") or suffix == ".parquet":
        try:
            frame = pd.read_parquet(path)
        except Exception as error:  # any failure of the Parquet reader is a broken file
            _fail(f"the file cannot be read as Parquet ({error}); export it again", source=name)
        return frame.reset_index(drop=True), np.arange(2, len(frame) + 2), 1, name
    return (*_load_csv(data, name, limit), name)


def _load_excel(path, name):
    import numpy as np
    import openpyxl
    import pandas as pd

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            rows = [(number, row) for number, row in
                    enumerate(book.worksheets[0].iter_rows(values_only=True), start=1)
                    if any(cell is not None and str(cell).strip() for cell in row)]
        finally:
            book.close()
    except Exception as error:  # openpyxl raises many kinds of errors for damaged workbooks
        _fail(f"the file cannot be read as an Excel workbook ({type(error).__name__}); "
              "open it in Excel and save it again as .xlsx, or save it as CSV", source=name)
    if not rows:
        _fail("the first worksheet is empty; it needs a header row such as " + ", ".join(LOG_COLUMNS[:4]) + ", …",
              source=name)
    header_line, header = rows[0]
    width = len(header)
    body = [list(row[:width]) + [None] * (width - len(row)) for _, row in rows[1:]]
    columns = ["" if h is None else str(h) for h in header]
    frame = pd.DataFrame(body, columns=range(width), dtype=object)
    frame.columns = columns
    return frame, np.array([number for number, _ in rows[1:]], dtype=np.int64), header_line


def _decode(data, name):
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        head = data[:65536]
        controls = sum(head.count(bytes([b])) for b in (*range(0, 9), 11, 12, *range(14, 32)))
        if b"\x00" in head or controls > max(8, len(head) // 100):
            _fail("this is not a text file; save the log as CSV (UTF-8) or as an Excel workbook (.xlsx)",
                  source=name)
        encoding = "utf-8"
    for candidate in (encoding, "cp1252") if encoding == "utf-8" else (encoding,):
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    _fail("the file is neither UTF-8 nor Windows-1252 text; save it again as CSV (UTF-8)", source=name)


def _separator(header_line):
    counts = {sep: 0 for sep in (",", ";", "\t")}
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda sep: (counts[sep], sep == ","))
    return best


def _fast_csv(text, separator):
    """Parse with pandas' C reader when every record is one line (the usual case), else None."""
    import numpy as np
    import pandas as pd

    physical = text.count("\n") + (not text.endswith("\n"))
    if "\r" in text.replace("\r\n", ""):
        return None
    try:
        table = pd.read_csv(io.StringIO(text), sep=separator, header=None, dtype=str, keep_default_na=False,
                            na_filter=False, skip_blank_lines=False, engine="c")
    except Exception:  # any parser complaint: the careful reader below finds and reports it
        return None
    if len(table) != physical:
        return None
    header_at = next((i for i in range(len(table)) if table.iloc[i].str.strip().ne("").any()), None)
    if header_at is None:
        return None
    header = ["" if h is None else str(h) for h in table.iloc[header_at]]
    body = table.iloc[header_at + 1:].reset_index(drop=True)
    body.columns = header
    return body, np.arange(header_at + 2, len(table) + 1, dtype=np.int64), header_at + 1


def _csv_records(text, separator):
    """The non-empty records of CSV text and the file line each starts on.

    Raises ``csv.Error`` with ``.line`` set to the line where reading failed.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    records, lines, previous = [], [], 0
    try:
        for record in reader:
            if record:
                records.append(record)
                lines.append(previous + 1)
            previous = reader.line_num
    except csv.Error as error:
        error.line = previous + 1
        raise
    return records, lines


def _load_csv(data, name, limit=MAX_PROBLEMS):
    import numpy as np
    import pandas as pd

    if not data.strip():
        _fail("the file is empty; it needs a header line such as " + ",".join(LOG_COLUMNS), source=name)
    text = _decode(data, name)
    if not text.strip():
        _fail("the file is empty; it needs a header line such as " + ",".join(LOG_COLUMNS), source=name)
    first = next((line for line in io.StringIO(text) if line.strip()), "")
    separator = _separator(first)
    fast = _fast_csv(text, separator)
    if fast is not None:
        return fast
    try:
        records, lines = _csv_records(text, separator)
    except csv.Error as error:
        _fail(f"the file cannot be read as CSV ({error}); save it again from your spreadsheet",
              source=name, line=error.line)
    skip = next((i for i, record in enumerate(records) if any(field.strip() for field in record)), None)
    if skip is None:
        _fail("the file holds no header, only empty cells; it needs a header line such as "
              + ",".join(LOG_COLUMNS), source=name)
    header, header_line = records[skip], lines[skip]
    records, lines = records[skip + 1:], lines[skip + 1:]
    problems = []
    if records and any("\n" in field or "\r" in field for field in records[-1]):
        tail = "".join(text.splitlines(keepends=True)[lines[-1] - 1:])
        try:
            list(csv.reader(io.StringIO(tail, newline=""), delimiter=separator, strict=True))
        except csv.Error as error:
            if "unexpected end of data" in str(error):
                problems.append(Problem(lines[-1], None, None,
                                        'a quotation mark (") opened on this line is never closed; '
                                        "close it or delete it"))
    width = len(header)
    rows = records if all(len(record) == width for record in records) else []
    for record, line in zip(records if rows is not records else (), lines):
        if len(record) > width:
            if any(field.strip() for field in record[width:]):
                problems.append(Problem(line, None, None,
                                        f"the line has {len(record)} fields but the header has {width}; "
                                        "put values that contain the separator in double quotes, "
                                        "or delete the extra fields"))
                continue
            record = record[:width]
        elif len(record) < width:
            record = record + [""] * (width - len(record))
        rows.append(record)
    if problems:
        limit = len(problems) if limit is None else limit
        raise LogError(problems[:limit], source=name, truncated=len(problems) > limit)
    columns = list(zip(*rows)) if rows else [()] * width
    frame = pd.DataFrame({i: np.array(col, dtype=object) for i, col in enumerate(columns)},
                         index=pd.RangeIndex(len(rows)))
    frame.columns = header
    return frame, np.array(lines, dtype=np.int64), header_line


# ---------------------------------------------------------------------------------------------
# Validation: from a raw table to the log's columns and dtypes


class _Problems:
    """Problems found column by column, reported by line and then column order."""

    def __init__(self, lines, labels, limit):
        self.lines, self.labels, self.limit = lines, labels, limit
        self.parts = []

    def add(self, mask, column, values, message):
        import numpy as np

        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        if len(positions):
            self.parts.append((positions, LOG_COLUMNS.index(column), column, values, message))

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
            _, _, column, values, message = self.parts[part[i]]
            position = positions[i]
            line = None if self.lines is None else int(self.lines[position])
            value = values.iloc[position] if values is not None else None
            problems.append(Problem(line, self.labels.get(column, column), _plain(value), message))
        return LogError(problems, source=source, truncated=len(ranking) > limit)


def _plain(value):
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return str(value)
    return value.item() if hasattr(value, "item") else value


def _cell_text(value):
    if isinstance(value, str):
        return str(value).strip()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat(sep=" ") if isinstance(value, _dt.datetime) else value.isoformat()
    return str(value).strip()


def _as_text(raw):
    """Cells as stripped text ("" when empty), with an export's formula guard (a leading ') removed."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    cleaned = [u.strip() if type(u) is str else _cell_text(u.item() if hasattr(u, "item") else u)
               for u in uniques]
    cleaned = [_NEUTRALISED.sub("", u) if u[:1] == "'" else u for u in cleaned]
    table = np.array(cleaned + [""], dtype=object)
    return pd.Series(table[codes], index=raw.index, dtype=object)


def _keeps_type(column, series):
    """Whether a column's own dtype is used as it is (datetimes, numbers) instead of its text."""
    import pandas as pd

    if column in TIMESTAMP_COLUMNS:
        return pd.api.types.is_datetime64_any_dtype(series.dtype)
    return column == "referrals" and pd.api.types.is_numeric_dtype(series.dtype) \
        and not pd.api.types.is_bool_dtype(series.dtype)


_ISO_MATCH = re.compile(_ISO).fullmatch
_GERMAN_FORMATS = ("%d.%m.%Y %H:%M", "%d.%m.%Y", "%d.%m.%Y %H:%M:%S")


def _parse_text_dates(values):
    """Parse stripped ISO and German date strings; return (datetime64 array, bad flags)."""
    import numpy as np
    import pandas as pd

    text = pd.Series(values, dtype=object)
    parsed = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    iso = np.array([_ISO_MATCH(v) is not None for v in values], dtype=bool)
    if iso.any():
        parsed[iso] = pd.to_datetime(text[iso], format="ISO8601", errors="coerce")
    todo = ~iso & (text != "").to_numpy()
    for pattern in _GERMAN_FORMATS:  # the usual German spreadsheet formats at C speed
        if not todo.any():
            break
        found = pd.to_datetime(text[todo], format=pattern, errors="coerce")
        parsed[todo] = found
        todo[todo] = found.isna().to_numpy()
    if todo.any():  # then two-digit years and other spellings of German dates
        rest = text[todo]
        parts = rest.str.extract(f"^{_GERMAN}$").apply(pd.to_numeric, errors="coerce")
        year = parts["year"].where(parts["year"] >= 100, parts["year"] + 2000)
        parsed[rest.index] = pd.to_datetime(
            pd.DataFrame({"year": year, "month": parts["month"], "day": parts["day"],
                          "hour": parts["hour"].fillna(0), "minute": parts["minute"].fillna(0),
                          "second": parts["second"].fillna(0)}),
            errors="coerce")
    return parsed.to_numpy(), ((text != "") & parsed.isna()).to_numpy()


def _timestamps(values, raw, column, problems):
    """Timestamps from a datetime64 column or from text (ISO or German)."""
    import numpy as np
    import pandas as pd

    if values.dtype == object and not values.ne("").any():  # an empty column: nothing to parse
        return pd.Series(np.full(len(values), np.datetime64("NaT"), dtype="datetime64[ns]"), index=values.index)
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        values = values.dt.tz_localize(None)
    if pd.api.types.is_datetime64_dtype(values.dtype):
        parsed = values.astype("datetime64[ns]")
        bad = np.zeros(len(values), dtype=bool)
    else:
        codes, uniques = pd.factorize(values)
        stamps, wrong = _parse_text_dates(list(uniques))
        parsed = pd.Series(stamps[codes] if len(uniques) else stamps, index=values.index)
        bad = wrong[codes] if len(uniques) else wrong
    problems.add(bad, column, raw, f"is not a date; {_DATE_FIX}")
    years = parsed.dt.year
    out_of_range = (parsed.notna() & ((years < _YEARS[0]) | (years > _YEARS[1]))).to_numpy()
    problems.add(out_of_range, column, raw,
                 f"the year is outside {_YEARS[0]}–{_YEARS[1]}; check the date ({_DATE_FIX})")
    return parsed.mask(bad | out_of_range).dt.floor("s")


def _category(text, raw, column, problems, vocab):
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(text)
    mapping = vocab.values[column]
    ids = [mapping.get(_key(u)) if u else "" for u in uniques]
    unknown = np.array([i is None for i in ids] + [False], dtype=bool)
    problems.add(unknown[codes], column, raw, f"unknown {column}; use one of {vocab.allowed(column)}")
    table = np.array([i or None for i in ids] + [None], dtype=object)
    return pd.Series(pd.Categorical(table[codes], categories=CATEGORY_COLUMNS[column]), index=text.index)


def _referrals(values, raw, problems):
    import numpy as np
    import pandas as pd

    if pd.api.types.is_numeric_dtype(values.dtype):
        number = pd.to_numeric(values, errors="coerce").astype("float64")
        given = values.notna().to_numpy()
    else:
        codes, uniques = pd.factorize(values)
        table = pd.to_numeric(pd.Series([u.replace(",", ".") for u in uniques] + [""], dtype=object),
                              errors="coerce").to_numpy(dtype="float64")
        number = pd.Series(table[codes], index=values.index)
        given = (values != "").to_numpy()
    valid = (number.notna() & (number >= 0) & (number <= 10_000) & (number == np.floor(number))).to_numpy()
    bad = given & ~valid
    problems.add(bad, "referrals", raw, "is not a whole number of referrals; write 0, 1, 2, … (empty counts as 0)")
    return number.where(given & ~bad, 0).astype("int64").astype("Int64")


def _before(later, earlier):
    """True where ``later`` is before ``earlier``; a date without a time counts as the whole day."""
    import numpy as np

    if not later.notna().any():
        return np.zeros(len(later), dtype=bool)
    date_only = later == later.dt.normalize()
    same_day = later.dt.normalize() == earlier.dt.normalize()
    return later.notna() & earlier.notna() & (later < earlier) & ~(date_only & same_day)


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
            if _as_text(raw.iloc[:, position]).ne("").any():
                problems_out.append((position, header, "this column has values but no header; "
                                     "give it one of the log's column names, or delete it"))
            continue
        column = vocab.headers.get(_key(name))
        if column is None:
            problems_out.append((position, name, "unknown column; rename it to one of "
                                 + ", ".join(LOG_COLUMNS) + " (or the German header), or delete it"))
        elif column in positions:
            problems_out.append((position, name, f"this column appears twice (also as "
                                 f"{labels[column]!r}); keep one of them"))
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
            header_problems.append((len(raw.columns), None,
                                    f"the required column {column!r} (German: "
                                    f"{vocab.header_de[column]!r}) is missing; add it"))
    if header_problems:
        header_at = header_line if lines is not None else None
        raise LogError([Problem(header_at, None if name is None else str(name), None, message)
                        for _, name, message in sorted(header_problems, key=lambda p: p[0])],
                       source=source)

    cells = {column: raw.iloc[:, position] for column, position in positions.items()}
    values = {column: series if _keeps_type(column, series) else _as_text(series)
              for column, series in cells.items()}
    n = len(raw)
    if n:
        empty = np.ones(n, dtype=bool)
        for series in values.values():
            empty &= series.isna().to_numpy() if series.dtype != object else series.eq("").to_numpy()
        if empty.any():
            keep = ~empty
            cells = {c: v[keep].reset_index(drop=True) for c, v in cells.items()}
            values = {c: v[keep].reset_index(drop=True) for c, v in values.items()}
            lines = None if lines is None else np.asarray(lines)[keep]
            n = int(keep.sum())
    for column in LOG_COLUMNS:
        if column not in values:
            cells[column] = values[column] = pd.Series([""] * n, dtype=object)

    problems = _Problems(lines, labels, max_problems)
    out = {}
    for column in LOG_COLUMNS:
        if column in TEXT_COLUMNS:
            out[column] = values[column]
        elif column in TIMESTAMP_COLUMNS:
            out[column] = _timestamps(values[column], cells[column], column, problems)
        elif column in CATEGORY_COLUMNS:
            out[column] = _category(values[column], cells[column], column, problems, vocab)
        else:
            out[column] = _referrals(values[column], cells["referrals"], problems)
    frame = pd.DataFrame(out, index=pd.RangeIndex(n))
    blank = {column: values[column].isna().to_numpy() if values[column].dtype != object
             else values[column].eq("").to_numpy() for column in ("sent_at", "replied_at", "response")}

    problems.add(frame["contact"].eq(""), "contact", None,
                 "the contact is empty; write the name of the person you contacted")
    problems.add(blank["sent_at"], "sent_at", None, f"the date the outreach was sent is missing; {_DATE_FIX}")
    sent, replied, meeting = frame["sent_at"], frame["replied_at"], frame["meeting_at"]
    checks = [
        ("followed_up_at", sent, "is before the date the outreach was sent; correct one of the two dates"),
        ("replied_at", sent, "is before the date the outreach was sent; correct one of the two dates"),
        ("meeting_at", replied.combine_first(sent), "is before the reply; correct one of the two dates"),
        ("thank_you_at", meeting.combine_first(replied).combine_first(sent),
         "is before the meeting (or the reply); a thank-you comes after the conversation"),
    ]
    for column, earlier, message in checks:
        problems.add(_before(frame[column], earlier), column, cells[column], message)
    has_reply, has_response = replied.notna().to_numpy(), frame["response"].notna().to_numpy()
    problems.add(has_response & blank["replied_at"], "replied_at", None,
                 "a response is given but the reply date is missing; add the date of the reply")
    problems.add(has_reply & blank["response"], "response", None,
                 f"a reply date is given but the response is empty; fill in {vocab.allowed('response')}")
    not_accepted = frame["response"].ne("accepted").to_numpy() & (has_response | blank["response"])
    problems.add(meeting.notna().to_numpy() & not_accepted, "meeting_at", cells["meeting_at"],
                 "a meeting needs an accepted response; set the response to accepted (zugesagt) "
                 "or remove the meeting date")

    missing_id = frame["outreach_id"].eq("")
    if missing_id.any():
        frame.loc[missing_id, "outreach_id"] = _content_ids(frame.loc[missing_id])
    duplicate = frame["outreach_id"].duplicated(keep="first")
    problems.add(duplicate & ~missing_id, "outreach_id", frame["outreach_id"],
                 "this outreach_id appears on an earlier line too; give every row its own id")
    problems.add(duplicate & missing_id, "outreach_id", None,
                 "this row repeats an earlier row (same student, contact, organisation, channel, template "
                 "and sent date); delete the copy or give each row its own outreach_id")
    if problems:
        raise problems.error(source)
    return frame
