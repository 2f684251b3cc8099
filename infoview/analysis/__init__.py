"""Analysis of outreach outcomes: reply rates with honest intervals, time to reply, funnels,
activity, comparisons, plots and an HTML report.

Every function takes a log DataFrame as returned by :func:`infoview.read_log`. ``by`` is a
column name or a list of them. The definitions are exact, and ``docs/analysis_sql.md``
writes each of them down as SQL for logs too large for memory (Parquet plus DuckDB).

>>> import pandas as pd
>>> from infoview import analysis
>>> log = pd.DataFrame({
...     "sent_at": pd.to_datetime(["2024-03-04 09:00", "2024-03-05 10:00", "2024-03-20 11:00"]),
...     "replied_at": pd.to_datetime(["2024-03-04 17:00", "2024-03-15 08:00", None]),
... })
>>> analysis.reply_rates(log, within=7)[["sent", "replied", "reply_rate"]]
   sent  replied  reply_rate
0     2        1         0.5

Definitions (``as_of`` defaults to the latest send or reply time that is not in the future,
capped at now, so a meeting planned for next month never moves it; ``within`` defaults to 7 days):

- **sent**: rows with a ``sent_at`` no later than ``as_of`` minus ``within`` days;
- **replied**: of those, rows with ``replied_at <= sent_at + within`` days, or with
  ``replied_at <= as_of`` when ``within=None``;
- **accepted**: replied, and ``response == "accepted"``;
- **periods**: ``"W"`` weeks start on Monday 00:00, ``"M"`` months on the 1st (also ``"D"``,
  ``"Q"``, ``"Y"``), taken from ``sent_at``;
- **groups**: only groups with at least one row counted appear (unobserved categories do
  not); a missing value in a ``by`` column is a group of its own, sorted last; without
  ``by`` (and ``freq``) the result always has one row, as SQL's aggregate without
  ``GROUP BY``;
- **intervals**: Wilson score intervals at ``confidence`` (statsmodels);
- **time to reply**: Kaplan–Meier in fractional days, censored at ``as_of``, and the competing
  outcomes accepted / declined / waiting by day; see :mod:`infoview.analysis.survival`;
- **verdicts**: ``compare`` may be re-run as often as one likes (a stopping boundary, see
  :mod:`infoview.analysis.verdicts`); a class is compared within students, corrected for
  multiplicity (:mod:`infoview.analysis.stratified`).
"""

from .plots import (plot_activity, plot_comparison, plot_funnel, plot_outcomes, plot_reply_rates,
                    plot_time_to_reply)
from .rates import MIN_SENT, Comparison, acceptance_rates, activity, compare, funnel, reply_rates
from .report import report
from .stratified import StratifiedComparison, compare_within, student_rates
from .survival import outcome_curve, outcomes, reply_curve, time_to_reply

__all__ = [
    "MIN_SENT", "Comparison", "StratifiedComparison", "acceptance_rates", "activity", "compare", "compare_within",
    "funnel", "outcome_curve", "outcomes", "plot_activity", "plot_comparison", "plot_funnel", "plot_outcomes",
    "plot_reply_rates",
    "plot_time_to_reply", "reply_curve", "reply_rates", "report", "student_rates", "time_to_reply",
]
