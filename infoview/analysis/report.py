"""One self-contained HTML report of an outreach log: key figures, tables and plots, in English or German.

The plots are embedded as PNG data URIs and the styles inline, so the file opens anywhere
without a network connection. The page comes from ``content/analysis_report.html.j2``
(Jinja2 with autoescaping); its words from ``content/texts/analysis.yaml``; :mod:`infoview.analysis.page` builds it.
"""

import datetime as _dt

import numpy as np
import pandas as pd

from ..outfiles import write_file
from ..problems import argument_error, with_language
from ..texts import check_language, text
from . import labels, plots
from .page import figure, render_page
from .core import DEFAULT_WITHIN, NAT, as_list, check_columns, resolve_as_of, time_ns
from .rates import MIN_SENT, acceptance_rates, compare, funnel, reply_rates
from .survival import DAYS, outcomes, time_to_reply
from .verdicts import PLAN

__all__ = ["report"]

_TEMPLATE = "analysis_report.html.j2"
_COMPARED = ("source", "channel", "template")
_TOP = 25
_CONFIDENCE = 0.95


@with_language
def report(frame, path, language="en", by=None, *, goal=None, as_of=None, within=DEFAULT_WITHIN):
    """Write the HTML report of ``frame`` to ``path`` and return the path.

    ``by`` (one column, such as ``"source"`` or ``"student"``) adds its breakdowns; without
    it, the report compares by source, channel and template where the log has two or more
    of them. ``goal`` (outreach per week) is drawn on the activity plot. Every figure is as
    of ``as_of`` (by default the latest send or reply that is not in the future, never a
    planned meeting) and counts replies within ``within`` days; the report says both.
    """
    check_language(language)
    by = as_list(by)
    if len(by) > 1:
        raise argument_error("one_by_report")
    check_columns(frame, ["sent_at", "replied_at", "response", "meeting_at", "thank_you_at", "referrals", *by])
    html = _Report(frame, language, by[0] if by else None, goal, as_of, within).render()
    return write_file(path, html)


