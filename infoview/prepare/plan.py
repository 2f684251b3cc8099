"""Interview plans: which questions to ask, in which order, and a printable question sheet.

:meth:`QuestionBank.plan <infoview.prepare.questions.QuestionBank.plan>` drafts a plan; the
student then removes, replaces and reorders questions. A follow-up question (one with
``follows``) always comes after one of the questions it follows up.

>>> from infoview.prepare import QuestionBank
>>> bank = QuestionBank.builtin("en")
>>> plan = bank.plan(minutes=45, seed=2)
>>> all(q.audience_fits("student") for q in plan)
True
>>> plan.remove(plan.questions[1].id).minutes, len(plan) - 1 == len(plan.remove(plan.questions[1].id))
(45, True)
>>> "<ol" in plan.to_html()
True
"""

import html
import random
from dataclasses import dataclass, replace

from ..errors import InfoviewError
from ..problems import argument_error, in_language
from ..texts import text

__all__ = ["AUDIENCES", "CONTEXTS", "InterviewPlan", "PlanError", "MINUTES_PER_QUESTION"]

AUDIENCES = ("student", "career_changer")
CONTEXTS = ("in_person", "video_call", "alumni", "mutual_contact")
MINUTES_PER_QUESTION = 2.5


class PlanError(InfoviewError):
    """An edit would break the plan (a follow-up before its question, a question twice, an unknown id)."""


@dataclass(frozen=True)
class InterviewPlan:
    """Questions in the order to ask them, for a conversation of ``minutes``.

    ``audience`` and ``context`` record whom and what kind of conversation the plan is for, so
    that replacements fit too. Editing returns a new plan and raises :class:`PlanError`, in the
    plan's language, when the edit would put a follow-up before the question it follows up.
    """

    questions: tuple
    minutes: int
    language: str = "en"
    audience: str | None = "student"
    context: frozenset = frozenset()

    def __iter__(self):
        return iter(self.questions)

    def __len__(self):
        return len(self.questions)

    def __str__(self):
        return "\n".join(f"{mark:>3} min  {q.text}" for mark, q in zip(self.minute_marks(), self.questions))

    @property
    def ids(self):
        """The question ids in order."""
        return [q.id for q in self.questions]

    def minute_marks(self):
        """The rough minute at which each question comes up."""
        step = self.minutes / max(len(self.questions), 1)
        return [round(i * step) for i in range(len(self.questions))]

    def remove(self, question_id):
        """A plan without ``question_id``; refused while a follow-up of it depends on it."""
        index = self._index(question_id)
        return self._edited(self.questions[:index] + self.questions[index + 1:])

    def replace(self, question_id, question):
        """A plan with ``question`` (a :class:`Question`) in the place of ``question_id``."""
        index = self._index(question_id)
        if question.id in self.ids and question.id != question_id:
            raise PlanError(text("widgets.plan_twice", self.language, question=question.text))
        return self._edited(self.questions[:index] + (question,) + self.questions[index + 1:])

    def move(self, question_id, position):
        """A plan with ``question_id`` moved to ``position`` (0 is first; negative counts from the end)."""
        index = self._index(question_id)
        rest = list(self.questions[:index] + self.questions[index + 1:])
        position = position % len(self.questions) if position < 0 else min(position, len(rest))
        rest.insert(position, self.questions[index])
        return self._edited(tuple(rest))

    def to_html(self, title=None):
        """A printable question sheet (one page up to about 45 minutes, two at most) as an HTML document."""
        t = lambda key, **v: html.escape(text(f"widgets.{key}", self.language, **v))  # noqa: E731
        heading = html.escape(title) if title else t("plan_title", minutes=self.minutes, count=len(self))
        rows = []
        for mark, q in zip(self.minute_marks(), self.questions):
            note = f"<div class='note'>{html.escape(q.note)}</div>" if q.note and len(self) <= 16 else ""
            rows.append(f"<li><span class='min'>{mark}&#8239;min</span><span class='box'></span>"
                        f"<div class='q'>{html.escape(q.text)}{note}</div></li>")
        return (
            f"<!DOCTYPE html>\n<html lang='{self.language}'><head><meta charset='utf-8'>"
            f"<title>{heading}</title><style>{_SHEET_CSS}</style></head><body>"
            f"<h1>{heading}</h1><p class='meta'>{t('sheet_with')} ____________________ &#160; "
            f"{t('sheet_date')} ____________ &#160; {t('sheet_end')} ________</p>"
            f"<p class='hint'>{t('sheet_hint')}</p><ol>{''.join(rows)}</ol>"
            f"<p class='foot'>{t('sheet_after')}</p></body></html>\n")

    def _index(self, question_id):
        try:
            return self.ids.index(question_id)
        except ValueError:
            raise PlanError(text("widgets.plan_unknown", self.language, id=question_id)) from None

    def _edited(self, questions):
        check_order(questions, self.language)
        return replace(self, questions=questions)


def check_order(questions, language="en"):
    """Raise :class:`PlanError` if a question appears twice or a follow-up precedes all its parents."""
    seen = set()
    for q in questions:
        if q.id in seen:
            raise PlanError(text("widgets.plan_twice", language, question=q.text))
        if q.follows and not seen & set(q.follows):
            raise PlanError(text("widgets.plan_follow_up", language, question=q.text))
        seen.add(q.id)


def draft(questions, minutes, focus, seed, audience, context, language):
    """The plan :meth:`QuestionBank.plan` returns, drawn from ``questions`` (see there)."""
    if minutes < 10:
        raise in_language(argument_error("plan_minutes"), language)
    if audience not in AUDIENCES + (None,):
        raise in_language(argument_error("plan_audience", choices=", ".join(AUDIENCES), value=repr(audience)), language)
    contexts = frozenset([context] if isinstance(context, str) else context or ())
    if not contexts <= set(CONTEXTS):
        raise in_language(argument_error("plan_context", choices=", ".join(CONTEXTS), value=repr(sorted(contexts))),
                          language)
    rng = random.Random(seed)
    count = max(4, round(minutes / MINUTES_PER_QUESTION))
    pools = {}
    for q in questions:
        if q.audience_fits(audience) and q.context_fits(contexts):
            pools.setdefault(q.category, []).append(q)
    for pool in pools.values():
        rng.shuffle(pool)

    def take(predicate):
        for pool in pools.values():
            for q in pool:
                if predicate(q):
                    pool.remove(q)
                    return [q]
        return []

    opening = take(lambda q: q.stage == "opening" and not q.follows)
    referral = take(lambda q: q.stage == "closing" and "referrals" in q.tags and not q.follows)
    if referral and minutes >= 40:
        referral += take(lambda q: referral[0].id in q.follows)
    closing = referral + take(lambda q: q.stage == "closing" and "referrals" not in q.tags and not q.follows)
    focus = [c for c in ([focus] if isinstance(focus, str) else focus or []) if c in pools]
    others = [c for c in pools if c not in focus]
    rng.shuffle(others)
    turn = focus * 2 + others if focus else others
    core, wanted = [], count - len(opening) - len(closing)
    while len(core) < wanted:
        before = len(core)
        for cat in turn:
            pick = next((q for q in pools[cat] if q.stage == "core" and not q.follows), None)
            if pick is not None and len(core) < wanted:
                pools[cat].remove(pick)
                core.append(pick)
        if len(core) == before:
            break
    return InterviewPlan(tuple(opening + core + closing), minutes, language, audience, contexts)


_SHEET_CSS = """
@page { size: A4; margin: 15mm 16mm; }
body { font: 11pt/1.35 "Helvetica Neue", Arial, sans-serif; color: #111; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 15pt; margin: 0 0 4pt; }
.meta, .hint, .foot { font-size: 9.5pt; color: #333; margin: 2pt 0 6pt; }
ol { list-style: none; padding: 0; margin: 8pt 0; }
li { display: flex; gap: 6pt; padding: 4pt 0; border-bottom: 0.5pt solid #bbb; break-inside: avoid; }
.min { flex: 0 0 34pt; color: #555; font-size: 9.5pt; padding-top: 1pt; }
.box { flex: 0 0 9pt; height: 9pt; border: 0.8pt solid #333; margin-top: 2pt; }
.q { flex: 1; }
.note { font-size: 8.5pt; color: #555; margin-top: 1pt; }
@media print { a { color: inherit; text-decoration: none; } }
"""
