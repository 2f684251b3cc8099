"""The student's own network, brought in: the people they tick in a contacts file become people.

:func:`add_people` takes rows of :func:`infoview.prepare.contacts.read_contacts` (the ones the
student chose) and stores each as a person, matched against those already stored the way
:func:`~infoview.workspace.people.add` matches (email, profile URL, or name and organisation), so
importing the same file again adds nobody. Where each came from (``origin``), the day a LinkedIn
connection was made, and whether they are a *connection* are kept in the ``network`` table; a
LinkedIn connection at an employer counts as an advocate on the LAMP list
(:mod:`infoview.workspace.targets`).
"""

from dataclasses import dataclass

from ..errors import InfoviewError
from ..problems import workspace_error
from . import people
from .schema import NOW

__all__ = ["CONNECTION_ORIGINS", "AddedPeople", "add_people", "connected_keys"]

#: The origins whose people are connections (people the student is linked with, not just has an address of).
CONNECTION_ORIGINS = ("linkedin",)
_NEEDED = ("first_name", "last_name")


@dataclass(frozen=True)
class AddedPeople:
    """What :meth:`Workspace.add_people` did: people ``added``, people ``existing`` (already stored,
    completed where fields were empty) and ``skipped`` rows as ``(row label, reason)`` pairs."""

    added: tuple = ()
    existing: tuple = ()
    skipped: tuple = ()


def _cell(row, column):
    value = row.get(column)
    if value is None or value != value:  # None, NaN and NaT
        return ""
    return str(value).strip()


def _web_address(url):
    """The URL if it is a web address a person can be matched on, else "" (vCards hold many kinds)."""
    key = people.profile_key(url)
    return url if url and "." in key.split("/")[0] and not key.startswith(("mailto:", "tel:")) else ""


def _day(value):
    if value is None or value != value or value == "":
        return None
    if hasattr(value, "date"):
        return value.date().isoformat()
    return str(value)[:10]


def add_people(db, path, frame):
    """Store the rows of a contacts frame as people; return :class:`AddedPeople`.

    A row that cannot be stored (no name, an email that is not an address) is skipped with its
    reason; the others are stored all the same.
    """
    missing = [c for c in _NEEDED if c not in getattr(frame, "columns", ())]
    if missing:
        raise workspace_error("not_contacts_table", file=path, field=missing[0])
    before = {pid for (pid,) in db.execute("SELECT person_id FROM people")}
    added, existing, skipped, seen = [], [], [], set()
    for label, row in frame.iterrows():
        row = row.to_dict()
        name = " ".join(part for part in (_cell(row, "first_name"), _cell(row, "last_name")) if part)
        if not name:
            skipped.append((label, "no name"))
            continue
        fields = {"name": name, "organisation": _cell(row, "organisation"), "role": _cell(row, "role"),
                  "email": _cell(row, "email"), "profile_url": _web_address(_cell(row, "url"))}
        db.execute("SAVEPOINT contact")
        try:
            person_id = people.add(db, path, {k: v for k, v in fields.items() if v})
        except InfoviewError as error:
            db.execute("ROLLBACK TO contact")
            db.execute("RELEASE contact")
            skipped.append((label, str(error)))
            continue
        db.execute("RELEASE contact")
        origin = _cell(row, "origin") or "file"
        db.execute(f"INSERT INTO network (person_id, origin, connected_on, connection, imported_at) "
                   f"VALUES (?, ?, ?, ?, {NOW}) ON CONFLICT (person_id) DO UPDATE SET "
                   "connection = max(connection, excluded.connection), "
                   "connected_on = coalesce(connected_on, excluded.connected_on)",
                   (person_id, origin, _day(row.get("connected_on")), int(origin in CONNECTION_ORIGINS)))
        if person_id not in seen:  # two rows of one file may be the same person
            seen.add(person_id)
            (existing if person_id in before else added).append(people.get(db, person_id))
    return AddedPeople(tuple(added), tuple(existing), tuple(skipped))


def connected_keys(db):
    """The organisation keys (case-folded names) at which the student has a connection."""
    return {key for (key,) in db.execute(
        "SELECT DISTINCT p.organisation_key FROM people p JOIN network n USING (person_id) "
        "WHERE n.connection = 1 AND p.organisation_key <> ''")}
