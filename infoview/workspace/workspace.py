"""The :class:`Workspace`: one SQLite file per student with all their course work and their log."""

import datetime
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path

from ..errors import LogError, WorkspaceError
from ..log.store import OutreachLog, default_path
from ..problems import in_language, message, workspace_error
from ..texts import LANGUAGES, check_language, text
from . import conversations, drafts, due, forget, hand_in, network, people, schema, targets

__all__ = ["Workspace"]


class Workspace:
    """A student's workspace at ``path`` (default: the outreach log's file in the user data directory).

    ``ws.log`` is the :class:`~infoview.log.store.OutreachLog` on the same file. Every change is
    one transaction; a change whose call returned survives a crash. Bad input raises
    :class:`~infoview.errors.WorkspaceError` and changes nothing. ``language`` ("en" or "de") is
    that of its errors (and of its log's) and of the placeholder that stands for a forgotten contact.

    >>> import tempfile, os
    >>> ws = Workspace(os.path.join(tempfile.mkdtemp(), "ws.sqlite3"))
    >>> oid = ws.log.add(contact="Dr. Lena Kurz", organisation="Nordlicht", sent_at="2025-03-03")
    >>> [(p.title, p.name, p.organisation) for p in ws.people()]
    [('Dr.', 'Lena Kurz', 'Nordlicht')]
    >>> ws.add_person("lena kurz", email="lena.kurz@nordlicht.example") == ws.person("Lena Kurz").person_id
    True
    >>> ws.close()
    """

    def __init__(self, path=None, *, timeout=30.0, language="en"):
        self.language = check_language(language)
        self.path = Path(path) if path is not None else default_path()
        self._name = str(self.path)
        self._lock = threading.RLock()
        with self._said():
            self._open(timeout)

    def _open(self, timeout):
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            probe = sqlite3.connect(self.path, timeout=timeout)
            try:
                schema.check_file(probe, self._name)
            finally:
                probe.close()
            self._db = schema.connect(self.path, timeout)
        except (OSError, sqlite3.Error) as error:
            raise workspace_error("cannot_open", file=self._name, reason=str(error)) from None
        try:
            self.log = OutreachLog(self.path, timeout=timeout, language=self.language)
        except LogError as error:
            self._db.close()
            reason = {language: message(error.problems[0], language) for language in LANGUAGES}
            raise workspace_error("log_inside", file=self._name, reason=reason) from None
        try:
            with self._transaction() as db:
                schema.migrate(db, self._name)
                people.link_log(db, self._name)
        except BaseException:
            self.close()
            raise

    # -- plumbing ------------------------------------------------------------------------------

    def close(self):
        """Close the workspace and its log."""
        with self._lock:
            self.log.close()
            self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return f"Workspace({self._name!r})"

    @contextmanager
    def _said(self):
        """A WorkspaceError raised in this block, in the workspace's language."""
        try:
            yield
        except WorkspaceError as error:
            raise in_language(error, self.language) from None

    @contextmanager
    def _transaction(self):
        with self._lock, self._said():
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise self._store_error(error) from None
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException as error:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                if isinstance(error, sqlite3.Error):
                    raise self._store_error(error) from None
                raise

    def _store_error(self, error):
        return workspace_error("not_saved", file=self._name, reason=str(error))

    @contextmanager
    def _linked(self):
        """A transaction in which every log row is linked to its person."""
        with self._transaction() as db:
            people.link_log(db, self._name)
            yield db

    # -- people --------------------------------------------------------------------------------

    def add_person(self, name, **fields):
        """Store a person and return their id; the same person already stored is completed, not repeated.

        Fields: ``title``, ``form_of_address`` ("female", "male" or "" for neutral), ``organisation``,
        ``role``, ``email``, ``profile_url``, ``source`` (a log source), ``notes``, ``referred_by``
        (another person's id) and ``keep_in_touch_weeks`` (default 8).
        """
        with self._linked() as db:
            if "referred_by" in fields and fields["referred_by"] is not None:
                fields["referred_by"] = people.resolve(db, self._name, fields["referred_by"])
            return people.add(db, self._name, {"name": name, **fields})

    def update_person(self, person, **fields):
        """Change a person's fields; a new name is written into their log rows too."""
        with self._linked() as db:
            if fields.get("referred_by") is not None:
                fields["referred_by"] = people.resolve(db, self._name, fields["referred_by"])
            people.update(db, self._name, people.resolve(db, self._name, person), fields)

    def person(self, person):
        """A :class:`~infoview.workspace.people.Person` by id or by a name that matches exactly one."""
        with self._linked() as db:
            return people.get(db, people.resolve(db, self._name, person))

    def people(self):
        """Everyone stored, in the order they were added."""
        with self._linked() as db:
            return people.list_people(db)

    def snooze(self, person, until):
        """No keep-in-touch reminder for ``person`` before ``until`` (a date); ``None`` ends the snooze."""
        with self._linked() as db:
            day = None if until is None else conversations.parse_day(until, self._name, "until")
            db.execute("UPDATE people SET snoozed_until = ? WHERE person_id = ?",
                       (day, people.resolve(db, self._name, person)))

    def forget(self, person, *, keep_statistics=False):
        """Remove ``person`` (an id, or a name that matches exactly one person) and every trace of them.

        Their log rows are deleted, or with ``keep_statistics=True`` kept with an anonymous
        placeholder. The file is compacted afterwards so that nothing deleted stays on disk.
        Returns a :class:`~infoview.workspace.forget.ForgetResult`.
        """
        with self._linked() as db:
            result = forget.forget(db, people.resolve(db, self._name, person), keep_statistics,
                                   text("workspace.forgotten_contact", self.language))
        self.compact()
        return result

    def compact(self):
        """Rewrite the file without free space and empty its write-ahead log (after deleting)."""
        with self._lock, self._said():
            try:
                self._db.execute("VACUUM")
                busy = self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            except sqlite3.Error as error:
                raise self._store_error(error) from None
            if busy:
                raise workspace_error("still_read", file=self._name)

    def draft_for(self, person, kind=None, language="en"):
        """A new :class:`~infoview.emails.draft.Draft` to ``person``, with their name and referrer filled in.

        The kind defaults to ``referral_outreach`` for someone who was named to the student, else
        ``outreach``.
        """
        from ..emails.draft import Draft

        found = self.person(person)
        referrer = self.person(found.referred_by) if found.referred_by is not None else None
        fields = {"first_name": found.first_name, "last_name": found.last_name, "title": found.title,
                  "form_of_address": found.form_of_address, "organisation": found.organisation}
        if referrer is not None:
            fields["referrer"] = referrer.full_name
        kind = kind or ("referral_outreach" if referrer is not None else "outreach")
        return Draft(kind, language, fields={k: v for k, v in fields.items() if v}, recipient=found.email)

    # -- your own network, in and out -------------------------------------------------------------

    def add_people(self, frame):
        """Store the people of a :func:`~infoview.prepare.contacts.read_contacts` frame (the rows you chose).

        Nobody is stored twice: importing the same file again adds no one. A LinkedIn connection
        counts as an advocate at their employer on the LAMP list. Returns
        :class:`~infoview.workspace.network.AddedPeople` (``added``, ``existing``, ``skipped``).
        """
        with self._linked() as db:
            return network.add_people(db, self._name, frame)

    def export_calendar(self, path, today=None, include_names=True, *, language="en"):
        """Write what is coming up as an iCalendar file (see :mod:`infoview.workspace.calendar_file`); return its path.

        Meetings, the 3B7 dates of open outreach, thank-you and keep-in-touch reminders and your
        actions, each an event with an alarm. Importing a newer file updates the events instead of
        adding them again. With ``include_names=False`` no contact's name is written.
        """
        from . import calendar_file

        check_language(language)
        with self._said():
            day = conversations.parse_day(today or datetime.date.today(), self._name, "today")
            with self._linked() as db:
                salt = calendar_file.salt(db)
            found = calendar_file.items(self, day, language, include_names)
            return calendar_file.write(found, path, salt, language)

    def export_people(self, path, *, language="en"):
        """Write the people you have met (a meeting in the log or a debrief) as vCards 3.0; return the path."""
        from . import vcards

        check_language(language)
        with self._linked() as db:
            return vcards.write_met(db, path, language)

    # -- targets -------------------------------------------------------------------------------

    def targets(self, language="en"):
        """The LAMP list as a :class:`~infoview.prepare.targets.TargetList` (``ranked()`` sorts it)."""
        with self._transaction() as db:
            return targets.load(db, language)

    def add_target(self, employer, advocate=False, motivation=2, posting=1, contact="", *, language="en"):
        """Add an employer with its LAMP ratings (1–3); ``contact`` becomes a person at the employer."""
        with self._linked() as db:
            targets.add(db, self._name, language, employer, advocate, motivation, posting, contact)

    def update_target(self, employer, /, *, language="en", **changes):
        """Change a target's employer, advocate, motivation, posting or contact."""
        with self._linked() as db:
            targets.update(db, self._name, language, employer, changes)

    def remove_target(self, employer):
        with self._transaction() as db:
            targets.remove(db, self._name, employer)

    # -- drafts, plans, checklists ---------------------------------------------------------------

    def save_draft(self, draft, *, person=None, draft_id=None):
        """Save a drafter :class:`~infoview.emails.draft.Draft` (new, or over ``draft_id``); return its id.

        The draft is linked to ``person``, else to the stored person with its recipient address or name.
        """
        with self._linked() as db:
            return drafts.save_draft(db, self._name, draft, person, draft_id)

    def drafts(self, person=None, kind=None):
        """Saved drafts, newest first, as :class:`~infoview.workspace.drafts.SavedDraft` (``to_draft()`` reopens)."""
        with self._linked() as db:
            person_id = None if person is None else people.resolve(db, self._name, person)
            return drafts.list_drafts(db, person_id, kind)

    def delete_draft(self, draft_id):
        with self._transaction() as db:
            drafts.delete_draft(db, self._name, draft_id)

    def save_plan(self, questions, *, minutes=None, language="en", name="default"):
        """Save a question plan: an ``InterviewPlan`` or a list of questions and texts, in the order to ask."""
        with self._transaction() as db:
            drafts.save_plan(db, self._name, questions, minutes, language, name)

    def plan(self, name="default"):
        """The saved plan as an :class:`~infoview.prepare.questions.InterviewPlan`, or None."""
        with self._transaction() as db:
            return drafts.load_plan(db, name)

    def plans(self):
        """The names of the saved plans."""
        with self._transaction() as db:
            return drafts.plan_names(db)

    def tick(self, step, item, done=True):
        """Tick (or with ``done=False`` untick) a checklist item of a step (number or id)."""
        with self._transaction() as db:
            drafts.tick(db, self._name, step, item, done)

    def ticks(self, step):
        """The ids of the items ticked in ``step``."""
        with self._transaction() as db:
            return drafts.ticks(db, self._name, step)

    # -- conversations ---------------------------------------------------------------------------

    def add_debrief(self, person, held_on, *, trends="", insights="", advice="", resources="", assignments="",
                    reflection="", named=(), actions=()):
        """Record what a conversation with ``person`` on ``held_on`` taught you; return the debrief's id.

        ``named``: the people they suggested (names, or dicts of person fields); each becomes a
        person referred by ``person``. ``actions``: texts or ``(text, due date)`` pairs (a text
        alone is due a week after the conversation).
        """
        notes = {"trends": trends, "insights": insights, "advice": advice, "resources": resources,
                 "assignments": assignments, "reflection": reflection}
        with self._linked() as db:
            return conversations.add_debrief(db, self._name, person, held_on, notes, named, actions)

    def debriefs(self, person=None):
        with self._linked() as db:
            person_id = None if person is None else people.resolve(db, self._name, person)
            return conversations.list_debriefs(db, person_id)

    def actions(self, person=None, *, open_only=False):
        with self._linked() as db:
            person_id = None if person is None else people.resolve(db, self._name, person)
            return conversations.list_actions(db, person_id, open_only)

    def mark_done(self, action_id, on=None, *, done=True):
        """Mark an action done on ``on`` (default today), or with ``done=False`` open again."""
        with self._transaction() as db:
            conversations.mark_done(db, self._name, action_id, on or datetime.date.today(), done)

    # -- what is due, hand-in --------------------------------------------------------------------

    def due(self, today=None, *, language="en", holidays=(), region=None, subdivision=None):
        """What is due on ``today``: :func:`infoview.due`'s reminders plus the workspace's own
        (see :mod:`infoview.workspace.due`), most overdue first; ``region`` and ``subdivision``
        skip that place's public holidays."""
        with self._linked() as db:
            return due.what_is_due(db, self.log.to_frame(), today, language, holidays, region, subdivision)

    def progress(self, today=None):
        """The student's progress through the fourteen steps as of ``today`` (default: today): a
        DataFrame with the hand-in's milestone columns (:data:`~infoview.workspace.MILESTONE_COLUMNS`)."""
        import pandas as pd

        with self._linked() as db:
            day = conversations.parse_day(today or datetime.date.today(), self._name, "today")
            rows = hand_in.milestones(db, self.log.to_frame(), "", day)
        return pd.DataFrame(rows, columns=hand_in.MILESTONE_COLUMNS)

    def hand_in(self, path, *, today=None):
        """Write the file to give your instructor (see :mod:`infoview.workspace.hand_in`); return its path."""
        with self._linked() as db:
            day = conversations.parse_day(today or datetime.date.today(), self._name, "today")
            return hand_in.write_hand_in(db, self.log.to_frame(), path, day)
