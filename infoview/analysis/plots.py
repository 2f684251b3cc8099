"""Plots for students: reply rate over time, the funnel, time to reply, a comparison of groups,
and activity against a goal. Each takes the log, draws on ``ax`` (or a new figure) and returns
the Axes; ``language="de"`` labels it in German. Matplotlib loads on the first plot.
"""

import math

import numpy as np
import pandas as pd

from ..problems import argument_error, with_language
from ..resources import check_language
from ..texts import text
from . import labels, style
from .core import DEFAULT_WITHIN, NAT, canonical_freq, resolve_as_of
from .rates import activity, funnel, reply_rates
from .survival import outcome_curve, reply_curve

PALETTE = style.PALETTE

__all__ = ["PALETTE", "draw_comparison", "draw_reply_rates", "plot_activity", "plot_comparison", "plot_funnel",
           "plot_outcomes", "plot_reply_rates", "plot_time_to_reply", "rates_note"]

def _top(highs):
    highest = float(np.nanmax(highs)) if len(highs) and not np.all(np.isnan(highs)) else 1.0
    return min(1.0, max(0.1, math.ceil(highest * 10 - 1e-9) / 10))


def _single_by(by):
    if isinstance(by, (list, tuple)):
        if len(by) != 1:
            raise argument_error("one_by_plot")
        return by[0]
    return by


@with_language
def plot_reply_rates(frame, freq="W", by=None, within=DEFAULT_WITHIN, as_of=None, confidence=0.95, language="en",
                     ax=None):
    """Reply rate per period (weeks by default) with a shaded band for its interval.

    With ``by`` (one column), one line per group. Periods without outreach leave a gap.
    Only replies within 7 days count by default, so recent weeks are not undercounted; a
    period whose outreach is not all counted yet (``partial``) is drawn as a hollow point,
    off the line and without a band.
    """
    check_language(language)
    by = _single_by(by)
    data = reply_rates(frame, by=by, freq=freq, within=within, as_of=as_of, confidence=confidence)
    return draw_reply_rates(data, freq, by, confidence, rates_note(_as_of(frame, as_of), within, language),
                            language, ax)


def draw_reply_rates(data, freq="W", by=None, confidence=0.95, note=None, language="en", ax=None):
    """Draw a :func:`~infoview.analysis.reply_rates` table with ``freq`` as :func:`plot_reply_rates` does,
    for a table computed elsewhere (such as by DuckDB); ``note`` is the line under the title."""
    check_language(language)
    by = _single_by(by)
    with style.style():
        ax = style.axes(ax)
        period = text(f"analysis.periods.{canonical_freq(freq)}", language)
        style.title(ax, text("analysis.plots.reply_rates.title", language, period=period), note)
        if data.empty:
            return style.empty(ax, language)
        starts = pd.DatetimeIndex(sorted(data["period"].unique()))
        every = pd.date_range(starts[0], starts[-1], freq=_pandas_freq(freq)) if len(starts) > 1 else starts
        groups = [(None, data)] if by is None else [(key, part) for key, part in
                                                    data.groupby(by, observed=True, sort=True, dropna=False)]
        band = text("analysis.plots.reply_rates.band", language, level=labels.level(confidence, language))
        for index, (key, part) in enumerate(groups):
            part = part.set_index("period").reindex(every)
            partial = part["partial"].fillna(False).to_numpy(dtype=bool)
            complete = part.where(~pd.Series(partial, index=part.index))
            colour = PALETTE[index % len(PALETTE)]
            name = labels.category(by, key, language) if by else text("analysis.table.reply_rate", language)
            ax.fill_between(every, complete["ci_low"], complete["ci_high"], color=colour, linewidth=0,
                            alpha=0.18 if by is None else 0.1, label=band if by is None else None)
            ax.plot(every, complete["reply_rate"], color=colour, marker="o", markersize=4, linewidth=2,
                    label=name, clip_on=False)
            if partial.any():
                ax.plot(every[partial], part["reply_rate"].to_numpy()[partial], linestyle="none", marker="o",
                        markersize=6, markerfacecolor="white", markeredgecolor=colour, clip_on=False,
                        label=text("analysis.plots.reply_rates.partial", language) if index == 0 else None)
        ax.set_ylim(0, _top(data["ci_high"].to_numpy()))
        style.percent_axis(ax.yaxis, language, ax.get_ylim()[1])
        ax.set_ylabel(text("analysis.plots.reply_rates.ylabel", language))
        ax.set_xlabel(text(f"analysis.period_starting.{canonical_freq(freq)}", language))
        style.date_axis(ax, language)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
                  title=labels.column(by, language).capitalize() if by else None)
    return ax


