"""Reading a student's own network: LinkedIn's ``Connections.csv``, vCard files, Google and Outlook CSV.

:func:`read_contacts` detects the format from the content (never from the file name) and returns
one row per person with the columns of :data:`CONTACT_COLUMNS`. Nothing is added anywhere: the
student chooses whom to keep (``Workspace.add_people`` or the ``ContactImport`` widget).

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "Connections.csv"
>>> _ = path.write_text("Notes:\\n\\"Some emails are hidden.\\"\\n\\n"
...                     "First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
...                     "Jürgen,Weiß,https://www.linkedin.com/in/jweiss,,Stadtwerke Köln,Ingenieur,08 Feb 2026\\n",
...                     encoding="utf-8")
>>> row = read_contacts(path).iloc[0]
>>> row["first_name"], row["organisation"], row["origin"], str(row["connected_on"].date())
('Jürgen', 'Stadtwerke Köln', 'linkedin', '2026-02-08')
"""

from .. import textfile
from ..errors import FileError
from ..problems import file_error, in_language
from ..texts import check_language

__all__ = ["CONTACT_COLUMNS", "ORIGINS", "read_contacts"]

CONTACT_COLUMNS = ["first_name", "last_name", "email", "organisation", "role", "url", "connected_on", "origin"]
ORIGINS = ("linkedin", "vcard", "google", "outlook")
MAX_CONTACTS = 100_000

_HEADER_SEARCH = 30  # LinkedIn puts a few lines of notes above its header
_MULTI = " ::: "  # Google joins several values in one cell with this

# Each CSV layout: the columns that identify it, and where each contact field comes from (first non-empty wins).
_LAYOUTS = {
    "linkedin": ({"First Name", "Last Name", "Company", "Position", "Connected On"}, {
        "first_name": ["First Name"], "last_name": ["Last Name"], "email": ["Email Address"],
        "organisation": ["Company"], "role": ["Position"], "url": ["URL"], "connected_on": ["Connected On"]}),
    "google": ({"Given Name", "Family Name", "Organization 1 - Name"}, {  # the older export
        "first_name": ["Given Name"], "last_name": ["Family Name"], "email": ["E-mail 1 - Value", "E-mail 2 - Value"],
        "organisation": ["Organization 1 - Name"], "role": ["Organization 1 - Title"],
        "url": ["Website 1 - Value"], "full_name": ["Name"]}),
    "google_current": ({"First Name", "Last Name", "Organization Name", "E-mail 1 - Value"}, {
        "first_name": ["First Name"], "last_name": ["Last Name"], "email": ["E-mail 1 - Value", "E-mail 2 - Value"],
        "organisation": ["Organization Name"], "role": ["Organization Title"], "url": ["Website 1 - Value"]}),
    "outlook": ({"First Name", "Last Name", "E-mail Address", "Company"}, {
        "first_name": ["First Name"], "last_name": ["Last Name"],
        "email": ["E-mail Address", "E-mail 2 Address", "E-mail 3 Address"], "organisation": ["Company"],
        "role": ["Job Title"], "url": ["Web Page"]}),
    "outlook_de": ({"Vorname", "Nachname", "E-Mail-Adresse"}, {  # Outlook in German writes German headers
        "first_name": ["Vorname"], "last_name": ["Nachname"],
        "email": ["E-Mail-Adresse", "E-Mail 2: Adresse", "E-Mail 3: Adresse"], "organisation": ["Firma"],
        "role": ["Position"], "url": ["Webseite"]}),
}


def read_contacts(path, language="en"):
    """The people in a contacts file, as a DataFrame with :data:`CONTACT_COLUMNS`.

    ``origin`` says where each came from (one of :data:`ORIGINS`); ``connected_on`` is the day a
    LinkedIn connection was made (empty elsewhere). A file in none of the known formats, or a
    broken one, raises :class:`~infoview.errors.FileError` naming the file and the line, in
    ``language`` ("en" or "de").
    """
    check_language(language)
    try:
        return _read(path)
    except FileError as error:
        raise in_language(error, language) from None


