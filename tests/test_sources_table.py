"""docs/sources.md: every piece of source advice points at something the course really contains."""

import re
from pathlib import Path

import nbformat
import pytest

import infoview as iv

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "docs" / "sources.md"
ARTICLES = ["000_32c7e421520a49e3.txt", "001_fec1d2a4451d949e.txt", "002_1881d3eb1f381735.txt",
            "003_7806dfe23ac49412.txt"]
REFERENCE = re.compile(r"`([^`]*(?:›|:)[^`]*)`")
PHRASE = re.compile(r'^(?P<what>.*?)\s*›\s*"(?P<phrase>.*)"$')


def rows(text):
    """``(section, number, advice, references)`` for every table row, section being the heading."""
    section, found = None, []
    for line in text.splitlines():
        if line.startswith("## "):
            section = line[3:].split(":", 1)[0].strip()
        elif line.startswith("| ") and not line.startswith(("| #", "|---")):
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            found.append((section, cells[0], cells[1], REFERENCE.findall(cells[2])))
    return found


def flat(text):
    return re.sub(r"\s+", " ", text)


class Course:
    """What a reference may point at, in English."""

    def __init__(self):
        self.steps = {s.number: s for s in iv.steps("en")}
        self.questions = iv.QuestionBank.builtin("en")
        self.fears = {f.id for f in iv.fears("en")}
        self._lessons = {}

    def step_text(self, step):
        parts = [step.summary] + [i.text for i in step.checklist] + [s.text for s in step.scripts]
        return flat(" ".join(parts))

    def lesson_text(self, path):
        if path not in self._lessons:
            nb = nbformat.read(ROOT / path, as_version=4)
            self._lessons[path] = flat(" ".join(cell.source for cell in nb.cells))
        return self._lessons[path]

    def problem(self, reference):
        """None if ``reference`` points at something that exists, else what is wrong."""
        match = PHRASE.match(reference)
        target, phrase = (match["what"], match["phrase"].replace('\\"', '"')) if match else (reference, None)
        kind, _, name = target.partition(":")
        kind, name = kind.strip(), name.strip()
        if kind.startswith("step "):
            step = self.steps.get(int(kind.split()[1]))
            if step is None:
                return f"no {kind}"
            if name and name not in {i.id for i in step.checklist} | {s.id for s in step.scripts}:
                return f"{kind} has no checklist item or script {name!r}"
            if phrase and phrase not in self.step_text(step):
                return f"{kind} does not say {phrase!r}"
            return None
        if kind == "question":
            return None if name in self.questions else f"no question {name!r}"
        if kind == "fear":
            return None if name in self.fears else f"no fear {name!r}"
        if kind == "template":
            path = ROOT / "infoview" / "content" / "emails" / f"{name}.en.j2"
            if not path.exists():
                return f"no template {name!r}"
            return None if not phrase or phrase in flat(path.read_text(encoding="utf-8")) else \
                f"template {name} does not say {phrase!r}"
        if kind == "lesson":
            if not (ROOT / name).exists():
                return f"no lesson {name}"
            return None if phrase and phrase in self.lesson_text(name) else f"{name} does not say {phrase!r}"
        return f"unknown kind of reference {kind!r}"


@pytest.fixture(scope="module")
def course():
    return Course()


def test_every_article_is_covered_point_by_point():
    found = rows(TABLE.read_text(encoding="utf-8"))
    sections = [s for s, *_ in found]
    for article in ARTICLES:
        assert sections.count(article) >= 8, article
    assert set(sections) == set(ARTICLES) | {"Also taught, from the course's domain notes"}
    for section, number, advice, references in found:
        assert advice and references, f"{section} row {number} names no place where it is taught"


def test_every_reference_points_at_something_in_the_course(course):
    problems = [f"{section} row {number}: {course.problem(ref)}"
                for section, number, _, refs in rows(TABLE.read_text(encoding="utf-8"))
                for ref in refs if course.problem(ref)]
    assert problems == []


def test_the_points_the_review_found_missing_are_taught():
    text = TABLE.read_text(encoding="utf-8")
    for reference in ("fear: imposing", "fear: say-something-wrong", "step 3: outreach-email-phone-follow-up",
                      "step 12: thank-you-card"):
        assert f"`{reference}`" in text


@pytest.mark.parametrize("broken", [
    "`step 3: outreach-email-gone`", "`question: no-such-question`", "`fear: shyness`",
    "`template: outreach/carrier_pigeon`", '`lesson: notebooks/en/01_what_is_an_informational_interview.ipynb › "zebra"`',
    '`step 6 › "never written anywhere"`', "`widget: planner`",
])
def test_a_reference_that_disappears_is_reported(course, broken):
    table = TABLE.read_text(encoding="utf-8").replace("`step 2: choose-contacts-skip-hr`", broken, 1)
    problems = [course.problem(ref) for *_, refs in rows(table) for ref in refs if course.problem(ref)]
    assert len(problems) == 1
