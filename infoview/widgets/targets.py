"""``TargetListWidget``: a LAMP list of target employers that sorts itself as you add to it, kept in
the student's workspace (:meth:`~infoview.workspace.Workspace.add_target`)."""

import html

import ipywidgets as w

from ..prepare.targets import TargetList
from ..texts import text
from .binding import open_workspace, warning_html

__all__ = ["TargetListWidget"]


class TargetListWidget(w.VBox):
    """A form to add, correct and remove employers with their LAMP ratings, and the ranked table below.

    With ``workspace`` (default: the student's own, ``Workspace()``) the list opens with what is
    stored and every change is saved at once. Given a ``targets`` list and no workspace, the
    widget works on that list alone and saves nothing.
    """

    def __init__(self, targets=None, language="en", batch=5, *, workspace=None):
        self.language, self.batch = language, batch
        problem = ""
        if targets is not None and workspace is None:
            self.workspace = None
        else:
            self.workspace, problem = open_workspace(workspace, language)
        self.targets = targets if targets is not None else self._stored()
        t = lambda key: text(f"widgets.{key}", language)  # noqa: E731
        wide = {"style": {"description_width": "initial"}, "layout": w.Layout(width="48%")}
        self.entry = w.Dropdown(description=t("target_entry"), style={"description_width": "initial"},
                                layout=w.Layout(width="60%"))
        self.employer = w.Text(description=t("employer"), **wide)
        self.contact = w.Text(description=t("contact"), **wide)
        self.advocate = w.Checkbox(description=t("advocate"), indent=False, layout=w.Layout(width="100%"),
                                   style={"description_width": "initial"})
        self.motivation = w.IntSlider(value=2, min=1, max=3, description=t("motivation"), **wide)
        self.posting = w.IntSlider(value=1, min=1, max=3, description=t("posting"), **wide)
        self.add_button = w.Button(description=t("add"), icon="plus", button_style="primary")
        self.remove_button = w.Button(description=t("remove"), icon="trash", layout=w.Layout(display="none"))
        self.message = w.HTML(warning_html(problem))
        self.table = w.HTML()
        self.add_button.on_click(lambda button: self._guard(self._save))
        self.remove_button.on_click(lambda button: self._guard(self.remove, self.entry.value))
        self.entry.observe(lambda change: self._choose(change["new"]), names="value")
        super().__init__([self.entry, w.HBox([self.employer, self.contact]), self.advocate,
                          w.HBox([self.motivation, self.posting]), w.HBox([self.add_button, self.remove_button]),
                          self.message, self.table])
        self._render()

    # -- actions (also callable from code) ---------------------------------------------------------

    def add(self, employer, advocate=False, motivation=2, posting=1, contact=""):
        """Add an employer (saved to the workspace at once)."""
        if self.workspace is not None:
            self.workspace.add_target(employer, advocate, motivation, posting, contact, language=self.language)
            self.targets = self._stored()
        else:
            self.targets.add(employer, advocate=advocate, motivation=motivation, posting=posting, contact=contact)
        self._render()

    def correct(self, entry, /, **changes):
        """Change the entry for employer ``entry``: its ``employer``, ``advocate``, ``motivation``,
        ``posting`` or ``contact``."""
        if self.workspace is not None:
            self.workspace.update_target(entry, language=self.language, **changes)
            self.targets = self._stored()
        else:
            old = next(t for t in self.targets if t.employer == entry)
            values = {"employer": old.employer, "advocate": old.advocate, "motivation": old.motivation,
                      "posting": old.posting, "contact": old.contact} | changes
            trial = TargetList([t for t in self.targets if t.employer != entry], self.language)
            trial.add(**values)  # checks before anything changes
            self.targets.remove(entry)
            self.targets.add(**values)
        self._render()

    def remove(self, employer):
        """Take an employer off the list."""
        if self.workspace is not None:
            self.workspace.remove_target(employer)
            self.targets = self._stored()
        else:
            self.targets.remove(employer)
        self.entry.value = None
        self._render()

    # -- view ----------------------------------------------------------------------------------------

    def _stored(self):
        return self.workspace.targets(self.language) if self.workspace is not None else TargetList(
            language=self.language)

    def _guard(self, action, *args):
        try:
            action(*args)
        except Exception as error:  # the student must never see a traceback
            self.message.value = warning_html(error, self.language)

    def _save(self):
        values = {"employer": self.employer.value, "advocate": self.advocate.value,
                  "motivation": self.motivation.value, "posting": self.posting.value, "contact": self.contact.value}
        if self.entry.value is None:
            self.add(**values)
        else:
            self.correct(self.entry.value, **values)
        self.entry.value = None
        self.message.value = ""
        self.employer.value = self.contact.value = ""

    def _choose(self, employer):
        editing = employer is not None
        self.add_button.description = text(f"widgets.{'save_changes' if editing else 'add'}", self.language)
        self.add_button.icon = "check" if editing else "plus"
        self.remove_button.layout.display = None if editing else "none"
        if editing:
            found = next(t for t in self.targets if t.employer == employer)
            self.employer.value, self.contact.value = found.employer, found.contact
            self.advocate.value, self.motivation.value, self.posting.value = (found.advocate, found.motivation,
                                                                              found.posting)

    def _render(self):
        ranked = self.targets.ranked()
        chosen = self.entry.value
        self.entry.options = [(text("widgets.target_new", self.language), None)] + [(x.employer, x.employer)
                                                                                    for x in ranked]
        self.entry.value = chosen if chosen in {x.employer for x in ranked} else None
        if not ranked:
            self.table.value = f"<i>{text('widgets.empty_list', self.language)}</i>"
            return
        t = lambda key: text(f"widgets.{key}", self.language)  # noqa: E731
        head = "".join(f"<th>{t(k)}</th>" for k in ("rank", "employer", "advocate", "motivation", "posting", "contact"))
        rows = "".join(
            f"<tr><td>{i}</td><td>{html.escape(x.employer)}</td><td>{t('answer_yes') if x.advocate else t('answer_no')}</td>"
            f"<td>{x.motivation}</td><td>{x.posting}</td><td>{html.escape(x.contact)}</td></tr>"
            for i, x in enumerate(ranked, start=1))
        names = ", ".join(html.escape(x.employer) for x in self.targets.next_batch(self.batch))
        self.table.value = (f"<table><tr>{head}</tr>{rows}</table>"
                            f"<p><b>{text('widgets.batch', self.language, names=names)}</b></p>")
