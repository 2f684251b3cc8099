"""The check of lesson 02's LAMP list: five or more employers, rated honestly, ranked by the library.

>>> from infoview.exercises import check
>>> check("02-lamp-list", ["Hafenstadt Energie, yes, 3, 2", "GreenGrid GmbH, no, 3, 3",
...     "Nordlicht Analytics, yes, 2, 3", "Atlas Mobility, no, 2, 1", "Kranich Consulting, yes, 1, 3"], "en")
✓ A LAMP list of 5 employers; your first batch: GreenGrid GmbH, Hafenstadt Energie, Nordlicht Analytics.
"""

from .feedback import as_list, fail

__all__ = ["lamp_list"]


def lamp_list(answer, key, say, language):
    """``answer``: texts "employer, advocate yes/no, motivation 1–3, posting 1–3" (``02-lamp-list``)."""
    from ..prepare.targets import TargetList

    ranked = TargetList(language=language)
    yes, no = say("yes"), say("no")
    for line in as_list(answer, "02-lamp-list", language):
        parts = [part.strip() for part in str(line).split(",")]
        if len(parts) != 4 or not parts[0]:
            fail(say("four_parts", line=line), language)
        employer, advocate, motivation, posting = parts
        if advocate.casefold() not in (yes, no):
            fail(say("advocate", line=line, given=advocate), language)
        if motivation not in ("1", "2", "3") or posting not in ("1", "2", "3"):
            fail(say("scale", line=line), language)
        try:
            ranked.add(employer, advocate=advocate.casefold() == yes, motivation=int(motivation), posting=int(posting))
        except ValueError as refused:
            fail(say("refused", line=line, why=refused), language)
    if len(ranked) < key["min_targets"]:
        fail(say("too_few", count=len(ranked), more=key["min_targets"] - len(ranked)), language)
    motivations = {target.motivation for target in ranked}
    if len(motivations) == 1:
        fail(say("same_motivation", motivation=motivations.pop()), language)
    first = [target.employer for target in ranked.next_batch(key["batch"])]
    lines = [say("ok", count=len(ranked), batch=", ".join(first))]
    return lines + ([] if any(target.advocate for target in ranked) else [say("no_advocate")])
