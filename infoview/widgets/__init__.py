"""Jupyter widgets: thin ipywidgets front ends over plain-Python models.

Importing this package loads ipywidgets; ``import infoview`` alone does not.
"""

from importlib import import_module

_EXPORTS = {
    "EmailDrafter": "infoview.widgets.drafter",
    "OutreachLogger": "infoview.widgets.logger",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'infoview.widgets' has no attribute {name!r}")
