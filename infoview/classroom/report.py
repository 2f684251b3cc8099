"""The class report: how a class's outreach is going, from the students' hand-ins, as one
self-contained HTML file (built by :mod:`infoview.analysis.page`) plus a CSV of the per-student
table, in English or German. The figures come from :class:`~infoview.classroom.view.ClassView`.

>>> import tempfile, pathlib
>>> from infoview.log.sample import sample_log
>>> from infoview.log.write import write_log
>>> folder, out = pathlib.Path(tempfile.mkdtemp()), pathlib.Path(tempfile.mkdtemp())
>>> for student, rows in sample_log(students=4, weeks=5, seed=2).groupby("student"):
...     _ = write_log(rows, folder / f"{student}.csv", pseudonymize=True)
>>> path = class_report(folder, out / "class.html", goal=2, progress=False)
>>> sorted(p.name for p in out.iterdir())
['class.csv', 'class.html']

Contacts' names, emails and phone numbers never reach the report: :mod:`infoview.classroom.handins`
removes them while reading.
"""

import datetime as _dt
from pathlib import Path

from ..errors import brief
from ..outfiles import write_file
from ..problems import argument_error, message, with_language
from ..texts import check_language, text
from .handins import Submissions, read_submissions
from .view import COMPARED, CONFIDENCE, DEFAULT_GOAL, TOP, WITHIN, ClassView

__all__ = ["ReportPage", "class_report", "write_student_csv"]

_OVERDUE_SHOWN = 15
_LEFT_OUT_SHOWN = 8
_TEMPLATE = "class_report.html.j2"
_NUMBER_COLUMNS = ("steps_done", "sent", "replied", "accepted", "met", "thanked", "referrals", "weeks_at_goal", "weeks",
                   "overdue_follow_ups", "overdue_thank_yous")


def write_student_csv(table, path, language="en"):
    """Write a :func:`student_table` as CSV, every text cell neutralised against formulas.

    English: ``,``-separated UTF-8 with the column names and status ids as in the table, ISO
    dates. German: as the German Excel export (``;``, UTF-8 with BOM, ``DD.MM.YYYY``, German
    headers and status words, decimal commas). Returns the path.
    """
    import numpy as np
    import pandas as pd

    from ..log.write import write_csv

    check_language(language)
    german = language == "de"
    out = pd.DataFrame(index=table.index)
    for name in table.columns:
        series = table[name]
        if name in ("reply_rate", "reply_low", "reply_high", "shrunk_rate", "per_week"):
            values = [("" if pd.isna(v) else f"{v:.3f}".replace(".", "," if german else ".")) for v in series]
        elif name in ("last_sent", "as_of"):
            values = ["" if pd.isna(v) else v.strftime("%d.%m.%Y" if german else "%Y-%m-%d") for v in series]
        elif name in _NUMBER_COLUMNS:
            values = ["" if pd.isna(v) else str(int(v)) for v in series]
        elif name == "status" and german:
            values = [text(f"classroom.class_report.status.{v}", "de") for v in series]
        else:
            values = ["" if v is None else str(v) for v in series]  # write_csv neutralises formulas
        out[text(f"classroom.class_report.columns.{name}", "de").replace("\u00ad", "") if german else name] = np.array(values, dtype=object)
    path = Path(path)
    write_csv(out, path, separator=";" if german else ",", encoding="utf-8-sig" if german else "utf-8",
               newline="\r\n" if german else "\n")
    return path


# ---------------------------------------------------------------------------------------------
# The HTML report


