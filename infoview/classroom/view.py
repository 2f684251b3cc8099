"""The class report: how a class's outreach is going, from the students' hand-ins, as one
self-contained HTML file plus a CSV of the per-student table, in English or German.

>>> import tempfile, pathlib
>>> from infoview.log.sample import sample_log
>>> from infoview.log.write import write_log
>>> folder, out = pathlib.Path(tempfile.mkdtemp()), pathlib.Path(tempfile.mkdtemp())
>>> for student, rows in sample_log(students=4, weeks=5, seed=2).groupby("student"):
...     _ = write_log(rows, folder / f"{student}.csv", pseudonymize=True)
>>> path = class_report(folder, out / "class.html", goal=2, progress=False)
>>> sorted(p.name for p in out.iterdir())
['class.csv', 'class.html']
>>> view = ClassView(read_submissions(folder, progress=False), as_of="2025-10-26", goal=2)
>>> view.as_of, len(view.weeks)
(Timestamp('2025-10-26 23:59:59.999999999'), 4)
>>> view.students.columns.tolist()[:6]
['student', 'status', 'sent', 'replied', 'reply_rate', 'accepted']

Everything is counted as known on the as-of date (see :func:`default_as_of`): outreach sent later
is left out, and replies, meetings and thank-you notes logged for later dates are not counted.
Rates over time and comparisons count replies within :data:`WITHIN` days of sending, for
outreach sent at least that long before the as-of date (censoring), with Wilson intervals.
Contacts' names, emails and phone numbers never reach the report: :mod:`infoview.classroom.handins`
removes them while reading.
"""

import datetime as _dt
import re
from functools import lru_cache
from pathlib import Path

from ..errors import ContentError, LogError, Problem
from .handins import Submissions, read_submissions
from ..resources import bundled_path, check_language, load_bundled

__all__ = ["DEFAULT_GOAL", "WITHIN", "CONFIDENCE", "COMPARED", "ClassView", "class_report", "course_weeks",
           "default_as_of", "parse_as_of", "student_table", "text", "write_student_csv"]

DEFAULT_GOAL = 2
"""Outreach messages per student and week that count as meeting the weekly goal."""
WITHIN = 7
"""Replies count for rates over time and comparisons when they came within this many days."""
CONFIDENCE = 0.95
COMPARED = ("source", "channel", "template")
_TOP = 25
_OVERDUE_SHOWN = 15
_TEMPLATE = "class_report.html.j2"
_LABELS = "class_report_labels.yaml"
_EVENTS = ("sent_at", "followed_up_at", "replied_at", "thank_you_at")  # meetings may lie ahead
_NUMBER_COLUMNS = ("sent", "replied", "accepted", "met", "thanked", "referrals", "weeks_at_goal", "weeks",
                   "overdue_follow_ups", "overdue_thank_yous")


@lru_cache(maxsize=1)
def _labels():
    return load_bundled(_LABELS)


def text(key, language, **values):
    """The class report's text at a dotted ``key`` (under ``class_report``, or a top-level section
    such as ``dashboard.load``) in ``language``, with ``{placeholders}`` filled in.

    >>> text("status.no_outreach", "de"), text("dashboard.load", "en")
    ('keine Anfragen', 'Read hand-ins')
    """
    check_language(language)
    entry = _labels()
    parts = key.split(".")
    if parts[0] not in entry:
        parts.insert(0, "class_report")
    for part in parts:
        if not isinstance(entry, dict) or part not in entry:
            raise ContentError("no such label", file=f"infoview/content/{_LABELS}", field=".".join(parts),
                               fix="add the label in English and German")
        entry = entry[part]
    if not isinstance(entry, dict) or language not in entry:
        raise ContentError(f"missing {language!r} text", file=f"infoview/content/{_LABELS}", field=".".join(parts),
                           fix=f"add a '{language}:' entry")
    value = entry[language]
    return value.format(**values) if values and isinstance(value, str) else value


