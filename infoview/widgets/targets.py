"""``TargetListWidget``: a LAMP list of target employers that sorts itself as you add to it."""

import html

import ipywidgets as w

from ..texts import text
from ..prepare.targets import TargetList

__all__ = ["TargetListWidget"]


class TargetListWidget(w.VBox):
    """A form to add employers with their LAMP ratings and the ranked table below it."""

    def __init__(self, targets=None, language="en", batch=5):
        self.targets = targets if targets is not None else TargetList(language=language)
        self.language, self.batch = language, batch
        t = lambda key: text(f"widgets.{key}", language)  # noqa: E731
        wide = {"style": {"description_width": "initial"}, "layout": w.Layout(width="48%")}
        self.employer = w.Text(description=t("employer"), **wide)
        self.contact = w.Text(description=t("contact"), **wide)
        self.advocate = w.Checkbox(description=t("advocate"), indent=False, layout=w.Layout(width="100%"),
                                   style={"description_width": "initial"})
        self.motivation = w.IntSlider(value=2, min=1, max=3, description=t("motivation"), **wide)
        self.posting = w.IntSlider(value=1, min=1, max=3, description=t("posting"), **wide)
        self.add_button = w.Button(description=t("add"), icon="plus", button_style="primary")
        self.message = w.HTML()
        self.table = w.HTML()
        self.add_button.on_click(lambda button: self._add())
        super().__init__([w.HBox([self.employer, self.contact]), self.advocate,
                          w.HBox([self.motivation, self.posting]), self.add_button, self.message, self.table])
        self._render()

    def _add(self):
        try:
            self.targets.add(self.employer.value, advocate=self.advocate.value, motivation=self.motivation.value,
                             posting=self.posting.value, contact=self.contact.value)
        except ValueError as exc:
            self.message.value = f"<span style='color:#b35900'>{html.escape(str(exc))}</span>"
            return
        self.message.value = ""
        self.employer.value = self.contact.value = ""
        self._render()

    def _render(self):
        ranked = self.targets.ranked()
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
