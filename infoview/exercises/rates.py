"""The checks of lesson 09 (data track): the student's own pandas against :mod:`infoview.analysis`.

The answer names the log it was computed from, for example
``check("09-rate-by-source", (my_rates, log, as_of), LANG)``; a right answer matches the library to
within 1e-9.
"""

from ..texts import text
from .feedback import day_and_month, fail

__all__ = ["censored_rates", "rates_by_source", "weekly_sends"]

TOLERANCE = 1e-9
"""How far a student's rate may be from the library's and still count as the same."""


def _parts(answer, count, say, language):
    names = say("names")
    if not isinstance(answer, (list, tuple)) or len(answer) != count:
        fail(text("exercises.values", language, count=count, names=", ".join(names)), language)
    return answer


def _series(value, say, language):
    import pandas as pd

    if not isinstance(value, pd.Series):
        fail(say("a_series"), language)
    return value


def _by_week(series, say, language):
    """The series indexed by the date each week starts (a PeriodIndex becomes its start dates)."""
    import pandas as pd

    index = series.index
    if isinstance(index, pd.PeriodIndex):
        index = index.start_time
    if not isinstance(index, pd.DatetimeIndex):
        fail(say("by_week"), language)
    return pd.Series(pd.to_numeric(series, errors="coerce").to_numpy(dtype=float), index=index.normalize())


def _compare(yours, library, label, say, language):
    """Fail on the first rate that isn't a share, or that differs from the library's."""
    from ..analysis.labels import percent

    if not yours.between(0, 1).all():
        fail(say("not_a_share"), language)
    gap = (yours - library).abs()
    worst = gap.idxmax()
    if gap.max() > TOLERANCE:
        fail(say("differs", where=label(worst), yours=percent(yours[worst], language, 1),
                 library=percent(library[worst], language, 1)), language)


def rates_by_source(answer, key, say, language):
    """``answer``: ``(my_rates, log, as_of)``; right is the reply rate per source (``09-rate-by-source``)."""
    import pandas as pd

    from ..analysis.rates import reply_rates

    mine, log, as_of = _parts(answer, 3, say, language)
    mine = _series(mine, say, language)
    library = reply_rates(log, by="source", within=None, as_of=as_of).set_index("source")["reply_rate"]
    library.index = library.index.astype(str)
    yours = pd.Series(pd.to_numeric(mine, errors="coerce").to_numpy(dtype=float), index=mine.index.astype(str))
    missing = [source for source in library.index if source not in yours.index]
    if missing:
        fail(say("missing", sources=", ".join(missing)), language)
    extra = [source for source in yours.index if source not in library.index]
    if extra:
        fail(say("extra", values=", ".join(extra)), language)
    _compare(yours[library.index], library, str, say, language)
    return [say("ok", count=len(library))]


def weekly_sends(answer, key, say, language):
    """``answer``: ``(weekly_sends, log)``; right are the sends per week, labelled by Monday (``09-weekly-sends``)."""
    from ..analysis.rates import activity

    mine, log = _parts(answer, 2, say, language)
    yours = _by_week(_series(mine, say, language), say, language)
    library = activity(log, freq="W").set_index("period")["sent"]
    weekdays = text("exercises.weekdays", language)
    days = sorted(set(yours.index.day_of_week))
    if days != [0]:
        fail(say("not_monday", days=say("or").join(weekdays[day] for day in days),
                 first=day_and_month(yours.index[0], language)), language)
    missing = library.index.difference(yours.index)
    if not missing.empty:
        fail(say("missing", week=day_and_month(missing[0], language)), language)
    extra = yours.index.difference(library.index)
    if not extra.empty:
        fail(say("extra", week=day_and_month(extra[0], language)) + " " + say("shifted"), language)
    wrong = yours[library.index] != library
    if wrong.any():
        week = library.index[wrong.to_numpy()][0]
        fail(say("wrong", week=day_and_month(week, language), yours=f"{yours[week]:.0f}",
                 library=int(library[week])) + " " + say("shifted"), language)
    return [say("ok", count=len(library), first=day_and_month(library.index[0], language),
                last=day_and_month(library.index[-1], language))]


def censored_rates(answer, key, say, language):
    """``answer``: ``(my_fair_rates, log, as_of)``; right are the weekly rates of replies within 7 days,
    for outreach old enough to have had them (``09-censoring``)."""
    from ..analysis.rates import reply_rates
    from ..dates import short_date

    mine, log, as_of = _parts(answer, 3, say, language)
    yours = _by_week(_series(mine, say, language), say, language)
    library = reply_rates(log, freq="W", within=key["within"], as_of=as_of).set_index("period")["reply_rate"]
    too_recent = yours.index.difference(library.index)
    if not too_recent.empty:
        fail(say("too_recent", week=day_and_month(too_recent[-1], language), days=key["within"],
                 as_of=short_date(as_of.date(), language)), language)
    missing = library.index.difference(yours.index)
    if not missing.empty:
        fail(say("missing", week=day_and_month(missing[0], language)), language)
    _compare(yours[library.index], library, lambda week: say("week", week=day_and_month(week, language)), say, language)
    return [say("ok", count=len(library), days=key["within"])]
