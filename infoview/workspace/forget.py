"""Forgetting a person: every trace of them removed from the workspace, in one transaction.

Their log rows are deleted (or, with ``keep_statistics=True``, kept with the person replaced by
an anonymous placeholder and their notes emptied); drafts addressed to them and debriefs of
conversations with them are deleted; wherever else their name, email address or profile URL is
written (other people's notes, other drafts and debriefs, actions, plans, log cells), it is
replaced by ``[…]``. Name forms: the name with and without title, "Surname, First", joined by
``.``, ``_`` or ``-``, umlauts written out (ue, oe, ae, ss) and in both Unicode normal forms; the email address, and its
part before the @ when that is personal ("l.kurz", not "info"); the profile URL and its last part.
A name that another stored person shares is left in their records.

The caller compacts the file afterwards (see :meth:`Workspace.compact`) so that no deleted byte
stays in the database file or its write-ahead log.

>>> pattern(["Lena Kurz"]).sub("[…]", "Met lena_kurz and LENA KURZ.")
'Met […] and […].'
>>> from infoview.workspace import Person
>>> forms(Person(1, "Lena Kurz", email="info@nordlicht.example"), with_name=False)
['info@nordlicht.example']
"""

import json
import re
import secrets
import unicodedata
from dataclasses import dataclass

from . import people
from .schema import ANONYMOUS

__all__ = ["REPLACEMENT", "ForgetResult", "forget", "form_key", "forms", "pattern"]

REPLACEMENT = "[…]"
_SPELLED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_TEXT_COLUMNS = ("student", "organisation", "role", "template", "notes")


@dataclass(frozen=True)
class ForgetResult:
    """What :meth:`Workspace.forget` removed or cleaned."""

    name: str
    log_rows_deleted: int = 0
    log_rows_anonymised: int = 0
    drafts_deleted: int = 0
    debriefs_deleted: int = 0
    texts_cleaned: int = 0


def forms(person, with_name=True):
    """Every written form of ``person`` to look for: name forms (when ``with_name``), email, profile."""
    found = set()
    if with_name:
        tokens = person.name.split()
        names = [person.name]
        if len(tokens) > 1:
            names.append(f"{tokens[-1]}, {' '.join(tokens[:-1])}")
        if person.title:
            names += [f"{person.title} {person.name}", f"{person.title} {tokens[-1]}"]
        for name in names:
            for variant in (name, name.translate(_SPELLED)):
                found |= {variant, unicodedata.normalize("NFD", variant), unicodedata.normalize("NFC", variant)}
    if person.email:
        found.add(person.email)
        local = person.email.split("@")[0]
        if re.search(r"[._\-\d]", local) or any(part.casefold() in local.casefold()
                                                 for part in person.name.split() if len(part) >= 3):
            found.add(local)  # "l.kurz" or "lenak", but not "info" or "office"
    if person.profile_url:
        key = people.profile_key(person.profile_url)
        found |= {person.profile_url, key, key.rsplit("/", 1)[-1]}
    return sorted({f for f in found if len(f) >= 3}, key=len, reverse=True)


def _parts(text):
    return [part for part in re.split(r"[\s_.\-]+", text) if part]


def form_key(text):
    """What a match of :func:`pattern` and the form it matched have in common: case and joins ignored."""
    return " ".join(_parts(text.casefold()))


def pattern(written):
    """A case-insensitive regex for any of the ``written`` forms, as whole words, however joined."""
    alternatives = []
    for form in sorted(written, key=len, reverse=True):
        parts = [re.escape(part) for part in _parts(form)]
        alternatives.append(r"[\s_.\-]+".join(parts) if len(parts) > 1 else re.escape(form))
    if not alternatives:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.I)