@with_language
def class_report(source, path, language="en", as_of=None, goal=DEFAULT_GOAL, *, csv=None, groups=None,
                 weeks=None, group=None, progress=None, engine="pandas"):
    """Write the class report of a hand-in folder (or of :class:`Submissions`, or of a :class:`ClassView`
    already computed, whose options then apply) to ``path``.

    ``as_of`` is the date of the figures (default: :func:`default_as_of`); ``goal`` is the
    weekly number of outreach messages each student aims for. The per-student table is also
    written as CSV to ``csv`` (default: ``path`` with the suffix ``.csv``; ``False`` for none).
    ``groups`` is a roster for :func:`~infoview.classroom.handins.read_submissions`; ``weeks`` and
    ``group`` select as in :class:`ClassView`. ``engine="duckdb"`` computes the figures in DuckDB from a
    folder of Parquet hand-ins, without loading their rows (see :mod:`.parquet_view`). Returns the
    path of the HTML file. Errors (a broken roster, a wrong argument) are said in ``language``.
    """
    from ..analysis.engine import uses_duckdb

    check_language(language)
    if isinstance(source, ClassView):
        view = source
    elif uses_duckdb(engine):
        from .parquet_view import ParquetClassView

        view = ParquetClassView(source, as_of, goal, groups=groups, weeks=weeks, group=group, language=language)
    else:
        submissions = source if isinstance(source, Submissions) else \
            read_submissions(source, groups=groups, progress=progress, language=language)
        view = ClassView(submissions, as_of, goal, weeks=weeks, group=group)
    path = Path(path)
    csv_path = None if csv is False else Path(csv) if csv is not None else path.with_suffix(".csv")
    if csv_path is not None and csv_path.resolve() == path.resolve():
        raise argument_error("same_names")
    html = ReportPage(view, language, csv_path.name if csv_path is not None else None).render()
    write_file(path, html)
    if csv_path is not None:
        write_student_csv(view.students, csv_path, language)
    return path


