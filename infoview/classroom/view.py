"""The figures of a class as of one date, from the students' hand-ins: who has sent how much, the
rates over the weeks, the weekly goal and what is overdue (:class:`ClassView`), and its plots.

>>> import tempfile, pathlib
>>> from infoview.classroom.handins import read_submissions
>>> from infoview.log.sample import sample_log
>>> from infoview.log.write import write_log
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> for student, rows in sample_log(students=4, weeks=5, seed=2).groupby("student"):
...     _ = write_log(rows, folder / f"{student}.csv", pseudonymize=True)
>>> view = ClassView(read_submissions(folder, progress=False), as_of="2025-10-26", goal=2)
>>> view.as_of, len(view.weeks)
(Timestamp('2025-10-26 23:59:59.999999999'), 4)
>>> view.students.columns.tolist()[:9]
['student', 'status', 'steps_done', 'sent', 'replied', 'reply_rate', 'reply_low', 'reply_high', 'shrunk_rate']

Everything is counted as known on the as-of date (see :func:`default_as_of`): outreach sent later
is left out, and replies, meetings and thank-you notes logged for later dates are not counted.
Rates over time count replies within :data:`WITHIN` days of sending, for outreach sent at least
that long before the as-of date (censoring), with Wilson intervals.

Each student's own rates and the class's comparisons are as of that student's export date
(:attr:`ClassView.student_as_of`: the time their .xlsx hand-in was written, else their latest
send or reply, never after the report's as-of date): a student who exported a week ago is not
counted as waiting a week longer than they could know. Comparisons are made within students and
corrected for their number (:func:`~infoview.analysis.compare_within`); per-student rates carry a
Wilson interval and a rate shrunk towards the class rate (:func:`~infoview.analysis.student_rates`).
A hand-in written by ``ws.hand_in`` also holds the student's progress through the fourteen steps
(:attr:`ClassView.milestones`, read with :func:`~infoview.workspace.read_milestones`; empty for
log-only hand-ins). This module passes about 400 lines because the class's figures, its tables and
its plots are computed together, once, for one as-of date.
"""

from ..dates import parse_as_of
from ..texts import check_language, text
from . import students
from .handins import Submissions

__all__ = ["COMPARED", "CONFIDENCE", "DEFAULT_GOAL", "TOP", "WITHIN", "ClassView", "check_goal", "course_weeks",
           "default_as_of", "student_table", "tables_from_counts"]

DEFAULT_GOAL = 2
"""Outreach messages per student and week that count as meeting the weekly goal."""
WITHIN = 7
"""Replies count for rates over time and comparisons when they came within this many days."""
CONFIDENCE = 0.95
"""The confidence level of every interval in the class report."""
COMPARED = ("source", "channel", "template")
"""The columns the class report compares reply rates by."""
TOP = 25
"""A comparison shows at most this many groups (those with the most outreach)."""
_EVENTS = ("sent_at", "followed_up_at", "replied_at", "thank_you_at")  # meetings may lie ahead


# ---------------------------------------------------------------------------------------------
# The as-of date and the weeks


def default_as_of(frame):
    """The latest send, follow-up, reply or thank-you in ``frame``, or now if that is earlier.

    Meetings are left out because they may be planned for a later date.
    """
    import pandas as pd

    from ..analysis.core import NAT, time_ns

    latest = NAT
    for column in _EVENTS:
        values = time_ns(frame, column)
        if len(values):
            latest = max(latest, int(values.max()))
    now = pd.Timestamp.now().as_unit("ns")
    return now if latest == NAT else min(pd.Timestamp(latest), now)


def course_weeks(submissions, as_of=None):
    """The Mondays from the week of the class's first outreach to the week of ``as_of``."""
    import numpy as np
    import pandas as pd

    from ..analysis.core import NAT, period_numbers, period_starts, time_ns

    as_of = parse_as_of(as_of) if as_of is not None else default_as_of(submissions.frame)
    sent = time_ns(submissions.frame, "sent_at")
    sent = sent[(sent != NAT) & (sent <= as_of.value)]
    if not len(sent):
        return []
    first, last = period_numbers(np.array([sent.min(), as_of.value]), "W")
    return list(pd.DatetimeIndex(period_starts(np.arange(first, last + 1), "W")))


