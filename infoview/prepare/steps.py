"""The guide: the fourteen steps of an informational interview, their checklists and scripts, and the four fears.

>>> first, *_, last = steps("en")
>>> first.number, last.number
(1, 14)
>>> checklist = steps("en")[7].checklist
>>> checklist.tick(checklist.items[0].id)
>>> checklist.done_count, checklist.progress > 0
(1, True)
"""

from dataclasses import dataclass, field

from ..contentfile import translated
from ..resources import check_language, load_bundled

__all__ = ["Step", "Checklist", "ChecklistItem", "Script", "Fear", "steps", "fears"]

_STEPS_FILE = "infoview/content/steps.yaml"
_FEARS_FILE = "infoview/content/fears.yaml"


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str


class Checklist:
    """The items of one step, with which of them are done; a widget ticks them by id."""

    def __init__(self, items, done=()):
        self.items = tuple(items)
        self._ids = {item.id for item in self.items}
        self.done = set()
        for item_id in done:
            self.tick(item_id)

    def tick(self, item_id, done=True):
        """Mark an item as done (or, with ``done=False``, as not done)."""
        if item_id not in self._ids:
            raise KeyError(f"no checklist item {item_id!r}; the items are: {', '.join(sorted(self._ids))}")
        (self.done.add if done else self.done.discard)(item_id)

    @property
    def done_count(self):
        return len(self.done)

    @property
    def progress(self):
        """The share of items done, from 0.0 to 1.0."""
        return len(self.done) / len(self.items) if self.items else 1.0

    @property
    def remaining(self):
        """The items not yet done, in order."""
        return [item for item in self.items if item.id not in self.done]

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    def __str__(self):
        return "\n".join(f"[{'x' if i.id in self.done else ' '}] {i.text}" for i in self.items)


@dataclass(frozen=True)
class Script:
    """Sample wording for a moment where students freeze."""

    id: str
    moment: str
    text: str


@dataclass(frozen=True)
class Step:
    id: str
    number: int
    title: str
    summary: str
    checklist: Checklist = field(compare=False)
    scripts: tuple = ()


@dataclass(frozen=True)
class Fear:
    """A common fear about informational interviews, an honest reframe, and one small thing to try."""

    id: str
    fear: str
    reframe: str
    try_this: str


def steps(language="en"):
    """The fourteen steps in order, in ``"en"`` or ``"de"``, each with a fresh :class:`Checklist`."""
    check_language(language)
    result = []
    for entry in load_bundled("steps.yaml"):
        sid = entry["id"]

        def text(item, name, item_id):
            return translated(item, name, language, file=_STEPS_FILE, entry_id=item_id)

        items = [ChecklistItem(i["id"], text(i, "text", i["id"])) for i in entry["checklist"]]
        scripts = tuple(Script(s["id"], text(s, "moment", s["id"]), text(s, "text", s["id"]))
                        for s in entry.get("scripts") or ())
        result.append(Step(sid, entry["number"], text(entry, "title", sid), text(entry, "summary", sid),
                           Checklist(items), scripts))
    return result


def fears(language="en"):
    """The four fears that stop students from asking, with their reframes, for the first lesson."""
    check_language(language)
    return [
        Fear(e["id"], *(translated(e, name, language, file=_FEARS_FILE, entry_id=e["id"])
                        for name in ("fear", "reframe", "try_this")))
        for e in load_bundled("fears.yaml")
    ]
