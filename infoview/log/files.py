"""Reading log files into tables as they are written, before any column is checked: CSV (``,``,
``;`` or tab; UTF-8, UTF-8 with BOM, UTF-16 or Windows-1252, quoted fields over several lines),
Excel (.xlsx, the first worksheet), Parquet and the logger's SQLite file.

:func:`load_table` is what :func:`~infoview.log.read.read_log` reads; :func:`csv_cells`,
:func:`excel_cells` and :func:`sqlite_cells` give the plain cells of one file, for reading many
files at once (the class's hand-ins). Problems are :class:`~infoview.errors.LogError`, each
saying how to fix the file; the common ones carry a text key, so they can be shown in German.

The module is long because each format's reader sits beside the limits it checks before parsing
(rows, cells, bytes, Parquet kinds, workbook dimensions): split apart, a reader and its bounds
could drift.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "log.csv"
>>> _ = path.write_bytes("Kontakt;Gesendet am\\r\\nJürgen Groß;03.03.2025\\r\\n".encode("cp1252"))
>>> cells = csv_cells(path)
>>> cells.header, cells.rows, cells.lines
(['Kontakt', 'Gesendet am'], [['Jürgen Groß', '03.03.2025']], [2])
"""

import csv
import io
import shutil
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .. import textfile
from ..errors import FileError, LogError
from ..problems import file_problem, problem
from ..texts import LANGUAGES, text
from .columns import LOG_COLUMNS, MAX_PROBLEMS

__all__ = ["MAX_ROWS", "MAX_CELLS", "SQLITE_SUFFIXES", "Cells", "csv_cells", "excel_cells", "load_table",
           "sqlite_cells"]

SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
"""The suffixes of the logger's and the workspace's SQLite files (a file that starts like SQLite is read as one too)."""

MAX_ROWS = 200_000
"""The most rows a log file may have: far above anyone's outreach, checked before the rows are parsed."""
MAX_CELLS = 5_000_000
"""The most cells (rows × columns) a log file may have."""
_STAMP_SECONDS = (-9_214_560_000, 9_214_646_400)  # 1678-01-01 and 2262-01-01, the years datetime64[ns] holds
_SHEET_SCAN_FROM = 2_000_000  # bytes of worksheet XML; a smaller sheet cannot hold too many rows


@dataclass
class Cells:
    """One file's table as written: the header, the rows as lists of cells, each row's line in
    the file and the header's line (for SQLite, row numbers)."""

    header: list
    rows: list
    lines: list
    header_line: int


def _refuse(key, source=None, **values):
    """Raise the problem ``log.problems.<key>`` of the whole file (so it can be shown in German)."""
    raise LogError([problem(None, None, None, key, **values)], source=source)


def load_table(source, limit=MAX_PROBLEMS, max_rows=None):
    """``(raw, lines, header_line, name)``: the table of a file (or DataFrame) as written, each row's
    line in the file, the header's line and the file's name; a :class:`LogError` when the file
    cannot be read as a table. ``limit`` caps the problems of a CSV file's lines; ``max_rows``
    sets the row limit (:data:`MAX_ROWS` by default), and the cell and byte limits in proportion."""
    import numpy as np
    import pandas as pd

    if isinstance(source, pd.DataFrame):
        return source.reset_index(drop=True), np.arange(2, len(source) + 2), 1, None
    if not isinstance(source, (str, Path)):
        _refuse("not_a_path", kind=type(source).__name__)
    rows, cells, size = _limits(max_rows)
    path = Path(source)
    name = str(path)
    suffix = path.suffix.lower()
    if suffix in SQLITE_SUFFIXES or _is_sqlite(path):  # the logger's or the workspace's own file
        table = sqlite_cells(path)
        return (pd.DataFrame(table.rows, columns=table.header, dtype=object), np.asarray(table.lines),
                table.header_line, name)
    data = _read(path, size)
    if suffix in (".xls", ".ods", ".numbers"):
        _refuse("old_format", source=name, suffix=suffix)
    if data.startswith(b"PK\x03\x04") or suffix in (".xlsx", ".xlsm"):
        return (*_load_excel(path, name, rows, cells), name)
    if data.startswith(b"PAR1") or suffix == ".parquet":
        frame = _load_parquet(path, name, rows, cells)
        return frame, np.arange(2, len(frame) + 2), 1, name
    return (*_load_csv(data, name, limit, rows), name)


