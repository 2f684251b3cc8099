"""``EmailDrafter``: write an email from a template with live feedback, then open or save it.

A thin ipywidgets view over :class:`infoview.emails.draft.Draft`, built only from core widgets
(no custom JavaScript), so it works in JupyterLab, Notebook 7, VS Code and Voilà. It never
sends anything: the student opens the draft in their own mail program or saves it. The draft is
kept in the student's workspace as they type and comes back when the drafter opens again.
"""

import asyncio
import html
from pathlib import Path

import ipywidgets as w

from ..emails.draft import Draft
from ..emails.lint import FREE_ACCOUNT_CHAR_LIMITS
from ..emails.message import NOTE_KINDS
from ..errors import InfoviewError
from ..problems import in_language
from ..texts import text
from ..emails.render import get_template
from ..runtime import in_kernel
from .binding import open_workspace, warning_html

__all__ = ["EmailDrafter"]

_LANGUAGES = (("English", "en"), ("Deutsch", "de"))


def _wide(**more):
    """A layout as wide as the drafter (98%: inputs add a margin of their own)."""
    return w.Layout(width="98%", **more)


class EmailDrafter(w.VBox):
    """Draft any kind of email: fields, your own edits, a highlighted preview, a word count and findings.

    ``EmailDrafter(kind="outreach", language="en")``; also ``variant``, ``fields`` (initial
    values), ``example=True`` (start from the template's example), ``region`` (a German email's
    conventions: ``"de-DE"``, ``"de-AT"`` or ``"de-CH"``, also a menu), ``save_dir`` (where the
    save buttons write) and ``debounce`` (seconds to wait after a keystroke before checking).
    The model is :attr:`draft`; :meth:`refresh` updates the view at once.

    ``workspace`` (default: the student's own, ``Workspace()``) keeps the draft: without
    ``fields``, ``example`` or ``draft``, the drafter opens the newest saved draft of this kind
    and language; every change is saved (after the same ``debounce``) under :attr:`draft_id`.
    ``draft`` starts from a given :class:`~infoview.emails.draft.Draft` (saved at once), such as
    :meth:`Workspace.draft_for(person) <infoview.workspace.Workspace.draft_for>`. ``wide=True``
    puts the preview and findings beside the editor where the page is wide enough (the studio).
    """

    def __init__(self, kind="outreach", language="en", variant=None, *, fields=None, example=False,
                 region=None, save_dir=".", debounce=0.3, workspace=None, draft=None, wide=False):
        self.workspace, problem = open_workspace(workspace, language)
        self.draft_id, self._dirty = None, draft is not None
        saved = None
        if draft is None and fields is None and not example and self.workspace is not None:
            saved = next((d for d in self.workspace.drafts(kind=kind) if d.language == language
                          and (variant is None or d.variant == variant)), None)
        if draft is not None:
            self.draft = draft
        elif saved is not None:
            self.draft, self.draft_id = saved.to_draft(), saved.draft_id
        else:
            self.draft = Draft(kind, language, variant, fields, region=region)
        if example:
            self.draft.fill_example()
        if region is not None:
            self.draft.set_region(region)
        self.save_dir = Path(save_dir)
        self.debounce = debounce
        self._pending = None
        self._syncing = False
        self.field_widgets = {}

        self.kind_select = w.Dropdown(layout=w.Layout(width="auto"))
        self.variant_select = w.Dropdown(layout=w.Layout(width="auto"))
        self.region_select = w.Dropdown(layout=w.Layout(width="auto"))
        self.language_select = w.ToggleButtons(options=_LANGUAGES, value=self.draft.language,
                                               style={"button_width": "6em"})
        self.description = w.HTML()
        self.example_button = w.Button(icon="magic", layout=w.Layout(width="auto"))
        self.fields_box = w.VBox(layout=_wide())
        self.recipient = w.Text(layout=_wide(), continuous_update=True)
        self.subject = w.Text(layout=_wide(), continuous_update=True)
        self.free_account = w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto"))
        self.body = w.Textarea(layout=_wide(height="16em"), continuous_update=True)
        self.body.add_class("iv-body")
        self.reset_button = w.Button(icon="undo", layout=w.Layout(width="auto"))
        self.word_count = w.HTML()
        self.messages = w.HTML()
        self.preview = w.HTML(layout=_wide())
        self.findings = w.HTML(layout=_wide())
        self.mailto = w.HTML()
        self.file_name = w.Text(value=f"{self.draft.kind}-draft", layout=w.Layout(width="16em"))
        self.save_txt = w.Button(icon="file", layout=w.Layout(width="auto"))
        self.save_eml = w.Button(icon="envelope", layout=w.Layout(width="auto"))
        self.save_status = w.HTML()
        self._labels = {}

        self.kind_select.observe(lambda c: self._guard(self._on_template, kind=c["new"]), names="value")
        self.variant_select.observe(lambda c: self._guard(self._on_template, variant=c["new"]), names="value")
        self.language_select.observe(lambda c: self._guard(self._on_template, language=c["new"]), names="value")
        self.region_select.observe(lambda c: self._guard(self._on_region, c["new"]), names="value")
        self.example_button.on_click(lambda _: self._guard(self._on_example))
        self.recipient.observe(lambda c: self._guard(self._on_recipient, c["new"]), names="value")
        self.subject.observe(lambda c: self._guard(self._on_edit, subject=c["new"]), names="value")
        self.free_account.observe(lambda c: self._guard(self._on_free_account, c["new"]), names="value")
        self.body.observe(lambda c: self._guard(self._on_edit, body=c["new"]), names="value")
        self.reset_button.on_click(lambda _: self._guard(self._on_reset))
        self.save_txt.on_click(lambda _: self._guard(self._on_save, "txt"))
        self.save_eml.on_click(lambda _: self._guard(self._on_save, "eml"))

        def heading(key):
            self._labels[key] = w.HTML()
            return self._labels[key]

        editor = [
            w.HBox([heading("kind"), self.kind_select, heading("variant"), self.variant_select,
                    self.language_select, heading("region"), self.region_select],
                   layout=w.Layout(flex_flow="row wrap", align_items="center")),
            self.description,
            w.HBox([heading("fields_heading"), self.example_button], layout=w.Layout(align_items="center")),
            self.fields_box,
            heading("recipient"), self.recipient,
            heading("subject"), self.subject, self.free_account,
            w.HBox([heading("your_text"), self.reset_button], layout=w.Layout(align_items="center")),
            self.body,
            self.word_count,
            self.messages,
        ]
        feedback = [
            heading("preview"), self.preview,
            self.findings,
            self.mailto,
            w.HBox([heading("file_name"), self.file_name, self.save_txt, self.save_eml],
                   layout=w.Layout(flex_flow="row wrap", align_items="center")),
            self.save_status,
        ]
        if wide:  # editor and preview side by side; below each other once the page is narrower than both
            column = {"flex": "1 1 28em", "min_width": "20em", "margin": "0 1em 0 0"}
            super().__init__([w.HBox([w.VBox(editor, layout=w.Layout(**column)),
                                      w.VBox(feedback, layout=w.Layout(**column))],
                                     layout=w.Layout(flex_flow="row wrap", align_items="flex-start", width="100%"))])
        else:
            super().__init__(editor + feedback, layout=w.Layout(max_width="56em"))
        self.add_class("iv-drafter")
        self._guard(self._rebuild)
        if problem:
            self.save_status.value = warning_html(problem)

    # ---------------------------------------------------------------- plumbing

    def _guard(self, action, *args, **kwargs):
        """Run a handler; any error becomes a message in the widget instead of a traceback."""
        if self._syncing:
            return
        try:
            action(*args, **kwargs)
        except Exception as exc:  # the student must never see a traceback
            self.messages.value = (f'<div class="iv-message" style="color:#c0392b">'
                                   f'{html.escape(text("drafter.unexpected", self.draft.language, reason=in_language(exc, self.draft.language)))}'
                                   '</div>')

    def _schedule(self):
        """Refresh after ``debounce`` seconds of quiet inside a live kernel, else (tests, scripts) now."""
        if self.debounce and in_kernel():
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                loop = None
            if loop is not None:
                if self._pending is not None:
                    self._pending.cancel()
                self._pending = loop.call_later(self.debounce, self._guard, self.refresh)
                return
        self.refresh()

    # ---------------------------------------------------------------- handlers

    def _on_template(self, **choice):
        old_kind = self.draft.kind
        self.draft.set_template(**choice)
        if self.draft.kind != old_kind:  # another kind of email is another draft
            self.draft_id, self._dirty = None, False
        else:
            self._dirty = True
        if self.file_name.value == f"{old_kind}-draft":
            self.file_name.value = f"{self.draft.kind}-draft"
        self._rebuild()

    def _on_example(self):
        self.draft.fill_example()
        self._dirty = True
        self._fill_field_widgets()
        self._show_region()
        self.refresh()

    def _on_region(self, code):
        self.draft.set_region(code)
        self._show_region()
        self.refresh()

    def _show_region(self):
        """The region menu, shown for German emails only (English ones have no regional form)."""
        draft = self.draft
        self._syncing = True
        try:
            self.region_select.options = draft.regions()
            self.region_select.value = draft.region or draft.regions()[0][1]
        finally:
            self._syncing = False
        code = self.region_select.value
        self.region_select.tooltip = f"{text('regions.choose', draft.language)} {text('regions.note.' + code, draft.language)}"
        shown = None if draft.language == "de" else "none"
        self.region_select.layout.display = self._labels["region"].layout.display = shown

    def _on_field(self, name, value):
        self.draft.set_field(name, value)
        self._dirty = True
        self._schedule()

    def _on_recipient(self, value):
        self.draft.set_recipient(value)
        self._dirty = True
        self._schedule()

    def _on_edit(self, **text):
        state = self.draft.state
        current = {"subject": state.subject, "body": state.body}
        if all(current[key] == value for key, value in text.items()):
            return
        self.draft.edit(**text)
        self._dirty = True
        self._schedule()

    def _on_free_account(self, free):
        self.draft.set_char_limit(FREE_ACCOUNT_CHAR_LIMITS.get(self.draft.kind) if free else None)
        self.refresh()

    def _on_reset(self):
        self.draft.reset_text()
        self._dirty = True
        self.refresh()

    def _on_save(self, format):
        name = Path(self.file_name.value.strip() or f"{self.draft.kind}-draft").name
        result = self.draft.save(self.save_dir / name, format)
        colour = "#1e7e34" if result.ok else "#c0392b"
        self.save_status.value = f'<span style="color:{colour}">{html.escape(result.message)}</span>'

    # ---------------------------------------------------------------- view updates

    def _rebuild(self):
        """Relabel everything and rebuild the field inputs for the current template."""
        draft = self.draft
        language = draft.language
        self._syncing = True
        try:
            self.kind_select.options = draft.kinds()
            self.kind_select.value = draft.kind
            self.variant_select.options = draft.variants()
            self.variant_select.value = draft.variant
            self.language_select.value = language
        finally:
            self._syncing = False
        for key, label in self._labels.items():
            label.value = f"<b>{html.escape(text('drafter.' + key, language))}</b>&nbsp;"
        self._show_region()
        self.example_button.description = text("drafter.example", language)
        self.reset_button.description = text("drafter.reset", language)
        self.save_txt.description = text("drafter.save_txt", language)
        self.save_eml.description = text("drafter.save_eml", language)
        note = draft.kind in NOTE_KINDS  # a LinkedIn note: no subject, counted in characters
        for part in (self.subject, self._labels["subject"], self.save_eml):
            part.layout.display = "none" if note else None
        self.free_account.description = text("drafter.free_account", language)
        self.free_account.layout.display = None if note else "none"
        template = get_template(draft.kind, language, draft.variant)
        self.description.value = f'<div style="color:#555">{html.escape(template.description)}</div>'
        self.field_widgets = {}
        rows = []
        for spec in template.fields:
            control = self._control(spec)
            self.field_widgets[spec.name] = control
            optional = f" ({text('drafter.optional', language)})" if spec.optional else ""
            help_text = f' <span style="color:#666">{html.escape(spec.help)}</span>' if spec.help else ""
            rows.append(w.VBox([w.HTML(f"<b>{html.escape(spec.label + optional)}</b>{help_text}"), control],
                               layout=_wide()))
        self.fields_box.children = rows
        self._fill_field_widgets()
        self.refresh()

    def _control(self, spec):
        if spec.type == "choice":
            control = w.Dropdown(options=list((label, value) for value, label in spec.choices),
                                 layout=w.Layout(width="auto"))
        elif spec.type in ("list", "long"):
            control = w.Textarea(layout=_wide(height="5em"), continuous_update=True)
        else:
            control = w.Text(layout=_wide(), continuous_update=True)
        control.observe(lambda c, name=spec.name: self._guard(self._on_field, name, c["new"]), names="value")
        return control

    def _fill_field_widgets(self):
        self._syncing = True
        try:
            for name, control in self.field_widgets.items():
                value = self.draft.fields.get(name)
                if isinstance(value, (list, tuple)):
                    value = "\n".join(str(item) for item in value)
                value = "" if value is None else str(value)
                if isinstance(control, w.Dropdown):
                    values = [v for _, v in control.options]
                    control.value = value if value in values else values[0]
                else:
                    control.value = value
        finally:
            self._syncing = False

    def refresh(self):
        """Recompute the draft and show it: text, word count, messages, preview, findings, link."""
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        draft = self.draft
        state = draft.state
        self._syncing = True
        try:
            if self.subject.value != state.subject:
                self.subject.value = state.subject
            if self.body.value != state.body:
                self.body.value = state.body
        finally:
            self._syncing = False
        self.reset_button.disabled = not state.edited
        self.word_count.value = draft.word_count_html()
        self.messages.value = draft.messages_html()
        self.preview.value = draft.preview_html()
        self.findings.value = draft.findings_html()
        self.mailto.value = draft.mailto_html()
        if self._dirty:
            self.save()

    def save(self):
        """Save the draft in the workspace now (the drafter does this by itself after each change)."""
        self._dirty = False
        if self.workspace is None:
            return
        try:
            self.draft_id = self.workspace.save_draft(self.draft, draft_id=self.draft_id)
        except InfoviewError as error:
            self.save_status.value = warning_html(error, self.draft.language)