def _pandas_freq(freq):
    return {"D": "D", "W": "W-MON", "M": "MS", "Q": "QS", "Y": "YS"}[canonical_freq(freq)]


def _as_of(frame, as_of):
    value = resolve_as_of(frame, as_of)
    return None if value == NAT else pd.Timestamp(value)


def rates_note(stamp, within, language):
    """The line under a rate plot's title: which replies count, as of when (``stamp``, a Timestamp or None)."""
    if stamp is None:
        return None
    when = labels.date(stamp, language)
    if within is not None:
        days = labels.number(within, language, 0 if float(within).is_integer() else 1)
        return text("analysis.plots.reply_rates.within", language, days=days, date=when)
    return text("analysis.plots.reply_rates.as_of", language, date=when)


@with_language
def plot_funnel(frame, language="en", ax=None, *, as_of=None):
    """The funnel from sent to thanked by ``as_of``, as bars in percent of all outreach sent, with counts.

    Only meetings that have happened by ``as_of`` count as met.
    """
    check_language(language)
    data = funnel(frame, as_of=as_of).iloc[0]
    stages = ["sent", "replied", "accepted", "met", "thanked"]
    with style.style():
        ax = style.axes(ax, (8, 4))
        note = text("analysis.plots.funnel.referrals", language, count=labels.number(int(data["referrals"]), language))
        stamp = _as_of(frame, as_of)
        if stamp is not None:
            note = text("analysis.plots.funnel.as_of", language, date=labels.date(stamp, language)) + " · " + note
        style.title(ax, text("analysis.plots.funnel.title", language), note)
        if not data["sent"]:
            return style.empty(ax, language)
        shares = [data[s] / data["sent"] for s in stages]
        names = [text(f"analysis.stages.{s}", language) for s in stages]
        y = np.arange(len(stages))[::-1]
        ax.barh(y, shares, color=[PALETTE[0]] + [PALETTE[4]] * (len(stages) - 1), height=0.62)
        for row, share, stage in zip(y, shares, stages):
            label = f"{labels.number(int(data[stage]), language)}  ({labels.percent(share, language)})"
            ax.text(share + 0.01, row, label, va="center", fontsize=10)
        ax.set_yticks(y, names)
        ax.set_xlim(0, 1.22)
        style.percent_axis(ax.xaxis, language)
        ax.set_xticks(np.linspace(0, 1, 6))
        ax.grid(axis="y", visible=False)
        ax.set_xlabel(text("analysis.plots.funnel.xlabel", language))
    return ax


@with_language
def plot_time_to_reply(frame, by=None, as_of=None, max_days=None, language="en", ax=None):
    """The share of outreach with a reply after each number of days (Kaplan–Meier), one step line per group.

    ``max_days`` limits the x axis (default: the longest follow-up, at most 30 days).
    """
    check_language(language)
    by = _single_by(by)
    curve = reply_curve(frame, by=by, as_of=as_of)
    with style.style():
        ax = style.axes(ax)
        stamp = _as_of(frame, as_of)
        note = text("analysis.plots.time_to_reply.note", language, date=labels.date(stamp, language)) if stamp else None
        style.title(ax, text("analysis.plots.time_to_reply.title", language), note)
        if curve.empty:
            return style.empty(ax, language)
        groups = [(None, curve)] if by is None else list(curve.groupby(by, observed=True, sort=True, dropna=False))
        for index, (key, part) in enumerate(groups):
            name = labels.category(by, key, language) if by else text("analysis.plots.time_to_reply.all", language)
            ax.plot(part["days"], part["share_replied"], drawstyle="steps-post", linewidth=2,
                    color=PALETTE[index % len(PALETTE)], label=name)
        limit = max_days if max_days is not None else min(30.0, max(1.0, float(curve["days"].max())))
        ax.set_xlim(0, limit)
        ax.set_ylim(0, _top(curve["share_replied"].to_numpy() + 0.05))
        ax.axhline(0.5, color="#999999", linestyle=":", linewidth=1)
        style.percent_axis(ax.yaxis, language, ax.get_ylim()[1])
        ax.set_xlabel(text("analysis.plots.time_to_reply.xlabel", language))
        ax.set_ylabel(text("analysis.plots.time_to_reply.ylabel", language))
        ax.legend(loc="lower right", frameon=False)
    return ax


