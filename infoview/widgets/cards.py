"""``CardDeck``: pick a card by title and read it, for the fears and their reframes or the scripts."""

import html

import ipywidgets as w

from ..texts import text

__all__ = ["CardDeck"]


class CardDeck(w.VBox):
    """A dropdown of titles and the chosen card's text.

    ``cards`` is a list of ``(title, body)`` pairs, or of :class:`~infoview.prepare.steps.Fear`
    or :class:`~infoview.prepare.steps.Script` objects.
    """

    def __init__(self, cards, language="en"):
        self.cards = [_as_pair(card) for card in cards]
        self.picker = w.Dropdown(options=[(title, i) for i, (title, _) in enumerate(self.cards)],
                                 description=text("widgets.choose", language), layout=w.Layout(width="100%"))
        self.card = w.HTML()
        self.picker.observe(lambda change: self._show(), names="value")
        super().__init__([self.picker, self.card])
        self._show()

    def _show(self):
        title, body = self.cards[self.picker.value]
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())
        self.card.value = (f"<div style='border-left:4px solid #3b7dd8;padding:4px 12px'>"
                           f"<b>{html.escape(title)}</b>{paragraphs}</div>")


def _as_pair(card):
    if hasattr(card, "reframe"):
        return card.fear, f"{card.reframe}\n→ {card.try_this}"
    if hasattr(card, "moment"):
        return card.moment, card.text
    return card
