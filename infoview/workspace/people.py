"""People: one record per person, matched on email, profile URL, or name and organisation.

A name is stored without its academic title (kept in ``title``); matching ignores case,
spacing and Unicode normal form, so "Dr. Lena Kurz" and "lena  kurz" are the same person at the
same organisation, and so is "Kurz, Lena". A row of the outreach log names its person in ``contact``: rows are linked
to people by :func:`link_log`, which creates a person for a name seen for the first time.

>>> split_title("Prof. Dr. Lena Kurz"), split_title("Kurz, Dr. Lena")
(('Prof. Dr.', 'Lena Kurz'), ('Dr.', 'Lena Kurz'))
>>> profile_key("https://www.LinkedIn.com/in/lena-kurz/?trk=x")
'linkedin.com/in/lena-kurz'
"""

import re
import sqlite3
import unicodedata
from dataclasses import dataclass

from ..log.columns import SOURCES, vocabulary
from ..problems import workspace_error
from .schema import ANONYMOUS, NOW

__all__ = ["FIELDS", "Person", "add", "clean_fields", "get", "link_log", "list_people", "name_key", "profile_key",
           "resolve", "split_title", "update"]

FIELDS = ("name", "title", "form_of_address", "organisation", "role", "email", "profile_url", "source", "notes",
          "referred_by", "keep_in_touch_weeks")
_COLUMNS = ("person_id",) + FIELDS + ("snoozed_until",)
_TITLE = re.compile(r"^(?:(?:prof|dr|dipl|mag|pd|ing|med|rer|nat|phil|habil|dres)\.?(?:-\w+\.?)*\s+)+", re.I)
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\".]+$")
_FORMS = {"": "", "neutral": "", "female": "female", "ms": "female", "frau": "female", "f": "female",
          "male": "male", "mr": "male", "herr": "male", "m": "male"}


@dataclass(frozen=True)
class Person:
    """One person the student may talk to; ``referred_by`` is another person's id (or None)."""

    person_id: int
    name: str
    title: str = ""
    form_of_address: str = ""
    organisation: str = ""
    role: str = ""
    email: str = ""
    profile_url: str = ""
    source: str | None = None
    notes: str = ""
    referred_by: int | None = None
    keep_in_touch_weeks: int = 8
    snoozed_until: str | None = None

    @property
    def first_name(self):
        return " ".join(self.name.split()[:-1])

    @property
    def last_name(self):
        return self.name.split()[-1]

    @property
    def full_name(self):
        """The name with the title, as a salutation or a log row writes it."""
        return f"{self.title} {self.name}".strip()


def _text(value):
    return " ".join(unicodedata.normalize("NFC", str(value or "")).split())


def name_key(name):
    """The matching key of a name or organisation: title, case, spacing and normal form ignored."""
    return split_title(name)[1].casefold()


def split_title(name):
    """``(title, name)``: a leading academic title (Dr., Prof., Dipl.-Ing. ...) split off;
    "Surname, First" is turned round."""
    text = _text(name)
    if text.count(",") == 1 and all(part.strip() for part in text.split(",")):
        surname, first = text.split(",")
        text = f"{first.strip()} {surname.strip()}"
    match = _TITLE.match(text + " ")
    if match and text[match.end():].strip():
        return match.group().strip(), text[match.end():].strip()
    return "", text


def profile_key(url):
    """A profile URL without scheme, ``www.``, query and trailing slash, lower case."""
    text = _text(url).casefold()
    text = re.sub(r"^[a-z]+://", "", text)
    text = re.sub(r"^www\.", "", text)
    return re.split(r"[?#]", text)[0].rstrip("/")


def _source(value, path):
    if value in (None, ""):
        return None
    key = re.sub(r"[\s_\-]+", "", str(value)).casefold()
    for name, canonical in vocabulary().values["source"].items():
        if re.sub(r"[\s_\-]+", "", name).casefold() == key:
            return canonical
    raise workspace_error("unknown_source", file=path, field="source", value=value, allowed=", ".join(SOURCES))


def clean_fields(fields, path, *, partial=False):
    """Checked, normalised person fields; raises :class:`WorkspaceError` naming the field."""
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise workspace_error("unknown_field", file=path, field=unknown[0], allowed=", ".join(FIELDS))
    out = {}
    for field, value in fields.items():
        if field == "referred_by":
            out[field] = value
        elif field == "keep_in_touch_weeks":
            if value is None and partial:
                continue
            try:
                weeks = int(value)
            except (TypeError, ValueError):
                weeks = 0
            if not 1 <= weeks <= 104 or (isinstance(value, float) and value != weeks):
                raise workspace_error("bad_weeks", file=path, field=field, value=value)
            out[field] = weeks
        elif field == "source":
            out[field] = _source(value, path)
        elif field == "form_of_address":
            key = _text(value).casefold().rstrip(".")
            if key not in _FORMS:
                raise workspace_error("bad_form", file=path, field=field, value=value)
            out[field] = _FORMS[key]
        elif field == "notes":
            out[field] = str(value or "").strip()
        else:
            out[field] = _text(value)
    if "name" in out:
        title, name = split_title(out["name"])
        if not name:
            raise workspace_error("empty_name", file=path, field="name")
        out["name"] = name
        if title and not out.get("title"):
            out["title"] = title
    if out.get("email") and not _EMAIL.match(out["email"]):
        raise workspace_error("bad_email", file=path, field="email", value=out["email"])
    if out.get("profile_url") and "." not in profile_key(out["profile_url"]).split("/")[0]:
        raise workspace_error("bad_url", file=path, field="profile_url", value=out["profile_url"])
    return out


