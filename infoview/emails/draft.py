"""The email drafter's model: template, fields, preview, word count, findings, mailto link and saving.

Plain Python without ipywidgets: :class:`infoview.widgets.EmailDrafter` is a thin view over
:class:`Draft`, and tests drive both. No method raises for bad input; problems become
messages in :attr:`DraftState.messages`, in the draft's language.

This module is long because one draft has many faces that must agree (its state, word or, for a
LinkedIn note, character count, findings, the HTML pieces of the view, the mailto link and the
saved files); split apart, each would recompute the draft or reach into its private state.

>>> draft = Draft("thank_you", "en")
>>> draft.fill_example()
>>> state = draft.state
>>> state.subject
'Thank you for your time'
>>> state.word_limit, state.word_count < state.word_limit
(200, True)
>>> draft.set_field("next_step", "")
>>> draft.state.missing
('What you will do next',)
>>> draft.mailto().startswith("mailto:?subject=Thank%20you")
True
"""

import html
import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from urllib.parse import quote

from . import render as emails
from .message import EMAIL_KINDS, NOTE_KINDS, Email, channel_of
from ..errors import TemplateError
from ..outfiles import write_file
from ..problems import in_language
from .lint import (CHAR_LIMITS, HARD_WORD_LIMITS, SEVERITIES, SOFT_WORD_LIMITS, WORD_LIMITS, char_count,
                   language_evidence, lint_email, word_count)
from .marks import MARK_STYLE, excerpt, highlight_html, in_field, rationale
from ..regions import REGIONS, region
from ..resources import LANGUAGES
from ..texts import text

__all__ = ["Draft", "DraftState", "SaveResult"]

#: Links longer than this are cut by some mail programs.
MAILTO_SAFE_LENGTH = 2000
_BUTTON_STYLE = ("display:inline-block;padding:.45em 1em;margin:.3em .3em .3em 0;background:#1f6feb;color:#fff;"
                 "border-radius:4px;text-decoration:none;font-weight:600")
_ADDRESS = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\".]+$")


@dataclass(frozen=True)
class DraftState:
    """Everything the view shows, computed at once from the draft.

    ``word_count`` is counted as the linter counts (without greeting and closing);
    ``word_limit`` is the linter's limit for the kind, ``word_target`` its stricter ideal and
    ``word_hard_limit`` the count above which the length is an error, if any. A LinkedIn note is
    counted in characters instead: ``char_count`` and ``char_limit`` (None for emails).
    """

    subject: str
    body: str
    word_count: int
    word_limit: int | None
    word_target: int | None
    findings: tuple = ()
    missing: tuple = ()
    messages: tuple = ()
    edited: bool = False
    mixed_language: bool = False
    word_hard_limit: int | None = None
    char_count: int | None = None
    char_limit: int | None = None

    @property
    def over_limit(self):
        if self.char_limit is not None:
            return self.char_count > self.char_limit
        return self.word_limit is not None and self.word_count > self.word_limit

    @property
    def far_over_limit(self):
        """Over the length at which the linter calls it an error, not just a warning."""
        if self.char_limit is not None:
            return self.over_limit
        return self.word_hard_limit is not None and self.word_count > self.word_hard_limit


@dataclass(frozen=True)
class SaveResult:
    """The outcome of :meth:`Draft.save`: whether it worked, where, and a message to show."""

    ok: bool
    path: Path | None
    message: str


class Draft:
    """One email being written: its template, field values, any hand edits, and the recipient.

    ``char_limit`` sets the character limit of a LinkedIn note (default 300; 200 for a free account,
    see :meth:`set_char_limit`).

    >>> note = Draft("linkedin", "de", char_limit=200)
    >>> note.fill_example()
    >>> note.word_count_text(), [f.rule for f in note.state.findings]
    ('287 von höchstens 200 Zeichen', ['char-limit'])
    """

    def __init__(self, kind="outreach", language="en", variant=None, fields=None, recipient="", region=None, *,
                 char_limit=None):
        self.fields = {}
        self.char_limit = char_limit
        self.recipient = ""
        self.region = None          # the region of a German email; None: the default, Germany
        self._notes = []
        self._subject_edit = None
        self._body_edit = None
        self._state = None
        self.language = language if language in LANGUAGES else "en"
        if language not in LANGUAGES:
            self._notes.append(text("drafter.unknown_language", "en", code=language))
        if kind not in EMAIL_KINDS:
            self._notes.append(text("drafter.unknown_kind", self.language, kind=kind, fallback=EMAIL_KINDS[0]))
            kind = EMAIL_KINDS[0]
        self.kind = kind
        self.variant = None
        self._template = None
        self.set_template(variant=variant)
        self.set_fields(**(fields or {}))
        if region is not None:
            self.set_region(region)
        self.set_recipient(recipient)

    # ---------------------------------------------------------------- choices

    @property
    def template(self):
        """The current :class:`~infoview.emails.render.EmailTemplate`."""
        return self._template

    def kinds(self):
        """``(label, kind)`` pairs of every kind, in the draft's language."""
        return [(emails.kind_label(kind, self.language), kind) for kind in EMAIL_KINDS]

    def variants(self):
        """``(label, variant)`` pairs of the current kind's variants."""
        return [(t.label, t.variant)
                for t in emails.templates(self.kind, self.language)]

    def regions(self):
        """``(label, code)`` pairs of the regions a German email can be written for, in the draft's language."""
        return [(region(code).label(self.language), code) for code in REGIONS]

    def set_region(self, code):
        """Write a German email for Germany (``"de-DE"``), Austria (``"de-AT"``) or Switzerland (``"de-CH"``).

        >>> draft = Draft("outreach", "de", "alumni", region="de-AT")
        >>> draft.fill_example()          # the example goes to Zürich and brings its region
        >>> draft.region, draft.state.body.splitlines()[0]
        ('de-CH', 'Sehr geehrte Frau Dr. Meyer')
        """
        if code is None or code in REGIONS:
            self.region = code
        else:
            self._notes.append(text("regions.unknown_region", self.language, region=code,
                                    choices=", ".join(REGIONS)))
        self._changed()

    @property
    def _region(self):
        """The region rendering and the linter use (the default, Germany, when none is chosen);
        none for an English email."""
        return (self.region or region().code) if self.language == "de" else None

    def set_template(self, kind=None, language=None, variant=None):
        """Switch kind, language and/or variant; field values are kept by name.

        On a change of language, values that are still the old language's examples become the
        new language's examples; what the student wrote stays (and a note asks them to translate
        it when it reads like the other language).
        """
        if language is not None and language != self.language:
            if language in LANGUAGES:
                old_examples = emails.example_fields(self.kind, self.language, self.variant)
                self.language = language
                new_examples = emails.example_fields(self.kind, language, self.variant) \
                    if self.variant in emails.variants(self.kind, language) else {}
                for name, value in old_examples.items():
                    if self.fields.get(name) == value and name in new_examples:
                        self.fields[name] = new_examples[name]
            else:
                self._notes.append(text("drafter.unknown_language", self.language, code=language))
        if kind is not None and kind != self.kind:
            if kind in EMAIL_KINDS:
                self.kind = kind
                self.variant = None
            else:
                self._notes.append(text("drafter.unknown_kind", self.language, kind=kind, fallback=self.kind))
        available = emails.variants(self.kind, self.language)
        wanted = variant if variant is not None else self.variant
        if wanted is not None and wanted not in available:
            if variant is not None:
                self._notes.append(text("drafter.unknown_variant", self.language, variant=variant,
                                           fallback=available[0]))
            wanted = None
        self.variant = wanted or available[0]
        self._template = emails.get_template(self.kind, self.language, self.variant)
        self._changed()

    # ---------------------------------------------------------------- fields and text

    def set_field(self, name, value):
        """Set one field's value (text, or a list or one item per line for list fields)."""
        self.set_fields(**{name: value})

    def set_fields(self, **values):
        """Set several fields; a ``region`` among them (as in an example) sets the region."""
        if "region" in values:
            self.set_region(values.pop("region"))
        self.fields.update(values)
        self._changed()

    def fill_example(self):
        """Fill every field of the current template with its example values (hand edits are kept)."""
        self.set_fields(**emails.example_fields(self.kind, self.language, self.variant))
        if self._body_edit is not None:
            self._notes.append(text("drafter.example_behind_edit", self.language))
        self._changed()

    def set_recipient(self, address):
        self.recipient = (address or "").strip()
        self._changed()

    def set_char_limit(self, limit):
        """The character limit of a LinkedIn note: a whole number, or None for LinkedIn's 300."""
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit <= 0):
            self._notes.append(text("drafter.char_limit_invalid", self.language, limit=limit))
            limit = None
        self.char_limit = limit
        self._changed()

    def edit(self, subject=None, body=None):
        """Replace the template's subject and/or body with the student's own text."""
        if subject is not None:
            self._subject_edit = subject
        if body is not None:
            self._body_edit = body
        self._changed()

    def reset_text(self):
        """Forget hand edits: the text follows the template and the fields again."""
        self._subject_edit = self._body_edit = None
        self._changed()

    @property
    def channel(self):
        """The outreach log's channel to record this message under (``linkedin`` for a LinkedIn note)."""
        return channel_of(self.kind)

    @property
    def edited(self):
        return self._subject_edit is not None or self._body_edit is not None

    def _changed(self):
        self._state = None

    # ---------------------------------------------------------------- results

    @property
    def state(self):
        """The current :class:`DraftState` (computed once per change)."""
        if self._state is None:
            try:
                self._state = self._compute()
            except Exception as exc:  # the view must never see a traceback
                self._state = DraftState("", "", 0, None, None,
                                         messages=(text("drafter.unexpected", self.language,
                                                        reason=in_language(exc, self.language)),))
            self._notes = []
        return self._state

    def _compute(self):
        messages = list(self._notes)
        missing = ()
        template = self._template
        try:
            rendered = template.render(self.fields, placeholders=True, region=self._region)
            subject, body = rendered.subject, rendered.body
            missing = tuple(spec.label for spec in template.fields
                            if not spec.optional and spec.is_empty(self.fields.get(spec.name)))
        except TemplateError as exc:
            subject, body = "", ""
            messages.append(text("drafter.template_problem", self.language, reason=in_language(exc, self.language)))
        if self._subject_edit is not None:
            subject = self._subject_edit
        if self._body_edit is not None:
            body = self._body_edit
            missing = ()  # the student's own text replaces the fields
        if self.edited:
            messages.append(text("drafter.edited", self.language))
        mixed = self._body_edit is None and self._fields_in_other_language()
        if mixed:
            messages.append(text("drafter.mixed_language", self.language))
        findings = self._lint(subject, body, messages)
        limit = self._char_limit()
        return DraftState(subject, body, word_count(body), WORD_LIMITS.get(self.kind),
                          SOFT_WORD_LIMITS.get(self.kind), tuple(findings), missing, tuple(messages), self.edited,
                          mixed, HARD_WORD_LIMITS.get(self.kind), None if limit is None else char_count(body), limit)

    def _char_limit(self):
        if self.kind not in CHAR_LIMITS:
            return None
        return self.char_limit or CHAR_LIMITS[self.kind]

    def _fields_in_other_language(self):
        """Whether a field holds a phrase in the other language (as after a switch of language)."""
        for value in self.fields.values():
            for phrase in [value] if isinstance(value, str) else (value or ()):
                evidence = language_evidence(str(phrase))
                other = evidence.pop(self.language)
                if max(evidence.values()) >= 2 and max(evidence.values()) > other:
                    return True
        return False

    def _lint(self, subject, body, messages):
        try:
            found = lint_email(body, kind=self.kind, language=self.language,
                               subject=None if self.kind in NOTE_KINDS else subject, char_limit=self._char_limit(),
                               region=self._region)
        except Exception as exc:  # a checker bug must not break writing
            messages.append(text("drafter.lint_failed", self.language, reason=exc))
            return []
        order = {s: i for i, s in enumerate(SEVERITIES)}
        return sorted(found, key=lambda f: (order.get(f.severity, 9), f.field != "subject", f.start))

    def word_count_text(self):
        """For example ``'62 of at most 100 words (aim for 75 or fewer)'``."""
        state = self.state
        if state.char_limit is not None:
            return text("drafter.chars_limit", self.language, count=state.char_count, limit=state.char_limit)
        if state.word_limit is None:
            return text("drafter.words", self.language, count=state.word_count)
        count = text("drafter.words_limit", self.language, count=state.word_count, limit=state.word_limit)
        if state.word_target and state.word_count > state.word_target:
            count += f" ({text('drafter.words_target', self.language, target=state.word_target)})"
        return count

    def mailto(self):
        """A ``mailto:`` link that opens the draft in the student's mail program (nothing is sent)."""
        state = self.state
        to = quote(self.recipient, safe="@") if self.recipient and _ADDRESS.match(self.recipient) else ""
        body = state.body.replace("\r\n", "\n").replace("\n", "\r\n")
        return f"mailto:{to}?subject={quote(state.subject, safe='')}&body={quote(body, safe='')}"

    def link_messages(self):
        """Notes about the mailto link: a recipient that is not an address, a link too long."""
        notes = []
        if self.recipient and not _ADDRESS.match(self.recipient):
            notes.append(text("drafter.bad_address", self.language, address=self.recipient))
        if len(self.mailto()) > MAILTO_SAFE_LENGTH:
            notes.append(text("drafter.mailto_long", self.language))
        return notes

    def as_eml(self):
        """The draft as an .eml message (bytes), marked unsent so mail programs open it for editing."""
        state = self.state
        message = EmailMessage(policy=SMTP)
        if self.recipient and _ADDRESS.match(self.recipient):
            message["To"] = self.recipient
        message["Subject"] = state.subject
        message["X-Unsent"] = "1"
        message.set_content(state.body + "\n")
        return message.as_bytes()

    def as_text(self):
        state = self.state
        return Email(state.subject, state.body, self.kind, self.language, self.variant, self._region).as_text()

    def save(self, path, format=None):
        """Write the draft to ``path`` as ``txt`` or ``eml`` (from ``format`` or the file's suffix).

        A path without a suffix gets one. Returns a :class:`SaveResult`; never raises.
        """
        try:
            path = Path(path)
            format = (format or path.suffix.lstrip(".") or "txt").lower().lstrip(".")
            if format not in ("txt", "eml"):
                return SaveResult(False, None, text("drafter.save_format", self.language, format=format))
            if path.suffix.lower() != f".{format}":
                path = path.with_name(f"{path.name}.{format}")
            state = self.state
            if not state.body.strip():
                return SaveResult(False, None, text("drafter.save_empty", self.language))
            write_file(path, self.as_eml() if format == "eml" else self.as_text())
        except Exception as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            return SaveResult(False, None, text("drafter.save_failed", self.language, path=path, reason=reason))
        return SaveResult(True, path, text("drafter.saved", self.language, path=path))

    # ---------------------------------------------------------------- HTML for the view

    def preview_html(self):
        """The subject and the body, escaped, with findings marked; for an HTML widget."""
        state = self.state
        subject = highlight_html(state.subject, in_field(state.findings, "subject")) or "&nbsp;"
        label = html.escape(text("drafter.subject", self.language))
        subject_line = "" if self.kind in NOTE_KINDS else \
            f'<div style="margin-bottom:.5em"><b>{label}:</b> {subject}</div>'
        return (f'<div class="iv-draft" style="font-family:system-ui,sans-serif;line-height:1.5">'
                f'{subject_line}'
                f'<div style="white-space:pre-wrap">{highlight_html(state.body, in_field(state.findings, "body"))}</div></div>')

    def findings_html(self):
        """The findings as a list, most severe first, each with its message and the text it refers to."""
        state = self.state
        if not state.findings:
            return "" if state.missing or state.mixed_language else (
                f'<div class="iv-ok" style="color:#1e7e34">{html.escape(text("drafter.no_findings", self.language))}</div>')
        items = []
        for finding in state.findings:
            badge = html.escape(text(f"drafter.severity_{finding.severity}", self.language))
            quoted = excerpt(state.subject if finding.field == "subject" else state.body, finding)
            title = html.escape(rationale(finding.rule, self.language), quote=True)
            items.append(
                f'<li class="iv-finding iv-{html.escape(finding.severity)}" data-rule="{html.escape(finding.rule)}" '
                f'title="{title}"><mark style="{MARK_STYLE.get(finding.severity, "")}">{badge}</mark> '
                f'{html.escape(finding.message)}'
                + (f' <span style="color:#666">{html.escape(text("drafter.quoted", self.language, text=quoted))}</span>'
                   if quoted else "")
                + "</li>")
        return f'<ul class="iv-findings" style="padding-left:1.2em;margin:0">{"".join(items)}</ul>'

    def messages_html(self):
        """Missing fields and other messages, or an empty string."""
        state = self.state
        lines = list(state.messages) + self.link_messages()
        if state.missing:
            lines.insert(0, text("drafter.missing", self.language, fields=", ".join(state.missing)))
        return "".join(f'<div class="iv-message" style="color:#8a4b00">{html.escape(line)}</div>'
                       for line in lines)

    def word_count_html(self):
        state = self.state
        colour = "#c0392b" if state.far_over_limit else "#8a6d00" if state.over_limit or (
            state.word_target and state.word_count > state.word_target) else "#1e7e34"
        count = html.escape(self.word_count_text())
        if state.over_limit and state.char_limit is not None:
            over = html.escape(text("drafter.chars_over", self.language, count=state.char_count - state.char_limit))
            count += f" – {over}"
        elif state.over_limit:
            over = html.escape(text("drafter.words_over", self.language, count=state.word_count - state.word_limit))
            count += f" – {over}"
        return f'<span class="iv-words" style="color:{colour}">{count}</span>'

    def mailto_html(self):
        if self.kind in NOTE_KINDS:
            return f'<span style="color:#555">{html.escape(text("drafter.note_copy", self.language))}</span>'
        label = html.escape(text("drafter.mailto", self.language))
        note = html.escape(text("drafter.mailto_note", self.language))
        return (f'<a class="iv-mailto" role="button" href="{html.escape(self.mailto(), quote=True)}" '
                f'target="_blank" rel="noopener" style="{_BUTTON_STYLE}">✉ {label}</a>'
                f' <span style="color:#555;font-size:90%">{note}</span>')
