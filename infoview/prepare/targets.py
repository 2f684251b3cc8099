"""A prioritised list of target employers, after Steve Dalton's LAMP method.

List the employers you are curious about; mark whether you have an **A**dvocate there (an
alumnus or someone who would vouch for you); rate your **M**otivation from 1 to 3 and their
**P**ostings by relevance (1 none, 2 postings for other roles, 3 a posting for your kind of
role). Sort by motivation, then postings, then
advocates, and contact the top of the list a few at a time.

>>> targets = TargetList()
>>> targets.add("Stadtwerke Köln", advocate=True, motivation=2, posting=3)
>>> targets.add("GreenGrid GmbH", motivation=3, posting=1)
>>> [t.employer for t in targets.ranked()]
['GreenGrid GmbH', 'Stadtwerke Köln']
"""

from dataclasses import asdict, dataclass

from ..resources import check_language
from ..texts import text

__all__ = ["Target", "TargetList"]


@dataclass(frozen=True)
class Target:
    employer: str
    advocate: bool = False
    motivation: int = 2
    posting: int = 1
    contact: str = ""

    @property
    def sort_key(self):
        return (-self.motivation, -self.posting, not self.advocate)


class TargetList:
    """Target employers with LAMP ratings; :meth:`ranked` gives the order to work through them."""

    def __init__(self, targets=(), language="en"):
        self.language = check_language(language)
        self._targets = []
        for target in targets:
            self.add(**(asdict(target) if isinstance(target, Target) else dict(target)))

    def add(self, employer, advocate=False, motivation=2, posting=1, contact=""):
        """Add an employer; ratings go from 1 (low) to 3 (high).

        Bad input raises ``ValueError`` with a message in the list's language.
        """
        employer = str(employer).strip()
        if not employer:
            raise ValueError(text("widgets.employer_missing", self.language))
        if any(t.employer.casefold() == employer.casefold() for t in self._targets):
            raise ValueError(text("widgets.employer_twice", self.language, employer=employer))
        for name, value in (("motivation", motivation), ("posting", posting)):
            if value not in (1, 2, 3):
                raise ValueError(text("widgets.rating_range", self.language, name=text(f"widgets.{name}", self.language)))
        self._targets.append(Target(employer, bool(advocate), int(motivation), int(posting), str(contact).strip()))

    def remove(self, employer):
        self._targets = [t for t in self._targets if t.employer != employer]

    def ranked(self):
        """The targets by motivation, then postings, then advocates; ties keep the order they were added."""
        return sorted(self._targets, key=lambda t: t.sort_key)

    def next_batch(self, size=5):
        """The first ``size`` targets of the ranked list: the ones to contact now."""
        return self.ranked()[:size]

    def to_frame(self):
        """The ranked list as a DataFrame with a ``rank`` column."""
        import pandas as pd

        frame = pd.DataFrame([asdict(t) for t in self.ranked()],
                             columns=["employer", "advocate", "motivation", "posting", "contact"])
        frame.insert(0, "rank", range(1, len(frame) + 1))
        return frame

    def __len__(self):
        return len(self._targets)

    def __iter__(self):
        return iter(self._targets)