def _keys(fields):
    return {"name_key": name_key(fields["name"]), "organisation_key": _text(fields.get("organisation")).casefold(),
            "email_key": _text(fields.get("email")).casefold(), "profile_key": profile_key(fields.get("profile_url"))}


def _find(db, keys):
    for column in ("email_key", "profile_key"):
        if keys[column]:
            found = db.execute(f"SELECT person_id FROM people WHERE {column} = ?", (keys[column],)).fetchone()
            if found:
                return found[0]
    same_name = db.execute("SELECT person_id, organisation_key FROM people WHERE name_key = ? ORDER BY person_id",
                           (keys["name_key"],)).fetchall()
    exact = [pid for pid, organisation in same_name if organisation == keys["organisation_key"]]
    if exact:
        return exact[0]
    if not keys["organisation_key"] and len(same_name) == 1:
        return same_name[0][0]
    without = [pid for pid, organisation in same_name if not organisation]
    return without[0] if len(without) == 1 else None


def _check_referrer(db, person_id, referrer, path):
    if referrer is None:
        return
    if not db.execute("SELECT 1 FROM people WHERE person_id = ?", (referrer,)).fetchone():
        raise workspace_error("no_referrer", file=path, field="referred_by", value=referrer)
    seen, current = {person_id}, referrer
    while current is not None:
        if current in seen:
            raise workspace_error("circular_referral", file=path, field="referred_by", value=referrer)
        seen.add(current)
        current = db.execute("SELECT referred_by FROM people WHERE person_id = ?", (current,)).fetchone()[0]


def add(db, path, fields):
    """Store a person, or fill the empty fields of the same person already stored; return the id."""
    fields = clean_fields(fields, path)
    if "name" not in fields:
        raise workspace_error("empty_name", file=path, field="name")
    keys = _keys(fields)
    found = _find(db, keys)
    if found is None:
        _check_referrer(db, None, fields.get("referred_by"), path)
        names = list(fields) + list(keys)
        db.execute(f"INSERT INTO people ({', '.join(names)}, created_at, updated_at) VALUES "
                   f"({', '.join('?' * len(names))}, {NOW}, {NOW})", [*fields.values(), *keys.values()])
        return db.execute("SELECT last_insert_rowid()").fetchone()[0]
    stored = get(db, found)
    missing = {f: v for f, v in fields.items()
               if v not in (None, "") and getattr(stored, f) in (None, "") and f != "name"}
    if missing:
        _store(db, path, stored, missing)
    return found


def update(db, path, person_id, fields):
    """Change fields of a stored person; a new name is written into their log rows too."""
    stored = get(db, person_id)
    fields = clean_fields(fields, path, partial=True)
    _store(db, path, stored, fields)
    if "name" in fields and fields["name"] != stored.name:
        db.execute("UPDATE outreach SET contact = ? WHERE person_id = ?", (fields["name"], person_id))


def _store(db, path, stored, fields):
    merged = {f: getattr(stored, f) for f in FIELDS} | fields
    keys = _keys(merged)
    if "referred_by" in fields:
        _check_referrer(db, stored.person_id, fields["referred_by"], path)
    names = list(fields) + list(keys)
    try:
        db.execute(f"UPDATE people SET {', '.join(f'{n} = ?' for n in names)}, updated_at = {NOW} "
                   "WHERE person_id = ?", [*fields.values(), *keys.values(), stored.person_id])
    except sqlite3.IntegrityError:
        raise workspace_error("duplicate_person", file=path, field="person", value=merged["name"]) from None


def get(db, person_id):
    row = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM people WHERE person_id = ?", (person_id,)).fetchone()
    if row is None:
        raise workspace_error("no_person_id", field="person", value=person_id)
    return Person(*row)


def list_people(db):
    rows = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM people ORDER BY person_id").fetchall()
    return [Person(*row) for row in rows]


def resolve(db, path, person):
    """The id of ``person``: a :class:`Person`, an id, or a name that matches exactly one person."""
    if isinstance(person, Person):
        person = person.person_id
    if isinstance(person, int) and not isinstance(person, bool):
        return get(db, person).person_id
    if not isinstance(person, str) or not _text(person):
        raise workspace_error("not_a_person", file=path, field="person", value=person)
    found = [pid for (pid,) in db.execute("SELECT person_id FROM people WHERE name_key = ?", (name_key(person),))]
    if len(found) == 1:
        return found[0]
    if not found:
        raise workspace_error("no_person_name", file=path, field="person", value=person)
    raise workspace_error("several_people", file=path, field="person", value=person, count=len(found))


def link_log(db, path):
    """Link every log row to its person, creating people for names seen for the first time."""
    keys = dict(db.execute("SELECT person_id, name_key FROM people"))
    rows = db.execute("SELECT rowid, contact, organisation, role, source, person_id FROM outreach "
                      "WHERE person_id IS NOT ? ORDER BY rowid", (ANONYMOUS,)).fetchall()
    for rowid, contact, organisation, role, source, person_id in rows:
        if person_id is not None and keys.get(person_id) == name_key(contact):
            continue
        found = add(db, path, {"name": contact, "organisation": organisation, "role": role, "source": source})
        keys[found] = name_key(get(db, found).name)
        db.execute("UPDATE outreach SET person_id = ? WHERE rowid = ?", (found, rowid))
