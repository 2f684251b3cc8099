"""The hand-in: the one file a student gives their instructor.

Format: an Excel workbook (.xlsx) with two sheets.

* ``outreach_log`` (first sheet): the log exactly as ``infoview log export --pseudonymize``
  writes it (:func:`infoview.log.write.write_log`), so every reader of log-only hand-ins reads
  it unchanged. Before that, each row's contact is written as its person's stored name, so one
  person gets one pseudonym however the rows spelled them, and every written form of every
  stored person (see :func:`~infoview.workspace.forget.forms`) is replaced by their pseudonym in
  the student, organisation, role and template cells; outreach ids that hold one become keyed
  hashes. Notes are dropped.
* ``milestones``: one row per milestone of the fourteen steps, with the columns
  :data:`MILESTONE_COLUMNS`: ``student`` (as in the log), ``step`` (1–14), ``milestone`` (an id
  of :data:`MILESTONES`), ``done`` (TRUE once ``count`` is at least 1), ``count``, ``of`` (the
  number it is counted out of, where there is one, else empty) and ``first_on`` (the day it was
  first reached, ISO, or empty). No free text.

Milestones: ``targets_listed`` (employers on the LAMP list), ``outreach_drafted`` (saved outreach
or referral drafts with no error finding), ``plan_prepared`` (saved question plans with
questions), ``conversations_held`` (people met, by the log's meeting dates up to the hand-in day
or a debrief), ``thank_you_in_a_day`` (meetings thanked for by the end of the next day, of the
meetings held), ``debrief_written`` (debriefs), ``actions_done`` (actions done, of all actions).

Before the file is moved into place, every cell of both sheets is searched for any stored
person's name, email address or profile URL; if one is found, no file is written.
:func:`read_milestones` reads the second sheet back, and gives an empty table for a log-only
hand-in.
"""

import hashlib
import hmac
import secrets
from pathlib import Path

from ..outfiles import replacing
from ..problems import workspace_error
from . import people
from .forget import form_key, forms, pattern

__all__ = ["MILESTONES", "MILESTONE_COLUMNS", "milestones", "read_milestones", "write_hand_in"]

MILESTONES = (("targets_listed", 2), ("outreach_drafted", 3), ("plan_prepared", 6), ("conversations_held", 9),
              ("thank_you_in_a_day", 12), ("debrief_written", 14), ("actions_done", 14))
MILESTONE_COLUMNS = ["student", "step", "milestone", "done", "count", "of", "first_on"]
_SHEET = "milestones"
_CLEANED = ("student", "organisation", "role", "template")


def _day(text):
    return None if text is None else str(text)[:10]


def milestones(db, frame, student, today):
    """The milestone rows (dicts with :data:`MILESTONE_COLUMNS`) for the log ``frame`` as of ``today``."""
    import pandas as pd

    end = pd.Timestamp(today).normalize() + pd.Timedelta(days=1)

    def one(query):
        return db.execute(query).fetchone()

    found = {}
    count, first = one("SELECT count(*), min(created_at) FROM targets")
    found["targets_listed"] = (count, None, _day(first))
    count, first = one("SELECT count(*), min(created_at) FROM drafts WHERE errors = 0 AND body <> '' "
                       "AND kind IN ('outreach', 'referral_outreach')")
    found["outreach_drafted"] = (count, None, _day(first))
    count, first = one("SELECT count(*), min(updated_at) FROM plans WHERE questions <> '[]'")
    found["plan_prepared"] = (count, None, _day(first))
    links = dict(db.execute("SELECT outreach_id, person_id FROM outreach"))
    held = frame[frame["meeting_at"].notna() & (frame["meeting_at"] < end)]
    met = {links.get(oid) or f"row {oid}" for oid in held["outreach_id"]}
    debriefs = db.execute("SELECT person_id, held_on FROM debriefs WHERE held_on < ?",
                          (end.date().isoformat(),)).fetchall()
    met |= {pid for pid, _ in debriefs}
    days = [d.date().isoformat() for d in held["meeting_at"]] + [d for _, d in debriefs]
    found["conversations_held"] = (len(met), None, min(days) if days else None)
    thanked = held[held["thank_you_at"].notna()
                   & (held["thank_you_at"] < held["meeting_at"].dt.normalize() + pd.Timedelta(days=2))]
    found["thank_you_in_a_day"] = (len(thanked), len(held),
                                   thanked["thank_you_at"].min().date().isoformat() if len(thanked) else None)
    found["debrief_written"] = (len(debriefs), None, min((d for _, d in debriefs), default=None))
    done, total, first = one("SELECT count(done_on), count(*), min(done_on) FROM actions")
    found["actions_done"] = (done, total, first)
    return [{"student": student, "step": step, "milestone": name, "done": found[name][0] > 0,
             "count": found[name][0], "of": found[name][1], "first_on": found[name][2]}
            for name, step in MILESTONES]


