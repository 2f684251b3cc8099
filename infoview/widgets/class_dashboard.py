"""``ClassDashboard``: the instructor's class report, interactively (logic in :mod:`infoview.classroom.dashboard`).

    from infoview.widgets.class_dashboard import ClassDashboard
    ClassDashboard("hand_ins")                  # or ClassDashboard(language="de", groups="roster.csv")
"""

import ipywidgets as widgets

from ..classroom.dashboard import PLOTS, ClassDashboardModel
from ..classroom.view import DEFAULT_GOAL

__all__ = ["ClassDashboard"]

_SIZES = {"rates": (8, 4.5), "goal": (8, 3.8)}


class ClassDashboard(widgets.VBox):
    """Read a folder of hand-ins, choose weeks and a group, see the plots and tables, write the report.

    The controls are attributes: ``folder``, ``load_button``, ``weeks``, ``group``, ``goal``,
    ``report_path``, ``write_button``; ``message`` says what happened, ``overview``,
    ``students`` and ``plots`` (a PNG image per entry of :data:`~infoview.classroom.dashboard.PLOTS`,
    drawn when its tab in ``tabs`` is opened) show the results.
    """

    def __init__(self, folder="", language="en", goal=DEFAULT_GOAL, groups=None, as_of=None):
        self.model = ClassDashboardModel(language, goal, groups, as_of)
        t = self.model.t
        style = {"description_width": "9em"}
        self.folder = widgets.Text(value=str(folder), description=t("dashboard.folder"),
                                   placeholder=t("dashboard.folder_hint"), style=style,
                                   layout=widgets.Layout(width="34em"))
        self.load_button = widgets.Button(description=t("dashboard.load"), button_style="primary", icon="folder-open",
                                          layout=widgets.Layout(width="auto"))
        self.message = widgets.HTML()
        self.weeks = widgets.SelectionRangeSlider(options=[("–", 0)], description=t("dashboard.weeks"), style=style,
                                                  layout=widgets.Layout(width="40em"), disabled=True)
        self.group = widgets.Dropdown(options=self.model.group_options(), description=t("dashboard.group"),
                                      style=style, disabled=True)
        self.goal = widgets.BoundedIntText(value=int(goal), min=0, max=100, description=t("dashboard.goal"),
                                           style=style, layout=widgets.Layout(width="16em"))
        self.summary = widgets.HTML()
        self.overview = widgets.HTML()
        self.students = widgets.HTML()
        self.plots = {kind: widgets.Image(format="png", layout=widgets.Layout(max_width="52em")) for kind in PLOTS}
        self.report_path = widgets.Text(value="class.html", description=t("dashboard.report_path"), style=style)
        self.write_button = widgets.Button(description=t("dashboard.write"), icon="file", disabled=True,
                                           layout=widgets.Layout(width="auto"))

        tabs = widgets.Tab(children=[
            widgets.VBox([self.summary, self.overview]),
            self.plots["rates"],
            self.plots["goal"],
            widgets.VBox([self.plots[kind] for kind in PLOTS[2:]]),
            self.students,
        ])
        for index, title in enumerate(t("dashboard.tabs")):
            tabs.set_title(index, title)
        self.tabs = tabs
        self._stale = set()
        tabs.observe(lambda _: self._draw(), names="selected_index")
        super().__init__([
            widgets.HBox([self.folder, self.load_button]), self.message,
            widgets.HBox([self.weeks, self.group, self.goal]), tabs,
            widgets.HBox([self.report_path, self.write_button]),
        ])
        self.load_button.on_click(lambda _: self.load())
        self.write_button.on_click(lambda _: self.write())
        self._quiet = False
        for control in (self.weeks, self.group, self.goal):
            control.observe(lambda _: self.refresh(), names="value")
        if str(folder).strip():
            self.load()

    def _say(self):
        import html

        colour = "#1b7a4d" if self.model.ok else "#b3261e"
        self.message.value = f'<span style="color:{colour}">{html.escape(self.model.message)}</span>'

    def load(self):
        """Read the folder in the text box and show everything."""
        ok = self.model.load(self.folder.value)
        self._say()
        if not ok:
            return
        self._quiet = True
        try:
            weeks = self.model.week_options() or [("–", 0)]
            self.weeks.options = weeks
            self.weeks.index = (0, len(weeks) - 1)
            self.weeks.disabled = len(weeks) < 2
            self.group.options = self.model.group_options()
            self.group.value = ""
            self.group.disabled = len(self.group.options) < 2
            self.write_button.disabled = False
        finally:
            self._quiet = False
        self.refresh()

    def refresh(self):
        """Apply the chosen weeks, group and goal; update the tables and the plots on the open tab."""
        if self._quiet or not self.model.loaded:
            return
        first, last = self.weeks.value
        every = self.weeks.options
        whole = not first or (first == every[0][1] and last == every[-1][1])
        self.model.select(weeks=None if whole else (first, last), group=self.group.value, goal=self.goal.value)
        self.summary.value = f"<p><b>{self.model.summary()}</b></p>"
        self.overview.value = self.model.attention_html()
        self.students.value = self.model.students_html()
        self._stale = set(PLOTS)
        self._draw()

    def _draw(self):
        """Draw the stale plots of the open tab (plots on closed tabs wait until they are opened)."""
        from ..analysis.page import png

        shown = {1: ["rates"], 2: ["goal"], 3: list(PLOTS[2:])}.get(self.tabs.selected_index, [])
        for kind in [k for k in shown if k in self._stale]:
            image = self.plots[kind]
            self._stale.discard(kind)
            image.value = png(lambda ax, kind=kind: self.model.draw(kind, ax), _SIZES.get(kind, (8, 4)), dpi=96,
                              tight=False)

    def write(self):
        """Write the HTML report of the current choice to the path in ``report_path``."""
        self.model.write_report(self.report_path.value)
        self._say()
