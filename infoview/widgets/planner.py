"""``QuestionPlanner``: build a plan for an N-minute conversation and check your own questions."""

import html

import ipywidgets as w

from ..prepare.closed_questions import question_feedback
from ..prepare.questions import QuestionBank, categories
from ..texts import text

__all__ = ["QuestionPlanner"]


class QuestionPlanner(w.VBox):
    """Minutes, focus categories and a new-plan button over :meth:`QuestionBank.plan`, plus a question checker."""

    def __init__(self, bank=None, language="en", minutes=30, seed=0):
        self.bank = bank or QuestionBank.builtin(language)
        self.language, self.seed = language, seed
        self.minutes = w.IntSlider(value=minutes, min=10, max=60, step=5, description=text("widgets.minutes", language))
        self.focus = w.SelectMultiple(options=[(c.label, c.id) for c in categories(language) if c.stage == "core"],
                                      description=text("widgets.focus", language), rows=6,
                                      style={"description_width": "initial"})
        self.again = w.Button(description=text("widgets.new_plan", language), icon="refresh")
        self.plan_view = w.HTML()
        self.question = w.Text(placeholder=text("widgets.question_placeholder", language),
                               description=text("widgets.check_question", language),
                               layout=w.Layout(width="100%"), style={"description_width": "initial"})
        self.feedback = w.HTML()
        self.plan = None
        for control in (self.minutes, self.focus):
            control.observe(lambda change: self._replan(), names="value")
        self.again.on_click(lambda button: self._replan(new_seed=True))
        self.question.observe(lambda change: self._check(), names="value")
        super().__init__([w.HBox([self.minutes, self.again]), self.focus, self.plan_view,
                          self.question, self.feedback])
        self._replan()

    def _replan(self, new_seed=False):
        if new_seed:
            self.seed += 1
        self.plan = self.bank.plan(minutes=self.minutes.value, focus=list(self.focus.value), seed=self.seed)
        items = "".join(f"<li>{html.escape(q.text)}</li>" for q in self.plan)
        title = text("widgets.plan_title", self.language, minutes=self.minutes.value, count=len(self.plan))
        self.plan_view.value = f"<b>{title}</b><ol>{items}</ol>"

    def _check(self):
        if not self.question.value.strip():
            self.feedback.value = ""
            return
        ok, message = question_feedback(self.question.value, self.language)
        colour = "#1a7f37" if ok else "#b35900"
        self.feedback.value = f"<span style='color:{colour}'>{'✓' if ok else '✎'} {html.escape(message)}</span>"
