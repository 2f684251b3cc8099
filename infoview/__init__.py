"""infoview: a teaching kit for informational interviews.

Question banks, step checklists, email templates and a linter, an outreach log
and its analysis, in English and German.

>>> import infoview as iv
>>> len(iv.steps("en"))
14
>>> iv.is_closed_question("Do you enjoy your work?")
True

Names are imported on first use, so ``import infoview`` stays light: pandas,
matplotlib and ipywidgets load only when a feature needs them.
"""

from importlib import import_module

__version__ = "0.1.0"

_EXPORTS = {
    "ContentError": "infoview.errors",
    "Question": "infoview.questions",
    "QuestionBank": "infoview.questions",
    "is_closed_question": "infoview.questions",
    "Step": "infoview.guide",
    "Checklist": "infoview.guide",
    "steps": "infoview.guide",
    "fears": "infoview.guide",
    "EMAIL_KINDS": "infoview.emails",
    "Email": "infoview.emails",
    "TemplateError": "infoview.errors",
    "render_email": "infoview.emails",
    "render_template": "infoview.emails",
    "salutation": "infoview.emails",
    "Finding": "infoview.lint",
    "LINT_RULES": "infoview.lint",
    "lint_email": "infoview.lint",
    "LOG_COLUMNS": "infoview.outreach_log",
    "LogError": "infoview.errors",
    "read_log": "infoview.outreach_log",
    "OutreachLog": "infoview.store",
    "due": "infoview.reminders",
    "sample_log": "infoview.sample",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name):
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'infoview' has no attribute {name!r}")


def __dir__():
    return __all__
