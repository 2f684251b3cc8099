"""The exercises' checks: one call per check cell, short feedback in the lesson's language.

A check cell in a lesson is one line, ``check("01-goal-or-job", job_requests, LANG)``; the answer
key lives in ``content/exercises.yaml``, so released lessons never show it. A right answer prints
a ✓ line; a wrong one raises :class:`AnswerError`, which a notebook shows as one short message
instead of a traceback (and which nbgrader counts as a failed check).

>>> check("01-goal-or-job", [4, 6, 2], "en")
✓ Right: 2, 4, 6 ask for a job. Asking for their story, for feedback and for further names is exactly what the conversation is for.
>>> check("01-goal-or-job", [2, 4], "de")
Traceback (most recent call last):
  ...
infoview.exercises.feedback.AnswerError: Noch nicht: Satz 6 bittet um eine Stelle: Auch ein Praktikum ist eine Stelle. Fragen Sie lieber, was Neulingen den Einstieg erleichtert.
"""

from .check import EXERCISES, AnswerError, check, choices, short_feedback

__all__ = ["AnswerError", "EXERCISES", "check", "choices", "short_feedback"]
