"""The checks of the emails a student writes: the outreach rewrite (03), the agenda (05), the thank-you (07).

Each email must be in the lesson's language, pass the linter without errors or warnings and greet
the contact by name; then each kind has its own checks, with its facts in ``content/exercises.yaml``.
"""

import hashlib
import re

from .feedback import as_texts, fail, lint_list, matches

__all__ = ["agenda", "draft_id", "rewrite", "thank_you"]


def draft_id(body):
    """A short fingerprint of an email's words (spacing ignored): how a check knows a draft it must not accept.

    >>> draft_id("Dear Ms Klein,\\n\\nThank you.") == draft_id("Dear Ms Klein,  Thank you. ")
    True
    """
    return hashlib.sha1(" ".join(body.split()).encode("utf-8")).hexdigest()[:16]


def _email(answer, kind, key, say, language, names=None):
    """``(subject, body)`` of an answer that reads as the lesson's language and leaves the linter nothing
    to fix; returns them with the linter's tips."""
    from ..emails.lint import guess_language, lint_email

    subject, body = as_texts(answer[:2] if names else answer, names or say("names"), language)
    if key.get("first_draft", {}).get(language) == draft_id(body):
        fail(say("first_draft"), language)
    if guess_language(body) != language:
        fail(say("language"), language)
    greeting = body.split("\n")[0].strip()
    informal = key.get("informal", {}).get(language)
    if (informal and re.match(informal, greeting, re.IGNORECASE)) or key.get("first_name", "\0") in greeting:
        fail(say("familiar", greeting=greeting), language)
    if key["last_name"] not in greeting:
        fail(say("greeting"), language)
    findings = lint_email(body, kind, language, subject=subject)
    to_fix = sorted((f for f in findings if f.severity in ("error", "warning")), key=lambda f: f.severity)
    if to_fix:
        fail(say("lint", count=len(to_fix), findings=lint_list(to_fix, language)), language)
    return subject, body, [f for f in findings if f.severity == "tip"]


def rewrite(answer, key, say, language):
    """``answer``: ``(subject, email)``, Nina's outreach email rewritten (``03-rewrite``)."""
    from ..emails.lint import word_count

    _, body, tips = _email(answer, "outreach", key, say, language)
    return [say("ok", words=word_count(body, language))] + [say("tip", message=f.message) for f in tips]


def agenda(answer, key, say, language):
    """``answer``: ``(subject, email)``, the agenda email two or three days before the meeting (``05-agenda``)."""
    _, body, _ = _email(answer, "agenda", key, say, language)
    for fact in ("day", "time", "place"):
        if not matches(key, fact, body, language):
            fail(say(f"no_{fact}"), language)
    questions = [line for line in re.split(r"(?<=[?.!])\s+|\n", body) if line.strip().endswith("?")]
    if not questions:
        fail(say("no_questions"), language)
    if len(questions) > key["max_questions"]:
        fail(say("too_many_questions", count=len(questions)), language)
    if not matches(key, "no_reply", body, language):
        fail(say("no_reply"), language)
    return [say("ok", count=len(questions))]


def _missing_words(phrase, body):
    """The words of ``phrase`` (four letters or more) that ``body`` lacks, or [] if two thirds are there."""
    found = re.findall(r"\w{4,}", phrase.lower()) or re.findall(r"\w+", phrase.lower())
    absent = [word for word in found if word not in body.lower()]
    return absent if len(absent) * 3 > len(found) else []


def thank_you(answer, key, say, language):
    """``answer``: ``(subject, note, things_learned, next_step)``, the thank-you note (``07-thank-you``)."""
    from ..emails.lint import word_count

    names = say("names")
    if not isinstance(answer, (list, tuple)) or len(answer) != len(names):
        fail(say("four_values", names=", ".join(names)), language)
    _, body, _ = _email(answer, "thank_you", key, say, language, names=names[:2])
    lines = [line for line in body.split("\n") if line.strip()]
    first_sentence = re.split(r"(?<=[.!?])\s", " ".join(lines[1:]), maxsplit=1)[0]
    if not matches(key, "thanks", first_sentence, language):
        fail(say("thanks_first", sentence=first_sentence), language)
    learned, next_step = answer[2:]
    if not isinstance(learned, (list, tuple)):
        fail(say("learned_list", name=names[2]), language)
    learned = list(dict.fromkeys(item.strip() for item in learned if isinstance(item, str) and item.strip()))
    if len(learned) < key["min_learned"]:
        fail(say("learned_few", count=len(learned), name=names[2]), language)
    for item in learned:
        absent = _missing_words(item, body)
        if absent:
            fail(say("learned_absent", item=item, name=names[2], missing=", ".join(absent)), language)
    if not isinstance(next_step, str) or not next_step.strip():
        fail(say("no_next_step", name=names[3]), language)
    absent = _missing_words(next_step, body)
    if absent:
        fail(say("next_step_absent", step=next_step.strip(), missing=", ".join(absent)), language)
    if not matches(key, "promise", body, language):
        fail(say("no_promise"), language)
    return [say("ok", count=len(learned), words=word_count(body, language))]