def _is_sqlite(path):
    """Whether the file is a regular file that starts as every SQLite database does (a FIFO is never opened)."""
    try:
        if not path.is_file():
            return False
        with open(path, "rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _limits(max_rows):
    """``(rows, cells, bytes)`` a file may have: the module's limits, or with ``max_rows`` given,
    that many rows and the cell and byte limits grown in proportion (never below the defaults)."""
    if max_rows is None:
        return MAX_ROWS, MAX_CELLS, textfile.MAX_BYTES
    if isinstance(max_rows, bool) or not isinstance(max_rows, int) or max_rows < 1:
        _refuse("bad_max_rows", rows=MAX_ROWS, value=repr(max_rows))
    scale = max(1.0, max_rows / MAX_ROWS)
    return max_rows, int(MAX_CELLS * scale), int(textfile.MAX_BYTES * scale)


def _read(path, max_bytes=None):
    """The bytes of a log file: a regular file within ``max_bytes``, else a LogError."""
    try:
        return textfile.read_bytes(path, "log", max_bytes)
    except FileError as error:
        raise LogError([file_problem(error)], source=str(path)) from None


def _too_big(what, count, limit, name):
    _refuse("too_big", source=name, count=count, limit=limit,
            what={language: text(f"log.problems.too_big_units.{what}", language) for language in LANGUAGES})


def _load_parquet(path, name, max_rows, max_cells):
    """A Parquet file's table, after checking its size, its columns' kinds and its dates from the metadata."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        file = pq.ParquetFile(path, pre_buffer=True)  # the column chunks read together, not one by one
        rows, schema = file.metadata.num_rows, file.schema_arrow
    except Exception as error:  # any failure of the Parquet reader is a broken file
        _refuse("not_parquet", source=name, error=type(error).__name__)
    if len(schema) > textfile.MAX_COLUMNS:
        _too_big("columns", len(schema), textfile.MAX_COLUMNS, name)
    if rows > max_rows:
        _too_big("rows", rows, max_rows, name)
    if rows * len(schema) > max_cells:
        _too_big("cells", rows * len(schema), max_cells, name)
    for column in schema:
        if pa.types.is_nested(column.type) or pa.types.is_dictionary(column.type) and \
                pa.types.is_nested(column.type.value_type):
            _refuse("nested_column", source=name, column=repr(str(column.name)[:40]))
    try:
        table = file.read()
        if _stamps_fit(table):
            return table.to_pandas(types_mapper=_arrow_strings).reset_index(drop=True)
        # dates as Python objects: a year such as 3000 is then a date to report, not a reader crash
        return table.to_pandas(timestamp_as_object=True, date_as_object=True).reset_index(drop=True)
    except Exception as error:  # any failure of the Parquet reader is a broken file
        _refuse("not_parquet", source=name, error=type(error).__name__)


def _stamps_fit(table):
    """Whether every timestamp in an Arrow table lies in the years that datetime64[ns] holds."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for column in table.columns:
        if pa.types.is_timestamp(column.type) and column.null_count < len(column):
            ends = pc.min_max(column.cast(pa.int64())).as_py()  # in the column's unit, since 1970 (UTC)
            per_second = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}[column.type.unit]
            if ends["min"] < _STAMP_SECONDS[0] * per_second or ends["max"] >= _STAMP_SECONDS[1] * per_second:
                return False
    return True


def _check_sheets(path, name, max_rows, max_cells):
    """Refuse a workbook whose worksheets hold more rows or cells than the limits, counted in the
    compressed XML before any cell is parsed (a 25 MB file can hold three million rows)."""
    with zipfile.ZipFile(path) as book:
        for info in book.infolist():
            if not info.filename.startswith("xl/worksheets/") or info.file_size < _SHEET_SCAN_FROM:
                continue
            rows = cells = 0
            tail = b""
            with book.open(info) as sheet:
                while chunk := sheet.read(1 << 20):
                    block = tail + chunk
                    rows += sum(block.count(t) - tail.count(t) for t in (b"<row ", b"<row>"))
                    cells += sum(block.count(t) - tail.count(t) for t in (b"<c ", b"<c>"))
                    tail = block[-8:]
                    if rows > max_rows + 1:
                        _too_big("rows", rows, max_rows, name)
                    if cells > max_cells:
                        _too_big("cells", cells, max_cells, name)


