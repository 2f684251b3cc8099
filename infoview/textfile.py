"""Reading the text files people export (logs, contact lists): bounded, and decoded without guessing.

A file is read only if it is a regular file under :data:`MAX_BYTES`. It is UTF-8 (with or without
a byte-order mark) or, as German Excel writes it, Windows-1252 when none of its non-ASCII bytes form
UTF-8 characters. A file that mixes both is refused with the first line that breaks: decoding it
either way would silently turn umlauts into garbage.

>>> decode("Grüße\\n".encode("utf-8"), "a.csv")
'Grüße\\n'
>>> decode("Grüße\\n".encode("cp1252"), "a.csv")
'Grüße\\n'
>>> decode("Grüße\\nMüller\\n".encode("utf-8")[:-8] + "Müller\\n".encode("cp1252"), "a.csv")
Traceback (most recent call last):
...
infoview.errors.FileError: a.csv, line 2: the file mixes two text encodings (UTF-8 and Windows-1252), so its umlauts cannot be read reliably. Fix: open it in a spreadsheet program and save it again as CSV (UTF-8).
"""

import csv
import io
import re
import stat
from pathlib import Path

from .errors import FileError

__all__ = ["MAX_BYTES", "MAX_FIELD", "MAX_COLUMNS", "read_bytes", "decode", "csv_records", "separator"]

MAX_BYTES = 50_000_000
"""The largest file read (50 MB): far above a student's or a class's export."""
MAX_FIELD = 100_000
"""The longest single field, in characters."""
MAX_COLUMNS = 1_000
"""The most columns a row may have."""

_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]+")
_CONTROLS = bytes([*range(0, 9), 11, 12, *range(14, 32)])  # control characters that text files do not hold


def read_bytes(path, kind="file", max_bytes=None):
    """The bytes of ``path``, after checking that it is a regular file of at most ``max_bytes``
    (:data:`MAX_BYTES` unless the caller raised it)."""
    path = Path(path)
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    try:
        info = path.stat()
    except OSError as error:
        raise FileError(f"the {kind} cannot be opened ({error.strerror or error})", file=path,
                          fix="check the path and the file name") from None
    if not stat.S_ISREG(info.st_mode):
        raise FileError(f"this is not a regular file, so it is not read", file=path,
                          fix=f"give the path of the {kind} itself")
    if info.st_size > max_bytes:
        raise FileError(f"the file is {info.st_size / 1e6:.0f} MB, over the limit of {max_bytes // 1_000_000} MB",
                          file=path, fix="split it into smaller files")
    try:
        return path.read_bytes()
    except OSError as error:
        raise FileError(f"the {kind} cannot be read ({error.strerror or error})", file=path,
                          fix="check that you may read it") from None


def decode(data, name):
    """``data`` as text: UTF-8 (BOM or not), else Windows-1252; a mix of both is refused with its line.

    UTF-16 with a byte-order mark (as some spreadsheet programs write "Unicode text") is read too.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise FileError("the file claims to be UTF-16 text but is not", file=name,
                            fix="save it again as CSV (UTF-8)") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    head = data[:65536]
    controls = len(head) - len(head.translate(None, _CONTROLS))
    if b"\x00" in head or controls > max(8, len(head) // 100):
        raise FileError("this is not a text file", file=name,
                        fix="save it as CSV (UTF-8) or as an Excel workbook (.xlsx)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = error.start
    valid_utf8 = any(_is_utf8(run.group()) for run in _NON_ASCII_RUN.finditer(data))
    if valid_utf8:
        raise FileError("the file mixes two text encodings (UTF-8 and Windows-1252), so its umlauts cannot "
                          "be read reliably", file=name, line=data.count(b"\n", 0, bad) + 1,
                          fix="open it in a spreadsheet program and save it again as CSV (UTF-8)")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise FileError("the file is neither UTF-8 nor Windows-1252 text", file=name,
                        line=data.count(b"\n", 0, error.start) + 1, fix="save it again as CSV (UTF-8)") from None


def _is_utf8(run):
    try:
        run.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def separator(header_line):
    """The separator a CSV header line uses: comma, semicolon (German Excel) or tab."""
    counts = {sep: 0 for sep in (",", ";", "\t")}
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(counts, key=lambda sep: (counts[sep], sep == ","))


def csv_records(text, sep, name):
    """The records of CSV ``text`` (blank lines left out) and the file line each starts on, within the limits."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    records, lines, previous = [], [], 0
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD)
    try:
        for record in reader:
            if len(record) > MAX_COLUMNS:
                raise FileError(f"the row has {len(record):,} columns, over the limit of {MAX_COLUMNS:,}",
                                  file=name, line=previous + 1, fix="check that this is the right file")
            if record:
                records.append(record)
                lines.append(previous + 1)
            previous = reader.line_num
    except csv.Error as error:
        raise FileError(f"the file cannot be read as CSV ({error})", file=name, line=previous + 1,
                          fix=f"check the quotes on that line; a field may hold at most {MAX_FIELD:,} characters") \
            from None
    finally:
        csv.field_size_limit(limit)
    return records, lines
