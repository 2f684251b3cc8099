"""The house style of every plot infoview draws (the analysis and the class report): colours,
matplotlib settings, the new Axes, titles with a note, percent and date axes, the empty plot.
Matplotlib is imported only when something is drawn.
"""

from ..texts import text
from . import labels

__all__ = ["MISSED", "NOTE", "PALETTE", "STYLE", "axes", "date_axis", "empty", "percent_axis", "style", "title"]

#: Okabe–Ito colours: distinguishable with the common forms of colour blindness.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
STYLE = {
    "font.size": 11, "axes.titlesize": 13, "axes.labelsize": 11, "xtick.labelsize": 10,
    "ytick.labelsize": 10, "legend.fontsize": 10, "axes.spines.top": False, "axes.spines.right": False,
    "axes.grid": True, "grid.color": "#dddddd", "grid.linewidth": 0.8, "axes.axisbelow": True,
    "text.parse_math": False,  # labels are people's text: "$x$" is shown as written, never read as math
}
NOTE = "#555555"
MISSED = "#9ecae1"


def axes(ax, size=(8, 4.5)):
    """``ax``, or the Axes of a new figure of ``size`` inches in the house style."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    with style():
        return plt.subplots(figsize=size, layout="constrained")[1]


def style():
    """A context in which matplotlib draws in the house style (larger text, light grid, no top or right spine)."""
    import matplotlib

    return matplotlib.rc_context(STYLE)


def percent_axis(axis, language, top=1.0):
    """Tick ``axis`` (0 to ``top``) in percent, written the ``language``'s way."""
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    step = 0.1 if top <= 0.5 else 0.2
    axis.set_major_locator(MultipleLocator(step if top > 0.15 else 0.05))
    axis.set_major_formatter(FuncFormatter(lambda value, _: labels.percent(round(value, 6), language)))


def date_axis(ax, language):
    """Tick the x axis of ``ax`` with short dates in ``language``, the year where it changes."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import Formatter

    class DateFormatter(Formatter):
        def __call__(self, value, pos=None):
            return labels.date(mdates.num2date(value), language, short=True)

        def format_ticks(self, values):
            shown, year = [], None
            for value in values:
                stamp = mdates.num2date(value)
                text = labels.date(stamp, language, short=True)
                shown.append(f"{text}\n{stamp.year}" if stamp.year != year else text)
                year = stamp.year
            return shown

    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))
    ax.xaxis.set_major_formatter(DateFormatter())


def title(ax, title, note=None):
    """A bold title at the left of ``ax``, with an optional grey ``note`` under it."""
    ax.set_title(title, loc="left", fontweight="bold", pad=24 if note else 8)
    if note:
        ax.annotate(note, xy=(0, 1), xycoords="axes fraction", xytext=(0, 7), textcoords="offset points",
                    fontsize=9, color=NOTE, va="bottom", ha="left")


def empty(ax, language):
    """Say on ``ax`` that there is nothing to show yet; return ``ax``."""
    ax.text(0.5, 0.5, text("analysis.plots.empty", language), ha="center", va="center", color=NOTE,
            transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax
