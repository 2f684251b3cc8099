"""The LAMP target list (lesson 02), stored: employers with their ratings, linked to people.

The list is kept in the order employers were added; :class:`~infoview.prepare.targets.TargetList`
ranks it, so it re-sorts whenever a rating changes. A target's contact is a person (created
when new, at the employer as organisation). A connection at the employer (someone imported from
LinkedIn, see :mod:`.network`) makes it count as having an advocate, as a tick would.
"""

from ..problems import workspace_error
from ..prepare.targets import TargetList
from . import network, people
from .schema import NOW

__all__ = ["add", "load", "remove", "update"]


def _rows(db):
    return db.execute("SELECT t.target_id, t.employer, t.advocate, t.motivation, t.posting, p.title, p.name "
                      "FROM targets t LEFT JOIN people p ON p.person_id = t.person_id "
                      "ORDER BY t.target_id").fetchall()


def load(db, language="en", *, connections=True):
    """The stored targets as a :class:`~infoview.prepare.targets.TargetList` in ``language``.

    With ``connections``, a target counts as having an advocate when the student has a connection
    there; without, only the advocate ticked by hand is shown (what :func:`update` keeps).
    """
    connected = network.connected_keys(db) if connections else set()
    return TargetList([{"employer": employer, "advocate": bool(advocate) or " ".join(employer.split()).casefold()
                        in connected, "motivation": motivation, "posting": posting,
                        "contact": f"{title or ''} {name or ''}".strip()}
                       for _, employer, advocate, motivation, posting, title, name in _rows(db)], language=language)


def _checked(db, path, language, employer, advocate, motivation, posting, contact, skip=None):
    """The target as the list would store it; the list's own checks raise in ``language``."""
    trial = TargetList([t for t in load(db, language) if t.employer.casefold() != (skip or "").casefold()],
                       language=language)
    try:
        trial.add(employer, advocate=advocate, motivation=motivation, posting=posting, contact=contact)
    except ValueError as error:
        raise workspace_error("bad_target", file=path, field="target", value=employer, reason=str(error)) from None
    return list(trial)[-1]


def _person(db, path, target):
    if not target.contact:
        return None
    return people.add(db, path, {"name": target.contact, "organisation": target.employer})


def add(db, path, language, employer, advocate=False, motivation=2, posting=1, contact=""):
    target = _checked(db, path, language, employer, advocate, motivation, posting, contact)
    db.execute(f"INSERT INTO targets (employer, employer_key, advocate, motivation, posting, person_id, created_at, "
               f"updated_at) VALUES (?, ?, ?, ?, ?, ?, {NOW}, {NOW})",
               (target.employer, target.employer.casefold(), int(target.advocate), target.motivation,
                target.posting, _person(db, path, target)))


def _find(db, path, employer):
    found = db.execute("SELECT target_id FROM targets WHERE employer_key = ?",
                       (str(employer).strip().casefold(),)).fetchone()
    if found is None:
        raise workspace_error("no_target", file=path, field="employer", value=employer)
    return found[0]


def update(db, path, language, employer, changes):
    target_id = _find(db, path, employer)
    unknown = sorted(set(changes) - {"employer", "advocate", "motivation", "posting", "contact"})
    if unknown:
        raise workspace_error("unknown_target_field", file=path, field=unknown[0])
    stored = next(t for t in load(db, language, connections=False)
                  if t.employer.casefold() == str(employer).strip().casefold())
    values = {"employer": stored.employer, "advocate": stored.advocate, "motivation": stored.motivation,
              "posting": stored.posting, "contact": stored.contact} | changes
    target = _checked(db, path, language, skip=stored.employer, **values)
    db.execute(f"UPDATE targets SET employer = ?, employer_key = ?, advocate = ?, motivation = ?, posting = ?, "
               f"person_id = ?, updated_at = {NOW} WHERE target_id = ?",
               (target.employer, target.employer.casefold(), int(target.advocate), target.motivation,
                target.posting, _person(db, path, target), target_id))


def remove(db, path, employer):
    db.execute("DELETE FROM targets WHERE target_id = ?", (_find(db, path, employer),))