def _clean(found, value):
    """``value`` (text, or JSON-like lists and dicts of text) with every match replaced."""
    if isinstance(value, str):
        return found.sub(REPLACEMENT, value)
    if isinstance(value, list):
        return [_clean(found, v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(found, v) for k, v in value.items()}
    return value


def _new_id(db):
    while True:
        candidate = "o" + secrets.token_hex(4)
        if not db.execute("SELECT 1 FROM outreach WHERE outreach_id = ?", (candidate,)).fetchone():
            return candidate


def _clean_table(db, found, table, key, columns, json_columns=()):
    """Replace matches in ``columns`` of every row of ``table``; return how many rows changed."""
    changed = 0
    for row in db.execute(f"SELECT {key}, {', '.join(columns)} FROM {table}").fetchall():
        values = {}
        for column, value in zip(columns, row[1:]):
            new = (json.dumps(_clean(found, json.loads(value)), ensure_ascii=False) if column in json_columns
                   else _clean(found, value))
            if new != value:
                values[column] = new
        if values:
            db.execute(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in values)} WHERE {key} = ?",
                       (*values.values(), row[0]))
            changed += 1
    return changed


def forget(db, person_id, keep_statistics=False, placeholder="Forgotten contact {number}"):
    """Remove ``person_id`` and every trace of them; call inside a write transaction. With
    ``keep_statistics`` their log rows stay, with ``placeholder`` (numbered) as the contact."""
    person = people.get(db, person_id)
    shared = db.execute("SELECT count(*) FROM people WHERE name_key = ? AND person_id <> ?",
                        (people.name_key(person.name), person_id)).fetchone()[0]
    found = pattern(forms(person, with_name=not shared))
    deleted = anonymised = 0
    own = db.execute("SELECT outreach_id FROM outreach WHERE person_id = ?", (person_id,)).fetchall()
    if keep_statistics and own:
        number = int((db.execute("SELECT value FROM workspace_meta WHERE key = 'forgotten'").fetchone() or [0])[0]) + 1
        db.execute("INSERT OR REPLACE INTO workspace_meta (key, value) VALUES ('forgotten', ?)", (str(number),))
        for (outreach_id,) in own:
            new_id = _new_id(db) if found.search(outreach_id) else outreach_id
            db.execute("UPDATE outreach SET contact = ?, notes = '', person_id = ?, outreach_id = ? "
                       "WHERE outreach_id = ?", (placeholder.format(number=number), ANONYMOUS, new_id, outreach_id))
        anonymised = len(own)
    else:
        deleted = db.execute("DELETE FROM outreach WHERE person_id = ?", (person_id,)).rowcount
    for (outreach_id,) in db.execute("SELECT outreach_id FROM outreach").fetchall():
        if found.search(outreach_id):
            db.execute("UPDATE outreach SET outreach_id = ? WHERE outreach_id = ?", (_new_id(db), outreach_id))
    drafts = db.execute("DELETE FROM drafts WHERE person_id = ?", (person_id,)).rowcount
    for draft_id, recipient in db.execute("SELECT draft_id, recipient FROM drafts").fetchall():
        if found.search(recipient):
            drafts += db.execute("DELETE FROM drafts WHERE draft_id = ?", (draft_id,)).rowcount
    debriefs = db.execute("DELETE FROM debriefs WHERE person_id = ?", (person_id,)).rowcount
    db.execute("DELETE FROM people WHERE person_id = ?", (person_id,))
    cleaned = (_clean_table(db, found, "outreach", "rowid", _TEXT_COLUMNS)
               + _clean_table(db, found, "drafts", "draft_id", ("subject", "body", "fields"), ("fields",))
               + _clean_table(db, found, "debriefs", "debrief_id",
                              ("trends", "insights", "advice", "resources", "assignments", "reflection"))
               + _clean_table(db, found, "actions", "action_id", ("text",))
               + _clean_table(db, found, "plans", "name", ("questions",), ("questions",))
               + _clean_table(db, found, "people", "person_id", ("notes", "role")))
    return ForgetResult(person.full_name, deleted, anonymised, drafts, debriefs, cleaned)
