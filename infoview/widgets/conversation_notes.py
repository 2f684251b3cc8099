"""``ConversationNotes``: write up a conversation (step 14) under TIARA's headings, with the people
it led to and up to three actions, and start the email to someone you were named to.

A thin view over :class:`infoview.workspace.notes.ConversationNotesModel`; everything is kept in
the student's workspace.
"""

import html

import ipywidgets as w

from ..texts import check_language, text
from ..workspace.conversations import HEADINGS
from ..workspace.notes import ACTIONS, ConversationNotesModel
from .binding import describe, open_workspace, warning_html

__all__ = ["ConversationNotes"]


class ConversationNotes(w.VBox):
    """A debrief form over ``workspace`` (default: the student's own, ``Workspace()``).

    Controls are attributes: ``date``, ``person`` (a dropdown of stored people) and ``typed``
    (a new person), one text area per TIARA heading in ``headings`` plus ``reflection``,
    ``named``, ``actions`` (pairs of text boxes), ``save_button``; ``referral`` and
    ``draft_button`` open an :class:`~infoview.widgets.drafter.EmailDrafter` (``drafter``) on
    the referral outreach to the chosen person. ``message`` shows what happened.
    """

    def __init__(self, workspace=None, language="en", *, save_dir="."):
        check_language(language)
        self.language, self.save_dir = language, save_dir
        self.workspace, problem = open_workspace(workspace, language)
        self.model = ConversationNotesModel(self.workspace, language) if self.workspace is not None else None
        t = lambda key: text(f"widgets.notes.{key}", language)  # noqa: E731
        style = {"description_width": "initial"}

        def area(key, rows=2):
            return w.Textarea(placeholder=t(key), rows=rows, layout=w.Layout(width="98%"))

        self.date = w.Text(description=t("date"), placeholder=t("date_hint"), style=style)
        self.person = w.Dropdown(description=t("person"), style=style, layout=w.Layout(width="98%"))
        self.typed = w.Text(description=t("person_typed"), style=style, layout=w.Layout(width="98%"))
        self.headings = {key: area(key) for key in HEADINGS}
        self.reflection = area("reflection", 3)
        self.named = area("named", 2)
        self.actions = [(w.Text(placeholder=t("action"), layout=w.Layout(width="70%")),
                         w.Text(placeholder=t("due"), layout=w.Layout(width="26%"))) for _ in range(ACTIONS)]
        self.save_button = w.Button(description=t("save"), icon="check", button_style="primary")
        self.message = w.HTML(warning_html(problem))
        self.earlier = w.HTML()
        self.referral = w.Dropdown(layout=w.Layout(width="70%"))
        self.draft_button = w.Button(description=t("referral_button"), icon="envelope")
        self.referral_note = w.HTML()
        self.drafter = None
        self.drafter_box = w.VBox()
        self.person.observe(lambda change: self._person_chosen(), names="value")
        self.save_button.on_click(lambda button: self._guarded(self.save))
        self.draft_button.on_click(lambda button: self._guarded(self.draft_referral))
        form = [w.HTML(f"<p style='max-width:48em'>{html.escape(t('intro'))}</p>"), self.date, self.person,
                self.typed, *self.headings.values(), self.reflection, self.named,
                w.HTML(f"<b>{html.escape(t('actions'))}</b>"),
                *[w.HBox([what, due], layout=w.Layout(width="98%")) for what, due in self.actions],
                self.save_button, self.message]
        referral = [w.HTML(f"<h4>{html.escape(t('referral_heading'))}</h4>"), self.referral_note,
                    w.HBox([self.referral, self.draft_button]), self.drafter_box]
        super().__init__([*form, *referral, w.HTML(f"<h4>{html.escape(t('earlier'))}</h4>"), self.earlier],
                         layout=w.Layout(max_width="56em"))
        if self.model is None:
            self.save_button.disabled = self.draft_button.disabled = True
        else:
            self._refresh()

    # -- actions ---------------------------------------------------------------------------------

    def save(self):
        """Save what the form holds as a debrief, then clear the form."""
        person = self.person.value if self.person.value is not None else self.typed.value
        notes = {key: box.value for key, box in self.headings.items()} | {"reflection": self.reflection.value}
        saved = self.model.save(self.date.value, person, notes, self.named.value,
                                [(what.value, due.value) for what, due in self.actions])
        self.message.value = self.model.message_html()
        if saved:
            for box in (self.date, self.typed, self.reflection, self.named, *self.headings.values(),
                        *[box for pair in self.actions for box in pair]):
                box.value = ""
            self.person.value = None
            self._refresh()
        return saved

    def draft_referral(self):
        """Open the drafter on a referral outreach to the person chosen in :attr:`referral`."""
        from .drafter import EmailDrafter

        if self.referral.value is None:
            return
        draft = self.model.referral_draft(self.referral.value)
        self.drafter = EmailDrafter(language=self.language, workspace=self.workspace, draft=draft,
                                    save_dir=self.save_dir)
        self.drafter_box.children = [self.drafter]

    # -- view --------------------------------------------------------------------------------------

    def _guarded(self, action):
        try:
            action()
        except Exception as error:  # the student must never see a traceback
            self.message.value = warning_html(describe(error, self.language))

    def _person_chosen(self):
        self.typed.layout.display = "none" if self.person.value is not None else None

    def _refresh(self):
        t = lambda key, **kw: text(f"widgets.notes.{key}", self.language, **kw)  # noqa: E731
        self.person.options = [(t("person_new"), None)] + self.model.person_options()
        named = self.model.named_options()
        self.referral.options = named
        self.referral.value = named[0][1] if named else None
        self.referral.layout.display = self.draft_button.layout.display = None if named else "none"
        self.referral_note.value = "" if named else f"<i>{html.escape(t('referral_none'))}</i>"
        debriefs = self.workspace.debriefs()
        names = {p.person_id: p.full_name for p in self.workspace.people()}
        if not debriefs:
            self.earlier.value = f"<i>{html.escape(t('earlier_none'))}</i>"
            return
        import datetime

        from ..dates import short_date

        items = []
        for debrief in reversed(debriefs):
            parts = [f"<b>{html.escape(t(key).split(':')[0])}</b>: {html.escape(getattr(debrief, key))}"
                     for key in (*HEADINGS, "reflection") if getattr(debrief, key)]
            head = html.escape(t("earlier_line", date=short_date(datetime.date.fromisoformat(debrief.held_on), self.language),
                                 contact=names.get(debrief.person_id, "")))
            items.append(f"<li><b>{head}</b><br>{'<br>'.join(parts)}</li>")
        self.earlier.value = f"<ul>{''.join(items)}</ul>"
