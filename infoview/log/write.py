"""Writing outreach logs to CSV or Excel, safely, and pseudonymising them for an instructor.

Formats: ``"csv"`` (UTF-8, ``,``, ISO dates), ``"excel-de"`` (German Excel: ``;``, UTF-8 with
BOM, ``DD.MM.YYYY`` dates, German headers and values) and ``"xlsx"``. Every text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe so
that no spreadsheet runs it as a formula (CWE-1236); :func:`~infoview.log.read.read_log`
removes that apostrophe again.

>>> neutralise("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> scrub("Write to lena.kurz@example.org or call +49 30 1234 5678.")
'Write to [email] or call [phone].'

With ``pseudonymize=True`` contacts become "Contact 1a2b3c4d" (a keyed hash with a new random
key for every export, so the same person has the same pseudonym within one file but cannot be
followed from one export to the next), notes are dropped, contact names written in the student,
organisation, role and template cells are replaced by the pseudonym, email addresses and phone
numbers are removed from every text cell, and an ``outreach_id`` that holds one is replaced by
a keyed hash.
"""

import csv
import hashlib
import hmac
import os
import re
import secrets
import tempfile
from pathlib import Path

from .read import CATEGORY_COLUMNS, TEXT_COLUMNS, TIMESTAMP_COLUMNS, vocabulary

__all__ = ["FORMATS", "write_log", "export_frame", "neutralise", "scrub", "pseudonym"]

FORMATS = ("csv", "excel-de", "xlsx")
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_EMAIL_AT = re.compile(r"[\w.+-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[\w-]+)+", re.I)
_MAYBE_CONTACT = re.compile(r"@|\(at\)|\[at\]|(?:\d\D*){7}", re.I).search
_PHONE = re.compile(r"(?<![\w.])(?:\+|00)?\(?\d[\d\s()./-]{4,}\d(?![\w])")


def neutralise(text):
    """Prefix an apostrophe to text that a spreadsheet could run as a formula."""
    return "'" + text if isinstance(text, str) and text.startswith(_DANGEROUS) else text


_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{1,2}/\d{1,2}/\d{2,4}")


def _phone(match):
    text = match.group()
    if sum(ch.isdigit() for ch in text) < 7 or _DATE.fullmatch(text.strip()):
        return text
    return "[phone]"


def scrub(text):
    """Replace email addresses and phone numbers (7 digits or more) in ``text``."""
    if not isinstance(text, str) or not _MAYBE_CONTACT(text):
        return text
    text = _EMAIL.sub("[email]", text)
    text = _EMAIL_AT.sub("[email]", text)
    return _PHONE.sub(_phone, text)


def _name_key(name):
    return " ".join(name.split()).casefold()


def pseudonym(name, salt, label="Contact"):
    """A stable pseudonym for ``name`` under ``salt`` (bytes): case and spacing do not matter.

    >>> pseudonym("Lena Kurz", b"k") == pseudonym(" lena  KURZ", b"k") != pseudonym("Lena Kurz", b"j")
    True
    """
    digest = hmac.new(salt, _name_key(name).encode("utf-8"), hashlib.sha256).hexdigest()
    return f"{label} {digest[:8]}"


def _map_unique(series, function):
    import pandas as pd

    codes, uniques = pd.factorize(series)
    if not len(uniques):
        return series
    table = pd.Series([function(u) for u in uniques], dtype=object).to_numpy()
    return pd.Series(table[codes], index=series.index, dtype=object)


def _pseudonymise(frame, salt, label):
    frame = frame.drop(columns=["notes"]).copy()
    names = {name: pseudonym(name, salt, label) for name in frame["contact"].unique() if name}
    frame["contact"] = frame["contact"].map(lambda name: names.get(name, name))
    pattern = None
    if names:
        alternatives = sorted({re.escape(" ".join(n.split())).replace(r"\ ", r"\s+") for n in names},
                              key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.I)
        by_key = {_name_key(n): p for n, p in names.items()}

    def clean(text):
        if pattern is not None:
            text = pattern.sub(lambda m: by_key.get(_name_key(m.group()), label), text)
        return scrub(text)

    for column in ("student", "organisation", "role", "template"):
        frame[column] = _map_unique(frame[column], clean)
    frame["outreach_id"] = _map_unique(
        frame["outreach_id"],
        lambda i: i if scrub(i) == i else "id-" + hmac.new(salt, i.encode(), hashlib.sha256).hexdigest()[:12])
    return frame


