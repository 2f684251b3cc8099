"""The logic behind the instructor's class dashboard, without ipywidgets: read a folder of
hand-ins, choose a range of weeks and a group, and get the figures, tables and report of
:mod:`infoview.classroom.view` and :mod:`infoview.classroom.report` for that choice. Problems become messages, never tracebacks.

>>> import tempfile, pathlib
>>> from infoview.log.sample import sample_log
>>> from infoview.log.write import write_log
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> for student, rows in sample_log(students=4, weeks=6, seed=5).groupby("student"):
...     _ = write_log(rows, folder / f"{student}.csv")
>>> model = ClassDashboardModel(groups={"s01": "A", "s02": "A", "s03": "B", "s04": "B"})
>>> model.load(folder / "missing")
False
>>> model.load(folder), model.group_options()
(True, [('All groups', ''), ('A', 'A'), ('B', 'B')])
>>> model.select(group="B")
>>> model.view.students["student"].tolist()
['s03', 's04']
"""

import html

from ..errors import ContentError, LogError
from ..problems import in_language
from ..texts import check_language, text
from .report import ReportPage, class_report
from .view import COMPARED, DEFAULT_GOAL, ClassView, course_weeks

__all__ = ["ClassDashboardModel", "PLOTS"]

PLOTS = ("rates", "goal", *COMPARED)
"""What :meth:`ClassDashboardModel.draw` can draw."""


