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
from ..errors import ContentError, FileError, brief
from ..resources import LANGUAGES, check_language, load_bundled, parse_yaml_file, translated
from .plan import AUDIENCES, CONTEXTS, MINUTES_PER_QUESTION, InterviewPlan, draft

__all__ = ["Category", "Question", "QuestionBank", "categories", "STAGES"]

STAGES = ("opening", "core", "closing")
MAX_YAML_BYTES = 2_000_000
"""The largest YAML question bank read (2 MB): a bank of thousands of questions is far smaller."""


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
    def builtin(cls, language="en"):
        """The bank that ships with infoview, in ``"en"`` or ``"de"``."""
        check_language(language)
        entries = load_bundled("questions.yaml")
        return cls(_parse_entries(entries, "infoview/content/questions.yaml", LANGUAGES, language), language)

    @classmethod
    def from_file(cls, path, language="en"):
        """An instructor's bank from a YAML or CSV file.

        YAML is a list of entries (``id``, ``category``, ``stage``, ``tags``, ``text`` and
        optional ``note``, ``audience``, ``context`` and ``follows``, the texts given per
        language), or a mapping with ``languages`` (the languages the file provides, default
        both) and ``questions`` (that list). CSV has the columns ``id, category, stage, tags,
        text_en, text_de, note_en, note_de`` and optionally ``audience, context, follows``,
        with several values separated by spaces; ``follows`` may name a built-in question too.
        Use :meth:`extend` to add the result to the built-in bank.
        Every problem raises :class:`~infoview.ContentError` naming the file, entry and field.
        """
        check_language(language)
        path = Path(path)
        if path.suffix.lower() == ".csv":
            entries, languages = _read_csv(path)
        elif path.suffix.lower() in (".yaml", ".yml"):
            entries, languages = _unpack_yaml(_load_yaml(path), path)
        else:
            raise ContentError("unknown file type", file=path, fix="save the bank as .yaml, .yml or .csv")
        if language not in languages:
            raise ContentError(f"the file has no questions in {language!r}", file=path,
                               fix=f"add {language!r} to 'languages' and a text in it to every entry")
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
            raise ContentError("this id is already in the bank", entry=clash[0], field="id",
                               fix="give the question a new id, or leave it out of your file")
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
            raise ContentError(f"'languages' must be a list drawn from {', '.join(LANGUAGES)}", file=path,
                               field="languages", fix="write for example 'languages: [de]'")
        data = data.get("questions")
    else:
        languages = list(LANGUAGES)
    if not isinstance(data, list) or not data:
        raise ContentError("no questions found", file=path, field="questions",
                           fix="write the questions as a list, each entry starting with '- id:'")
    return data, tuple(languages)


def _load_yaml(path):
    """Parse an instructor's YAML file with safe loading; errors become :class:`ContentError`."""
    path = Path(path)
    if not path.exists():
        raise ContentError("the file does not exist", file=path, fix="check the path and the file name")
    try:
        data = textfile.read_bytes(path)
    except FileError as exc:
        raise ContentError(exc.reason, file=path, fix=exc.fix) from None
    if len(data) > MAX_YAML_BYTES:
        raise ContentError(f"the file is {len(data) / 1e6:.1f} MB, over the limit of {MAX_YAML_BYTES / 1e6:.0f} MB",
                           file=path, fix="split it into smaller files")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ContentError(f"the file is not UTF-8 text ({exc.reason} at byte {exc.start})", file=path,
                           fix="save the file as UTF-8 in your editor") from None
    return parse_yaml_file(text, path)


def _read_csv(path):
    if not path.exists():
        raise ContentError("the file does not exist", file=path, fix="check the path and the file name")
    try:
        text = textfile.decode(textfile.read_bytes(path, "bank"), path)
        records, lines = textfile.csv_records(text, textfile.separator(text.split("\n", 1)[0]), path)
    except FileError as error:
        where = f"line {error.line}" if error.line else None
        raise ContentError(error.reason, file=path, entry=where, fix=error.fix) from None
    names = [name.strip() for name in records[0]] if records else []
    rows = [dict(zip(names, record)) for record in records[1:]]
    header = rows[0].keys() if rows else []
    languages = tuple(lang for lang in LANGUAGES if f"text_{lang}" in header)
    missing = [c for c in ("id", "category") if c not in header]
    if missing or not languages:
        need = missing + ([] if languages else ["text_en or text_de"])
        raise ContentError(f"missing column {', '.join(need)}", file=path, field="header",
                           fix="the first line must name the columns id, category, stage, tags, text_en, text_de")
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
        where = f"line {entry['_line']}" if isinstance(entry, dict) and "_line" in entry else f"item {index}"
        if not isinstance(entry, dict):
            raise ContentError(f"{where} is not an entry", file=file,
                               fix="start each question with '- id:' and indent its fields below")
        qid = entry.get("id")
        if not isinstance(qid, str) or not qid.strip():
            raise ContentError("the id is missing", file=file, entry=where, field="id",
                               fix="give every question a short unique id such as 'trends-ai'")
        if len(qid) > 200:
            raise ContentError(f"the id {brief(qid)} is over 200 characters long", file=file, entry=where, field="id",
                               fix="give every question a short unique id such as 'trends-ai'")
        if qid in seen:
            raise ContentError(f"duplicate id (also used by {seen[qid]})", file=file, entry=qid, field="id",
                               fix="give each question its own id")
        seen[qid] = where
        category = entry.get("category")
        if not isinstance(category, str) or category not in known:
            raise ContentError(f"unknown category {brief(category)}", file=file, entry=qid, field="category",
                               fix=f"use one of: {', '.join(known)}")
        stage = entry.get("stage") or known[category]["stage"]
        if not isinstance(stage, str) or stage not in STAGES:
            raise ContentError(f"unknown stage {brief(stage)}", file=file, entry=qid, field="stage",
                               fix=f"use one of: {', '.join(STAGES)}")
        tags = entry.get("tags") or []
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise ContentError("tags must be a list of words", file=file, entry=qid, field="tags",
                               fix="write for example 'tags: [student, tiara-trends]'")
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
        raise ContentError(f"follows {unknown[0][1]!r}, which is not in the bank", file=file, entry=unknown[0][0],
                           field="follows", fix="name the id of the question this one follows up")
    return questions


def _word_list(entry, field, allowed, file, qid):
    value = entry.get(field) or []
    value = [value] if isinstance(value, str) else value
    bad = [v for v in value if not isinstance(v, str) or (allowed and v not in allowed)]
    if not isinstance(value, list) or bad:
        choices = f"drawn from {', '.join(allowed)}" if allowed else "of question ids"
        raise ContentError(f"{field} must be a list {choices}", file=file, entry=qid, field=field,
                           fix=f"write for example '{field}: [{(allowed or ('opening-why-agreed',))[0]}]'")
    return tuple(value)
