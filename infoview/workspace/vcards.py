"""The people a student has met, as vCards 3.0 to put into their phone (``ws.export_people``).

Someone counts as met when the log has a meeting with them or the student wrote a debrief of a
conversation with them. Each card has the name (with an academic title as prefix),
organisation, role, email and profile address as stored, and the day of the conversation in
its note (in the student's language). Names keep every character: vCard files are UTF-8.
"""

from pathlib import Path

from ..outfiles import write_file
from ..problems import workspace_error
from ..texts import text
from . import people

__all__ = ["met", "write_met"]


def met(db):
    """``(person, last day met)`` for everyone met, in the order they were added."""
    rows = db.execute(
        "SELECT person_id, max(day) FROM ("
        " SELECT person_id, substr(meeting_at, 1, 10) AS day FROM outreach"
        "  WHERE person_id > 0 AND meeting_at IS NOT NULL AND meeting_at <> ''"
        " UNION ALL SELECT person_id, held_on FROM debriefs) GROUP BY person_id ORDER BY person_id").fetchall()
    return [(people.get(db, person_id), day) for person_id, day in rows]


def _card(person, day, language):
    import vobject

    card = vobject.vCard()
    card.add("version").value = "3.0"
    words = person.name.split()
    given, family = " ".join(words[:-1]), words[-1]
    card.add("n").value = vobject.vcard.Name(family=family, given=given, prefix=person.title)
    card.add("fn").value = person.full_name
    if person.organisation:
        card.add("org").value = [person.organisation]
    if person.role:
        card.add("title").value = person.role
    if person.email:
        email = card.add("email")
        email.value = person.email
        email.type_param = "INTERNET"
    if person.profile_url:
        card.add("url").value = person.profile_url
    shown = day if language == "en" else f"{day[8:10]}.{day[5:7]}.{day[:4]}"
    card.add("note").value = text("network.vcard.note", language, day=shown)
    card.add("categories").value = ["infoview"]
    return card.serialize()


def write_met(db, path, language="en"):
    """Write the vCards of everyone met to ``path``; return the path."""
    cards = "".join(_card(person, day, language) for person, day in met(db))
    path = Path(path)
    try:
        write_file(path, cards.encode("utf-8"))
    except OSError as error:
        raise workspace_error("cannot_write_contacts", file=str(path), reason=error.strerror or error) from None
    return path