@with_language
def plot_outcomes(frame, as_of=None, confidence=0.95, max_days=None, language="en", ax=None):
    """Replied, accepted and declined by day since sending (cumulative incidence), each with a band for
    its interval; the gap above the top line is the share still waiting.

    ``max_days`` limits the x axis (default: the longest follow-up, at most 30 days).
    """
    check_language(language)
    curve = outcome_curve(frame, as_of=as_of, confidence=confidence)
    with style.style():
        ax = style.axes(ax)
        stamp = _as_of(frame, as_of)
        note = text("analysis.plots.outcomes.note", language, date=labels.date(stamp, language),
                           level=labels.level(confidence, language)) if stamp else None
        style.title(ax, text("analysis.plots.outcomes.title", language), note)
        if curve.empty or len(curve) < 2:
            return style.empty(ax, language)
        days = curve["days"].to_numpy()
        longest = float(reply_curve(frame, as_of=as_of)["days"].max())
        days_end = np.append(days, longest) if longest > days[-1] else days
        for index, name in enumerate(("replied", "accepted", "declined")):
            values = [np.append(curve[column].to_numpy(), curve[column].iloc[-1]) if len(days_end) > len(days)
                      else curve[column].to_numpy() for column in (name, f"{name}_low", f"{name}_high")]
            colour = (PALETTE[0], PALETTE[2], PALETTE[5])[index]
            ax.fill_between(days_end, values[1], values[2], step="post", color=colour, alpha=0.15, linewidth=0)
            ax.plot(days_end, values[0], drawstyle="steps-post", linewidth=2, color=colour,
                    linestyle="-" if index == 0 else "--", label=text(f"analysis.plots.outcomes.{name}", language))
        ax.set_xlim(0, max_days if max_days is not None else min(30.0, max(1.0, longest)))
        ax.set_ylim(0, _top(curve["replied_high"].to_numpy() + 0.05))
        style.percent_axis(ax.yaxis, language, ax.get_ylim()[1])
        ax.set_xlabel(text("analysis.plots.time_to_reply.xlabel", language))
        ax.set_ylabel(text("analysis.plots.outcomes.ylabel", language))
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return ax


@with_language
def plot_comparison(frame, by="source", within=DEFAULT_WITHIN, as_of=None, confidence=0.95, top=None, language="en",
                    ax=None):
    """Reply rate per group of ``by`` (source, channel, template, ...) with interval bars, best first.

    The dashed line is the rate of all outreach together; labels give replies of sent.
    ``top`` keeps only that many groups, those with the most outreach.
    """
    check_language(language)
    by = _single_by(by)
    data = reply_rates(frame, by=by, within=within, as_of=as_of, confidence=confidence)
    overall = reply_rates(frame, within=within, as_of=as_of, confidence=confidence).iloc[0]["reply_rate"]
    stamp = _as_of(frame, as_of)
    note = rates_note(stamp, within, language)
    if within is None and note:
        note = text("analysis.plots.comparison.as_of", language, date=labels.date(stamp, language))
    return draw_comparison(data, overall, by, confidence, note, top, language, ax)