class _Report:
    def __init__(self, frame, language, by, goal, as_of=None, within=DEFAULT_WITHIN):
        self.frame, self.language, self.by, self.goal, self.within = frame, language, by, goal, within
        as_of = resolve_as_of(frame, as_of)
        self.as_of = pd.Timestamp(as_of) if as_of != NAT else None
        sent = time_ns(frame, "sent_at")
        sent = sent[(sent != NAT) & (sent <= as_of)]
        self.count = len(sent)
        self.first = pd.Timestamp(sent.min()) if len(sent) else None
        self.last = pd.Timestamp(sent.max()) if len(sent) else None
        self.counted = {"within": within, "as_of": self.as_of}

    def t(self, key, **values):
        return text(f"analysis.{key}", self.language, **values)

    def pct(self, share):
        return labels.percent(share, self.language)

    def num(self, value, digits=0):
        return labels.number(value, self.language, digits)

    def interval(self, low, high):
        return self.t("format.interval", low=self.pct(low), high=self.pct(high))

    def days(self, value):
        return self.t("format.not_reached") if np.isnan(value) else self.num(value, 1)

    def group(self, column, value):
        return labels.category(column, value, self.language)

    def render(self):
        context = {
            "language": self.language,
            "title": self.t("report.title"),
            "footer": self.t("report.footer", date=labels.date(pd.Timestamp(_dt.date.today()), self.language)),
        }
        if not self.count:
            context.update(subtitle="", empty=self.t("report.empty"))
        else:
            context.update(
                subtitle=self.t("report.subtitle", sent=self.num(self.count),
                                first=labels.date(self.first, self.language),
                                last=labels.date(self.last, self.language),
                                as_of=labels.date(self.as_of, self.language))
                + " " + labels.window(self.within, self.as_of, self.language),
                glance=self.glance(),
                sections=[self.over_time(), self.funnel(), self.time_to_reply(),
                          *[self.comparison(column) for column in self.compared()], self.activity()],
                definitions={"heading": self.t("report.definitions"),
                             "entries": [item.format(level=labels.percent(_CONFIDENCE, self.language), min=MIN_SENT,
                                                     days=self.within, plan=PLAN)
                                       for item in self.t("report.definition_items")]},
            )
        return render_page(_TEMPLATE, **context)

    def glance(self):
        replies = reply_rates(self.frame, **self.counted).iloc[0]
        accepted = acceptance_rates(self.frame, **self.counted).iloc[0]
        timing = time_to_reply(self.frame, as_of=self.as_of).iloc[0]
        stages = funnel(self.frame, as_of=self.as_of).iloc[0]
        median = timing["median_days"]
        level = labels.level(_CONFIDENCE, self.language)
        interval = self.t("table.interval", level=level)
        cards = [
            (self.t("report.glance_reply_rate_within", days=self.within), self.pct(replies["reply_rate"]),
             f"{interval}: {self.interval(replies['ci_low'], replies['ci_high'])}"),
            (self.t("report.glance_acceptance_rate_within", days=self.within), self.pct(accepted["acceptance_rate"]),
             f"{interval}: {self.interval(accepted['ci_low'], accepted['ci_high'])}"),
            (self.t("report.glance_median"),
             self.t("format.not_reached") if np.isnan(median) else self.t("report.days", days=self.num(median, 1)),
             self.t("report.median_not_reached_detail") if np.isnan(median) else None),
            (self.t("report.glance_conversations"), self.num(int(stages["met"])), None),
            (self.t("report.glance_referrals"), self.num(int(stages["referrals"])), None),
        ]
        return {"heading": self.t("report.glance"),
                "cards": [{"label": label, "value": value, "detail": detail} for label, value, detail in cards]}

    def over_time(self):
        level = labels.level(_CONFIDENCE, self.language)
        days = DEFAULT_WITHIN if self.within is None else self.within
        section = {"heading": self.t("report.over_time"), "figures": [], "tables": [],
                   "text": [self.t("report.over_time_text", days=days, level=level)]}
        weekly = reply_rates(self.frame, freq="W", within=days, as_of=self.as_of)
        if weekly.empty:
            section["text"] = [self.t("report.over_time_short", days=days)]
            return section
        if weekly["partial"].any():
            section["text"].append(self.t("report.over_time_partial"))
        section["figures"].append(figure(
            lambda ax: plots.plot_reply_rates(self.frame, within=days, as_of=self.as_of, language=self.language,
                                              ax=ax),
            self.t("report.over_time")))
        return section

    def funnel(self):
        data = funnel(self.frame, by=self.by, as_of=self.as_of)
        stages = ["sent", "replied", "accepted", "met", "thanked"]
        if self.by:
            header = [labels.column(self.by, self.language).capitalize()] + \
                     [self.t(f"stages.{stage}") for stage in stages + ["referrals"]]
            rows = [[self.group(self.by, row[self.by])] + [self.num(int(row[s])) for s in stages + ["referrals"]]
                    for _, row in data.iterrows()]
        else:
            total = data.iloc[0]
            header = ["", self.t("table.count"), self.t("table.share")]
            rows = [[self.t(f"stages.{s}"), self.num(int(total[s])), self.pct(total[s] / total["sent"])]
                    for s in stages]
            rows.append([self.t("stages.referrals"), self.num(int(total["referrals"])), ""])
        return {"heading": self.t("report.funnel"), "text": [self.t("report.funnel_text")],
                "figures": [figure(lambda ax: plots.plot_funnel(self.frame, language=self.language, ax=ax,
                                                                 as_of=self.as_of),
                                    self.t("report.funnel"), size=(8, 4))],
                "tables": [{"header": header, "rows": rows}]}

    def time_to_reply(self):
        data = time_to_reply(self.frame, by=self.by, as_of=self.as_of)
        by = self.by if self.by and len(data) <= len(plots.PALETTE) else None
        first = [labels.column(self.by, self.language).capitalize()] if self.by else [""]
        header = first + [self.t("table.sent"), self.t("table.replied"), self.t("table.median_days"),
                          self.t("table.p90_days")]
        rows = [[self.group(self.by, row[self.by]) if self.by else self.t("table.total"), self.num(int(row["sent"])),
                 self.num(int(row["replied"])), self.days(row["median_days"]), self.days(row["p90_days"])]
                for _, row in data.iterrows()]
        return {"heading": self.t("report.time_to_reply"),
                "text": [self.t("report.time_to_reply_text"), self.t("report.outcomes_text")],
                "figures": [figure(lambda ax: plots.plot_time_to_reply(self.frame, by=by, as_of=self.as_of,
                                                                        language=self.language, ax=ax),
                                    self.t("report.time_to_reply")),
                            figure(lambda ax: plots.plot_outcomes(self.frame, as_of=self.as_of,
                                                                   confidence=_CONFIDENCE, language=self.language,
                                                                   ax=ax),
                                    self.t("plots.outcomes.title"))],
                "tables": [{"header": header, "rows": rows}, self.outcomes()]}

    def outcomes(self):
        """Replied, accepted, declined and still waiting by day 3, 7 and 14, with intervals."""
        data = outcomes(self.frame, days=DAYS, as_of=self.as_of, confidence=_CONFIDENCE)
        shares = ["replied", "accepted", "declined"]
        header = [self.t("table.by_day")] + [self.t(f"table.{name}_share") for name in shares] + \
                 [self.t("table.waiting_share")]

        def cell(row, name):
            if np.isnan(row[name]):
                return "–"
            return f"{self.pct(row[name])} ({self.interval(row[f'{name}_low'], row[f'{name}_high'])})"

        rows = [[self.t("table.day", day=self.num(row["days"]))] + [cell(row, name) for name in shares] +
                ["–" if np.isnan(row["waiting"]) else self.pct(row["waiting"])] for _, row in data.iterrows()]
        return {"header": header, "rows": rows}

    def compared(self):
        if self.by:
            return [self.by]
        found = []
        for column in _COMPARED:
            if column in self.frame.columns and self.frame[column].replace("", np.nan).nunique(dropna=True) >= 2:
                found.append(column)
        return found

    def comparison(self, column):
        level = labels.level(_CONFIDENCE, self.language)
        data = reply_rates(self.frame, by=column, **self.counted)
        name = labels.column(column, self.language)
        header = [name.capitalize(), self.t("table.sent"), self.t("table.replied"), self.t("table.reply_rate"),
                  self.t("table.interval", level=level)]
        rows = [[self.group(column, row[column]), self.num(int(row["sent"])), self.num(int(row["replied"])),
                 self.pct(row["reply_rate"]), self.interval(row["ci_low"], row["ci_high"])]
                for _, row in data.iterrows()]
        height = max(3.0, 1.2 + 0.42 * min(len(data), _TOP))
        section = {"heading": self.t("report.comparison", column=name),
                   "text": [self.t("report.comparison_text", level=level)],
                   "figures": [figure(lambda ax: plots.plot_comparison(self.frame, by=column, top=_TOP,
                                                                        language=self.language, ax=ax,
                                                                        **self.counted),
                                       self.t("report.comparison", column=name), size=(8, height))],
                   "tables": [{"header": header, "rows": rows}]}
        named = data[data[column].notna() & (data[column] != "")].nlargest(2, "sent", keep="first")
        if len(named) == 2:
            result = compare(self.frame, column, named[column].iloc[0], named[column].iloc[1], **self.counted)
            section["verdict_intro"] = self.t("report.comparison_top_looks", plan=PLAN)
            section["verdict"] = result.verdict(self.language)
        return section

    def activity(self):
        return {"heading": self.t("report.activity"), "text": [self.t("report.activity_text")], "tables": [],
                "figures": [figure(lambda ax: plots.plot_activity(self.frame, goal=self.goal, language=self.language,
                                                                   ax=ax, as_of=self.as_of),
                                    self.t("report.activity"), size=(8, 3.8))]}