def _load_excel(path, name, max_rows=None, max_cells=None):
    import numpy as np
    import pandas as pd
    from python_calamine import CalamineWorkbook

    try:
        max_rows, max_cells = max_rows or MAX_ROWS, max_cells or MAX_CELLS
        _check_sheets(path, name, max_rows, max_cells)
        book = CalamineWorkbook.from_path(str(path))
        try:
            sheet = book.get_sheet_by_index(0)
            if sheet.width > textfile.MAX_COLUMNS:
                _too_big("columns", sheet.width, textfile.MAX_COLUMNS, name)
            if sheet.height * sheet.width > max_cells:
                _too_big("cells", sheet.height * sheet.width, max_cells, name)
            rows = [(number, [None if cell == "" else cell for cell in row]) for number, row in
                    enumerate(sheet.to_python(skip_empty_area=False), start=1)
                    if any(cell != "" and str(cell).strip() for cell in row)]
        finally:
            book.close()
    except LogError:
        raise
    except Exception as error:  # the reader raises many kinds of errors for damaged workbooks
        _refuse("not_a_workbook", source=name, error=type(error).__name__)
    if not rows:
        _refuse("empty_sheet", source=name, header=", ".join(LOG_COLUMNS[:4]))
    header_line, header = rows[0]
    width = len(header)
    body = [list(row[:width]) + [None] * (width - len(row)) for _, row in rows[1:]]
    columns = ["" if h is None else str(h) for h in header]
    frame = pd.DataFrame(body, columns=range(width), dtype=object)
    frame.columns = columns
    return frame, np.array([number for number, _ in rows[1:]], dtype=np.int64), header_line


def _decode(data, name):
    try:
        return textfile.decode(data, name)
    except FileError as error:
        raise LogError([file_problem(error)], source=name) from None


def _records(text, separator, name):
    try:
        return textfile.csv_records(text, separator, name)
    except FileError as error:
        raise LogError([file_problem(error)], source=name) from None


def _first_line(text):
    """The first line of ``text`` that is not blank ("" when there is none)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        if not text[start:end].isspace():
            return text[start:end]
        start = end
    return ""


def _utf8(data, text):
    """The UTF-8 bytes of ``text``, the decoded ``data``: ``data`` itself (the byte-order mark is
    skipped by the reader) when it was UTF-8 or plain ASCII, else ``text`` encoded again."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16
        return text.encode("utf-8")
    size = len(data) - 3 * data.startswith(b"\xef\xbb\xbf")
    # Windows-1252 has one character per byte, so fewer characters than bytes means UTF-8
    return data if len(text) < size or text.isascii() else text.encode("utf-8")