def _read(path):
    import pandas as pd

    text = textfile.decode(textfile.read_bytes(path, "contacts"), path)
    if text.lstrip().upper().startswith("BEGIN:VCARD"):
        rows = _vcards(text, path)
    else:
        rows = _csv_contacts(text, path)
    if len(rows) > MAX_CONTACTS:
        raise file_error("too_many_contacts", file=path, count=len(rows), limit=MAX_CONTACTS)
    frame = pd.DataFrame(rows, columns=CONTACT_COLUMNS)
    for column in CONTACT_COLUMNS:
        if column != "connected_on":
            frame[column] = frame[column].fillna("").astype(object)
    frame["connected_on"] = pd.to_datetime(frame["connected_on"], format="%d %b %Y", errors="coerce")
    return frame


def _csv_contacts(text, path):
    lines = text.splitlines()
    for index, line in enumerate(lines[:_HEADER_SEARCH]):
        sep = textfile.separator(line)
        header = [cell.strip() for cell in next(iter(textfile.csv_records(line, sep, path)[0]), [])]
        layout = _layout(header)
        if layout:
            break
    else:
        raise file_error("not_contacts", file=path, line=1)
    body = "\n".join(lines[index + 1:])
    records, numbers = textfile.csv_records(body, sep, path)
    origin, sources = layout
    position = {name: i for i, name in reversed(list(enumerate(header)))}
    rows = []
    for record, number in zip(records, numbers):
        def first(field):
            for column in sources.get(field, ()):
                i = position.get(column)
                if i is not None and i < len(record) and record[i].strip():
                    return record[i].split(_MULTI)[0].strip()
            return ""
        row = {field: first(field) for field in CONTACT_COLUMNS if field != "origin"}
        if not (row["first_name"] or row["last_name"]) and (full := first("full_name")):
            row["first_name"], _, row["last_name"] = full.rpartition(" ") if " " in full else ("", "", full)
        if row["connected_on"] and not _is_linkedin_date(row["connected_on"]):
            raise file_error("not_linkedin_date", file=path, line=index + 1 + number,
                             value={"en": f"'{row['connected_on']}'", "de": f"„{row['connected_on']}“"})
        if any(row[field] for field in ("first_name", "last_name", "email")):
            rows.append({**row, "origin": origin})
    return rows


def _layout(header):
    names = set(header)
    for layout, (needed, sources) in _LAYOUTS.items():
        if needed <= names:
            return layout.split("_")[0], sources
    return None


def _is_linkedin_date(value):
    import datetime as dt

    try:
        dt.datetime.strptime(value, "%d %b %Y")
    except ValueError:
        return False
    return True


def _vcards(text, path):
    import vobject

    rows = []
    try:
        for card in vobject.readComponents(text.replace("\r\n", "\n")):
            rows.append(_card(card))
            if len(rows) > MAX_CONTACTS:
                break
    except Exception as error:  # vobject raises ParseError and a few others for broken cards
        reason = str(error.args[0] if error.args else error).splitlines()[0][:200]
        raise file_error("not_vcard", file=path, line=_line_of(text, reason), reason=reason) from None
    return [row for row in rows if row["first_name"] or row["last_name"] or row["email"]]


def _line_of(text, reason):
    """The line vobject complained about (its own line numbers are not the file's)."""
    bad = reason.partition("line: ")[2].strip()
    lines = text.splitlines()
    return next((number for number, line in enumerate(lines, start=1) if bad and line.strip() == bad), None)


def _card(card):
    def values(key):
        return [entry.value for entry in card.contents.get(key, [])]

    name = values("n")
    first = last = ""
    if name:
        first, last = _joined(name[0].given), _joined(name[0].family)
    elif values("fn"):
        first, _, last = values("fn")[0].strip().rpartition(" ")
    org = values("org")
    organisation = " – ".join(part for part in org[0] if part) if org and isinstance(org[0], list) else \
        (org[0] if org else "")
    urls = [str(u).replace("\\:", ":") for u in values("url") + values("x-socialprofile")]
    linkedin = [u for u in urls if "linkedin.com/" in u]
    return {"first_name": first.strip(), "last_name": last.strip(), "email": next(iter(values("email")), "").strip(),
            "organisation": organisation.strip(), "role": next(iter(values("title") + values("role")), "").strip(),
            "url": (linkedin or urls or [""])[0].strip(), "connected_on": None, "origin": "vcard"}


def _joined(part):
    return " ".join(part) if isinstance(part, list) else (part or "")
