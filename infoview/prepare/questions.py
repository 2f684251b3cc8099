"""The question bank: open questions for informational interviews, and interview plans.

>>> bank = QuestionBank.builtin("en")
>>> len(bank) >= 150
True
>>> trends = bank.filter(category="trends")
>>> {q.category for q in trends}
{'trends'}
>>> plan = bank.plan(minutes=30, seed=1)
>>> plan.questions[0].stage, plan.questions[-1].stage
('opening', 'closing')
"""

import random
import re
from dataclasses import dataclass
from pathlib import Path

from .. import textfile
from ..errors import ContentError, FileError, brief
from ..resources import LANGUAGES, check_language, load_bundled, load_yaml, translated

__all__ = ["Category", "Question", "QuestionBank", "InterviewPlan", "categories", "is_closed_question", "question_feedback",
           "STAGES", "MINUTES_PER_QUESTION"]

STAGES = ("opening", "core", "closing")
MINUTES_PER_QUESTION = 2.5


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
    """One question in one language."""

    id: str
    category: str
    stage: str
    text: str
    language: str
    tags: tuple = ()
    note: str | None = None


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
        optional ``note``, the texts given per language), or a mapping with ``languages``
        (the languages the file provides, default both) and ``questions`` (that list).
        CSV has the columns ``id, category, stage, tags, text_en, text_de, note_en, note_de``,
        with tags separated by spaces. Use :meth:`extend` to add the result to the built-in bank.
        Every problem raises :class:`~infoview.ContentError` naming the file, entry and field.
        """
        check_language(language)
        path = Path(path)
        if path.suffix.lower() == ".csv":
            entries, languages = _read_csv(path)
        elif path.suffix.lower() in (".yaml", ".yml"):
            entries, languages = _unpack_yaml(load_yaml(path), path)
        else:
            raise ContentError("unknown file type", file=path, fix="save the bank as .yaml, .yml or .csv")
        if language not in languages:
            raise ContentError(f"the file has no questions in {language!r}", file=path,
                               fix=f"add {language!r} to 'languages' and a text in it to every entry")
        return cls(_parse_entries(entries, path, languages, language), language)

    def filter(self, category=None, stage=None, tags=None):
        """The questions in any of the given categories and stages that carry all the given tags."""
        cats, stages, wanted = _as_set(category), _as_set(stage), _as_set(tags) or set()
        return QuestionBank(
            (q for q in self._questions
             if (cats is None or q.category in cats)
             and (stages is None or q.stage in stages)
             and wanted <= set(q.tags)),
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

    def plan(self, minutes=30, focus=None, seed=None):
        """A balanced :class:`InterviewPlan` for a conversation of ``minutes``.

        About 2.5 minutes per question, opening and closing included: one opening question,
        then core questions taken in turn from each category (``focus`` categories first and
        twice as often), then a referral question and a closing one. The same ``seed`` gives
        the same plan.
        """
        if minutes < 10:
            raise ValueError("plan at least 10 minutes: an opening, a few questions and a closing")
        rng = random.Random(seed)
        count = max(4, round(minutes / MINUTES_PER_QUESTION))
        pools = {}
        for q in self._questions:
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

        opening = take(lambda q: q.stage == "opening")
        closing = take(lambda q: q.stage == "closing" and "referrals" in q.tags)
        closing += take(lambda q: q.stage == "closing" and "referrals" not in q.tags)
        focus = [c for c in _as_list(focus) if c in pools]
        others = [c for c in pools if c not in focus]
        rng.shuffle(others)
        turn = focus * 2 + others if focus else others
        core, wanted = [], count - len(opening) - len(closing)
        while len(core) < wanted:
            before = len(core)
            for cat in turn:
                pick = next((q for q in pools[cat] if q.stage == "core"), None)
                if pick is not None and len(core) < wanted:
                    pools[cat].remove(pick)
                    core.append(pick)
            if len(core) == before:
                break
        return InterviewPlan(tuple(opening + core + closing), minutes)

    def to_frame(self):
        """A pandas DataFrame with columns id, category, stage, text, language, tags, note."""
        import pandas as pd

        return pd.DataFrame(
            [(q.id, q.category, q.stage, q.text, q.language, list(q.tags), q.note) for q in self._questions],
            columns=["id", "category", "stage", "text", "language", "tags", "note"],
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


@dataclass(frozen=True)
class InterviewPlan:
    """Questions in the order to ask them, for a conversation of ``minutes``."""

    questions: tuple
    minutes: int

    def __iter__(self):
        return iter(self.questions)

    def __len__(self):
        return len(self.questions)

    def __str__(self):
        step = self.minutes / max(len(self.questions), 1)
        return "\n".join(f"{round(i * step):>3} min  {q.text}" for i, q in enumerate(self.questions))


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


def _read_csv(path):
    if not path.exists():
        raise ContentError("the file does not exist", file=path, fix="check the path and the file name")
    try:
        text = textfile.decode(textfile.read_bytes(path, "question bank"), path)
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
        entries.append(entry)
    return entries, languages


def _parse_entries(entries, file, languages, language):
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
        questions.append(Question(qid, category, stage, texts[language], language, tuple(tags),
                                  note[language] if note else None))
    return questions


_QUESTION_WORDS = {
    "en": re.compile(r"^(?:and|or|so|also|but|now|finally|lastly|well|okay|ok)\b[\s,]*", re.I),
    "de": re.compile(r"^(?:und|oder|also|aber|noch|zuletzt|abschließend|na ja|nun)\b[\s,]*", re.I),
}
_EN_AUX = set("""do does did is are was were am can could would will should shall have has had may might must
don't doesn't didn't isn't aren't wasn't weren't can't couldn't wouldn't won't shouldn't haven't hasn't
hadn't mustn't""".split())
_DE_VERBS = set("""habe hast hat haben hatte hatten hätte hätten bin bist ist sind war waren wäre wären gibt gab
gäbe kann kannst können konnte konnten könnte könnten darf dürfen dürfte dürften muss müssen musste mussten
müsste soll sollen sollte sollten wird werden würde würden will wollen wollte wollten möchte möchten mag mögen
kennen kennt weiß wissen""".split())
_DE_PRONOUNS = set("sie es man er ich wir du ihr ihnen mir dir uns euch sich".split())
_DE_OPEN = re.compile(r"^(?:w(?:ie|as|o|ann|arum|eshalb|ieso|eswegen|er|em|en|essen|elche[rmns]?)|inwiefern"
                      r"|inwieweit|erzählen|beschreiben|schildern|nennen)\b", re.I)
_TAGS = {
    "en": re.compile(r",\s*(?:right|correct|or not|isn't it|aren't you|don't you|didn't you|is that right)\?\s*$", re.I),
    "de": re.compile(r",\s*(?:oder|oder nicht|nicht wahr|stimmt's|stimmt das|richtig)\?\s*$", re.I),
}


def is_closed_question(text, language="en"):
    """True if ``text`` asks a yes/no question rather than an open one.

    Looks at the last question in ``text``: English questions that open with an
    auxiliary ("Do you ...?", "Is there ...?") and German ones that open with the verb
    ("Haben Sie ...?", "Gibt es ...?") are closed, as are tag questions ("..., right?",
    "..., oder?"). A leading "If ...," or "Wenn ...," clause is skipped.

    >>> is_closed_question("Do you enjoy your work?")
    True
    >>> is_closed_question("What do you enjoy most about your work?")
    False
    >>> is_closed_question("Gibt es Weiterbildungen, die Sie empfehlen?", "de")
    True
    >>> is_closed_question("Welche Weiterbildungen empfehlen Sie?", "de")
    False
    """
    check_language(language)
    if "?" not in text:
        return False
    sentences = [s.strip() for s in re.split(r"(?<=[.!?:;])\s+", text.strip()) if s.strip()]
    question = next(s for s in reversed(sentences) if s.endswith("?")) if any(
        s.endswith("?") for s in sentences) else sentences[-1]
    if _TAGS[language].search(question):
        return True
    question = _QUESTION_WORDS[language].sub("", question.strip(" \"'„“”‘’-–"))
    if re.match(r"^(?:if|when|wenn|falls|angenommen)\b", question, re.I) and "," in question:
        question = question.split(",", 1)[1].strip()
    words = re.findall(r"[\w'’]+", question.lower().replace("’", "'"))
    if not words:
        return False
    if language == "en":
        return words[0] in _EN_AUX
    if _DE_OPEN.match(words[0]):
        return False
    return words[0] in _DE_VERBS or (len(words) > 1 and words[1] in _DE_PRONOUNS and not words[0][0].isdigit())


def question_feedback(text, language="en"):
    """``(is_good, message)`` for a question a student wrote, coaching towards open questions.

    >>> question_feedback("Do you like it?")[0]
    False
    >>> question_feedback("What do you like most about it?")
    (True, 'An open question: it invites a story.')
    """
    from .. import texts

    text = text.strip()
    if not text.endswith("?"):
        return False, texts.text("widgets.not_a_question", language)
    if is_closed_question(text, language):
        return False, texts.text("widgets.closed_hint", language)
    return True, texts.text("widgets.open_ok", language)