class ReportPage:
    """The class report of a :class:`~infoview.classroom.view.ClassView`, worded in ``language``:
    :meth:`render` gives the whole page; its sections are used by the dashboard too."""

    def __init__(self, view, language, csv_name):
        from ..analysis import labels as words

        self.view, self.language, self.csv_name, self.words = view, language, csv_name, words

    def t(self, key, **values):
        return text(f"classroom.class_report.{key}", self.language, **values)

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
        return text("analysis.format.interval", self.language, low=self.pct(low), high=self.pct(high))

    def render(self):
        from ..analysis.page import render_page

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
                            "entries": [item.format(days=WITHIN, level=self.level(),
                                                    goal=self.num(view.goal))
                                        for item in self.t("definition_items")]},
        }
        if view.count:
            context["sections"] = [self.rates(), self.goal(), self.progress(), self.comparisons()]
        else:
            context["empty"] = self.t("empty")
        return render_page(_TEMPLATE, **context)

    # -- sections ----------------------------------------------------------------------------

    def left_out(self):
        """The students the goal card does not count (no hand-in, or none that could be read), by name."""
        table = self.view.students
        names = table.loc[~table["status"].isin(["active", "no_outreach"]), "student"].tolist()
        if not names:
            return None
        shown = ", ".join(names[:_LEFT_OUT_SHOWN])
        if len(names) > _LEFT_OUT_SHOWN:
            shown = self.t("card_goal_more", students=shown, more=self.num(len(names) - _LEFT_OUT_SHOWN))
        return self.t("card_goal_left_out", count=len(names), students=shown)

    def glance(self):
        view, table = self.view, self.view.students
        active = int((table["status"] == "active").sum())
        cards = [(self.t("card_students"), self.t("card_students_value", active=self.num(active),
                                                  total=self.num(len(table))),
                  self.t("card_students_detail", count=len(table))),
                 (self.t("card_sent"), self.num(view.count), None)]
        if view.count:
            replies, accepted = view.rates().iloc[0], view.rates(accepted=True).iloc[0]
            for key, row, rate in (("card_reply_rate", replies, "reply_rate"),
                                   ("card_acceptance_rate", accepted, "acceptance_rate")):
                detail = None if row["sent"] == 0 else self.t(
                    "card_interval", level=self.level(), low=self.pct(row["ci_low"]), high=self.pct(row["ci_high"]))
                cards.append((self.t(key, days=WITHIN), self.pct(row[rate]), detail))
            cards.append((self.t("card_conversations"), self.num(view.conversations()), None))
        goals = view.goal_counts()
        if len(goals):
            last = goals.iloc[-1]
            total = int(last["met"] + last["below"] + last["none"])
            cards.append((self.t("card_goal", week=self.words.date(last["week"], self.language, short=True)),
                          self.t("card_goal_value", met=self.num(int(last["met"])), count=self.num(total)),
                          self.left_out()))
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
                "problems": [["" if p.line is None else self.num(p.line), p.column or "",
                              "" if p.value in (None, "") else brief(p.value), message(p, self.language)]
                             for p in shown],
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
                                                   self.t("problem_value"), self.t("problem_message")]},
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
        from ..analysis.page import figure

        view = self.view
        section = {"heading": self.t("rates"), "figures": [], "tables": [], "parts": [],
                   "text": [self.t("rates_text", days=WITHIN, date=self.day(view.as_of), level=self.level())]}
        replies = view.rates(freq="W")
        if replies.empty:
            section["text"] = [self.t("rates_short", days=WITHIN, date=self.day(view.as_of))]
            return section
        accepted = view.rates(freq="W", accepted=True)
        section["figures"].append(figure(lambda ax: view.plot_rates(self.language, ax), self.t("rates")))
        interval = text("analysis.table.interval", self.language, level=self.level())
        header = [self.t("week"), self.t("columns.sent"), self.t("columns.reply_rate"), interval,
                  self.t("acceptance_line"), interval]
        rows = [[self.day(r.period), self.num(r.sent), self.pct(r.reply_rate), self.interval(r.ci_low, r.ci_high),
                 self.pct(a.acceptance_rate), self.interval(a.ci_low, a.ci_high)]
                for r, a in zip(replies.itertuples(index=False), accepted.itertuples(index=False))]
        section["tables"].append({"header": header, "rows": rows})
        return section

    def goal(self):
        from ..analysis.page import figure

        view = self.view
        goal = self.num(view.goal)
        section = {"heading": self.t("goal"), "figures": [], "tables": [], "parts": [],
                   "text": [self.t("goal_text", goal=goal)]}
        data = view.goal_counts()
        if data.empty:
            section["text"] = [self.t("goal_short")]
            return section
        section["figures"].append(figure(lambda ax: view.plot_goal(self.language, ax), self.t("goal"), (8, 3.8)))
        header = [self.t("week"), self.t("goal_met"), self.t("goal_below"), self.t("goal_none")]
        rows = [[self.day(r.week), self.num(r.met), self.num(r.below), self.num(r.none)]
                for r in data.itertuples(index=False)]
        section["tables"].append({"header": header, "rows": rows})
        return section

    def progress(self):
        """How many students reached each milestone of the fourteen steps (workspace hand-ins only)."""
        from ..workspace import MILESTONES

        milestones = self.view.milestones
        section = {"heading": self.t("progress"), "figures": [], "tables": [], "parts": [],
                   "text": [self.t("progress_text") if len(milestones) else self.t("progress_none")]}
        if not len(milestones):
            return section
        students = milestones["student"].nunique()
        reached = milestones[milestones["done"].astype(bool)].groupby("milestone")["student"].nunique()
        header = [self.t("progress_step"), self.t("progress_milestone"), self.t("progress_reached"),
                  self.t("progress_share")]
        rows = [[self.num(step), text(f"workspace.milestones.{name}", self.language),
                 self.t("steps_done", done=self.num(int(reached.get(name, 0))), total=self.num(students)),
                 self.pct(reached.get(name, 0) / students)] for name, step in MILESTONES]
        section["tables"].append({"header": header, "rows": rows})
        return section

    def comparisons(self):
        from ..analysis.page import figure

        view = self.view
        verdicts = {c.column: c for c in view.verdicts()}
        section = {"heading": self.t("comparisons"), "figures": [], "tables": [], "parts": [],
                   "text": [self.t("comparisons_text", days=WITHIN, level=self.level())]}
        interval = text("analysis.table.interval", self.language, level=self.level())
        for column in COMPARED:
            data = view.rates(by=column)
            if len(data) < 2:
                continue
            accepted = view.rates(by=column, accepted=True)
            data = data.assign(accepted=accepted["accepted"].to_numpy(),
                               acceptance_rate=accepted["acceptance_rate"].to_numpy())
            shown = data.nlargest(TOP, "sent", keep="first").sort_values("reply_rate", ascending=False,
                                                                           kind="stable")
            name = self.words.column(column, self.language)
            header = [name.capitalize(), self.t("columns.sent"), self.t("columns.replied"),
                      self.t("columns.reply_rate"), interval, self.t("columns.accepted"), self.t("acceptance_line")]
            rows = [[self.words.category(column, getattr(r, column), self.language), self.num(r.sent),
                     self.num(r.replied), self.pct(r.reply_rate), self.interval(r.ci_low, r.ci_high),
                     self.num(r.accepted), self.pct(r.acceptance_rate)] for r in shown.itertuples(index=False)]
            height = max(3.0, 1.2 + 0.42 * len(shown))
            part = {"heading": text("analysis.report.comparison", self.language, column=name),
                    "figure": figure(lambda ax, c=column: view.plot_comparison(c, self.language, ax),
                                      text("analysis.report.comparison", self.language, column=name), (8, height)),
                    "table": {"header": header, "rows": rows}}
            if column in verdicts:
                part["verdict_intro"] = self.t("comparison_within", count=self.num(len(verdicts)))
                part["verdict"] = verdicts[column].verdict(self.language)
            section["parts"].append(part)
        return section

    def student_rows(self):
        import pandas as pd

        from ..workspace import MILESTONES

        table = self.view.students
        shown = [c for c in table.columns if c not in ("files", "weeks", "per_week", "reply_high")]
        header = [{"label": self.t("columns.reply_interval" if c == "reply_low" else f"columns.{c}"),
                   "number": c not in ("student", "group", "status")} for c in shown]
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
                elif column in ("reply_rate", "shrunk_rate"):
                    cells.append({"text": self.pct(float(value)), "sort": f"{float(value):.6f}"})
                elif column == "reply_low":
                    cells.append({"text": self.interval(float(value), float(record["reply_high"])),
                                  "sort": f"{float(value):.6f}"})
                elif column == "steps_done":
                    cells.append({"text": self.t("steps_done", done=self.num(int(value)),
                                                 total=self.num(len(MILESTONES))), "sort": str(int(value))})
                elif column == "per_week":
                    cells.append({"text": self.num(float(value), 1), "sort": f"{float(value):.6f}"})
                elif column in ("last_sent", "as_of"):
                    cells.append({"text": self.words.date(value, self.language, short=True), "sort": str(value.value)})
                elif column == "weeks_at_goal":
                    weeks = int(record["weeks"])
                    share = value / weeks if weeks else 0.0
                    cells.append({"text": self.t("weeks_at_goal", met=self.num(int(value)), weeks=self.num(weeks)),
                                  "sort": f"{share:.6f}"})
                else:
                    cells.append({"text": self.num(int(value)), "sort": str(int(value))})
            rows.append({"status": record["status"], "cells": cells})
        words = {"date": self.day(self.view.as_of), "days": WITHIN, "level": self.level(),
                 "class_rate": self.pct(table.attrs.get("class_rate"))}
        note = (self.t("students_text", csv=self.csv_name, **words) if self.csv_name
                else self.t("students_text_no_csv", **words))
        return {"heading": self.t("students"), "text": note, "header": header, "rows": rows}
