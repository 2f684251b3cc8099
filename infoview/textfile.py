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

Each :class:`~infoview.errors.FileError` carries its text key (``errors.file.<key>``), so that the
public function, widget or command that knows the reader's language says it in German with
:func:`infoview.problems.in_language`.
"""

import csv
import errno
import io
import re
import stat
from pathlib import Path

from .problems import file_error
from .texts import LANGUAGES, text

__all__ = ["MAX_BYTES", "MAX_FIELD", "MAX_COLUMNS", "check_file", "read_bytes", "decode", "csv_records", "separator"]

MAX_BYTES = 50_000_000
"""The largest file read (50 MB): far above a student's or a class's export."""
MAX_FIELD = 100_000
"""The longest single field, in characters."""
MAX_COLUMNS = 1_000
"""The most columns a row may have."""

_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]+")
_CONTROLS = bytes([*range(0, 9), 11, 12, *range(14, 32)])  # control characters that text files do not hold


def check_file(path, kind="file", max_bytes=None):
    """The ``os.stat`` of ``path`` after checking that it is a regular file of at most ``max_bytes``
    (:data:`MAX_BYTES` unless the caller raised it); ``kind`` names the file in messages, one of
    ``errors.kinds`` (``file``, ``log``, ``contacts``, ``bank``)."""
    path = Path(path)
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    try:
        info = path.stat()
    except OSError as error:
        raise file_error("cannot_open", file=path, kind=_kind(kind), reason=_os_reason(error)) from None
    if not stat.S_ISREG(info.st_mode):
        raise file_error("not_regular", file=path)
    if info.st_size > max_bytes:
        raise file_error("too_large", file=path, size=round(info.st_size / 1e6), limit=max_bytes // 1_000_000)
    return info


def read_bytes(path, kind="file", max_bytes=None):
    """The bytes of ``path``, after :func:`check_file`."""
    check_file(path, kind, max_bytes)
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise file_error("cannot_read", file=path, kind=_kind(kind), reason=_os_reason(error)) from None


def _kind(kind):
    return {language: text(f"errors.kinds.{kind}", language) for language in LANGUAGES}


def _os_reason(error):
    """The system's reason for an OSError, in both languages where infoview has a text for it."""
    name = errno.errorcode.get(error.errno or 0, "")
    if name in ("ENOENT", "EACCES", "EISDIR", "ENOTDIR"):
        return {language: text(f"errors.os.{name}", language) for language in LANGUAGES}
    return error.strerror or str(error)


def decode(data, name):
    """``data`` as text: UTF-8 (BOM or not), else Windows-1252; a mix of both is refused with its line.

    UTF-16 with a byte-order mark (as some spreadsheet programs write "Unicode text") is read too.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise file_error("not_utf16", file=name) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    head = data[:65536]
    controls = len(head) - len(head.translate(None, _CONTROLS))
    if b"\x00" in head or controls > max(8, len(head) // 100):
        raise file_error("not_text", file=name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = error.start
    valid_utf8 = any(_is_utf8(run.group()) for run in _NON_ASCII_RUN.finditer(data))
    if valid_utf8:
        raise file_error("mixed_encodings", file=name, line=data.count(b"\n", 0, bad) + 1)
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise file_error("unknown_encoding", file=name, line=data.count(b"\n", 0, error.start) + 1) from None


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
                raise file_error("too_many_columns", file=name, line=previous + 1, count=len(record),
                                 limit=MAX_COLUMNS)
            if record:
                records.append(record)
                lines.append(previous + 1)
            previous = reader.line_num
    except csv.Error as error:
        raise file_error("not_csv", file=name, line=previous + 1, error=str(error), limit=MAX_FIELD) from None
    finally:
        csv.field_size_limit(limit)
    return records, lines