def _finder(everyone, replacement):
    """One regex for every written form of every person, and the text each match becomes."""
    table = {}
    for person in everyone:
        for form in forms(person):
            table.setdefault(form_key(form), replacement(person))
    return (pattern(list(table)) if table else None), table


def _prepared(db, frame, salt):
    """The log with contacts as stored names and every person's written forms pseudonymised."""
    from ..log.privacy import pseudonym, scrub

    frame = frame.copy()
    everyone = people.list_people(db)
    names = {p.person_id: p.name for p in everyone}
    links = dict(db.execute("SELECT outreach_id, person_id FROM outreach WHERE person_id > 0"))
    linked = frame["outreach_id"].map(links)
    frame["contact"] = [names.get(pid, contact) if pid == pid else contact
                        for pid, contact in zip(linked, frame["contact"])]
    found, aliases = _finder(everyone, lambda person: pseudonym(person.name, salt))
    if found is not None:
        for column in _CLEANED:
            frame[column] = frame[column].map(lambda text: found.sub(lambda m: aliases[form_key(m.group())], text))
        frame["outreach_id"] = frame["outreach_id"].map(
            lambda i: "id-" + hmac.new(salt, i.encode(), hashlib.sha256).hexdigest()[:12] if found.search(i) else i)
    student = frame["student"][frame["student"] != ""].mode()
    return frame, scrub(student.iloc[0]) if len(student) else ""


def _check_clean(path, everyone):
    """Refuse the file if any cell of any sheet still holds a stored person's name, email or profile."""
    from openpyxl import load_workbook

    found, _ = _finder(everyone, lambda person: None)
    if found is None:
        return
    book = load_workbook(path, read_only=True)
    try:
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                for cell in row:
                    if isinstance(cell, str) and found.search(cell):
                        raise workspace_error("contact_in_hand_in", field=sheet.title)
    finally:
        book.close()


def write_hand_in(db, frame, path, today):
    """Write the hand-in workbook to ``path`` (a new file moved into place); return the path."""
    from openpyxl import load_workbook

    from ..log.write import write_log

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise workspace_error("hand_in_not_xlsx", file=path, field="path")
    salt = secrets.token_bytes(16)
    prepared, student = _prepared(db, frame, salt)
    rows = milestones(db, frame, student, today)
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path, suffix=".xlsx") as temporary:
        write_log(prepared, temporary, pseudonymize=True, format="xlsx", salt=salt)
        book = load_workbook(temporary)
        sheet = book.create_sheet(_SHEET)
        sheet.append(MILESTONE_COLUMNS)
        for row in rows:
            sheet.append([row[c] for c in MILESTONE_COLUMNS])
        book.save(temporary)
        _check_clean(temporary, people.list_people(db))
    return path


def read_milestones(path):
    """The milestones of a hand-in as a DataFrame (:data:`MILESTONE_COLUMNS`); empty for a log-only file."""
    import pandas as pd

    path = Path(path)
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in MILESTONE_COLUMNS})
    if path.suffix.lower() != ".xlsx":
        return empty
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        if _SHEET not in book.sheetnames:
            return empty
        rows = list(book[_SHEET].iter_rows(values_only=True))
    finally:
        book.close()
    if not rows or list(rows[0][:len(MILESTONE_COLUMNS)]) != MILESTONE_COLUMNS:
        raise workspace_error("bad_milestones", file=path, field=_SHEET)
    frame = pd.DataFrame([r[:len(MILESTONE_COLUMNS)] for r in rows[1:]], columns=MILESTONE_COLUMNS)
    known = {name for name, _ in MILESTONES}
    frame = frame[frame["milestone"].isin(known)].reset_index(drop=True)
    frame["done"] = frame["done"].astype(bool)
    frame["count"] = pd.to_numeric(frame["count"], errors="coerce").fillna(0).astype("int64")
    frame["step"] = pd.to_numeric(frame["step"], errors="coerce").astype("Int64")
    frame["of"] = pd.to_numeric(frame["of"], errors="coerce").astype("Int64")
    return frame
