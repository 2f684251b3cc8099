"""Writing to people: email templates and their sandboxed rendering (:mod:`.render`), the
coaching linter (:mod:`.lint`) and the drafter's model (:mod:`.draft`).

>>> from infoview.emails import example_fields, lint_email, render_email
>>> email = render_email("thank_you", "en", "standard", **example_fields("thank_you", "en", "standard"))
>>> [f.rule for f in lint_email(email.body, kind="thank_you") if f.severity == "error"]
[]
"""

from .draft import Draft, DraftState, SaveResult, highlight_html
from .lint import (LINT_RULES, SEVERITIES, SOFT_WORD_LIMITS, WORD_LIMITS, Finding, Rule, guess_language, lint_email,
                   rule_info, word_count)
from .render import (EMAIL_KINDS, Email, EmailTemplate, Field, clear_registered_templates, example_fields,
                        get_template, kind_description, kind_label, load_templates, parse_template,
                        register_templates, render_email, render_template, salutation, templates, variants)

__all__ = ["Draft", "DraftState", "EMAIL_KINDS", "Email", "EmailTemplate", "Field", "Finding", "LINT_RULES", "Rule",
           "SEVERITIES", "SOFT_WORD_LIMITS", "SaveResult", "WORD_LIMITS", "clear_registered_templates",
           "example_fields", "get_template", "guess_language", "highlight_html", "kind_description", "kind_label",
           "lint_email", "load_templates", "parse_template", "register_templates", "render_email", "render_template",
           "rule_info", "salutation", "templates", "variants", "word_count"]