class ClassDashboardModel:
    """State of the class dashboard. ``message`` and ``ok`` say how the last action went."""

    def __init__(self, language="en", goal=DEFAULT_GOAL, groups=None, as_of=None):
        self.language = check_language(language)
        self.goal, self.groups, self.as_of = goal, groups, as_of
        self.submissions = None
        self.weeks = None
        self.group = None
        self._view = None
        self.ok, self.message = True, ""

    def t(self, key, **values):
        return text(f"classroom.{key}", self.language, **values)

    def _done(self, ok, message):
        self.ok, self.message = ok, message
        return ok

    # -- reading and choosing ----------------------------------------------------------------

    def load(self, folder, progress=None):
        """Read the hand-ins in ``folder``; return whether that worked (see ``message``)."""
        from .handins import read_submissions

        folder = str(folder).strip()
        try:
            submissions = read_submissions(folder, groups=self.groups, progress=progress, language=self.language)
        except (OSError, ContentError, LogError) as error:
            return self._done(False, str(in_language(error, self.language)))
        if not submissions.files and not len(submissions.students):
            return self._done(False, self.t("dashboard.no_files"))
        self.submissions, self.weeks, self.group, self._view = submissions, None, None, None
        return self._done(True, self.t("dashboard.loaded", files=len(submissions.files),
                                       students=len(submissions.students), broken=len(submissions.broken)))

    @property
    def loaded(self):
        return self.submissions is not None

    def week_options(self):
        """``(label, Monday)`` for each week from the class's first outreach to the as-of date."""
        from ..analysis import labels as words

        if not self.loaded:
            return []
        return [(words.date(week, self.language, short=True), week)
                for week in course_weeks(self.submissions, self.as_of)]

    def group_options(self):
        """``(label, group)``: all groups (``""``, as a menu cannot show the value None) first, then
        each group of the roster."""
        groups = self.submissions.groups if self.loaded else []
        return [(self.t("dashboard.all_groups"), "")] + [(group, group) for group in groups]

    def select(self, weeks=None, group=None, goal=None):
        """Choose a range of weeks (two Mondays, or ``None`` for all), a group (``None`` or ``""`` for all), a goal."""
        if goal is not None:
            self.goal = goal
        self.weeks, self.group, self._view = (tuple(weeks) if weeks else None), group or None, None

    @property
    def view(self):
        """The :class:`~infoview.classroom.view.ClassView` of the current choice (computed once)."""
        if not self.loaded:
            raise ValueError(self.t("dashboard.load_first"))
        if self._view is None:
            self._view = ClassView(self.submissions, self.as_of, self.goal, weeks=self.weeks, group=self.group)
        return self._view

    # -- showing -----------------------------------------------------------------------------

    def draw(self, kind, ax):
        """Draw ``kind`` (one of :data:`PLOTS`) for the current choice on ``ax``."""
        if kind == "rates":
            return self.view.plot_rates(self.language, ax)
        if kind == "goal":
            return self.view.plot_goal(self.language, ax)
        if kind in COMPARED:
            return self.view.plot_comparison(kind, self.language, ax)
        raise ValueError(f"kind must be one of {', '.join(PLOTS)}, not {kind!r}")

    def summary(self):
        """One sentence: how many students have started, how many messages, as of when."""
        from ..analysis import labels as words

        view = self.view
        active = int((view.students["status"] == "active").sum())
        return self.t("dashboard.summary", active=active, total=len(view.students), sent=len(view.frame),
                      as_of=words.date(view.as_of, self.language))

    def attention_html(self):
        """Unreadable hand-ins, students without outreach and overdue follow-ups, as HTML."""
        part = ReportPage(self.view, self.language, None).attention()
        out = []
        broken = part["broken"]
        out.append(f"<h4>{html.escape(broken['heading'])}</h4><p>{html.escape(broken['text'])}</p>")
        for item in broken["files"]:
            rows = "".join(f"<li>{html.escape(' · '.join(filter(None, problem)))}</li>" for problem in item["problems"])
            out.append(f"<p><b>{html.escape(item['name'])}</b> ({html.escape(item['count'])})</p><ul>{rows}</ul>")
        idle = part["idle"]
        names = ", ".join(html.escape(item["student"] + (f" ({item['note']})" if item["note"] else ""))
                          for item in idle["students"])
        out.append(f"<h4>{html.escape(idle['heading'])}</h4><p>{html.escape(idle['text'])}</p>"
                   + (f"<p>{names}</p>" if names else ""))
        overdue = part["overdue"]
        out.append(f"<h4>{html.escape(overdue['heading'])}</h4><p>{html.escape(overdue['text'])}</p>")
        if overdue["rows"]:
            numbers = [False] + [True] * (len(overdue["header"]) - 1)
            rows = [[cell["text"] for cell in row] for row in overdue["rows"]]
            out.append(_table(overdue["header"], rows, numbers))
            if overdue["more"]:
                out.append(f"<p>{html.escape(overdue['more'])}</p>")
        return "\n".join(out)

    def students_html(self):
        """The table of students as an HTML table (numbers aligned right)."""
        part = ReportPage(self.view, self.language, None).student_rows()
        header = [cell["label"].replace("\u00ad", "") for cell in part["header"]]  # no soft hyphens here
        return _table(header, [[cell["text"] for cell in row["cells"]] for row in part["rows"]],
                      [cell["number"] for cell in part["header"]])

    def write_report(self, path):
        """Write the HTML report (and its CSV) of the current choice to ``path``; return whether it worked."""
        if not self.loaded:
            return self._done(False, self.t("dashboard.load_first"))
        path = str(path).strip() or "class.html"
        try:
            written = class_report(self.submissions, path, self.language, self.as_of, self.goal, weeks=self.weeks,
                                   group=self.group)
        except (OSError, ValueError) as error:
            return self._done(False, self.t("dashboard.cannot_write", path=path,
                                            error=getattr(error, "strerror", None) or error))
        return self._done(True, self.t("dashboard.written", path=written, csv=written.with_suffix(".csv")))


def _table(header, rows, numbers):
    """A plain HTML table with inline styles (a notebook's page styles stay untouched)."""
    def cell(tag, value, number):
        align = "right" if number else "left"
        return f'<{tag} style="padding:2px 10px;text-align:{align};vertical-align:bottom">{html.escape(value)}</{tag}>'

    head = "".join(cell("th", value, number) for value, number in zip(header, numbers))
    body = "".join("<tr>" + "".join(cell("td", value, number) for value, number in zip(row, numbers)) + "</tr>"
                   for row in rows)
    return f'<table style="border-collapse:collapse"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