# ---------------------------------------------------------------------------------------------
# Dates


def parse_as_of(value):
    """A date or time as a Timestamp; a date without a time means the end of that day.

    Text may be ISO or German, as in the log (``2025-12-01``, ``01.12.2025``, ``2025-12-01 14:30``).

    >>> parse_as_of("01.12.2025"), parse_as_of("2025-12-01 14:30")
    (Timestamp('2025-12-01 23:59:59.999999999'), Timestamp('2025-12-01 14:30:00'))
    """
    import pandas as pd

    from ..log.read import _parse_text_dates

    if isinstance(value, str):
        stripped = value.strip()
        stamps, bad = _parse_text_dates([stripped])
        if not stripped or bad[0]:
            raise LogError([Problem(None, "as_of", value, "is not a date; write it as 2025-12-01 or 01.12.2025")])
        stamp, date_only = pd.Timestamp(stamps[0]), not re.search(r"\d:\d", stripped)
    elif isinstance(value, (_dt.datetime, pd.Timestamp)):
        stamp, date_only = pd.Timestamp(value), False
    elif isinstance(value, _dt.date):
        stamp, date_only = pd.Timestamp(value), True
    else:
        raise LogError([Problem(None, "as_of", value, "is not a date; pass a date or text such as 2025-12-01")])
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    stamp = stamp.as_unit("ns")
    return stamp + pd.Timedelta(days=1) - pd.Timedelta(1, "ns") if date_only else stamp


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


def _check_goal(goal):
    if isinstance(goal, bool) or not isinstance(goal, (int, float)) or not 0 <= goal <= 10_000:
        raise ValueError(f"goal must be a number of outreach messages per week (0 or more), not {goal!r}")
    return goal


class ClassView:
    """A class's figures as of one date, for a range of weeks and one group, computed once.

    ``weeks`` is ``(first, last)``: Mondays (or any day in those weeks) of the weeks whose
    outreach to include; ``group`` keeps one group of the roster. Attributes: ``frame`` (the
    class log as known on ``as_of``), ``as_of``, ``goal``, ``weeks`` (the Mondays of the
    complete weeks counted against the goal), ``weekly`` (sends per student and counted week,
    an array in the order of ``students``), ``students`` (see :func:`student_table`) and
    ``overdue`` (students with overdue follow-ups or thank-you notes, longest wait first).
    """

    def __init__(self, submissions, as_of=None, goal=DEFAULT_GOAL, *, weeks=None, group=None):
        import numpy as np
        import pandas as pd

        from ..analysis.core import WEEK_NS, period_numbers, time_ns

        if not isinstance(submissions, Submissions):
            raise TypeError("ClassView takes the Submissions from read_submissions(folder)")
        self.submissions, self.goal, self.group = submissions, _check_goal(goal), group or None
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

    # -- plots -------------------------------------------------------------------------------

    def plot_rates(self, language="en", ax=None):
        """Reply and acceptance rate per week (replies within :data:`WITHIN` days), with interval bands."""
        import pandas as pd

        from ..analysis import acceptance_rates, plots
        from ..analysis import labels as words

        check_language(language)
        ax = plots.plot_reply_rates(self.frame, freq="W", within=WITHIN, as_of=self.as_of, confidence=CONFIDENCE,
                                    language=language, ax=ax)
        ax.set_title(text("rates_plot_title", language), loc="left", fontweight="bold", pad=24)
        data = acceptance_rates(self.frame, freq="W", within=WITHIN, as_of=self.as_of, confidence=CONFIDENCE)
        if data.empty:
            return ax
        with plots._style():
            starts = pd.DatetimeIndex(data["period"])
            every = pd.date_range(starts.min(), starts.max(), freq="W-MON")
            data = data.set_index("period").reindex(every)
            colour = plots.PALETTE[1]
            ax.fill_between(every, data["ci_low"], data["ci_high"], color=colour, linewidth=0, alpha=0.15)
            ax.plot(every, data["acceptance_rate"], color=colour, marker="s", markersize=4, linewidth=2,
                    label=text("acceptance_line", language), clip_on=False)
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
            ax.set_ylabel(f"{words.text('table.reply_rate', language)} / {text('acceptance_line', language)}")
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
        from ..analysis import plots

        check_language(language)
        data = self.goal_counts()
        with plots._style():
            ax = plots._axes(ax, (8, 3.8))
            plots._title(ax, text("goal_plot_title", language),
                         text("goal_plot_note", language, goal=words.number(self.goal, language)))
            if data.empty:
                return plots._empty(ax, language)
            bottom = 0
            for key, colour in (("met", plots.PALETTE[0]), ("below", plots._MISSED), ("none", "#d9d9d9")):
                ax.bar(data["week"], data[key], bottom=bottom, width=5.5, align="edge", color=colour,
                       label=text(f"goal_{key}", language))
                bottom = bottom + data[key].to_numpy()
            ax.set_ylabel(text("goal_students", language))
            ax.set_xlabel(words.text("period_starting.W", language))
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.grid(axis="x", visible=False)
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
            plots._date_axis(ax, language)
        return ax

    def plot_comparison(self, by="source", language="en", ax=None):
        """Reply rate within :data:`WITHIN` days by ``by`` (source, channel or template), with intervals."""
        from ..analysis import plots

        return plots.plot_comparison(self.frame, by=by, within=WITHIN, as_of=self.as_of, confidence=CONFIDENCE,
                                     top=_TOP, language=language, ax=ax)


