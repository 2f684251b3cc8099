"""The question bank: open questions for informational interviews, and interview plans.

>>> bank = QuestionBank.builtin("en")
>>> len(bank) >= 150
True
>>> trends = bank.filter(category="trends")
>>> {q.category for q in trends}
{'trends'}
>>> plan = bank.plan(minutes=30, seed=1, audience="student")
>>> plan.questions[0].stage, plan.questions[-1].stage
('opening', 'closing')
>>> len(bank.filter(audience="career_changer")) < len(bank)
True
"""

from dataclasses import dataclass
from pathlib import Path

from .. import textfile
from ..contentfile import read_yaml, translated
from ..errors import FileError, brief
from ..problems import content_error, content_from_file, in_both, in_language, with_language
from ..resources import LANGUAGES, check_language, load_bundled
from .plan import AUDIENCES, CONTEXTS, MINUTES_PER_QUESTION, InterviewPlan, draft

__all__ = ["Category", "Question", "QuestionBank", "categories", "STAGES"]

STAGES = ("opening", "core", "closing")


@dataclass(frozen=True)
class Category:
    """A question category: ``id``, default ``stage``, TIARA letter name (or None), label and description."""

    id: str
    stage: str
    tiara: str | None
    label: str
    description: str


@dataclass(frozen=True)
class Question:
    """One question in one language.

    ``audience`` holds whom it suits (``"student"``, ``"career_changer"``); ``context`` the only
    conversations it fits (``"in_person"``, ``"video_call"``, ``"alumni"``, ``"mutual_contact"``;
    empty means any); ``follows`` the questions it follows up (asked only after one of them).
    """

    id: str
    category: str
    stage: str
    text: str
    language: str
    tags: tuple = ()
    note: str | None = None
    audience: tuple = AUDIENCES
    context: tuple = ()
    follows: tuple = ()

    def audience_fits(self, audience):
        """True if the question suits ``audience`` (None: anyone)."""
        return audience is None or audience in self.audience

    def context_fits(self, contexts):
        """True if the question may be asked in a conversation with these ``contexts``."""
        return not self.context or bool(set(self.context) & set(contexts))


def categories(language="en"):
    """The question categories in their teaching order, labelled in ``language``."""
    check_language(language)
    file = "infoview/content/categories.yaml"
    return [
        Category(e["id"], e["stage"], e.get("tiara"),
                 translated(e, "label", language, file=file, entry_id=e["id"]),
                 translated(e, "description", language, file=file, entry_id=e["id"]))
        for e in load_bundled("categories.yaml")
    ]


