"""Conversations: the debrief after a meeting, the people named in it, and the actions it led to.

A debrief keeps what the student learned under TIARA's headings (trends, insights, advice,
resources, assignments) and their own reflection. Each person the contact named becomes a
person with ``referred_by`` set to the contact; each action has a due date (by default a week
after the conversation) and is done once marked so.
"""

import datetime
from dataclasses import dataclass

from ..problems import workspace_error
from . import people
from .schema import NOW

__all__ = ["HEADINGS", "Action", "Debrief", "add_debrief", "list_actions", "list_debriefs", "mark_done", "parse_day"]

HEADINGS = ("trends", "insights", "advice", "resources", "assignments")
_ACTION_DAYS = 7


@dataclass(frozen=True)
class Action:
    """Something to do after a conversation, due on ``due_on`` (ISO date); ``done_on`` once done."""

    action_id: int
    debrief_id: int
    person_id: int
    text: str
    due_on: str
    done_on: str | None = None


@dataclass(frozen=True)
class Debrief:
    """The notes on one conversation; ``named`` holds the ids of the people the contact named."""

    debrief_id: int
    person_id: int
    held_on: str
    trends: str = ""
    insights: str = ""
    advice: str = ""
    resources: str = ""
    assignments: str = ""
    reflection: str = ""
    named: tuple = ()
    actions: tuple = ()


def parse_day(value, path, field):
    """A date (``date``, ``datetime``, "2025-03-14" or "14.03.2025") as ISO text.

    >>> parse_day("14.03.2025", None, "held_on")
    '2025-03-14'
    """
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                return datetime.datetime.strptime(value.strip(), pattern).date().isoformat()
            except ValueError:
                continue
    raise workspace_error("not_a_date", file=path, field=field, value=str(value))


def _named(item):
    if isinstance(item, str):
        return {"name": item}
    if isinstance(item, dict):
        return dict(item)
    raise workspace_error("bad_named", field="named", value=repr(item)[:80])


def _action(item, held_on, path):
    if isinstance(item, str):
        text, due_on = item, None
    elif isinstance(item, dict):
        text, due_on = item.get("text", ""), item.get("due")
    elif isinstance(item, (tuple, list)) and len(item) == 2:
        text, due_on = item
    else:
        raise workspace_error("bad_action", file=path, field="actions", value=repr(item)[:80])
    text = " ".join(str(text or "").split())
    if not text:
        raise workspace_error("empty_action", file=path, field="actions")
    if due_on is None:
        due_on = (datetime.date.fromisoformat(held_on) + datetime.timedelta(days=_ACTION_DAYS)).isoformat()
    else:
        due_on = parse_day(due_on, path, "actions")
    return text, due_on


def add_debrief(db, path, person, held_on, notes, named=(), actions=()):
    person_id = people.resolve(db, path, person)
    held_on = parse_day(held_on, path, "held_on")
    texts = {h: str(notes.get(h) or "").strip() for h in (*HEADINGS, "reflection")}
    cleaned = [_action(a, held_on, path) for a in actions]
    db.execute(f"INSERT INTO debriefs (person_id, held_on, {', '.join(texts)}, created_at, updated_at) VALUES "
               f"(?, ?, {', '.join('?' * len(texts))}, {NOW}, {NOW})", (person_id, held_on, *texts.values()))
    debrief_id = db.execute("SELECT last_insert_rowid()").fetchone()[0]
    for item in named:
        fields = _named(item)
        fields.pop("referred_by", None)
        referred = people.add(db, path, fields)
        if referred == person_id:
            raise workspace_error("names_themselves", file=path, field="named", value=fields.get("name"))
        if people.get(db, referred).referred_by is None:
            people.update(db, path, referred, {"referred_by": person_id})
        db.execute("INSERT OR IGNORE INTO referrals (debrief_id, person_id) VALUES (?, ?)", (debrief_id, referred))
    db.executemany(f"INSERT INTO actions (debrief_id, text, due_on, created_at) VALUES (?, ?, ?, {NOW})",
                   [(debrief_id, text, due_on) for text, due_on in cleaned])
    return debrief_id


def list_actions(db, person_id=None, open_only=False):
    rows = db.execute("SELECT a.action_id, a.debrief_id, d.person_id, a.text, a.due_on, a.done_on FROM actions a "
                      "JOIN debriefs d ON d.debrief_id = a.debrief_id WHERE (? IS NULL OR d.person_id = ?) "
                      "AND (? = 0 OR a.done_on IS NULL) ORDER BY a.due_on, a.action_id",
                      (person_id, person_id, int(open_only))).fetchall()
    return [Action(*row) for row in rows]


def list_debriefs(db, person_id=None):
    rows = db.execute(f"SELECT debrief_id, person_id, held_on, {', '.join(HEADINGS)}, reflection FROM debriefs "
                      "WHERE (? IS NULL OR person_id = ?) ORDER BY held_on, debrief_id",
                      (person_id, person_id)).fetchall()
    result = []
    for row in rows:
        named = tuple(pid for (pid,) in db.execute("SELECT person_id FROM referrals WHERE debrief_id = ? "
                                                    "ORDER BY person_id", (row[0],)))
        actions = tuple(a for a in list_actions(db, row[1]) if a.debrief_id == row[0])
        result.append(Debrief(*row, named=named, actions=actions))
    return result


def mark_done(db, path, action_id, done_on, done=True):
    value = parse_day(done_on, path, "done_on") if done else None
    if not db.execute("UPDATE actions SET done_on = ? WHERE action_id = ?", (value, action_id)).rowcount:
        raise workspace_error("no_action", file=path, field="action_id", value=action_id)
