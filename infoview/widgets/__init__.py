"""Jupyter widgets: thin ipywidgets front ends over plain-Python models.

Importing this package loads ipywidgets; ``import infoview`` alone does not.
"""

from importlib import import_module

_EXPORTS = {
    "CalendarDownload": "infoview.widgets.calendar_download",
    "CardDeck": "infoview.widgets.cards",
    "ChecklistWidget": "infoview.widgets.checklist",
    "ContactImport": "infoview.widgets.contact_import",
    "ConversationNotes": "infoview.widgets.conversation_notes",
    "EmailDrafter": "infoview.widgets.drafter",
    "OutreachLogger": "infoview.widgets.logger",
    "QuestionPlanner": "infoview.widgets.planner",
    "TargetListWidget": "infoview.widgets.targets",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'infoview.widgets' has no attribute {name!r}")
