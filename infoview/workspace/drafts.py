"""What the student writes and ticks while preparing: email drafts, question plans, checklist ticks.

Each is saved as the student works and restored when a widget opens again: a draft comes back
as an :class:`~infoview.emails.draft.Draft` with its fields and hand edits, a plan as an
:class:`~infoview.prepare.questions.InterviewPlan`, ticks as the ids of the items done.
"""

import json
from dataclasses import dataclass

from ..problems import workspace_error
from ..resources import LANGUAGES
from . import people
from .schema import NOW

__all__ = ["SavedDraft", "delete_draft", "list_drafts", "load_plan", "plan_names", "save_draft", "save_plan",
           "tick", "ticks"]


@dataclass(frozen=True)
class SavedDraft:
    """A stored draft: what the drafter needs to reopen it, and the findings it had when saved."""

    draft_id: int
    person_id: int | None
    kind: str
    variant: str
    language: str
    fields: dict
    recipient: str
    subject: str
    body: str
    edited: bool
    findings: tuple
    saved_at: str

    @property
    def errors(self):
        """How many findings of severity "error" the draft had when saved."""
        return sum(1 for f in self.findings if f.get("severity") == "error")

    def to_draft(self):
        """The draft as the drafter's model, ready to edit further."""
        from ..emails.draft import Draft

        draft = Draft(self.kind, self.language, self.variant, fields=dict(self.fields), recipient=self.recipient)
        if self.edited:
            draft.edit(subject=self.subject, body=self.body)
        return draft


def _draft_person(db, path, draft):
    """The stored person a draft is addressed to: by recipient address, else by the name fields."""
    fields = draft.fields
    if draft.recipient:
        found = db.execute("SELECT person_id FROM people WHERE email_key = ?",
                           (draft.recipient.strip().casefold(),)).fetchone()
        if found:
            return found[0]
    name = " ".join(str(fields.get(f) or "") for f in ("first_name", "last_name")).strip()
    if name:
        found = [pid for (pid,) in db.execute("SELECT person_id FROM people WHERE name_key = ?",
                                              (people.name_key(name),))]
        if len(found) == 1:
            return found[0]
    return None


def save_draft(db, path, draft, person=None, draft_id=None):
    from ..emails.draft import Draft

    if not isinstance(draft, Draft):
        raise workspace_error("not_a_draft", file=path, field="draft", value=type(draft).__name__)
    state = draft.state
    person_id = people.resolve(db, path, person) if person is not None else _draft_person(db, path, draft)
    findings = [{"rule": f.rule, "severity": f.severity, "message": f.message, "field": f.field}
                for f in state.findings]
    values = (person_id, draft.kind, draft.variant, draft.language, json.dumps(draft.fields, default=str,
                                                                                ensure_ascii=False),
              draft.recipient, state.subject, state.body, int(draft.edited), json.dumps(findings, ensure_ascii=False),
              sum(1 for f in findings if f["severity"] == "error"))
    columns = "person_id, kind, variant, language, fields, recipient, subject, body, edited, findings, errors"
    if draft_id is None:
        db.execute(f"INSERT INTO drafts ({columns}, created_at, updated_at) VALUES "
                   f"({', '.join('?' * len(values))}, {NOW}, {NOW})", values)
        return db.execute("SELECT last_insert_rowid()").fetchone()[0]
    changed = db.execute(f"UPDATE drafts SET {', '.join(f'{c.strip()} = ?' for c in columns.split(','))}, "
                         f"updated_at = {NOW} WHERE draft_id = ?", (*values, draft_id)).rowcount
    if not changed:
        raise workspace_error("no_draft_to_replace", file=path, field="draft_id", value=draft_id)
    return draft_id


def list_drafts(db, person_id=None, kind=None):
    query = ("SELECT draft_id, person_id, kind, variant, language, fields, recipient, subject, body, edited, "
             "findings, updated_at FROM drafts WHERE (? IS NULL OR person_id = ?) AND (? IS NULL OR kind = ?) "
             "ORDER BY updated_at DESC, draft_id DESC")
    return [SavedDraft(i, p, k, v, lang, json.loads(f), r, s, b, bool(e), tuple(json.loads(fi)), at)
            for i, p, k, v, lang, f, r, s, b, e, fi, at in db.execute(query, (person_id, person_id, kind, kind))]


def delete_draft(db, path, draft_id):
    if not db.execute("DELETE FROM drafts WHERE draft_id = ?", (draft_id,)).rowcount:
        raise workspace_error("no_draft", file=path, field="draft_id", value=draft_id)


# -- question plans --------------------------------------------------------------------------------

def _question(item, language, position):
    from ..prepare.questions import Question

    if isinstance(item, Question):
        return item
    if isinstance(item, str) and item.strip():
        return Question(f"own-{position}", "own", "core", " ".join(item.split()), language)
    raise workspace_error("bad_question", field="questions", value=repr(item)[:80])


def save_plan(db, path, questions, minutes=None, language="en", name="default"):
    if language not in LANGUAGES:
        raise workspace_error("unknown_language", file=path, field="language", value=language,
                              choices={"en": " or ".join(LANGUAGES), "de": " oder ".join(LANGUAGES)})
    minutes = minutes if minutes is not None else getattr(questions, "minutes", 30)
    chosen = [_question(q, language, i) for i, q in enumerate(questions, start=1)]
    if not isinstance(minutes, int) or minutes <= 0:
        raise workspace_error("bad_minutes", file=path, field="minutes", value=minutes)
    data = [{"id": q.id, "category": q.category, "stage": q.stage, "text": q.text, "tags": list(q.tags),
             "note": q.note}
            for q in chosen]
    db.execute(f"INSERT OR REPLACE INTO plans (name, language, minutes, questions, updated_at) "
               f"VALUES (?, ?, ?, ?, {NOW})", (str(name), language, minutes, json.dumps(data, ensure_ascii=False)))


def load_plan(db, name="default"):
    from ..prepare.questions import InterviewPlan, Question

    row = db.execute("SELECT language, minutes, questions FROM plans WHERE name = ?", (str(name),)).fetchone()
    if row is None:
        return None
    language, minutes, data = row
    return InterviewPlan(tuple(Question(q["id"], q["category"], q["stage"], q["text"], language, tuple(q["tags"]),
                                        q.get("note"))
                               for q in json.loads(data)), minutes, language)


def plan_names(db):
    return [name for (name,) in db.execute("SELECT name FROM plans ORDER BY name COLLATE NOCASE")]


# -- checklist ticks ---------------------------------------------------------------------------------

def _step(path, step):
    from ..prepare.steps import steps

    for candidate in steps("en"):
        if step in (candidate.number, candidate.id):
            return candidate
    raise workspace_error("no_step", file=path, field="step", value=step)


def tick(db, path, step, item, done=True):
    found = _step(path, step)
    if item not in {i.id for i in found.checklist}:
        raise workspace_error("no_item", file=path, field="item", value=item, step=found.number,
                              items=", ".join(i.id for i in found.checklist))
    db.execute(f"INSERT OR REPLACE INTO ticks (step, item, done, changed_at) VALUES (?, ?, ?, {NOW})",
               (found.number, item, int(bool(done))))


def ticks(db, path, step):
    found = _step(path, step)
    return {item for (item,) in db.execute("SELECT item FROM ticks WHERE step = ? AND done = 1", (found.number,))}
