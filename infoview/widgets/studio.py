"""``DraftingStudio``: the email drafter, question planner and outreach logger on one page.

The page ``infoview app`` serves with Voilà (``infoview/content/app/studio.ipynb``) is this
widget; its settings (language, log, folder for drafts) come from
:func:`infoview.studio.settings_from_environment`.
"""

import html

import ipywidgets as w

from ..studio import settings_from_environment
from ..errors import LogError
from ..texts import text
from ..log.store import OutreachLog
from .drafter import EmailDrafter
from .logger import OutreachLogger
from .planner import QuestionPlanner

__all__ = ["DraftingStudio"]


class DraftingStudio(w.VBox):
    """A title, then tabs for the :class:`EmailDrafter`, the :class:`QuestionPlanner` and the
    :class:`OutreachLogger` on ``log`` (a path or an :class:`~infoview.log.store.OutreachLog`, kept as
    :attr:`outreach_log`). ``save_dir`` is where the drafter saves; ``practice=True`` says on the
    page that the log is only for practice.
    """

    def __init__(self, log, language="en", save_dir=".", *, practice=False):
        self.language = language
        self.drafter = EmailDrafter(kind="outreach", language=language, save_dir=save_dir)
        self.planner = QuestionPlanner(language=language)
        notes = []
        try:
            self.outreach_log = log if isinstance(log, OutreachLog) else OutreachLog(log)
            self.logger = OutreachLogger(self.outreach_log, language)
            note = "practice_log" if practice else "log_in_use"
            notes.append(text(f"studio.{note}", language, path=self.outreach_log.path))
        except (LogError, OSError) as exc:  # a broken log must not take the drafter and planner down with it
            self.outreach_log = None
            message = html.escape(text("studio.log_failed", language, reason=exc))
            self.logger = w.HTML(f'<div style="color:#c0392b">{message}</div>')
        notes.append(text("studio.saves_to", language, path=save_dir))
        notes.append(text("studio.privacy", language))
        self.tabs = w.Tab(children=[self.drafter, self.planner, self.logger],
                          titles=[text(f"studio.{key}", language) for key in ("tab_email", "tab_questions", "tab_log")])
        header = w.HTML(f'<h1 class="iv-studio-title">{html.escape(text("studio.title", language))}</h1>'
                        f'<p style="max-width:48em">{html.escape(text("studio.intro", language))}</p>')
        footer = w.HTML("".join(f'<div class="iv-studio-note" style="color:#555">{html.escape(str(n))}</div>'
                                for n in notes))
        super().__init__([header, self.tabs, footer], layout=w.Layout(max_width="60em", padding="0 1em"))

    @classmethod
    def from_environment(cls, environ=None):
        """The studio as ``infoview app`` configured it (a practice log when started otherwise)."""
        settings = settings_from_environment(environ)
        return cls(settings.log_path, settings.language, settings.save_dir, practice=settings.practice)
