"""``ContactImport``: bring people from a LinkedIn export or an address book into the workspace.

A thin ipywidgets view over :class:`infoview.workspace.contact_choice.ContactChoice`: choose a
file (upload or path), search and filter the preview, tick people, and add only those. Any
problem is shown as a message in the widget, never as a traceback.
"""

import html

import ipywidgets as w

from ..texts import check_language, text
from ..workspace.contact_choice import ContactChoice

__all__ = ["ContactImport"]

_COLOURS = {"ok": "#1e7e34", "error": "#c0392b", "info": "#555"}
_COLUMNS = ("name", "company", "role", "connected_on", "email")
_WIDTHS = ("22%", "24%", "28%", "11%", "15%")


class ContactImport(w.VBox):
    """Preview a contacts file and add the people you tick to your workspace.

    ``ContactImport(workspace=None, language="en", path=None)``: ``workspace`` defaults to your
    own (opened when you add people); ``path`` reads a file at once, e.g. the sample
    ``data/linkedin_connections_sample.csv``. The model is :attr:`choice`.
    """

    def __init__(self, workspace=None, language="en", path=None, *, page=50):
        self.language = check_language(language)
        self.choice = ContactChoice(workspace, self.language, page=page)
        t = self._t
        self.upload = w.FileUpload(accept=".csv,.vcf,.txt", multiple=False, description=t("upload"),
                                   layout=w.Layout(width="auto"))
        self.path = w.Text(placeholder=t("path"), layout=w.Layout(width="22em"))
        self.read_button = w.Button(description=t("read"), icon="folder-open", layout=w.Layout(width="auto"))
        self.search = w.Text(description=t("search"), placeholder=t("search_placeholder"), continuous_update=True,
                             style={"description_width": "initial"}, layout=w.Layout(width="18em"))
        self.company = w.Dropdown(description=t("company"), style={"description_width": "initial"},
                                  layout=w.Layout(width="18em"))
        self.role = w.Text(description=t("role"), placeholder=t("role_placeholder"), continuous_update=True,
                           style={"description_width": "initial"}, layout=w.Layout(width="16em"))
        self.tick_shown = w.Button(description=t("tick_shown"), icon="check-square", layout=w.Layout(width="auto"))
        self.untick = w.Button(description=t("untick_all"), icon="square-o", layout=w.Layout(width="auto"))
        self.more = w.Button(description=t("show_more"), icon="angle-down", layout=w.Layout(width="auto"))
        self.add_button = w.Button(description=t("add"), icon="user-plus", button_style="primary",
                                   layout=w.Layout(width="auto"))
        self.message = w.HTML()
        self.status = w.HTML()
        self.rows = w.VBox(layout=w.Layout(max_height="28em", overflow="auto", width="100%"))
        self.boxes = {}
        self._syncing = False

        self.upload.observe(lambda c: self._guard(self._on_upload, c["new"]), names="value")
        self.read_button.on_click(lambda _: self._guard(self._on_path))
        for control, name in ((self.search, "search"), (self.company, "company"), (self.role, "role")):
            control.observe(lambda c, name=name: self._guard(self._on_filter, **{name: c["new"]}), names="value")
        self.tick_shown.on_click(lambda _: self._guard(self._on_tick_shown, True))
        self.untick.on_click(lambda _: self._guard(self._on_untick))
        self.more.on_click(lambda _: self._guard(self._on_more))
        self.add_button.on_click(lambda _: self._guard(self._on_add))

        row = {"layout": w.Layout(flex_flow="row wrap", align_items="center")}
        super().__init__([
            w.HTML(f'<div style="color:#333">{html.escape(t("intro"))}</div>'),
            w.HBox([self.upload, self.path, self.read_button], **row),
            self.message,
            w.HBox([self.search, self.company, self.role], **row),
            w.HTML(f'<div style="color:#555;font-size:90%">{html.escape(t("hint"))}</div>'),
            self.status,
            self.rows,
            w.HBox([self.tick_shown, self.untick, self.more, self.add_button], **row),
        ], layout=w.Layout(max_width="64em"))
        if path is not None:
            self.path.value = str(path)
            self._guard(self._on_path)
        else:
            self._guard(self.refresh)

    def _t(self, key, **values):
        return text(f"network.contacts.{key}", self.language, **values)

    def _guard(self, action, *args, **kwargs):
        """Run a handler; any error becomes a message in the widget instead of a traceback."""
        if self._syncing:
            return
        try:
            action(*args, **kwargs)
        except Exception as error:  # the student must never see a traceback
            self._show_message("error", self._t("unexpected", reason=error))

    # -- handlers ------------------------------------------------------------------------------

    def _on_upload(self, value):
        files = list(value.values()) if isinstance(value, dict) else list(value or ())
        if not files:
            return
        upload = files[-1]
        name = upload.get("name") or upload.get("metadata", {}).get("name", "contacts")
        self.choice.load_upload(name, upload["content"])
        self._syncing = True
        try:
            self.upload.value = ()  # so that choosing the same file again reads it again
        finally:
            self._syncing = False
        self._after_load()

    def _on_path(self):
        if not self.path.value.strip():
            self.choice.message = ("error", self._t("no_path"))
        else:
            self.choice.load(self.path.value.strip())
        self._after_load()

    def _after_load(self):
        self._syncing = True
        try:
            self.search.value = self.role.value = ""
            self.company.options = self.choice.companies()
            self.company.value = ""
        finally:
            self._syncing = False
        self.refresh()

    def _on_filter(self, **change):
        self.choice.set_filters(**change)
        self.refresh()

    def _on_tick(self, label, on):
        self.choice.tick(label, on)
        self.status.value = self._status_html()

    def _on_tick_shown(self, on):
        self.choice.tick_shown(on)
        self.refresh()

    def _on_untick(self):
        self.choice.untick_all()
        self.refresh()

    def _on_more(self):
        self.choice.show_more()
        self.refresh()

    def _on_add(self):
        self.choice.add()
        self.refresh()

    # -- view ----------------------------------------------------------------------------------

    def _show_message(self, level, message):
        self.message.value = (f'<div class="iv-message iv-{level}" style="color:{_COLOURS[level]}">'
                              f'{html.escape(str(message))}</div>')

    def _status_html(self):
        return f'<div class="iv-status" style="color:#555">{html.escape(self.choice.status())}</div>'

    def refresh(self):
        """Show the model as it is: message, preview rows with their ticks, and the counts."""
        self._show_message(*self.choice.message)
        self.status.value = self._status_html()
        loaded = self.choice.frame is not None and not self.choice.frame.empty
        for control in (self.search, self.company, self.role, self.tick_shown, self.untick, self.add_button):
            control.disabled = not loaded
        shown = self.choice.shown_rows()
        self.more.disabled = len(self.choice.matches()) <= len(shown)
        if not loaded:
            self.rows.children, self.boxes = (), {}
            return
        cell = 'style="display:inline-block;width:{};overflow:hidden;text-overflow:ellipsis;white-space:nowrap;' \
               'vertical-align:middle;padding-right:.5em"'
        head = "".join(f'<span {cell.format(width)}><b>{html.escape(self._t("columns." + column))}</b></span>'
                       for column, width in zip(_COLUMNS, _WIDTHS))
        children, self.boxes = [w.HTML(f'<div style="margin-left:2em">{head}</div>')], {}
        for row in shown:
            box = w.Checkbox(value=row["ticked"], indent=False, layout=w.Layout(width="2em"))
            box.observe(lambda c, label=row["label"]: self._guard(self._on_tick, label, c["new"]), names="value")
            self.boxes[row["label"]] = box
            cells = "".join(f'<span {cell.format(width)} title="{html.escape(str(row[column]), quote=True)}">'
                            f'{html.escape(str(row[column]))}</span>' for column, width in zip(_COLUMNS, _WIDTHS))
            children.append(w.HBox([box, w.HTML(f"<div>{cells}</div>", layout=w.Layout(width="100%"))],
                                   layout=w.Layout(align_items="center")))
        self.rows.children = children
