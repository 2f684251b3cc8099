"""Findings shown in HTML: marks over the spans of text they refer to, short excerpts, rationales.

>>> from types import SimpleNamespace as F
>>> excerpt("Could you tell me about your path?", F(start=10, end=14))
'tell'
"""

import html

from .lint import SEVERITIES, rule_info

__all__ = ["MARK_STYLE", "excerpt", "highlight_html", "in_field", "rationale"]

MARK_STYLE = {
    "error": "background:#ffd7d5;border-bottom:2px solid #c0392b",
    "warning": "background:#fff0b3;border-bottom:2px solid #b7950b",
    "tip": "background:#dbeafe;border-bottom:2px dotted #2e6eb5",
}
"""How a finding of each severity is marked."""


def rationale(rule, language):
    """Why a rule matters, in ``language``, for a tooltip."""
    try:
        return rule_info(rule).explain(language)
    except (KeyError, ValueError):
        return ""


def in_field(findings, field):
    return [f for f in findings if getattr(f, "field", "body") == field]


def _span(finding, length):
    start, end = getattr(finding, "start", None), getattr(finding, "end", None)
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    start, end = max(0, start), min(length, end)
    return (start, end) if start < end else None


def excerpt(text, finding, width=60):
    span = _span(finding, len(text))
    if span is None:
        return ""
    piece = " ".join(text[span[0]:span[1]].split())
    return piece if len(piece) <= width else piece[: width - 1] + "…"


def highlight_html(text, findings):
    """``text`` escaped for HTML, with each finding's span wrapped in ``<mark>``.

    Overlapping spans are split; each piece shows the most severe finding and every message in
    its tooltip.

    >>> from types import SimpleNamespace as F
    >>> highlight_html("Hi <you> & me", [F(rule="x", severity="tip", message="say more", start=3, end=8)])
    'Hi <mark class="iv-tip" data-rule="x" title="say more" style="background:#dbeafe;border-bottom:2px dotted #2e6eb5">&lt;you&gt;</mark> &amp; me'
    """
    spans = [(span, f) for f in findings if (span := _span(f, len(text)))]
    cuts = sorted({0, len(text)} | {edge for span, _ in spans for edge in span})
    order = {s: i for i, s in enumerate(SEVERITIES)}
    parts = []
    for start, end in zip(cuts, cuts[1:]):
        piece = html.escape(text[start:end])
        covering = [f for (a, b), f in spans if a <= start and end <= b]
        if not covering:
            parts.append(piece)
            continue
        worst = min(covering, key=lambda f: order.get(f.severity, 9))
        title = html.escape("\n".join(dict.fromkeys(f.message for f in covering)), quote=True)
        rules = html.escape(" ".join(dict.fromkeys(f.rule for f in covering)), quote=True)
        parts.append(f'<mark class="iv-{html.escape(worst.severity)}" data-rule="{rules}" title="{title}" '
                     f'style="{MARK_STYLE.get(worst.severity, "")}">{piece}</mark>')
    return "".join(parts)