def _known_by(frame, as_of_ns):
    """The log as it stood at ``as_of``: later outreach left out, later events blank."""
    import numpy as np
    import pandas as pd

    from ..analysis.core import time_ns

    keep = time_ns(frame, "sent_at") <= as_of_ns
    frame = frame[keep] if not keep.all() else frame
    later = {c: time_ns(frame, c) > as_of_ns for c in ("followed_up_at", "replied_at", "meeting_at", "thank_you_at")}
    if not any(mask.any() for mask in later.values()):
        return frame.reset_index(drop=True)
    frame = frame.copy()
    for column, mask in later.items():
        if mask.any():
            frame.loc[mask, column] = pd.NaT
    if later["replied_at"].any():
        frame.loc[later["replied_at"], "response"] = np.nan
    if later["meeting_at"].any():
        frame.loc[later["meeting_at"], "referrals"] = 0
    return frame.reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# The figures of a class


def check_goal(goal):
    """``goal`` if it is a number of outreach messages per week, else a ValueError."""
    if isinstance(goal, bool) or not isinstance(goal, (int, float)) or not 0 <= goal <= 10_000:
        raise ValueError(f"goal must be a number of outreach messages per week (0 or more), not {goal!r}")
    return goal


class ClassView:
    """A class's figures as of one date, for a range of weeks and one group, computed once.

    ``weeks`` is ``(first, last)``: Mondays (or any day in those weeks) of the weeks whose
    outreach to include; ``group`` keeps one group of the roster. Attributes: ``frame`` (the
    class log as known on ``as_of``), ``as_of``, ``goal``, ``weeks`` (the Mondays of the
    complete weeks counted against the goal), ``weekly`` (sends per student and counted week,
    an array in the order of ``students``), ``students`` (see :func:`student_table`),
    ``overdue`` (students with overdue follow-ups or thank-you notes, longest wait first),
    ``student_as_of`` (each student's as-of time: their export date, capped at ``as_of``) and
    ``milestones`` (see :func:`~infoview.classroom.students.hand_in_details`).
    """

    def __init__(self, submissions, as_of=None, goal=DEFAULT_GOAL, *, weeks=None, group=None):
        import numpy as np
        import pandas as pd

        from ..analysis import student_rates
        from ..analysis.core import WEEK_NS, period_numbers, time_ns

        if not isinstance(submissions, Submissions):
            raise TypeError("ClassView takes the Submissions from read_submissions(folder)")
        self.submissions, self.goal, self.group = submissions, check_goal(goal), group or None
        self.as_of = parse_as_of(as_of) if as_of is not None else default_as_of(submissions.frame)
        roster = submissions.students
        frame = submissions.frame
        if self.group:
            roster = roster[roster["group"] == self.group].reset_index(drop=True)
            frame = frame[frame["student"].isin(set(roster["student"]))]
        frame = _known_by(frame, self.as_of.value)
        every = course_weeks(submissions, self.as_of)
        first = pd.Timestamp(weeks[0]).normalize() if weeks else (every[0] if every else None)
        last = pd.Timestamp(weeks[1]).normalize() if weeks else (every[-1] if every else None)
        if weeks:
            first -= pd.Timedelta(days=first.weekday())
            last -= pd.Timedelta(days=last.weekday())
            week_of = period_numbers(time_ns(frame, "sent_at"), "W")
            low, high = period_numbers(np.array([first.value, last.value]), "W")
            frame = frame[(week_of >= low) & (week_of <= high)].reset_index(drop=True)
        self.selected = (first, last) if weeks else None
        self.frame = frame
        self.weeks = [w for w in every if first <= w <= last and w.value + WEEK_NS <= self.as_of.value + 1]
        self.students, self.weekly, self.overdue = _tables(frame, roster, self.as_of, self.goal, self.weeks)
        written, milestones = students.hand_in_details(submissions)
        self.milestones = milestones[milestones["student"].isin(set(roster["student"]))].reset_index(drop=True)
        self.student_as_of = students.student_as_of(frame, written, self.as_of)
        rates = student_rates(frame, by="student", within=WITHIN, as_of=self.student_as_of, confidence=CONFIDENCE)
        self.students = students.with_rates(self.students, rates, self.student_as_of, self.milestones)

    # -- the figures the report shows (the DuckDB view computes the same in SQL) ----------------

    @property
    def count(self):
        """The number of outreach rows counted: the class log as known on ``as_of``."""
        return len(self.frame)

    def rates(self, by=None, freq=None, accepted=False):
        """Reply (or acceptance) rates within :data:`WITHIN` days as of ``as_of``, by a column and/or week."""
        from ..analysis import acceptance_rates, reply_rates

        function = acceptance_rates if accepted else reply_rates
        return function(self.frame, by=by, freq=freq, within=WITHIN, as_of=self.as_of, confidence=CONFIDENCE)

    def conversations(self):
        """The number of conversations held (the funnel's ``met``)."""
        from ..analysis import funnel

        return int(funnel(self.frame).iloc[0]["met"])

    def verdicts(self):
        """The comparisons of :data:`COMPARED` within students (see :func:`~infoview.analysis.compare_within`)."""
        from ..analysis import compare_within

        return compare_within(self.frame, list(COMPARED), strata="student", within=WITHIN, as_of=self.student_as_of,
                              confidence=CONFIDENCE)

    # -- plots -------------------------------------------------------------------------------

    def plot_rates(self, language="en", ax=None):
        """Reply and acceptance rate per week (replies within :data:`WITHIN` days), with interval bands."""
        import pandas as pd

        from ..analysis import plots, style

        check_language(language)
        ax = plots.draw_reply_rates(self.rates(freq="W"), freq="W", confidence=CONFIDENCE,
                                    note=plots.rates_note(self.as_of, WITHIN, language), language=language, ax=ax)
        ax.set_title(text("classroom.class_report.rates_plot_title", language), loc="left", fontweight="bold", pad=24)
        data = self.rates(freq="W", accepted=True)
        if data.empty:
            return ax
        with style.style():
            starts = pd.DatetimeIndex(data["period"])
            every = pd.date_range(starts.min(), starts.max(), freq="W-MON")
            data = data.set_index("period").reindex(every)
            colour = style.PALETTE[1]
            ax.fill_between(every, data["ci_low"], data["ci_high"], color=colour, linewidth=0, alpha=0.15)
            ax.plot(every, data["acceptance_rate"], color=colour, marker="s", markersize=4, linewidth=2,
                    label=text("classroom.class_report.acceptance_line", language), clip_on=False)
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
            ax.set_ylabel(f"{text('analysis.table.reply_rate', language)} / {text('classroom.class_report.acceptance_line', language)}")
        return ax

    def goal_counts(self):
        """Per counted week: students at the goal, with some outreach below it, and with none."""
        import numpy as np
        import pandas as pd

        readable = self.students["status"].isin(["active", "no_outreach"]).to_numpy()
        counts = self.weekly[readable]
        met = (counts >= self.goal) & (counts > 0) if self.goal > 0 else np.ones_like(counts, dtype=bool)
        return pd.DataFrame({"week": pd.DatetimeIndex(self.weeks), "met": met.sum(axis=0),
                             "below": ((counts > 0) & ~met).sum(axis=0), "none": ((counts == 0) & ~met).sum(axis=0)})

    def plot_goal(self, language="en", ax=None):
        """Stacked bars per complete week: students at the weekly goal, below it, and with none sent."""
        from matplotlib.ticker import MaxNLocator

        from ..analysis import labels as words
        from ..analysis import style

        check_language(language)
        data = self.goal_counts()
        with style.style():
            ax = style.axes(ax, (8, 3.8))
            style.title(ax, text("classroom.class_report.goal_plot_title", language),
                         text("classroom.class_report.goal_plot_note", language, goal=words.number(self.goal, language)))
            if data.empty:
                return style.empty(ax, language)
            bottom = 0
            for key, colour in (("met", style.PALETTE[0]), ("below", style.MISSED), ("none", "#d9d9d9")):
                ax.bar(data["week"], data[key], bottom=bottom, width=5.5, align="edge", color=colour,
                       label=text(f"classroom.class_report.goal_{key}", language))
                bottom = bottom + data[key].to_numpy()
            ax.set_ylabel(text("classroom.class_report.goal_students", language))
            ax.set_xlabel(text("analysis.period_starting.W", language))
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.grid(axis="x", visible=False)
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
            style.date_axis(ax, language)
        return ax

    def plot_comparison(self, by="source", language="en", ax=None):
        """Reply rate within :data:`WITHIN` days by ``by`` (source, channel or template), with intervals."""
        from ..analysis import plots

        check_language(language)
        return plots.draw_comparison(self.rates(by=by), self.rates().iloc[0]["reply_rate"], by=by,
                                     confidence=CONFIDENCE, note=plots.rates_note(self.as_of, WITHIN, language),
                                     top=TOP, language=language, ax=ax)


def _tables(frame, roster, as_of, goal, weeks):
    """The per-student table, the weekly sends array and the overdue table, counted from the class log."""
    import numpy as np
    import pandas as pd

    from ..analysis.core import NAT, is_accepted, period_numbers, time_ns
    from ..log.reminders import due

    names = roster["student"].tolist()
    count = len(names)
    every = pd.Categorical(frame["student"], categories=names).codes.astype(np.int64)
    valid = every >= 0
    codes = every[valid]

    def per_student(mask=None, weights=None):
        chosen = valid if mask is None else valid & mask
        return np.bincount(every[chosen], weights=None if weights is None else weights[chosen], minlength=count)

    sent_ns = time_ns(frame, "sent_at")
    replied = time_ns(frame, "replied_at") != NAT
    referrals = frame["referrals"].to_numpy(dtype=np.float64, na_value=0.0)
    counts = {"sent": per_student(), "replied": per_student(replied),
              "accepted": per_student(replied & is_accepted(frame)),
              "met": per_student(time_ns(frame, "meeting_at") != NAT),
              "thanked": per_student(time_ns(frame, "thank_you_at") != NAT),
              "referrals": np.rint(per_student(weights=referrals)).astype(np.int64)}
    width = len(weeks)
    weekly = np.zeros((count, width), dtype=np.int64)
    if width:
        first = period_numbers(np.array([weeks[0].value]), "W")[0]
        index = period_numbers(sent_ns[valid], "W") - first
        inside = (index >= 0) & (index < width)
        weekly = np.bincount(codes[inside] * width + index[inside], minlength=count * width).reshape(count, width)
    last = np.full(count, NAT, dtype=np.int64)
    np.maximum.at(last, codes, sent_ns[valid])
    counts["last_sent"] = last

    todo = due(frame, today=as_of) if len(frame) else None
    follow = thanks = np.zeros(count, dtype=np.int64)
    longest = np.zeros(count, dtype=np.int64)
    if todo is not None and not todo.empty:
        todo = todo[todo["action"].isin(["follow_up", "thank_you"])]
        who = pd.Categorical(todo["student"], categories=names).codes
        ok = who >= 0
        follow = np.bincount(who[ok & (todo["action"] == "follow_up").to_numpy()], minlength=count)
        thanks = np.bincount(who[ok & (todo["action"] == "thank_you").to_numpy()], minlength=count)
        np.maximum.at(longest, who[ok], todo["days_overdue"].to_numpy()[ok])
    counts.update(follow_ups=follow, thank_yous=thanks, longest_days=longest)
    return tables_from_counts(roster, counts, weekly, goal)


def tables_from_counts(roster, counts, weekly, goal):
    """The per-student table, the weekly sends array and the overdue table, from counts already made.

    ``counts`` maps ``sent``, ``replied``, ``accepted``, ``met``, ``thanked``, ``referrals``,
    ``last_sent`` (int64 nanoseconds, :data:`~infoview.analysis.core.NAT` for none), ``follow_ups``,
    ``thank_yous`` and ``longest_days`` (overdue) to arrays in the order of ``roster["student"]``;
    ``weekly`` is the sends per student and counted week. The class log itself may be elsewhere
    (in pandas, or in DuckDB for :mod:`.parquet_view`).
    """
    import numpy as np
    import pandas as pd

    from ..analysis.core import NAT

    names = roster["student"].tolist()
    count = len(names)
    sent = counts["sent"]
    table = pd.DataFrame({"student": names})
    if roster["group"].ne("").any():
        table["group"] = roster["group"].to_numpy()
    status = roster["status"].to_numpy(dtype=object).copy()
    status[(status == "read") & (sent > 0)] = "active"
    status[status == "read"] = "no_outreach"
    table["status"] = status
    readable = np.isin(status, ["active", "no_outreach"])

    def column(values, dtype="Int64"):
        return pd.array(np.where(readable, values, np.nan) if dtype != "Int64" else
                        [int(v) if ok else None for v, ok in zip(values, readable)], dtype=dtype)

    table["sent"] = column(sent)
    table["replied"] = column(counts["replied"])
    table["reply_rate"] = pd.array([pd.NA] * count, dtype="Float64")  # windowed, from student_rates (with_rates)
    for name in ("accepted", "met", "thanked", "referrals"):
        table[name] = column(counts[name])
    width = weekly.shape[1]
    at_goal = ((weekly >= goal) & (weekly > 0)) if goal > 0 else np.ones_like(weekly, dtype=bool)
    table["weeks_at_goal"] = column(at_goal.sum(axis=1))
    table["weeks"] = column(np.full(count, width))
    table["per_week"] = column(weekly.sum(axis=1) / width if width else np.full(count, np.nan), "Float64")
    last = counts["last_sent"]
    table["last_sent"] = pd.to_datetime(np.where(readable & (last != NAT), last, NAT).view("datetime64[ns]"))
    follow, thanks, longest = counts["follow_ups"], counts["thank_yous"], counts["longest_days"]
    table["overdue_follow_ups"] = column(follow)
    table["overdue_thank_yous"] = column(thanks)
    table["files"] = roster["files"].to_numpy()
    late = (follow + thanks) > 0
    overdue = pd.DataFrame({"student": np.array(names, dtype=object)[late], "follow_ups": follow[late],
                            "thank_yous": thanks[late], "longest_days": longest[late]})
    overdue = overdue.sort_values(["longest_days", "student"], ascending=[False, True], kind="stable")
    return table, weekly, overdue.reset_index(drop=True)


def student_table(submissions, as_of=None, goal=DEFAULT_GOAL):
    """One row per student, in the order of ``submissions.students``.

    Columns: ``student``, ``group`` (with a roster), ``status`` (``active``, ``no_outreach``,
    ``unreadable``, ``missing``), ``steps_done`` (milestones of the fourteen steps reached, from
    a workspace hand-in; empty for a log-only one), ``sent``, ``replied``, ``reply_rate`` (replies
    within :data:`WITHIN` days of outreach sent at least that long before the student's as-of date),
    ``reply_low`` and ``reply_high`` (its Wilson interval), ``shrunk_rate`` (shrunk towards the
    class rate, see :func:`~infoview.analysis.student_rates`), ``accepted``, ``met``, ``thanked``, ``referrals``, ``weeks_at_goal`` (complete weeks with
    at least ``goal`` sends), ``weeks`` (complete weeks counted), ``per_week``, ``last_sent``,
    ``overdue_follow_ups``, ``overdue_thank_yous``, ``as_of`` (the student's own as-of date) and
    ``files``. Counts are empty (``<NA>``)
    for students whose file could not be read or who handed in nothing.
    """
    return ClassView(submissions, as_of, goal).students
