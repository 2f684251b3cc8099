"""``ChecklistWidget``: tick off a step's checklist, with a progress bar."""

import ipywidgets as w

from ..texts import text

__all__ = ["ChecklistWidget"]


class ChecklistWidget(w.VBox):
    """Checkboxes for a :class:`~infoview.prepare.steps.Checklist`; ticking one updates the checklist itself.

    ``ChecklistWidget(step)`` takes a step (and shows its title) or a checklist.
    """

    def __init__(self, step_or_checklist, language="en"):
        checklist = getattr(step_or_checklist, "checklist", step_or_checklist)
        title = getattr(step_or_checklist, "title", None)
        self.checklist, self.language = checklist, language
        self.boxes = {}
        for item in checklist:
            box = w.Checkbox(value=item.id in checklist.done, description=item.text, indent=False,
                             layout=w.Layout(width="100%"), style={"description_width": "initial"})
            box.observe(lambda change, item_id=item.id: self._tick(item_id, change["new"]), names="value")
            self.boxes[item.id] = box
        self.bar = w.FloatProgress(min=0, max=1, value=checklist.progress, layout=w.Layout(width="60%"))
        self.status = w.Label()
        header = [w.HTML(f"<h4>{title}</h4>")] if title else []
        super().__init__(header + list(self.boxes.values()) + [w.HBox([self.bar, self.status])])
        self._refresh()

    def _tick(self, item_id, done):
        self.checklist.tick(item_id, done)
        self._refresh()

    def _refresh(self):
        done, total = self.checklist.done_count, len(self.checklist)
        self.bar.value = self.checklist.progress
        self.status.value = (text("widgets.all_done", self.language) if done == total
                             else text("widgets.progress", self.language, done=done, total=total))
