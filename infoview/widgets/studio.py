"""``DraftingStudio``: the whole course without code, on one page over the student's workspace.

Tabs: the target list (with the contact import), email drafting, question planning with the
printable sheet, the outreach log, conversation notes, what is due and the student's progress
through the fourteen steps. The page ``infoview app`` serves with Voilà
(``infoview/content/app/studio.ipynb``) is this widget; its settings (language, workspace, folder
for drafts) come from :func:`infoview.studio.settings_from_environment`.
"""

import datetime
import html

import ipywidgets as w

from ..errors import InfoviewError
from ..studio import settings_from_environment
from ..texts import check_language, text
from .binding import describe
from .contact_import import ContactImport
from .conversation_notes import ConversationNotes
from .drafter import EmailDrafter
from .logger import OutreachLogger
from .planner import QuestionPlanner
from .targets import TargetListWidget

__all__ = ["DraftingStudio", "TABS"]

TABS = ("tab_targets", "tab_email", "tab_questions", "tab_log", "tab_notes", "tab_due", "tab_progress")
"""The studio's tabs, in the order of the course (keys of ``content/texts/studio.yaml``)."""


class DraftingStudio(w.VBox):
    """A title, then one tab per part of the course, all on ``workspace``.

    ``workspace`` is a :class:`~infoview.workspace.Workspace` or the path of its file (an outreach
    log file opens as a workspace); default: the student's own, ``Workspace()``. Its log is
    :attr:`outreach_log`. ``save_dir`` is where the drafter saves files; ``practice=True`` says on
    the page that the workspace is only for practice. A workspace that cannot be opened leaves
    every tab working, unsaved, with the reason shown.
    """

    def __init__(self, workspace=None, language="en", save_dir=".", *, practice=False):
        from ..workspace import Workspace

        self.language = check_language(language)
        notes = []
        try:
            self.workspace = workspace if isinstance(workspace, Workspace) else Workspace(workspace, language=language)
            self.outreach_log = self.workspace.log
            note = "practice_log" if practice else "log_in_use"
            notes.append(text(f"studio.{note}", language, path=self.workspace.path))
        except (InfoviewError, OSError) as error:  # a broken file must not take the other tabs down with it
            self.workspace, self.outreach_log = None, None
            notes.append(text("studio.log_failed", language, reason=describe(error, language)))
        bound = self.workspace if self.workspace is not None else False
        self.targets = TargetListWidget(language=language, workspace=bound)
        self.contact_import = ContactImport(self.workspace, language) if self.workspace is not None else None
        self.drafter = EmailDrafter(kind="outreach", language=language, save_dir=save_dir, workspace=bound,
                                    wide=True)
        self.planner = QuestionPlanner(language=language, workspace=bound)
        if self.workspace is not None:
            self.logger = OutreachLogger(language=language, workspace=self.workspace)
        else:
            message = html.escape(notes[-1])
            self.logger = w.HTML(f'<div style="color:#c0392b">{message}</div>')
        self.notes = ConversationNotes(bound, language, save_dir=save_dir)
        self.due_list, self.progress_table = w.HTML(), w.HTML()
        refresh = [w.Button(description=text("studio.refresh", language), icon="refresh") for _ in range(2)]
        refresh[0].on_click(lambda button: self.show_due())
        refresh[1].on_click(lambda button: self.show_progress())
        notes.append(text("studio.saves_to", language, path=save_dir))
        notes.append(text("studio.privacy", language))
        targets = [self.targets] + ([w.HTML(f"<h4>{html.escape(text('studio.import_heading', language))}</h4>"),
                                     self.contact_import] if self.contact_import is not None else [])
        pages = [w.VBox(targets), self.drafter, self.planner, self.logger, self.notes,
                 w.VBox([self._intro("due_intro"), refresh[0], self.due_list]),
                 w.VBox([self._intro("progress_intro"), refresh[1], self.progress_table])]
        self.tabs = w.Tab(children=pages, titles=[text(f"studio.{key}", language) for key in TABS])
        self.tabs.observe(lambda change: self._tab_opened(change["new"]), names="selected_index")
        header = w.HTML(f'<h1 class="iv-studio-title">{html.escape(text("studio.title", language))}</h1>'
                        f'<p style="max-width:48em">{html.escape(text("studio.intro", language))}</p>')
        footer = w.HTML("".join(f'<div class="iv-studio-note" style="color:#555">{html.escape(str(n))}</div>'
                                for n in notes))
        super().__init__([header, self.tabs, footer], layout=w.Layout(max_width="90em", padding="0 1em"))
        self.show_due()
        self.show_progress()

    def _intro(self, key):
        return w.HTML(f'<p style="max-width:48em">{html.escape(text(f"studio.{key}", self.language))}</p>')

    def _tab_opened(self, index):
        if TABS[index] == "tab_due":
            self.show_due()
        elif TABS[index] == "tab_progress":
            self.show_progress()

    def show_due(self):
        """Show what is due today (:meth:`Workspace.due <infoview.workspace.Workspace.due>`)."""
        if self.workspace is None:
            return
        self.due_list.value = self.logger.model.due_html()

    def show_progress(self):
        """Show the student's progress through the fourteen steps (the hand-in's milestones)."""
        if self.workspace is None:
            return
        try:
            rows = self.workspace.progress()
        except InfoviewError as error:
            self.progress_table.value = html.escape(describe(error, self.language))
            return
        import pandas as pd

        from ..dates import short_date

        t = lambda key, **kw: text(f"studio.{key}", self.language, **kw)  # noqa: E731
        body = []
        for row in rows.itertuples(index=False):
            count = (text("workspace.cli.milestone_of", self.language, count=row.count, of=int(row.of))
                     if pd.notna(row.of) else str(row.count))
            since = ""
            if isinstance(row.first_on, str):
                since = short_date(datetime.date.fromisoformat(row.first_on), self.language)
            mark = "✓" if row.done else "○"
            body.append(f"<tr><td>{row.step}</td><td>{mark} {html.escape(text(f'workspace.milestones.{row.milestone}', self.language))}"
                        f"</td><td style='text-align:right'>{html.escape(count)}</td><td>{since}</td></tr>")
        head = "".join(f"<th style='text-align:left'>{html.escape(t(k))}</th>"
                       for k in ("progress_step", "progress_milestone", "progress_count", "progress_since"))
        done = int(rows["done"].sum())
        self.progress_table.value = (f"<p><b>{html.escape(t('progress_summary', done=done, total=len(rows)))}</b></p>"
                                     f"<table><tr>{head}</tr>{''.join(body)}</table>")

    @classmethod
    def from_environment(cls, environ=None):
        """The studio as ``infoview app`` configured it (a practice workspace when started otherwise)."""
        settings = settings_from_environment(environ)
        return cls(settings.log_path, settings.language, settings.save_dir, practice=settings.practice)
