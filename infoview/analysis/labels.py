"""Number, date and percent formats, column and category names, and verdicts for the analysis, in
English and German; the words come from ``content/texts/analysis.yaml`` through :func:`infoview.texts.text`.

>>> import pandas as pd
>>> percent(0.125, "de", digits=1), number(12345.6, "de", 1), category("channel", "email", "de")
('12,5 %', '12.345,6', 'E-Mail')
>>> date(pd.Timestamp("2024-03-04"), "de"), date(pd.Timestamp("2024-03-04"), "en", short=True)
('4. März 2024', '4 Mar')
"""

import math

import pandas as pd

from ..texts import check_language, text, texts

__all__ = ["category", "column", "date", "level", "number", "percent", "points", "p_value", "stratified_verdict",
           "threshold", "verdict", "window"]


def column(name, language):
    """A column's name for readers (``source`` is ``Kontaktquelle`` in German); unknown names as they are."""
    return texts("analysis.columns", language).get(name, str(name))


def category(column_name, value, language):
    """A category's label (``email`` is ``E-Mail``); missing values and unknown ones readable too."""
    if pd.isna(value) or value == "":
        return text("analysis.format.missing_value", language)
    names = texts("analysis.categories", language).get(column_name, {}) if isinstance(value, str) else {}
    return names.get(value, str(value))


def number(value, language, digits=0, sign=False):
    """A number with the language's decimal mark and thousands separator."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    formatted = f"{value:{'+' if sign else ''},.{digits}f}"
    decimal, thousands = text("analysis.format.decimal", language), text("analysis.format.thousands", language)
    formatted = formatted.replace(",", "\0").replace(".", decimal).replace("\0", thousands)
    return formatted.replace("-", "−")


def percent(share, language, digits=0):
    """A share (0.25) as a percentage in the language's style (``25%``, ``25 %``)."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    return text("analysis.format.percent", language, value=number(100 * share, language, digits))


def level(confidence, language):
    """A confidence level for compounds: ``95%`` (``95% interval``), ``95-%`` (``95-%-Intervall``)."""
    return text("analysis.format.level", language, value=number(100 * confidence, language, 0))


def points(share, language, digits=1, sign=True):
    """A difference of shares in percentage points, signed (``+12.5``)."""
    return number(100 * share, language, digits, sign=sign)


def p_value(p, language):
    """A p-value for a sentence: ``p = 0.034``, or ``p < 0.001``.

    >>> p_value(0.0342, "de"), p_value(0.00001, "en")
    ('p = 0,034', 'p < 0.001')
    """
    if p is None or math.isnan(p):
        return "p = –"
    return "p < " + number(0.001, language, 3) if p < 0.001 else "p = " + number(p, language, 3)


def threshold(p, language):
    """A significance level to two significant digits (``0.05``, ``0.0012``).

    >>> threshold(0.05, "en"), threshold(0.000229, "de")
    ('0.050', '0,00023')
    """
    if p is None or math.isnan(p) or p <= 0:
        return "–"
    return number(p, language, max(3, 1 - math.floor(math.log10(p))))


def date(stamp, language, short=False):
    """A date with the month's name (``4 Mar 2024``, ``4. März 2024``)."""
    months = text("analysis.format.months", language)
    pattern = text("analysis.format.short_date" if short else "analysis.format.date", language)
    return pattern.format(day=stamp.day, month=months[stamp.month - 1], year=stamp.year)


def window(within, as_of, language):
    """What a figure counts, in words: the reply window and the as-of date.

    >>> window(7, pd.Timestamp("2025-12-22"), "en")
    'Counted: replies within 7 days of sending, for outreach sent at least 7 days before 22 Dec 2025.'
    """
    if as_of is None or pd.isna(as_of):
        return text("analysis.verdict.basis_empty", language)
    when = date(pd.Timestamp(as_of), language)
    if within is None:
        return text("analysis.verdict.basis_all", language, date=when)
    days = number(within, language, 0 if float(within).is_integer() else 1)
    return text("analysis.verdict.basis", language, days=days, date=when)


def verdict(result, language="en"):
    """The plain-language verdict on a :class:`~infoview.analysis.rates.Comparison`."""
    check_language(language)
    a = category(result.column, result.a, language)
    b = category(result.column, result.b, language)
    if not result.sent_a or not result.sent_b:
        missing = f" {text('analysis.format.and', language)} ".join(
            name for name, sent in ((a, result.sent_a), (b, result.sent_b)) if not sent)
        return f"{text('analysis.verdict.no_data', language, missing=missing)} {window(result.within, result.as_of, language)}"
    summary = text("analysis.verdict.summary", language, a=a, b=b, rate_a=percent(result.rate_a, language),
                   rate_b=percent(result.rate_b, language), replied_a=number(result.replied_a, language),
                   replied_b=number(result.replied_b, language), sent_a=number(result.sent_a, language),
                   sent_b=number(result.sent_b, language))
    p = p_value(result.p_value, language)
    low, high = points(result.ci_low, language), points(result.ci_high, language)
    if result.winner is not None:
        # Say it from the winner's side: a positive difference and its interval.
        if result.winner == result.a:
            winner, diff, low, high = a, result.difference, result.ci_low, result.ci_high
        else:
            winner, diff, low, high = b, -result.difference, -result.ci_high, -result.ci_low
        judgement = text("analysis.verdict.winner_looks", language, winner=winner, diff=points(diff, language, sign=False),
                         low=points(low, language), high=points(high, language), p=p,
                         bar=threshold(result.alpha_look, language))
    elif math.isnan(result.detectable):
        judgement = text("analysis.verdict.too_little", language, min=min(result.sent_a, result.sent_b))
    elif result.final:
        judgement = text("analysis.verdict.no_difference_final", language, low=low, high=high, plan=result.plan,
                         detectable=points(result.detectable, language, 0, sign=False))
    else:
        plan = text("analysis.verdict.plan", language, plan=number(result.plan, language)) if result.plan else ""
        judgement = text("analysis.verdict.no_difference_yet", language, low=low, high=high,
                         detectable=points(result.detectable, language, 0, sign=False), plan=plan).strip()
    return f"{summary} {judgement} {window(result.within, result.as_of, language)}"


def stratified_verdict(result, language="en"):
    """The plain-language verdict on a :class:`~infoview.analysis.stratified.StratifiedComparison`."""
    check_language(language)
    a = category(result.column, result.a, language)
    b = category(result.column, result.b, language)
    if not result.strata_used:
        return text("analysis.verdict.within_none", language, a=a, b=b)
    family = text("analysis.verdict.family_one", language) if result.family == 1 else \
        text("analysis.verdict.family", language, count=result.family)
    values = {"a": a, "b": b, "students": number(result.strata_used, language), "family": family,
              "p": p_value(result.p_adjusted, language)}
    if result.winner is None:
        return text("analysis.verdict.within_no_difference", language, ratio=number(result.odds_ratio, language, 2),
                    low=number(result.ci_low, language, 2), high=number(result.ci_high, language, 2), **values)
    flip = result.winner != result.a
    ratio, low, high = ((1 / result.odds_ratio, 1 / result.ci_high, 1 / result.ci_low) if flip else
                        (result.odds_ratio, result.ci_low, result.ci_high))
    return text("analysis.verdict.within_winner", language, winner=b if flip else a, loser=a if flip else b,
                ratio=number(ratio, language, 1), low=number(low, language, 1), high=number(high, language, 1),
                **values)
