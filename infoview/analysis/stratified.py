"""A class's outreach, analysed as what it is: many students, each with a handful of messages.

Pooling every student's rows as if they were independent makes false winners likely: when students
differ and each prefers a template, "template A does better" may only mean "the students who like
A are good at outreach". :func:`compare_within` therefore compares groups *within* students
(Cochran–Mantel–Haenszel, statsmodels) and corrects its family of verdicts for multiplicity
(Holm). :func:`student_rates` gives each student's rate with an interval and a rate shrunk towards
the class rate (empirical Bayes, beta-binomial), so three lucky emails do not top the table.

Each student's figures are as of their own latest send or reply (their export date), unless
``as_of`` says otherwise.

>>> import pandas as pd
>>> day = pd.Timestamp("2024-03-04")
>>> log = pd.DataFrame({"student": ["ann"] * 4 + ["bob"] * 4, "template": ["A", "B"] * 4,
...                     "sent_at": day, "replied_at": [day, pd.NaT] * 4})
>>> [c.winner for c in compare_within(log, "template", as_of="2024-03-31")]
[None]
"""

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..problems import argument_error, with_language
from . import labels
from .codes import factorize
from .core import DEFAULT_WITHIN, NAT, as_list, check_columns, reply_window, row_as_of, time_ns
from .rates import wilson
from .verdicts import Verdict

__all__ = ["StratifiedComparison", "compare_counts", "compare_within", "rates_from_counts", "student_rates"]


@dataclass(frozen=True)
class StratifiedComparison(Verdict):
    """Two groups of ``column`` compared within each stratum (student), one of a corrected family.

    ``rate_a``/``rate_b`` are the pooled rates, for orientation only; the evidence is
    ``odds_ratio`` (Mantel–Haenszel: how much higher the odds of a reply are for ``a`` than for
    ``b`` within the same student) with its interval at the level ``1 - (1 - confidence) /
    family`` (Bonferroni), the Cochran–Mantel–Haenszel ``p_value`` and ``p_adjusted`` (Holm over
    the ``family`` comparisons made together). ``strata_used`` counts the students who used both
    groups: only they carry evidence. ``winner`` is ``a`` or ``b`` when ``p_adjusted < 1 -
    confidence``, else ``None``.
    """

    column: str
    a: object
    b: object
    strata: str
    sent_a: int
    replied_a: int
    rate_a: float
    sent_b: int
    replied_b: int
    rate_b: float
    strata_used: int
    odds_ratio: float
    ci_low: float
    ci_high: float
    p_value: float
    p_adjusted: float
    family: int
    confidence: float
    within: float | None
    winner: object

    def verdict(self, language="en"):
        """A plain-language conclusion, in English or German."""
        return labels.stratified_verdict(self, language)


def _largest_two(values, keep):
    """The two most frequent non-missing, non-empty values among the kept rows (ties: first in order)."""
    counts = pd.Series(values[keep]).replace("", np.nan).value_counts(dropna=True, sort=True)
    return list(counts.index[:2])


@with_language
def compare_within(frame, by, strata="student", *, pairs=None, within=DEFAULT_WITHIN, as_of=None,
                   confidence=0.95):
    """Compare reply rates within each student, for each column in ``by``, as one corrected family.

    For each column (``"template"``, ``["source", "channel", "template"]``) the two groups with the
    most outreach are compared, or the pair given in ``pairs`` (``{"template": ("six_point",
    "own_words")}``). Counting is that of :func:`~infoview.analysis.reply_rates` (replies within
    ``within`` days); ``as_of`` is one time for all, a mapping from student to time, or by default
    each student's own latest send or reply that is not in the future. Returns a list of
    :class:`StratifiedComparison`, one per column (skipping a column with fewer than two groups).
    """
    columns = as_list(by)
    pairs = dict(pairs or {})
    check_columns(frame, ["sent_at", "replied_at", strata, *columns, *pairs])
    if not 0 < confidence < 1:
        raise argument_error("confidence", value=repr(confidence))
    arrays = {"sent_at": time_ns(frame, "sent_at"), "replied_at": time_ns(frame, "replied_at")}
    _, keep, hit = reply_window(frame, within, None, as_of_ns=row_as_of(frame, as_of, strata, arrays))
    student, students = factorize(frame[strata])
    found = []
    for column in dict.fromkeys([*columns, *pairs]):
        values = frame[column].astype(object).to_numpy()
        chosen = pairs.get(column) or _largest_two(values, keep)
        if len(chosen) < 2:
            continue
        counts = []
        for value in chosen:
            rows = keep & (values == value)
            counts += [np.bincount(student[rows], minlength=len(students)),
                       np.bincount(student[rows & hit], minlength=len(students))]
        found.append((column, *chosen, *counts))
    return compare_counts(found, strata, within=within, confidence=confidence)


