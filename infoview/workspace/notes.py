"""The logic behind the ``ConversationNotes`` widget, without ipywidgets: record a debrief from
what a student typed into a form, and start the outreach to someone they were named to.

Everything is stored through :class:`~infoview.workspace.Workspace`; problems become a message in
the student's language (``ok``, ``message``), never a traceback.

>>> import tempfile, os
>>> from infoview.workspace import Workspace
>>> ws = Workspace(os.path.join(tempfile.mkdtemp(), "ws.sqlite3"))
>>> notes = ConversationNotesModel(ws)
>>> notes.save("10.03.2025", "Dr. Lena Kurz (Nordlicht)", {"advice": "Go to the data meetup"},
...            named="Tom Baker (Nordlicht)", actions=[("Go to the meetup", "20.03.2025")])
True
>>> notes.message
'Saved your notes on the conversation with Lena Kurz. New among your people, named by Lena Kurz: Tom Baker.'
>>> draft = notes.referral_draft(notes.named_options()[0][1])
>>> draft.kind, draft.fields["referrer"]
('referral_outreach', 'Dr. Lena Kurz')
>>> ws.close()
"""

import re

from ..errors import InfoviewError
from ..problems import in_language
from ..texts import check_language, text
from .conversations import HEADINGS, parse_day

__all__ = ["ACTIONS", "ConversationNotesModel", "split_person"]

ACTIONS = 3
"""How many actions a debrief form offers (step 14: up to three things to do next)."""
_ORGANISATION = re.compile(r"^(?P<name>.*?)\s*\((?P<organisation>[^()]*)\)\s*$")


def split_person(line):
    """``(name, organisation)`` from "Name (Organisation)" or a name alone.

    >>> split_person("Tom Baker (Nordlicht)"), split_person("Tom Baker")
    (('Tom Baker', 'Nordlicht'), ('Tom Baker', ''))
    """
    line = " ".join(str(line).split())
    found = _ORGANISATION.match(line)
    return (found["name"], found["organisation"].strip()) if found and found["name"] else (line, "")


class ConversationNotesModel:
    """State and actions of the conversation notes form over ``workspace``, worded in ``language``."""

    def __init__(self, workspace, language="en"):
        self.workspace, self.language = workspace, check_language(language)
        self.ok, self.message = None, ""

    def t(self, key, **values):
        return text(f"widgets.notes.{key}", self.language, **values)

    # -- choices ---------------------------------------------------------------------------------

    def person_options(self):
        """(label, person_id) pairs of everyone stored, by name."""
        people = sorted(self.workspace.people(), key=lambda p: p.name.casefold())
        return [(self._label(p), p.person_id) for p in people]

    def named_options(self):
        """(label, person_id) pairs of the people someone named to the student, newest first."""
        everyone = {p.person_id: p for p in self.workspace.people()}
        named = [p for p in everyone.values() if p.referred_by in everyone]
        return [(self.t("named_by", person=self._label(p), referrer=everyone[p.referred_by].full_name),
                 p.person_id) for p in reversed(named)]

    @staticmethod
    def _label(person):
        return f"{person.full_name} ({person.organisation})" if person.organisation else person.full_name

    # -- actions ---------------------------------------------------------------------------------

    def save(self, held_on, person, notes, named="", actions=()):
        """Store a debrief; return True when it was saved.

        ``person`` is a person's id or a typed "Name (Organisation)" (stored when new); ``notes``
        maps TIARA headings and ``reflection`` to text; ``named`` holds one "Name (Organisation)"
        per line; ``actions`` up to :data:`ACTIONS` ``(text, due date)`` pairs, blank ones skipped
        (a blank due date means a week after the conversation).
        """
        try:
            if not str(held_on or "").strip():
                return self._fail(self.t("no_date"))
            if person in (None, "") or (isinstance(person, str) and not person.strip()):
                return self._fail(self.t("no_person"))
            unknown = sorted(set(notes) - {*HEADINGS, "reflection"})
            if unknown:
                raise ValueError(f"unknown heading {unknown[0]!r}")
            lines = named.splitlines() if isinstance(named, str) else list(named)
            people = []
            for line in lines:
                name, organisation = split_person(line)
                if name:
                    people.append({"name": name, "organisation": organisation} if organisation else name)
            todo = [(str(what).strip(), str(due or "").strip() or None) for what, due in actions
                    if str(what or "").strip()]
            if len(todo) > ACTIONS:
                return self._fail(self.t("too_many_actions", count=ACTIONS))
            for day in [held_on, *(due for _, due in todo if due)]:
                try:
                    parse_day(day.strip() if isinstance(day, str) else day, None, "date")
                except InfoviewError:
                    return self._fail(self.t("bad_date", value=day))
            if isinstance(person, str):
                name, organisation = split_person(person)
                person = self.workspace.add_person(name, organisation=organisation)
            self.workspace.add_debrief(person, held_on.strip() if isinstance(held_on, str) else held_on,
                                       named=people, actions=todo, **{k: v for k, v in notes.items()})
        except InfoviewError as error:
            error = in_language(error, self.language)
            value, fix = getattr(error, "value", None), getattr(error, "fix", None)
            return self._fail(getattr(error, "reason", str(error)) + (f" ({value})" if value not in (None, "") else "")
                              + (f". {fix[0].upper()}{fix[1:]}." if fix else ""))
        contact = self.workspace.person(person)
        named_people = [self.workspace.person(p if isinstance(p, str) else p["name"]).name for p in people]
        message = self.t("saved", contact=contact.name)
        if named_people:
            message += " " + self.t("saved_named", people=", ".join(named_people), contact=contact.name)
        self.ok, self.message = True, message
        return True

    def referral_draft(self, person):
        """A ``referral_outreach`` :class:`~infoview.emails.draft.Draft` to ``person`` that names who
        referred them, in the form's language."""
        return self.workspace.draft_for(person, "referral_outreach", self.language)

    def _fail(self, message):
        self.ok, self.message = False, message
        return False

    def message_html(self):
        import html

        colour = "#1e7e34" if self.ok else "#b35900"
        return f"<span style='color:{colour}'>{html.escape(self.message)}</span>" if self.message else ""
