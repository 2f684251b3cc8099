"""``QuestionPlanner``: plan an N-minute conversation, edit the plan, print it, and check your own questions.

The plan is kept in the student's workspace: it is saved whenever it changes and shown again when
the planner opens.
"""

import base64
import html

import ipywidgets as w

from ..errors import InfoviewError
from ..prepare.plan import AUDIENCES, CONTEXTS, InterviewPlan, PlanError
from ..prepare.closed_questions import question_feedback
from ..prepare.questions import QuestionBank, categories
from ..texts import text
from .binding import open_workspace, warning_html

__all__ = ["QuestionPlanner"]


class QuestionPlanner(w.VBox):
    """A view over :meth:`QuestionBank.plan` and :class:`~infoview.prepare.plan.InterviewPlan`.

    Minutes, audience, kind of conversation, focus categories and a new-plan button draft a plan;
    each question has buttons to move it up or down, swap it for another question or remove it;
    a link downloads the printable question sheet; a text box checks a question of your own.
    The plan named ``plan_name`` in ``workspace`` (default: the student's own, ``Workspace()``)
    is shown when the planner opens, and every change to the plan is saved there.
    """

    def __init__(self, bank=None, language="en", minutes=30, seed=0, audience="student", *, workspace=None,
                 plan_name="default"):
        self.bank = bank or QuestionBank.builtin(language)
        self.language, self.seed, self.plan_name = language, seed, plan_name
        self.workspace, problem = open_workspace(workspace, language)
        stored = self._stored(audience)
        if stored is not None:
            minutes = min(max(stored.minutes, 10), 60)
        t = lambda key: text(f"widgets.{key}", language)  # noqa: E731
        wide = {"description_width": "initial"}
        self.minutes = w.IntSlider(value=minutes, min=10, max=60, step=5, description=t("minutes"))
        # "" stands for "no choice": a Dropdown whose value is None shows a blank box.
        self.audience = w.Dropdown(options=[(t(f"audience_{a}"), a) for a in AUDIENCES] + [(t("audience_both"), "")],
                                   value=audience or "", description=t("audience"), style=wide)
        self.context = w.Dropdown(options=[(t("context_none"), "")] + [(t(f"context_{c}"), c) for c in CONTEXTS],
                                  value="", description=t("context"), style=wide)
        self.focus = w.SelectMultiple(options=[(c.label, c.id) for c in categories(language) if c.stage == "core"],
                                      description=t("focus"), rows=6, style=wide)
        self.focus_hint = w.HTML(f"<span style='color:#555'>{html.escape(t('focus_hint'))}</span>")
        self.again = w.Button(description=t("new_plan"), icon="refresh")
        self.title = w.HTML()
        self.rows = w.VBox()
        self.rows.add_class("iv-plan")
        self.message = w.HTML()
        self.sheet_link = w.HTML()
        # the label sits above the box: a description beside a 100%-wide box pushes it out of its frame
        self.question_label = w.HTML(f"<b>{html.escape(t('check_question'))}</b>")
        self.question = w.Text(placeholder=t("question_placeholder"), layout=w.Layout(width="98%"))
        self.feedback = w.HTML()
        self.plan = None
        for control in (self.minutes, self.audience, self.context, self.focus):
            control.observe(lambda change: self._replan(), names="value")
        self.again.on_click(lambda button: self._replan(new_seed=True))
        self.question.observe(lambda change: self._check(), names="value")
        super().__init__([w.HBox([self.minutes, self.again]),
                          w.HBox([self.audience, self.context], layout=w.Layout(flex_flow="row wrap")),
                          self.focus, self.focus_hint, self.title, self.rows, self.message, self.sheet_link,
                          self.question_label, self.question, self.feedback], layout=w.Layout(max_width="100%"))
        if stored is not None:
            self.plan = stored
            self._show()
        else:
            self._replan(save=False)
        self.message.value = warning_html(problem)

    def move(self, question_id, step):
        """Move a question ``step`` places (−1 up, +1 down)."""
        index = self.plan.ids.index(question_id)
        self._edit(lambda: self.plan.move(question_id, max(index + step, 0)))

    def remove(self, question_id):
        """Take a question out of the plan."""
        self._edit(lambda: self.plan.remove(question_id))

    def swap(self, question_id):
        """Put the first fitting alternative in the place of a question."""
        options = self.bank.alternatives(self.plan, question_id)
        if not options:
            self.message.value = self._note(text("widgets.no_alternative", self.language))
            return
        self._edit(lambda: self.plan.replace(question_id, options[0]))

    def _stored(self, audience):
        """The saved plan in this language, its questions taken from the bank where it has them."""
        if self.workspace is None:
            return None
        saved = self.workspace.plan(self.plan_name)
        if saved is None or not len(saved) or saved.language != self.language:
            return None
        questions = tuple(self.bank[q.id] if q.id in self.bank else q for q in saved)
        return InterviewPlan(questions, saved.minutes, self.language, audience)

    def _save(self):
        if self.workspace is None:
            return
        try:
            self.workspace.save_plan(self.plan, minutes=self.plan.minutes, language=self.language,
                                     name=self.plan_name)
        except InfoviewError as error:
            self.message.value = warning_html(error, self.language)

    def _replan(self, new_seed=False, save=True):
        if new_seed:
            self.seed += 1
        self.plan = self.bank.plan(minutes=self.minutes.value, focus=list(self.focus.value), seed=self.seed,
                                   audience=self.audience.value or None, context=self.context.value or None)
        self.message.value = ""
        self._show()
        if save:
            self._save()

    def _edit(self, change):
        try:
            self.plan = change()
        except PlanError as error:
            self.message.value = self._note(str(error))
            return
        self.message.value = ""
        self._show()
        self._save()

    def _show(self):
        t = lambda key: text(f"widgets.{key}", self.language)  # noqa: E731
        self.title.value = "<b>{}</b>".format(html.escape(
            text("widgets.plan_title", self.language, minutes=self.plan.minutes, count=len(self.plan))))
        rows = []
        for number, (mark, q) in enumerate(zip(self.plan.minute_marks(), self.plan), start=1):
            buttons = []
            for icon, key, action in (("arrow-up", "move_up", lambda b, i=q.id: self.move(i, -1)),
                                      ("arrow-down", "move_down", lambda b, i=q.id: self.move(i, 1)),
                                      ("exchange", "swap", lambda b, i=q.id: self.swap(i)),
                                      ("times", "remove", lambda b, i=q.id: self.remove(i))):
                button = w.Button(icon=icon, tooltip=t(key),
                                  layout=w.Layout(width="34px", min_width="34px", flex="0 0 auto"))
                button.on_click(action)
                buttons.append(button)
            label = w.HTML(f"{number}. <span style='color:#555'>({mark} min)</span> {html.escape(q.text)}",
                           layout=w.Layout(flex="1 1 auto", width="auto"))
            rows.append(w.HBox([label, *buttons], layout=w.Layout(align_items="center", width="100%")))
        self.rows.children = rows
        data = base64.b64encode(self.plan.to_html().encode("utf-8")).decode("ascii")
        self.sheet_link.value = (f"<a download='{t('sheet_file')}' href='data:text/html;base64,{data}' "
                                 "style='display:inline-block;padding:.4em .9em;background:#1f6feb;color:#fff;"
                                 f"border-radius:4px;text-decoration:none;font-weight:600'>{html.escape(t('download_sheet'))}</a>")

    def _note(self, message):
        return f"<span style='color:#b35900'>✎ {html.escape(message)}</span>"

    def _check(self):
        if not self.question.value.strip():
            self.feedback.value = ""
            return
        ok, message = question_feedback(self.question.value, self.language)
        colour = "#1a7f37" if ok else "#b35900"
        self.feedback.value = f"<span style='color:{colour}'>{'✓' if ok else '✎'} {html.escape(message)}</span>"
