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
    "InfoviewError": "infoview.errors",
    "Question": "infoview.prepare.questions",
    "QuestionBank": "infoview.prepare.questions",
    "is_closed_question": "infoview.prepare.closed_questions",
    "Step": "infoview.prepare.steps",
    "Checklist": "infoview.prepare.steps",
    "steps": "infoview.prepare.steps",
    "fears": "infoview.prepare.steps",
    "EMAIL_KINDS": "infoview.emails.message",
    "Email": "infoview.emails.message",
    "TemplateError": "infoview.errors",
    "render_email": "infoview.emails.render",
    "render_template": "infoview.emails.sandbox",
    "salutation": "infoview.emails.message",
    "Finding": "infoview.emails.lint",
    "LINT_RULES": "infoview.emails.lint",
    "lint_email": "infoview.emails.lint",
    "LOG_COLUMNS": "infoview.log.read",
    "LogError": "infoview.errors",
    "read_log": "infoview.log.read",
    "OutreachLog": "infoview.log.store",
    "due": "infoview.log.reminders",
    "sample_log": "infoview.log.sample",
    "read_contacts": "infoview.prepare.contacts",
    "Workspace": "infoview.workspace",
    "WorkspaceError": "infoview.errors",
    "REGIONS": "infoview.regions",
    "RegionError": "infoview.errors",
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