class QuestionBank:
    """An ordered, immutable collection of :class:`Question` objects in one language."""

    def __init__(self, questions, language="en"):
        self.language = check_language(language)
        self._questions = tuple(questions)
        self._by_id = {q.id: q for q in self._questions}

    @classmethod
    @with_language
    def builtin(cls, language="en"):
        """The bank that ships with infoview, in ``"en"`` or ``"de"``."""
        check_language(language)
        entries = load_bundled("questions.yaml")
        return cls(_parse_entries(entries, "infoview/content/questions.yaml", LANGUAGES, language), language)

    @classmethod
    @with_language
    def from_file(cls, path, language="en"):
        """An instructor's bank from a YAML or CSV file.

        YAML is a list of entries (``id``, ``category``, ``stage``, ``tags``, ``text`` and
        optional ``note``, ``audience``, ``context`` and ``follows``, the texts given per
        language), or a mapping with ``languages`` (the languages the file provides, default
        both) and ``questions`` (that list). CSV has the columns ``id, category, stage, tags,
        text_en, text_de, note_en, note_de`` and optionally ``audience, context, follows``,
        with several values separated by spaces; ``follows`` may name a built-in question too.
        Use :meth:`extend` to add the result to the built-in bank.
        Every problem raises :class:`~infoview.ContentError` naming the file, entry and field,
        in ``language``.
        """
        check_language(language)
        path = Path(path)
        if path.suffix.lower() == ".csv":
            entries, languages = _read_csv(path)
        elif path.suffix.lower() in (".yaml", ".yml"):
            entries, languages = _unpack_yaml(read_yaml(path), path)
        else:
            raise content_error("unknown_file_type", file=path)
        if language not in languages:
            raise content_error("no_language", file=path, code=repr(language))
        builtin_ids = {e["id"] for e in load_bundled("questions.yaml")}
        return cls(_parse_entries(entries, path, languages, language, also_known=builtin_ids), language)

    def filter(self, category=None, stage=None, tags=None, audience=None):
        """The questions in any of the given categories and stages that carry all the given tags
        and suit ``audience`` (``"student"``, ``"career_changer"`` or None for anyone)."""
        cats, stages, wanted = _as_set(category), _as_set(stage), _as_set(tags) or set()
        return QuestionBank(
            (q for q in self._questions
             if (cats is None or q.category in cats)
             and (stages is None or q.stage in stages)
             and wanted <= set(q.tags) and q.audience_fits(audience)),
            self.language,
        )

    def extend(self, other):
        """A new bank with ``other``'s questions after these; a shared id raises :class:`ContentError`."""
        if other.language != self.language:
            raise ValueError(f"cannot combine a {self.language!r} bank with a {other.language!r} bank")
        clash = [q.id for q in other if q.id in self._by_id]
        if clash:
            raise in_language(content_error("id_in_bank", entry=clash[0], field="id"), self.language)
        return QuestionBank(self._questions + other._questions, self.language)

    def plan(self, minutes=30, focus=None, seed=None, audience="student", context=None):
        """A balanced :class:`~infoview.prepare.plan.InterviewPlan` for a conversation of ``minutes``.

        About 2.5 minutes per question, opening and closing included: one opening question,
        then core questions taken in turn from each category (``focus`` categories first and
        twice as often), then a referral question (from 40 minutes on with one follow-up after
        it) and a closing one. Only questions for ``audience`` (``"student"``,
        ``"career_changer"`` or None for both) are drawn, and questions bound to a kind of
        conversation only when ``context`` names it (``"in_person"``, ``"video_call"``,
        ``"alumni"``, ``"mutual_contact"``, or several). The same ``seed`` gives the same plan.
        """
        return draft(self._questions, minutes, focus, seed, audience, context, self.language)

    def alternatives(self, plan, question_id):
        """Questions that could take the place of ``question_id`` in ``plan``: not yet in it, for
        the plan's audience and context, of the same stage, the same category first."""
        current = self._by_id.get(question_id) or next(q for q in plan if q.id == question_id)
        before = set(plan.ids[:plan.ids.index(question_id)])
        fits = [q for q in self._questions
                if q.id not in plan.ids and q.stage == current.stage and q.audience_fits(plan.audience)
                and q.context_fits(plan.context) and (not q.follows or before & set(q.follows))]
        return sorted(fits, key=lambda q: q.category != current.category)

    def to_frame(self):
        """A pandas DataFrame with columns id, category, stage, text, language, tags, note, audience, context."""
        import pandas as pd

        return pd.DataFrame(
            [(q.id, q.category, q.stage, q.text, q.language, list(q.tags), q.note, list(q.audience),
              list(q.context)) for q in self._questions],
            columns=["id", "category", "stage", "text", "language", "tags", "note", "audience", "context"],
        )

    def __len__(self):
        return len(self._questions)

    def __iter__(self):
        return iter(self._questions)

    def __getitem__(self, question_id):
        return self._by_id[question_id]

    def __contains__(self, question_id):
        return question_id in self._by_id

    def __repr__(self):
        return f"<QuestionBank: {len(self)} questions in {self.language!r}>"


def _as_list(value):
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _as_set(value):
    return None if value is None else set(_as_list(value))


def _unpack_yaml(data, path):
    if isinstance(data, dict):
        languages = data.get("languages", list(LANGUAGES))
        if not isinstance(languages, list) or not languages or \
                not all(isinstance(lang, str) and lang in LANGUAGES for lang in languages):
            raise content_error("bad_languages", file=path, field="languages", choices=", ".join(LANGUAGES))
        data = data.get("questions")
    else:
        languages = list(LANGUAGES)
    if not isinstance(data, list) or not data:
        raise content_error("no_questions", file=path, field="questions")
    return data, tuple(languages)


