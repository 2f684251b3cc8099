"""Writing to people: the email, its fields and salutation (:mod:`.message`), the template catalogue
(:mod:`.render`) and its sandboxed rendering (:mod:`.sandbox`), the coaching linter (:mod:`.lint`, shown in HTML by :mod:`.marks`)
and the drafter's model (:mod:`.draft`).

>>> from infoview.emails import example_fields, lint_email, render_email
>>> email = render_email("thank_you", "en", "standard", **example_fields("thank_you", "en", "standard"))
>>> [f.rule for f in lint_email(email.body, kind="thank_you") if f.severity == "error"]
[]
"""

from .draft import Draft, DraftState, SaveResult
from .lint import (HARD_WORD_LIMITS, LINT_RULES, SEVERITIES, SOFT_WORD_LIMITS, WORD_LIMITS, Finding, Rule, guess_language,
                   language_evidence, lint_email, rule_info, word_count)
from .marks import highlight_html
from .message import EMAIL_KINDS, Email, Field, salutation
from .render import (EmailTemplate, clear_registered_templates, example_fields, get_template, kind_description,
                     kind_label, load_templates, parse_template, register_templates, render_email, templates, variants)
from .sandbox import render_template

__all__ = ["Draft", "DraftState", "EMAIL_KINDS", "HARD_WORD_LIMITS", "Email", "EmailTemplate", "Field", "Finding", "LINT_RULES", "Rule",
           "SEVERITIES", "SOFT_WORD_LIMITS", "SaveResult", "WORD_LIMITS", "clear_registered_templates",
           "example_fields", "get_template", "guess_language", "highlight_html", "kind_description", "kind_label",
           "language_evidence", "lint_email", "load_templates", "parse_template", "register_templates", "render_email", "render_template",
           "rule_info", "salutation", "templates", "variants", "word_count"]