def _format_stamps(series, german):
    """Dates as text: the date alone at midnight, else with minutes (and seconds when not zero)."""
    import numpy as np
    import pandas as pd

    values = series.to_numpy(dtype="datetime64[ns]")
    present = ~np.isnat(values)
    midnight = present & (values == values.astype("datetime64[D]"))
    minute = present & ~midnight & (values == values.astype("datetime64[m]"))
    out = np.full(len(values), "", dtype=object)
    for mask, unit in ((midnight, "D"), (minute, "m"), (present & ~midnight & ~minute, "s")):
        if mask.any():
            iso = np.datetime_as_string(values[mask], unit=unit).tolist()
            if german:
                out[mask] = [f"{t[8:10]}.{t[5:7]}.{t[:4]}{t[10:].replace('T', ' ')}" for t in iso]
            else:
                out[mask] = [t.replace("T", " ") for t in iso]
    return pd.Series(out, index=series.index, dtype=object)


def export_frame(frame, *, pseudonymize=False, format="csv", salt=None):
    """The table as it will be written: text cells neutralised, names and values per ``format``.

    For ``"xlsx"`` the timestamps stay datetimes (Excel date cells); otherwise every cell is text.
    """
    import pandas as pd

    from .read import read_log

    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    frame = read_log(frame)
    german = format == "excel-de"
    if pseudonymize:
        frame = _pseudonymise(frame, salt if salt is not None else secrets.token_bytes(16),
                              "Kontakt" if german else "Contact")
    vocab = vocabulary()
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        series = frame[column]
        if column in TIMESTAMP_COLUMNS:
            out[column] = series if format == "xlsx" else _format_stamps(series, german)
        elif column in CATEGORY_COLUMNS:
            labels = vocab.label_de[column] if german else {v: v for v in CATEGORY_COLUMNS[column]}
            out[column] = series.map(labels).astype(object).where(series.notna(), "")
        elif column in TEXT_COLUMNS:
            out[column] = _map_unique(series, neutralise)
        else:
            out[column] = series.astype("int64") if format == "xlsx" else series.astype("int64").astype(str)
    if german:
        out.columns = [vocab.header_de[c] for c in out.columns]
    return out


def _infer_format(path):
    return "xlsx" if Path(path).suffix.lower() in (".xlsx", ".xlsm") else "csv"


def write_log(frame, path, *, pseudonymize=False, format=None, salt=None):
    """Write an outreach log (a frame or anything :func:`read_log` takes) to ``path``; return the path.

    ``format`` is ``"csv"``, ``"excel-de"`` or ``"xlsx"`` (default: from the file's suffix). The
    file is written to a temporary name first and then moved into place, so a failed export never
    leaves half a file. ``salt`` fixes the pseudonyms (by default a random one for each export).
    """
    path = Path(path)
    format = format or _infer_format(path)
    table = export_frame(frame, pseudonymize=pseudonymize, format=format, salt=salt)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)  # the permissions of any new file, not mkstemp's 0600
    try:
        if format == "xlsx":
            _write_xlsx(table, temporary)
        elif format == "excel-de":
            _write_csv(table, temporary, separator=";", encoding="utf-8-sig", newline="\r\n")
        else:
            _write_csv(table, temporary, separator=",", encoding="utf-8", newline="\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _write_csv(table, path, *, separator, encoding, newline):
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=separator, lineterminator=newline)
        writer.writerow(list(table.columns))
        writer.writerows(zip(*(table[c].tolist() for c in table.columns)))


def _write_xlsx(table, path):
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "outreach_log"
    sheet.append(list(table.columns))
    kinds = {c: ("stamp" if c in TIMESTAMP_COLUMNS else "number" if c == "referrals" else "text")
             for c in table.columns}
    columns = [table[c].tolist() for c in table.columns]
    for values in zip(*columns):
        row = []
        for column, value in zip(table.columns, values):
            if kinds[column] == "stamp":
                row.append(None if value is None or value != value else value.to_pydatetime())
            else:
                row.append(None if value == "" else value)
        sheet.append(row)
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        if kinds[column] == "stamp":
            for cell in sheet[letter][1:]:
                cell.number_format = "yyyy-mm-dd hh:mm"
        elif kinds[column] == "text":
            for cell in sheet[letter][1:]:
                if cell.value is not None:
                    cell.data_type = "s"
        sheet.column_dimensions[letter].width = 22 if kinds[column] != "number" else 10
    sheet.freeze_panes = "A2"
    book.save(path)
