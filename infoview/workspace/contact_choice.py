"""Choosing people from a contacts file: the model behind the ``ContactImport`` widget.

Plain Python without ipywidgets, so that it is tested headless: read a file (a path, or the
bytes of an upload), search it, filter it by company and role, tick people, and add the ticked
ones to a workspace. No method raises for bad input; problems become :attr:`ContactChoice.message`
in the chosen language.

>>> choice = ContactChoice(language="en")
>>> choice.load("data/linkedin_connections_sample.csv")
>>> choice.message
('ok', 'Found 12 people in linkedin_connections_sample.csv (LinkedIn connections).')
>>> choice.set_filters(search="muller")  # accents and case do not matter
>>> [row["name"] for row in choice.shown_rows()]
['Katharina Müller-Lüdenscheidt']
"""

import tempfile
import unicodedata
from pathlib import Path

from ..errors import InfoviewError
from ..problems import in_language
from ..texts import check_language, text

__all__ = ["ContactChoice"]

PAGE = 50
_SEARCHED = ("first_name", "last_name", "organisation", "role", "email")


def _key(value):
    """Text for matching: case, accents and spacing ignored ("Müller" is found by "muller")."""
    decomposed = unicodedata.normalize("NFKD", str(value or ""))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


class ContactChoice:
    """The people of one contacts file, the filters on them, and the ones ticked.

    ``workspace`` is where :meth:`add` stores the ticked people (default: the student's own,
    opened when first needed); ``page`` how many matching rows are shown at first.
    """

    def __init__(self, workspace=None, language="en", *, page=PAGE):
        self.language = check_language(language)
        self.workspace = workspace
        self.page = page
        self.frame = None
        self.file_name = ""
        self.search = self.company = self.role = ""
        self.ticked = set()
        self.limit = page
        self.message = ("info", text("network.contacts.waiting", self.language))
        self._keys = None

    # -- reading -------------------------------------------------------------------------------

    def load(self, path):
        """Read a contacts file (any format :func:`~infoview.prepare.contacts.read_contacts` knows)."""
        self._read(Path(path), Path(path).name)

    def load_upload(self, name, data):
        """Read the bytes of an uploaded file called ``name``."""
        name = Path(str(name or "contacts")).name
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(bytes(data))
            self._read(path, name)

    def _read(self, path, name):
        from ..prepare.contacts import read_contacts

        try:
            frame = read_contacts(path, self.language)
        except InfoviewError as error:
            reason = str(error).replace(str(path), name)
            self.message = ("error", text("network.contacts.problem", self.language, reason=reason))
            return
        self.frame, self.file_name = frame.reset_index(drop=True), name
        self._keys = self.frame[list(_SEARCHED)].apply(lambda row: _key(" ".join(row)), axis=1) \
            if len(frame) else None
        self.search = self.company = self.role = ""
        self.ticked, self.limit = set(), self.page
        if frame.empty:
            self.message = ("error", text("network.contacts.empty_file", self.language, file=name))
            return
        origins = [text(f"network.contacts.origins.{o}", self.language) for o in dict.fromkeys(frame["origin"])]
        self.message = ("ok", text("network.contacts.loaded", self.language, count=len(frame), file=name,
                                   origin=", ".join(origins)))

    # -- choosing ------------------------------------------------------------------------------

    def set_filters(self, search=None, company=None, role=None):
        """Show only the people that match: ``search`` in any field, exactly ``company``, ``role`` in the role."""
        for name, value in (("search", search), ("company", company), ("role", role)):
            if value is not None:
                setattr(self, name, str(value).strip())
        self.limit = self.page

    def matches(self):
        """The rows (their labels) that pass the filters, in the file's order."""
        if self.frame is None or self.frame.empty:
            return []
        keep = self._keys.str.contains(_key(self.search), regex=False) if self.search else True
        if self.company:
            keep = keep & (self.frame["organisation"] == self.company)
        if self.role:
            keep = keep & self.frame["role"].map(_key).str.contains(_key(self.role), regex=False)
        if keep is True:
            return list(self.frame.index)
        return list(self.frame.index[keep])

    def show_more(self):
        self.limit += self.page

    def shown_rows(self):
        """The rows to show now, as dicts with ``label``, ``name``, ``company``, ``role``,
        ``connected_on`` (text in the language), ``email`` and ``ticked``."""
        rows = []
        for label in self.matches()[:self.limit]:
            row = self.frame.loc[label]
            day = row["connected_on"]
            rows.append({"label": label, "name": f"{row['first_name']} {row['last_name']}".strip() or row["email"],
                         "company": row["organisation"], "role": row["role"], "email": row["email"],
                         "connected_on": "" if day != day or day is None else
                         day.strftime("%d.%m.%Y" if self.language == "de" else "%d %b %Y"),
                         "ticked": label in self.ticked})
        return rows

    def companies(self):
        """``(label, value)`` choices of the company filter: all, then companies by how many people work there."""
        options = [(text("network.contacts.all_companies", self.language), "")]
        if self.frame is not None and not self.frame.empty:
            counts = self.frame.loc[self.frame["organisation"] != "", "organisation"].value_counts()
            ordered = sorted(counts.items(), key=lambda item: (-item[1], _key(item[0])))
            options += [(text("network.contacts.company_option", self.language, company=name, count=count), name)
                        for name, count in ordered]
        return options

    def tick(self, label, on=True):
        if self.frame is not None and label in self.frame.index:
            (self.ticked.add if on else self.ticked.discard)(label)

    def tick_shown(self, on=True):
        """Tick (or untick) every row shown now."""
        for row in self.shown_rows():
            self.tick(row["label"], on)

    def untick_all(self):
        self.ticked = set()

    def status(self):
        """For example ``'12 of 40 shown · 3 ticked'``, and how many more match."""
        if self.frame is None:
            return ""
        matching = len(self.matches())
        shown = min(matching, self.limit)
        line = text("network.contacts.shown", self.language, shown=shown, total=len(self.frame),
                    ticked=len(self.ticked))
        if matching > shown:
            line += " " + text("network.contacts.more_hidden", self.language, count=matching - shown)
        return line

    # -- adding --------------------------------------------------------------------------------

    def add(self):
        """Add the ticked people to the workspace; return the :class:`~.network.AddedPeople` or None."""
        if self.frame is None:
            self.message = ("error", text("network.contacts.no_file", self.language))
            return None
        if not self.ticked:
            self.message = ("error", text("network.contacts.nothing_ticked", self.language))
            return None
        try:
            if self.workspace is None:
                from .workspace import Workspace

                self.workspace = Workspace()
            result = self.workspace.add_people(self.frame.loc[sorted(self.ticked)])
        except InfoviewError as error:
            self.message = ("error", text("network.contacts.problem", self.language,
                                          reason=in_language(error, self.language)))
            return None
        parts = [text("network.contacts.added", self.language, count=len(result.added))]
        if result.existing:
            parts.append(text("network.contacts.existing", self.language, count=len(result.existing)))
        if result.skipped:
            reasons = "; ".join(f"{self._name(label)}: {reason}" for label, reason in result.skipped)
            parts.append(text("network.contacts.skipped", self.language, count=len(result.skipped), reasons=reasons))
        if any(origin == "linkedin" for origin in self.frame.loc[sorted(self.ticked), "origin"]):
            parts.append(text("network.contacts.connections", self.language))
        self.message = ("error" if result.skipped and not result.added else "ok", " ".join(parts))
        self.ticked = set()
        return result

    def _name(self, label):
        row = self.frame.loc[label]
        return f"{row['first_name']} {row['last_name']}".strip() or row["email"] or f"#{label + 1}"