def _fast_csv(data, newlines, separator, header):
    """Parse the UTF-8 bytes ``data`` (with ``newlines`` line breaks and the first line ``header``)
    with Arrow's CSV reader when every record is one line of the header's number of fields and
    no field is longer than :data:`~infoview.textfile.MAX_FIELD` (the usual case), else None (the
    careful reader below finds and reports what is unusual). The cells stay in Arrow, as pandas
    strings backed by it, until :func:`~infoview.log.columns.normalise` has checked them."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
        return None
    physical = newlines + (not data.endswith(b"\n"))
    width = header.count(separator) + 1
    try:
        table = pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(autogenerate_column_names=True, use_threads=len(data) > 1 << 20),
            parse_options=pacsv.ParseOptions(delimiter=separator, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(column_types={f"f{i}": pa.string() for i in range(width)},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowException, ValueError):  # any parser complaint: the careful reader finds and reports it
        return None
    if table.num_rows != physical or table.num_columns != width or \
            any(not pa.types.is_string(t) for t in table.schema.types) or \
            any((pc.max(pc.binary_length(column)).as_py() or 0) > textfile.MAX_FIELD for column in table.columns):
        return None
    header_at = next((i for i in range(table.num_rows)
                      if any(cell.strip() for cell in table.slice(i, 1).to_pylist()[0].values())), None)
    if header_at is None:
        return None
    names = list(table.slice(header_at, 1).to_pylist()[0].values())
    body = table.slice(header_at + 1).to_pandas(types_mapper=_arrow_strings).reset_index(drop=True)
    body.columns = names
    return body, np.arange(header_at + 2, table.num_rows + 1, dtype=np.int64), header_at + 1


def _arrow_strings(arrow_type):
    """Arrow strings as pandas strings backed by Arrow (no Python object per cell), for to_pandas."""
    import pandas as pd
    import pyarrow as pa

    return pd.ArrowDtype(arrow_type) if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type) \
        else None


def _load_csv(data, name, limit, max_rows):
    import numpy as np
    import pandas as pd

    if not data or data.isspace():
        _refuse("empty_file", source=name, header=",".join(LOG_COLUMNS))
    text = _decode(data, name)
    if not text or text.isspace():
        _refuse("empty_file", source=name, header=",".join(LOG_COLUMNS))
    encoded = _utf8(data, text)
    newlines = encoded.count(b"\n")
    if newlines > max_rows + 1:
        _too_big("lines", newlines, max_rows, name)
    first = _first_line(text)
    separator = textfile.separator(first)
    if first.count(separator) >= textfile.MAX_COLUMNS:
        raise LogError([problem(1, None, None, "wide_header", count=first.count(separator) + 1,
                                limit=textfile.MAX_COLUMNS)], source=name)
    fast = _fast_csv(encoded, newlines, separator, text[:text.find("\n") if "\n" in text else len(text)])
    if fast is not None:
        return fast
    records, lines = _records(text, separator, name)
    skip = next((i for i, record in enumerate(records) if any(field.strip() for field in record)), None)
    if skip is None:
        _refuse("blank_header", source=name, header=",".join(LOG_COLUMNS))
    header, header_line = records[skip], lines[skip]
    records, lines = records[skip + 1:], lines[skip + 1:]
    problems = []
    if records and any("\n" in field or "\r" in field for field in records[-1]):
        tail = "".join(text.splitlines(keepends=True)[lines[-1] - 1:])
        try:
            list(csv.reader(io.StringIO(tail, newline=""), delimiter=separator, strict=True))
        except csv.Error as error:
            if "unexpected end of data" in str(error):
                problems.append(problem(lines[-1], None, None, "open_quote"))
    width = len(header)
    rows = records if all(len(record) == width for record in records) else []
    for record, line in zip(records if rows is not records else (), lines):
        if len(record) > width:
            if any(field.strip() for field in record[width:]):
                problems.append(problem(line, None, None, "extra_fields", fields=len(record), width=width))
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
# Plain cells of one file, for reading many at once


def csv_cells(path):
    """The cells of a CSV file whose lines all have the header's number of fields, or None when it
    needs the careful reading of :func:`load_table` (empty, ragged lines, a quote left open), which
    explains what is wrong. A :class:`LogError` when the file is not text."""
    data = _read(path)
    if not data or data.isspace():
        return None
    text = _decode(data, Path(path).name)
    if text.count("\n") > MAX_ROWS + 1:
        _too_big("lines", text.count("\n"), MAX_ROWS, Path(path).name)
    first = _first_line(text)
    if first.count(textfile.separator(first)) >= textfile.MAX_COLUMNS:
        return None
    try:
        records, lines = textfile.csv_records(text, textfile.separator(first), path)
    except FileError:
        return None
    start = next((i for i, record in enumerate(records) if any(cell.strip() for cell in record)), None)
    if start is None:
        return None
    header, width = records[start], len(records[start])
    body = records[start + 1:]
    if any(len(record) != width for record in body) or (body and any("\n" in c or "\r" in c for c in body[-1])):
        return None
    return Cells(header, body, lines[start + 1:], lines[start])


def excel_cells(path):
    """The cells of the first worksheet of an Excel workbook (as the calamine reader gives them), or None when
    it cannot be read (then :func:`load_table` says why)."""
    _read_limit(Path(path))
    try:
        raw, lines, header_line = _load_excel(path, Path(path).name)
    except LogError:
        return None
    return Cells(list(raw.columns), raw.to_numpy(dtype=object).tolist(), lines.tolist(), header_line)


def sqlite_cells(path):
    """The cells of the ``outreach`` table of the logger's SQLite file, as text, without touching the
    file: a database whose changes all sit in the file is opened as immutable; one with a
    write-ahead log or a rollback journal beside it is read from a copy, so that SQLite applies
    the log or rolls the unfinished transaction back as it would for its owner."""
    path = Path(path)
    _read_limit(path)
    sides = [side for side in ("-wal", "-journal")
             if (path.with_name(path.name + side)).is_file() and path.with_name(path.name + side).stat().st_size]
    if sides:
        with tempfile.TemporaryDirectory() as temporary:
            copy = Path(temporary) / path.name
            shutil.copyfile(path, copy)
            for side in sides:
                shutil.copyfile(path.with_name(path.name + side), copy.with_name(copy.name + side))
            return _query_sqlite(copy, "mode=rw")
    return _query_sqlite(path, "immutable=1")


def _read_limit(path):
    """Refuse a database that is not a regular file or is over the size limit, before opening it."""
    try:
        textfile.check_file(path, "log")
    except FileError as error:
        raise LogError([file_problem(error)], source=path.name) from None


def _query_sqlite(path, mode):
    db = None
    try:
        db = sqlite3.connect(f"file:{quote(str(path.resolve()))}?{mode}", uri=True)
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "outreach" not in tables:
            _refuse("no_table")
        stored = [row[1] for row in db.execute("PRAGMA table_info(outreach)")]
        columns = [c for c in LOG_COLUMNS if c in stored]
        (count,) = db.execute("SELECT count(*) FROM outreach").fetchone()
        if count > MAX_ROWS:
            _too_big("rows", count, MAX_ROWS, path.name)
        rows = db.execute(f"SELECT {', '.join(columns)} FROM outreach ORDER BY rowid").fetchall()
    except sqlite3.Error as error:
        _refuse("not_sqlite", error=error)
    finally:
        if db is not None:
            db.close()
    body = [["" if cell is None else str(cell) for cell in row] for row in rows]
    return Cells(columns, body, list(range(1, len(body) + 1)), 0)