def draw_comparison(data, overall, by="source", confidence=0.95, note=None, top=None, language="en", ax=None):
    """Draw a :func:`~infoview.analysis.reply_rates` table by one column as :func:`plot_comparison` does,
    for a table computed elsewhere (such as by DuckDB); ``overall`` is the rate of all outreach together."""
    check_language(language)
    by = _single_by(by)
    if top is not None:
        data = data.nlargest(top, "sent", keep="first")
    data = data.sort_values(["reply_rate", "sent"], ascending=[True, True], kind="stable")
    with style.style():
        ax = style.axes(ax, (8, max(3.0, 1.0 + 0.45 * len(data))))
        level = labels.level(confidence, language)
        style.title(ax, text("analysis.plots.comparison.title", language, column=labels.column(by, language)), note)
        if data.empty:
            return style.empty(ax, language)
        y = np.arange(len(data))
        rate = data["reply_rate"].to_numpy()
        errors = np.maximum(np.vstack([rate - data["ci_low"].to_numpy(), data["ci_high"].to_numpy() - rate]), 0)
        ax.errorbar(rate, y, xerr=errors, fmt="o", color=PALETTE[0], ecolor=PALETTE[4], elinewidth=3,
                    capsize=0, markersize=7)
        ax.axvline(overall, color="#777777", linestyle="--", linewidth=1)
        ax.annotate(text("analysis.plots.comparison.overall", language,
                                rate=labels.percent(overall, language)),
                    xy=(overall, len(data) - 0.3), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=9, color=style.NOTE)
        ax.set_ylim(-0.6, len(data) - 0.05)
        for row, high, (_, item) in zip(y, data["ci_high"], data.iterrows()):
            count = text("analysis.plots.comparison.count", language,
                                replied=labels.number(int(item["replied"]), language),
                                sent=labels.number(int(item["sent"]), language))
            ax.text(high + 0.015, row, count, va="center", fontsize=9, color=style.NOTE)
        ax.set_yticks(y, [labels.category(by, value, language) for value in data[by]])
        ax.set_xlim(0, min(1.12, _top(data["ci_high"].to_numpy()) + 0.12))
        style.percent_axis(ax.xaxis, language, ax.get_xlim()[1])
        ax.grid(axis="y", visible=False)
        ax.set_xlabel(text("analysis.plots.comparison.xlabel", language, level=level))
    return ax


@with_language
def plot_activity(frame, freq="W", goal=None, language="en", ax=None, *, as_of=None):
    """Outreach sent per period as bars (zero periods included), with the goal as a line.

    Periods that miss the goal are drawn lighter; a period still running at ``as_of`` is hatched.
    """
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    check_language(language)
    data = activity(frame, freq=freq, goal=goal, as_of=as_of)
    period = text(f"analysis.periods.{canonical_freq(freq)}", language)
    with style.style():
        ax = style.axes(ax, (8, 3.8))
        note = text("analysis.plots.activity.goal", language, goal=labels.number(goal, language), period=period) \
            if goal is not None else None
        style.title(ax, text("analysis.plots.activity.title", language, period=period), note)
        if data.empty:
            return style.empty(ax, language)
        width = {"D": 0.8, "W": 5.5, "M": 24, "Q": 75, "Y": 300}[canonical_freq(freq)]
        met = data["goal_met"].to_numpy() if goal is not None else np.ones(len(data), dtype=bool)
        bars = ax.bar(data["period"], data["sent"], width=width, align="edge", color=np.where(met, PALETTE[0], style.MISSED))
        for bar, partial in zip(bars, data["partial"]):
            if partial:
                bar.set_hatch("//")
                bar.set_edgecolor("white")
        if goal is not None:
            ax.axhline(goal, color=PALETTE[5], linewidth=2, linestyle="--")
            handles = [Patch(color=PALETTE[0], label=text("analysis.plots.activity.met", language)),
                       Patch(color=style.MISSED, label=text("analysis.plots.activity.missed", language))]
            if data["partial"].any():
                handles.append(Patch(facecolor=style.MISSED, hatch="//", edgecolor="white",
                                     label=text("analysis.plots.activity.partial", language)))
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        ax.set_ylabel(text("analysis.plots.activity.ylabel", language))
        ax.set_xlabel(text(f"analysis.period_starting.{canonical_freq(freq)}", language))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="x", visible=False)
        style.date_axis(ax, language)
    return ax