def compare_counts(found, strata="student", *, within=DEFAULT_WITHIN, confidence=0.95):
    """The verdicts of :func:`compare_within` from counts already made (for example by DuckDB).

    ``found`` holds one tuple per column: ``(column, a, b, sent_a, replied_a, sent_b, replied_b)``,
    the last four arrays over the same strata (students) in the same order.
    """
    from statsmodels.stats.contingency_tables import StratifiedTable
    from statsmodels.stats.multitest import multipletests

    items = []
    for column, a, b, sent_a, replied_a, sent_b, replied_b in found:
        sent_a, replied_a, sent_b, replied_b = (np.asarray(x, dtype=np.int64)
                                                for x in (sent_a, replied_a, sent_b, replied_b))
        both = (sent_a > 0) & (sent_b > 0)
        tables = np.array([[replied_a[both], sent_a[both] - replied_a[both]],
                           [replied_b[both], sent_b[both] - replied_b[both]]], dtype=np.float64)
        items.append({"column": column, "a": a, "b": b, "counts": [int(x.sum()) for x in
                                                               (sent_a, replied_a, sent_b, replied_b)],
                      "used": int(both.sum()), "table": StratifiedTable(tables) if both.any() else None})
    family = len(items)
    if not family:
        return []
    alpha = 1 - confidence
    p_values, ratios, intervals = [], [], []
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        for item in items:
            table = item["table"]
            p = float(table.test_null_odds(correction=True).pvalue) if table is not None else math.nan
            p_values.append(1.0 if math.isnan(p) else p)
            ratios.append(float(table.oddsratio_pooled) if table is not None else math.nan)
            intervals.append(tuple(map(float, table.oddsratio_pooled_confint(alpha=alpha / family)))
                             if table is not None else (math.nan, math.nan))
    reject, adjusted, _, _ = multipletests(p_values, alpha=alpha, method="holm")
    result = []
    for item, p, odds, (low, high), rejected, p_holm in zip(items, p_values, ratios, intervals, reject, adjusted):
        sent_a, replied_a, sent_b, replied_b = item["counts"]
        winner = (item["a"] if odds > 1 else item["b"] if odds < 1 else None) if rejected else None
        result.append(StratifiedComparison(
            column=item["column"], a=item["a"], b=item["b"], strata=strata, sent_a=sent_a, replied_a=replied_a,
            rate_a=replied_a / sent_a if sent_a else math.nan, sent_b=sent_b, replied_b=replied_b,
            rate_b=replied_b / sent_b if sent_b else math.nan, strata_used=item["used"], odds_ratio=odds,
            ci_low=low, ci_high=high, p_value=p if item["table"] is not None else math.nan,
            p_adjusted=float(p_holm), family=family, confidence=confidence, within=within, winner=winner))
    return result