def _read_csv(path):
    if not path.exists():
        raise content_error("no_file", file=path)
    try:
        text = textfile.decode(textfile.read_bytes(path, "bank"), path)
        records, lines = textfile.csv_records(text, textfile.separator(text.split("\n", 1)[0]), path)
    except FileError as error:
        where = in_both("errors.where.line", line=error.line) if error.line else None
        raise content_from_file(error, file=path, entry=where) from None
    names = [name.strip() for name in records[0]] if records else []
    rows = [dict(zip(names, record)) for record in records[1:]]
    header = rows[0].keys() if rows else []
    languages = tuple(lang for lang in LANGUAGES if f"text_{lang}" in header)
    missing = [c for c in ("id", "category") if c not in header]
    if missing or not languages:
        either = [] if languages else [in_both("errors.content.either_text")]
        columns = {lang: ", ".join(missing + [e[lang] for e in either]) for lang in LANGUAGES}
        raise content_error("missing_columns", file=path, field="header", columns=columns)
    entries = []
    for line, row in zip(lines[1:], rows):
        entry = {"id": row.get("id"), "category": row.get("category"), "_line": line,
                 "tags": (row.get("tags") or "").split(),
                 "text": {lang: row.get(f"text_{lang}") for lang in languages}}
        if row.get("stage"):
            entry["stage"] = row["stage"]
        notes = {lang: row.get(f"note_{lang}") for lang in languages if row.get(f"note_{lang}")}
        if notes:
            entry["note"] = notes
        for field in ("audience", "context", "follows"):
            if row.get(field):
                entry[field] = row[field].split()
        entries.append(entry)
    return entries, languages


def _parse_entries(entries, file, languages, language, also_known=()):
    known = {c["id"]: c for c in load_bundled("categories.yaml")}
    seen = {}
    questions = []
    for index, entry in enumerate(entries, start=1):
        where = in_both("errors.where.line", line=entry["_line"]) if isinstance(entry, dict) and "_line" in entry \
            else in_both("errors.where.item", item=index)
        if not isinstance(entry, dict):
            raise content_error("not_an_entry", file=file, where=where)
        qid = entry.get("id")
        if not isinstance(qid, str) or not qid.strip():
            raise content_error("no_id", file=file, entry=where, field="id")
        if len(qid) > 200:
            raise content_error("long_id", file=file, entry=where, field="id", id=brief(qid))
        if qid in seen:
            raise content_error("duplicate_id", file=file, entry=qid, field="id", other=seen[qid])
        seen[qid] = where
        category = entry.get("category")
        if not isinstance(category, str) or category not in known:
            raise content_error("unknown_category", file=file, entry=qid, field="category", value=brief(category),
                                choices=", ".join(known))
        stage = entry.get("stage") or known[category]["stage"]
        if not isinstance(stage, str) or stage not in STAGES:
            raise content_error("unknown_stage", file=file, entry=qid, field="stage", value=brief(stage),
                                choices=", ".join(STAGES))
        tags = entry.get("tags") or []
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise content_error("bad_tags", file=file, entry=qid, field="tags")
        if isinstance(entry.get("text"), str) and len(languages) == 1:
            entry = {**entry, "text": {languages[0]: entry["text"]}}
        texts = {lang: translated(entry, "text", lang, file=file, entry_id=qid) for lang in languages}
        note = entry.get("note")
        if isinstance(note, str) and len(languages) == 1:
            note = {languages[0]: note}
        if note is not None:
            note = {lang: translated({"note": note}, "note", lang, file=file, entry_id=qid) for lang in languages}
        audience = _word_list(entry, "audience", AUDIENCES, file, qid) or AUDIENCES
        context = _word_list(entry, "context", CONTEXTS, file, qid)
        follows = _word_list(entry, "follows", None, file, qid)
        questions.append(Question(qid, category, stage, texts[language], language, tuple(tags),
                                  note[language] if note else None, audience, context, follows))
    unknown = [(q.id, p) for q in questions for p in q.follows if p not in seen and p not in also_known]
    if unknown:
        raise content_error("unknown_follows", file=file, entry=unknown[0][0], field="follows",
                            id=repr(unknown[0][1]))
    return questions


def _word_list(entry, field, allowed, file, qid):
    value = entry.get(field) or []
    value = [value] if isinstance(value, str) else value
    bad = [v for v in value if not isinstance(v, str) or (allowed and v not in allowed)]
    if not isinstance(value, list) or bad:
        raise content_error("bad_choices" if allowed else "bad_ids", file=file, entry=qid, field=field, part=field,
                            choices=", ".join(allowed or ()), example=(allowed or ("opening-why-agreed",))[0])
    return tuple(value)
