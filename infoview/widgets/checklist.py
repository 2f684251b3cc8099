"""``ChecklistWidget``: tick off a step's checklist, with a progress bar; ticks are kept in the workspace."""

import html

import ipywidgets as w

from ..errors import InfoviewError
from ..texts import text
from .binding import open_workspace, warning_html

__all__ = ["ChecklistWidget"]


class ChecklistWidget(w.VBox):
    """Checkboxes for a :class:`~infoview.prepare.steps.Checklist`; ticking one updates the checklist itself.

    ``ChecklistWidget(step)`` takes a step (and shows its title) or a checklist. Given a step,
    the ticks stored in ``workspace`` (default: the student's own, ``Workspace()``) are shown
    when it opens and each tick is saved at once; a bare checklist is not saved.
    """

    def __init__(self, step_or_checklist, language="en", *, workspace=None):
        checklist = getattr(step_or_checklist, "checklist", step_or_checklist)
        title = getattr(step_or_checklist, "title", None)
        self.checklist, self.language = checklist, language
        self.step = getattr(step_or_checklist, "number", None)
        self.workspace, problem = (None, "") if self.step is None else open_workspace(workspace, language)
        if self.workspace is not None:
            for item_id in self.workspace.ticks(self.step) & {item.id for item in checklist}:
                checklist.tick(item_id)
        self.boxes, rows = {}, []
        for item in checklist:
            # The text sits beside the box, not in its description: descriptions are cut to one line.
            box = w.Checkbox(value=item.id in checklist.done, indent=False, description="",
                             layout=w.Layout(width="2em", min_width="2em"))
            box.observe(lambda change, item_id=item.id: self._tick(item_id, change["new"]), names="value")
            self.boxes[item.id] = box
            label = w.HTML(f'<div style="white-space:normal;line-height:1.4;padding-top:.35em">'
                           f"{html.escape(item.text)}</div>", layout=w.Layout(flex="1 1 auto", width="auto"))
            rows.append(w.HBox([box, label], layout=w.Layout(align_items="flex-start", width="100%")))
        self.bar = w.FloatProgress(min=0, max=1, value=checklist.progress, layout=w.Layout(width="60%"))
        self.status = w.Label()
        self.message = w.HTML(warning_html(problem))
        header = [w.HTML(f"<h4>{html.escape(title)}</h4>")] if title else []
        super().__init__(header + rows + [w.HBox([self.bar, self.status, self.message])])
        self._refresh()

    def _tick(self, item_id, done):
        self.checklist.tick(item_id, done)
        if self.workspace is not None:
            try:
                self.workspace.tick(self.step, item_id, done)
            except InfoviewError as error:
                self.message.value = warning_html(error, self.language)
        self._refresh()

    def _refresh(self):
        done, total = self.checklist.done_count, len(self.checklist)
        self.bar.value = self.checklist.progress
        self.status.value = (text("widgets.all_done", self.language) if done == total
                             else text("widgets.progress", self.language, done=done, total=total))