def _tables(frame, roster, as_of, goal, weeks):
    """The per-student table, the weekly sends array and the overdue table."""
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
    sent = per_student()
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
    table["replied"] = column(per_student(replied))
    with np.errstate(invalid="ignore", divide="ignore"):
        table["reply_rate"] = column(np.where(sent > 0, per_student(replied) / np.maximum(sent, 1), np.nan), "Float64")
    table["accepted"] = column(per_student(replied & is_accepted(frame)))
    table["met"] = column(per_student(time_ns(frame, "meeting_at") != NAT))
    table["thanked"] = column(per_student(time_ns(frame, "thank_you_at") != NAT))
    table["referrals"] = column(np.rint(per_student(weights=referrals)).astype(np.int64))

    width = len(weeks)
    weekly = np.zeros((count, width), dtype=np.int64)
    if width:
        first = period_numbers(np.array([weeks[0].value]), "W")[0]
        index = period_numbers(sent_ns[valid], "W") - first
        inside = (index >= 0) & (index < width)
        weekly = np.bincount(codes[inside] * width + index[inside], minlength=count * width).reshape(count, width)
    at_goal = ((weekly >= goal) & (weekly > 0)) if goal > 0 else np.ones_like(weekly, dtype=bool)
    table["weeks_at_goal"] = column(at_goal.sum(axis=1))
    table["weeks"] = column(np.full(count, width))
    table["per_week"] = column(weekly.sum(axis=1) / width if width else np.full(count, np.nan), "Float64")
    last = np.full(count, NAT, dtype=np.int64)
    np.maximum.at(last, codes, sent_ns[valid])
    table["last_sent"] = pd.to_datetime(np.where(readable & (last != NAT), last, NAT).view("datetime64[ns]"))

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
    ``unreadable``, ``missing``), ``sent``, ``replied``, ``reply_rate`` (replied / sent),
    ``accepted``, ``met``, ``thanked``, ``referrals``, ``weeks_at_goal`` (complete weeks with
    at least ``goal`` sends), ``weeks`` (complete weeks counted), ``per_week``, ``last_sent``,
    ``overdue_follow_ups``, ``overdue_thank_yous`` and ``files``. Counts are empty (``<NA>``)
    for students whose file could not be read or who handed in nothing.
    """
    return ClassView(submissions, as_of, goal).students


def write_student_csv(table, path, language="en"):
    """Write a :func:`student_table` as CSV, every text cell neutralised against formulas.

    English: ``,``-separated UTF-8 with the column names and status ids as in the table, ISO
    dates. German: as the German Excel export (``;``, UTF-8 with BOM, ``DD.MM.YYYY``, German
    headers and status words, decimal commas). Returns the path.
    """
    import numpy as np
    import pandas as pd

    from ..log.write import _write_csv, neutralise

    check_language(language)
    german = language == "de"
    out = pd.DataFrame(index=table.index)
    for name in table.columns:
        series = table[name]
        if name in ("reply_rate", "per_week"):
            values = [("" if pd.isna(v) else f"{v:.3f}".replace(".", "," if german else ".")) for v in series]
        elif name == "last_sent":
            values = ["" if pd.isna(v) else v.strftime("%d.%m.%Y" if german else "%Y-%m-%d") for v in series]
        elif name in _NUMBER_COLUMNS:
            values = ["" if pd.isna(v) else str(int(v)) for v in series]
        elif name == "status" and german:
            values = [text(f"status.{v}", "de") for v in series]
        else:
            values = [neutralise("" if v is None else str(v)) for v in series]
        out[text(f"columns.{name}", "de").replace("\u00ad", "") if german else name] = np.array(values, dtype=object)
    path = Path(path)
    _write_csv(out, path, separator=";" if german else ",", encoding="utf-8-sig" if german else "utf-8",
               newline="\r\n" if german else "\n")
    return path


# ---------------------------------------------------------------------------------------------
# The HTML report


def class_report(source, path, language="en", as_of=None, goal=DEFAULT_GOAL, *, csv=None, groups=None,
                 weeks=None, group=None, progress=None):
    """Write the class report of a hand-in folder (or of :class:`Submissions`) to ``path``.

    ``as_of`` is the date of the figures (default: :func:`default_as_of`); ``goal`` is the
    weekly number of outreach messages each student aims for. The per-student table is also
    written as CSV to ``csv`` (default: ``path`` with the suffix ``.csv``; ``False`` for none).
    ``groups`` is a roster for :func:`~infoview.classroom.handins.read_submissions`; ``weeks`` and
    ``group`` select as in :class:`ClassView`. Returns the path of the HTML file.
    """
    check_language(language)
    submissions = source if isinstance(source, Submissions) else \
        read_submissions(source, groups=groups, progress=progress, language=language)
    view = ClassView(submissions, as_of, goal, weeks=weeks, group=group)
    path = Path(path)
    csv_path = None if csv is False else Path(csv) if csv is not None else path.with_suffix(".csv")
    if csv_path is not None and csv_path.resolve() == path.resolve():
        raise ValueError("the CSV file and the HTML report need different names")
    html = _Page(view, language, csv_path.name if csv_path is not None else None).render()
    path.write_text(html, encoding="utf-8")
    if csv_path is not None:
        write_student_csv(view.students, csv_path, language)
    return path


class _Page:
    """The report's content, worded in one language, for the template."""

    def __init__(self, view, language, csv_name):
        from ..analysis import labels as words

        self.view, self.language, self.csv_name, self.words = view, language, csv_name, words

    def t(self, key, **values):
        return text(key, self.language, **values)

    def num(self, value, digits=0):
        return self.words.number(value, self.language, digits)

    def pct(self, share):
        return "–" if share is None or share != share else self.words.percent(share, self.language)

    def day(self, stamp):
        return self.words.date(stamp, self.language)

    def level(self):
        return self.words.level(CONFIDENCE, self.language)

    def interval(self, low, high):
        if low != low:
            return "–"
        return self.words.text("format.interval", self.language, low=self.pct(low), high=self.pct(high))

    def render(self):
        from jinja2 import Environment

        view = self.view
        submissions = view.submissions
        subtitle = self.t("subtitle", students=self.num(len(view.students)), files=self.num(len(submissions.files)),
                          folder=submissions.folder.name, as_of=self.day(view.as_of))
        selection = []
        if view.selected:
            selection.append(self.t("selection_weeks", first=self.day(view.selected[0]),
                                    last=self.day(view.selected[1])))
        if view.group:
            selection.append(self.t("selection_group", group=view.group))
        context = {
            "language": self.language, "title": self.t("title"), "subtitle": subtitle,
            "selection": self.t("selection", what=", ".join(selection)) if selection else "",
            "glance": self.glance(), "attention": self.attention(), "students": self.student_rows(),
            "footer": self.t("footer", date=self.day(_dt.date.today())),
            "definitions": {"heading": self.t("definitions"),
                            "entries": [item.format(days=WITHIN, level=self.level(), min=self._min_sent(),
                                                    goal=self.num(view.goal))
                                        for item in self.t("definition_items")]},
        }
        if len(view.frame):
            context["sections"] = [self.rates(), self.goal(), self.comparisons()]
        else:
            context["empty"] = self.t("empty")
        template = bundled_path(_TEMPLATE).read_text(encoding="utf-8")
        return Environment(autoescape=True).from_string(template).render(**context)

    @staticmethod
    def _min_sent():
        from ..analysis import MIN_SENT

        return MIN_SENT

    # -- sections ----------------------------------------------------------------------------

    def glance(self):
        from ..analysis import acceptance_rates, funnel, reply_rates

        view, table = self.view, self.view.students
        active = int((table["status"] == "active").sum())
        cards = [(self.t("card_students"), self.t("card_students_value", active=self.num(active),
                                                  total=self.num(len(table))), None),
                 (self.t("card_sent"), self.num(len(view.frame)), None)]
        if len(view.frame):
            replies = reply_rates(view.frame, within=WITHIN, as_of=view.as_of, confidence=CONFIDENCE).iloc[0]
            accepted = acceptance_rates(view.frame, within=WITHIN, as_of=view.as_of, confidence=CONFIDENCE).iloc[0]
            for key, row, rate in (("card_reply_rate", replies, "reply_rate"),
                                   ("card_acceptance_rate", accepted, "acceptance_rate")):
                detail = None if row["sent"] == 0 else self.t(
                    "card_interval", level=self.level(), low=self.pct(row["ci_low"]), high=self.pct(row["ci_high"]))
                cards.append((self.t(key, days=WITHIN), self.pct(row[rate]), detail))
            cards.append((self.t("card_conversations"), self.num(int(funnel(view.frame).iloc[0]["met"])), None))
        goals = view.goal_counts()
        if len(goals):
            last = goals.iloc[-1]
            total = int(last["met"] + last["below"] + last["none"])
            cards.append((self.t("card_goal", week=self.words.date(last["week"], self.language, short=True)),
                          self.t("card_students_value", active=self.num(int(last["met"])), total=self.num(total)),
                          None))
        cards.append((self.t("card_overdue"), self.num(len(view.overdue)), None))
        return {"heading": self.t("glance"),
                "cards": [{"label": label, "value": value, "detail": detail} for label, value, detail in cards]}

    def attention(self):
        view = self.view
        broken = []
        for item in view.submissions.broken:
            if view.group and item.student not in set(view.students["student"]):
                continue
            shown = item.problems[:10]
            more = len(item.problems) - len(shown)
            count = len(item.problems)
            broken.append({
                "name": item.name,
                "count": self.t("broken_one") if count == 1 and not item.truncated else
                self.t("broken_count", count=f"{count}+" if item.truncated else self.num(count)),
                "problems": [["" if p.line is None else self.num(p.line), p.column or "", p.message] for p in shown],
                "more": self.t("broken_more", count=self.num(more)) if more > 0 else "",
            })
        table = view.students
        waiting = table[table["status"].isin(["no_outreach", "missing"])]
        idle = [{"student": s, "note": self.t("status.missing") if st == "missing" else ""}
                for s, st in zip(waiting["student"], waiting["status"])]
        overdue = [[{"text": row.student, "sort": None}] +
                   [{"text": self.num(v), "sort": str(v)} for v in (row.follow_ups, row.thank_yous, row.longest_days)]
                   for row in view.overdue.head(_OVERDUE_SHOWN).itertuples(index=False)]
        hidden = len(view.overdue) - len(overdue)
        twice = table[table["files"].str.contains(", ", regex=False)]
        return {
            "heading": self.t("attention"),
            "broken": {"heading": self.t("broken"), "text": self.t("broken_text") if broken else self.t("broken_none"),
                       "files": broken, "header": [self.t("problem_line"), self.t("problem_column"),
                                                   self.t("problem_message")]},
            "idle": {"heading": self.t("no_outreach"), "students": idle,
                     "text": self.t("no_outreach_text", date=self.day(view.as_of)) if idle
                     else self.t("no_outreach_none")},
            "overdue": {"heading": self.t("overdue"),
                        "text": self.t("overdue_text", date=self.day(view.as_of)) if overdue
                        else self.t("overdue_none"),
                        "header": [self.t("columns.student"), self.t("columns.overdue_follow_ups"),
                                   self.t("columns.overdue_thank_yous"), self.t("overdue_longest")],
                        "rows": overdue,
                        "more": self.t("overdue_more", count=self.num(hidden), shown=_OVERDUE_SHOWN)
                        if hidden > 0 else ""},
            "twice": {"heading": self.t("duplicates"), "text": self.t("duplicates_text"),
                      "rows": [[s, f] for s, f in zip(twice["student"], twice["files"])]},
        }

    def rates(self):
        from ..analysis import acceptance_rates, reply_rates
        from ..analysis.report import _figure

        view = self.view
        section = {"heading": self.t("rates"), "figures": [], "tables": [], "parts": [],
                   "text": [self.t("rates_text", days=WITHIN, date=self.day(view.as_of), level=self.level())]}
        replies = reply_rates(view.frame, freq="W", within=WITHIN, as_of=view.as_of, confidence=CONFIDENCE)
        if replies.empty:
            section["text"] = [self.t("rates_short", days=WITHIN, date=self.day(view.as_of))]
            return section
        accepted = acceptance_rates(view.frame, freq="W", within=WITHIN, as_of=view.as_of, confidence=CONFIDENCE)
        section["figures"].append(_figure(lambda ax: view.plot_rates(self.language, ax), self.t("rates")))
        interval = self.words.text("table.interval", self.language, level=self.level())
        header = [self.t("week"), self.t("columns.sent"), self.t("columns.reply_rate"), interval,
                  self.t("acceptance_line"), interval]
        rows = [[self.day(r.period), self.num(r.sent), self.pct(r.reply_rate), self.interval(r.ci_low, r.ci_high),
                 self.pct(a.acceptance_rate), self.interval(a.ci_low, a.ci_high)]
                for r, a in zip(replies.itertuples(index=False), accepted.itertuples(index=False))]
        section["tables"].append({"header": header, "rows": rows})
        return section

    def goal(self):
        from ..analysis.report import _figure

        view = self.view
        goal = self.num(view.goal)
        section = {"heading": self.t("goal"), "figures": [], "tables": [], "parts": [],
                   "text": [self.t("goal_text", goal=goal)]}
        data = view.goal_counts()
        if data.empty:
            section["text"] = [self.t("goal_short")]
            return section
        section["figures"].append(_figure(lambda ax: view.plot_goal(self.language, ax), self.t("goal"), (8, 3.8)))
        header = [self.t("week"), self.t("goal_met"), self.t("goal_below"), self.t("goal_none")]
        rows = [[self.day(r.week), self.num(r.met), self.num(r.below), self.num(r.none)]
                for r in data.itertuples(index=False)]
        section["tables"].append({"header": header, "rows": rows})
        return section

    def comparisons(self):
        from ..analysis import acceptance_rates, compare, reply_rates
        from ..analysis.report import _figure

        view = self.view
        section = {"heading": self.t("comparisons"), "figures": [], "tables": [], "parts": [],
                   "text": [self.t("comparisons_text", days=WITHIN, level=self.level())]}
        interval = self.words.text("table.interval", self.language, level=self.level())
        for column in COMPARED:
            data = reply_rates(view.frame, by=column, within=WITHIN, as_of=view.as_of, confidence=CONFIDENCE)
            if len(data) < 2:
                continue
            accepted = acceptance_rates(view.frame, by=column, within=WITHIN, as_of=view.as_of,
                                        confidence=CONFIDENCE)
            data = data.assign(accepted=accepted["accepted"].to_numpy(),
                               acceptance_rate=accepted["acceptance_rate"].to_numpy())
            shown = data.nlargest(_TOP, "sent", keep="first").sort_values("reply_rate", ascending=False,
                                                                           kind="stable")
            name = self.words.column(column, self.language)
            header = [name.capitalize(), self.t("columns.sent"), self.t("columns.replied"),
                      self.t("columns.reply_rate"), interval, self.t("columns.accepted"), self.t("acceptance_line")]
            rows = [[self.words.category(column, getattr(r, column), self.language), self.num(r.sent),
                     self.num(r.replied), self.pct(r.reply_rate), self.interval(r.ci_low, r.ci_high),
                     self.num(r.accepted), self.pct(r.acceptance_rate)] for r in shown.itertuples(index=False)]
            height = max(3.0, 1.2 + 0.42 * len(shown))
            part = {"heading": self.words.text("report.comparison", self.language, column=name),
                    "figure": _figure(lambda ax, c=column: view.plot_comparison(c, self.language, ax),
                                      self.words.text("report.comparison", self.language, column=name), (8, height)),
                    "table": {"header": header, "rows": rows}}
            named = data[data[column].notna() & (data[column] != "")].nlargest(2, "sent", keep="first")
            if len(named) == 2:
                result = compare(view.frame, column, named[column].iloc[0], named[column].iloc[1], within=WITHIN,
                                 as_of=view.as_of, confidence=CONFIDENCE)
                part["verdict_intro"] = self.t("comparison_top")
                part["verdict"] = result.verdict(self.language)
            section["parts"].append(part)
        return section

    def student_rows(self):
        import pandas as pd

        table = self.view.students
        shown = [c for c in table.columns if c not in ("files", "weeks", "per_week")]
        header = [{"label": self.t(f"columns.{c}"), "number": c not in ("student", "group", "status")}
                  for c in shown]
        rows = []
        for record in table.to_dict("records"):
            cells = []
            for column in shown:
                value = record[column]
                missing = value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value))
                if column == "status":
                    cells.append({"text": self.t(f"status.{value}"), "sort": None})
                elif column in ("student", "group"):
                    cells.append({"text": value, "sort": None})
                elif missing:
                    cells.append({"text": "–", "sort": ""})
                elif column == "reply_rate":
                    cells.append({"text": self.pct(float(value)), "sort": f"{float(value):.6f}"})
                elif column == "per_week":
                    cells.append({"text": self.num(float(value), 1), "sort": f"{float(value):.6f}"})
                elif column == "last_sent":
                    cells.append({"text": self.words.date(value, self.language, short=True), "sort": str(value.value)})
                elif column == "weeks_at_goal":
                    weeks = int(record["weeks"])
                    share = value / weeks if weeks else 0.0
                    cells.append({"text": self.t("weeks_at_goal", met=self.num(int(value)), weeks=self.num(weeks)),
                                  "sort": f"{share:.6f}"})
                else:
                    cells.append({"text": self.num(int(value)), "sort": str(int(value))})
            rows.append({"status": record["status"], "cells": cells})
        note = (self.t("students_text", date=self.day(self.view.as_of), csv=self.csv_name) if self.csv_name
                else self.t("students_text_no_csv", date=self.day(self.view.as_of)))
        return {"heading": self.t("students"), "text": note, "header": header, "rows": rows}
