"""Writing outreach logs to CSV or Excel, safely, and pseudonymising them for an instructor.

Formats: ``"csv"`` (UTF-8, ``,``, ISO dates), ``"excel-de"`` (German Excel: ``;``, UTF-8 with
BOM, ``DD.MM.YYYY`` dates, German headers and values) and ``"xlsx"``. Every text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (also behind line breaks, spaces,
zero-width characters or a double quote) gets a leading apostrophe so
that no spreadsheet runs it as a formula (CWE-1236); :func:`~infoview.log.read.read_log`
removes that apostrophe again. CSV files quote every field and write line breaks inside a
cell as LF, so that no reader splits a cell into a new row whose first cell nobody checked.

>>> neutralise("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'

With ``pseudonymize=True`` the log is pseudonymised by the policy of :mod:`infoview.log.privacy`:
contacts become "Contact 1a2b3c4d", notes are dropped, and names, email addresses and phone
numbers are removed from the other text cells.
"""

import csv
import secrets
from pathlib import Path

from ..errors import FileError
from ..outfiles import replacing
from ..texts import check_language, text
from .cells import FORMULA_START
from .columns import CATEGORY_COLUMNS, TEXT_COLUMNS, TIMESTAMP_COLUMNS, vocabulary
from .privacy import map_unique, pseudonymise

__all__ = ["FORMATS", "write_log", "export_frame", "neutralise", "write_csv"]

FORMATS = ("csv", "excel-de", "xlsx")


def neutralise(text):
    """Prefix an apostrophe to text that a spreadsheet could run as a formula, also when line
    breaks, spaces, zero-width characters or a double quote stand before the formula sign.

    >>> neutralise("\\n=1+1"), neutralise("\\u200b@x"), neutralise("a=1")
    ("'\\n=1+1", "'\\u200b@x", 'a=1')
    """
    if not isinstance(text, str):
        return text
    return "'" + text if FORMULA_START.match(text) else text


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
        frame = pseudonymise(frame, salt if salt is not None else secrets.token_bytes(16),
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
            out[column] = map_unique(series, neutralise)
        else:
            out[column] = series.astype("int64") if format == "xlsx" else series.astype("int64").astype(str)
    if german:
        out.columns = [vocab.header_de[c] for c in out.columns]
    return out


def _infer_format(path):
    return "xlsx" if Path(path).suffix.lower() in (".xlsx", ".xlsm") else "csv"


def _check_suffix(path, format, language):
    """Refuse a CSV written under a workbook's name (or a workbook under a CSV's): no reader opens it."""
    workbook = _infer_format(path) == "xlsx"
    if workbook != (format == "xlsx"):
        fixed = path.with_suffix(".xlsx" if format == "xlsx" else ".csv").name
        kind = "workbook_as_csv" if format == "xlsx" else "csv_as_workbook"
        raise FileError(text(f"log.export.{kind}", language, format=format, suffix=path.suffix or "–"),
                        file=path.name, fix=text("log.export.mismatch_fix", language, name=fixed))


def write_log(frame, path, *, pseudonymize=False, format=None, salt=None, language="en"):
    """Write an outreach log (a frame or anything :func:`read_log` takes) to ``path``; return the path.

    ``format`` is ``"csv"``, ``"excel-de"`` or ``"xlsx"`` (default: from the file's suffix). The
    file is written whole or not at all (:mod:`infoview.outfiles`), so a failed export never
    leaves half a file. ``salt`` fixes the pseudonyms (by default a random one for each export).
    A format that does not match the file's suffix (a CSV named ``.xlsx``) is refused, in ``language``.
    """
    path = Path(path)
    format = format or _infer_format(path)
    _check_suffix(path, format, check_language(language))
    table = export_frame(frame, pseudonymize=pseudonymize, format=format, salt=salt)
    path.parent.mkdir(parents=True, exist_ok=True)
    if format == "xlsx":
        with replacing(path, suffix=".xlsx") as temporary:
            _write_xlsx(table, temporary)
    elif format == "excel-de":
        write_csv(table, path, separator=";", encoding="utf-8-sig", newline="\r\n")
    else:
        write_csv(table, path, separator=",", encoding="utf-8", newline="\n")
    return path


def _cell(value):
    """A cell as written: line breaks as LF (a lone CR ends the row in most readers), then neutralised."""
    if isinstance(value, str):
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return neutralise(value)
    return value


def write_csv(table, path, *, separator, encoding, newline):
    """Write ``table`` (cells as text) as CSV with its header: the one CSV writer of infoview.

    Safe by construction: every field is quoted, line breaks inside a cell are written as LF and
    every text cell is neutralised (:func:`neutralise`), so no reader starts a cell with a formula.
    The file is written whole or not at all (:func:`~infoview.outfiles.replacing`).
    """
    with replacing(path) as temporary, open(temporary, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=separator, lineterminator=newline, quoting=csv.QUOTE_ALL)
        writer.writerow([_cell(c) for c in table.columns])
        writer.writerows([_cell(c) for c in row] for row in zip(*(table[c].tolist() for c in table.columns)))


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