def _beta_binomial_prior(replied, sent):
    """The class's beta distribution of reply rates (``alpha``, ``beta``), by maximum likelihood.

    Returns ``None`` when fewer than three students have outreach, or when the rates agree so well
    that the students cannot be told apart (then everyone's best estimate is the class rate).
    """
    from scipy.optimize import minimize
    from scipy.special import expit
    from scipy.stats import betabinom

    used = sent > 0
    replied, sent = replied[used], sent[used]
    if len(sent) < 3:
        return None
    total = replied.sum() / sent.sum()
    if total in (0.0, 1.0):
        return None

    def loss(params):
        mean, strength = expit(params[0]), math.exp(params[1])
        return -betabinom.logpmf(replied, sent, mean * strength, (1 - mean) * strength).sum()

    start = [math.log(total / (1 - total)), math.log(10.0)]
    fit = minimize(loss, start, method="L-BFGS-B", bounds=[(-10, 10), (math.log(0.1), math.log(1e5))])
    mean, strength = expit(fit.x[0]), math.exp(fit.x[1])
    if strength >= 0.99e5:
        return None
    return mean * strength, (1 - mean) * strength


@with_language
def student_rates(frame, by="student", *, within=DEFAULT_WITHIN, as_of=None, confidence=0.95):
    """Each student's reply rate with a Wilson interval, and shrunk towards the class rate.

    Columns: ``by``, ``sent``, ``replied``, ``reply_rate``, ``ci_low``, ``ci_high`` (Wilson),
    ``shrunk_rate``, ``shrunk_low``, ``shrunk_high``. The shrunk rate is the posterior mean under
    a beta distribution of rates fitted to the whole class (empirical Bayes, beta-binomial): a
    student with few messages lands near the class rate, one with many near their own rate, and
    the interval is the posterior's central ``confidence`` interval. Where the class is too small
    or too uniform to fit (fewer than three students, or no visible differences), the shrunk
    columns equal the class rate's Wilson figures for everyone. ``frame.attrs`` of the result holds
    ``class_rate``, ``prior`` (alpha, beta or None), ``within`` and ``as_of`` (the argument).
    Counting and ``as_of`` are as in :func:`compare_within`.
    """
    check_columns(frame, ["sent_at", "replied_at", by])
    if not 0 < confidence < 1:
        raise argument_error("confidence", value=repr(confidence))
    arrays = {"sent_at": time_ns(frame, "sent_at"), "replied_at": time_ns(frame, "replied_at")}
    own = row_as_of(frame, as_of, by, arrays)
    _, keep, hit = reply_window(frame, within, None, as_of_ns=own)
    codes, uniques = factorize(frame[by])
    seen = np.flatnonzero(np.bincount(codes[arrays["sent_at"] != NAT], minlength=len(uniques)))
    sent = np.bincount(codes[keep], minlength=len(uniques))[seen]
    replied = np.bincount(codes[hit], minlength=len(uniques))[seen]
    out = rates_from_counts(uniques.take(seen), sent, replied, by=by, confidence=confidence)
    out.attrs.update(within=within, as_of=as_of)
    return out


def rates_from_counts(names, sent, replied, *, by="student", confidence=0.95):
    """The table of :func:`student_rates` from each student's counts already made (for example by
    DuckDB): ``names``, ``sent`` and ``replied`` in the same order, one entry per student who sent."""
    from scipy.stats import beta

    sent, replied = np.asarray(sent, dtype=np.int64), np.asarray(replied, dtype=np.int64)
    rate, low, high = wilson(replied, sent, confidence)
    prior = _beta_binomial_prior(replied, sent)
    tail = (1 - confidence) / 2
    if prior is None:
        class_rate, class_low, class_high = wilson([replied.sum()], [sent.sum()], confidence)
        shrunk = np.full(len(sent), class_rate[0])
        shrunk_low, shrunk_high = np.full(len(sent), class_low[0]), np.full(len(sent), class_high[0])
    else:
        post_a, post_b = prior[0] + replied, prior[1] + sent - replied
        shrunk = post_a / (post_a + post_b)
        shrunk_low, shrunk_high = beta.ppf(tail, post_a, post_b), beta.ppf(1 - tail, post_a, post_b)
    out = pd.DataFrame({by: names, "sent": sent, "replied": replied, "reply_rate": rate,
                        "ci_low": low, "ci_high": high, "shrunk_rate": shrunk, "shrunk_low": shrunk_low,
                        "shrunk_high": shrunk_high})
    out.attrs.update(class_rate=replied.sum() / sent.sum() if sent.sum() else math.nan, prior=prior)
    return out
