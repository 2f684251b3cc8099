"""The career track (lessons 00–07): answers without code, checks that keep their answers, short feedback.

Each lesson's own facts (what a cell shows is true) live in the cell's ``infoview.facts`` metadata,
out of the student's sight; they are run here after their cell, in a kernel that ran the lesson.
"""

import ast
import re
import shutil
from collections import Counter
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell

from infoview.classroom import assignments as course

ROOT = Path(__file__).resolve().parents[1]
CAREER = {lang: sorted((ROOT / "notebooks" / lang).glob("0[0-7]_*.ipynb")) for lang in ("en", "de")}
SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)


def nbgrader(cell):
    return cell.metadata.get("nbgrader", {})


def kind_of(value):
    """What a student has to type for ``value``: "text", "letter or number", "list", or "python"."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return "letter or number" if len(value.value.strip()) == 1 else "text"
    if isinstance(value, ast.Constant) and type(value.value) is int:
        return "letter or number"
    if isinstance(value, ast.List) and all(kind_of(item) != "python" and kind_of(item) != "list" for item in value.elts):
        return "list"
    return "python"


def answer_kinds(source):
    """One kind per assignment in an answer; anything but ``name = <plain value>`` counts as python."""
    tree = ast.parse(source)
    kinds = []
    for statement in tree.body:
        plain = isinstance(statement, ast.Assign) and [type(t) for t in statement.targets] == [ast.Name]
        kinds.append(kind_of(statement.value) if plain else "python")
    return kinds


def exercises(path):
    """``{grade_id: Counter of answer kinds}`` for the answer cells of a lesson (written answers as "written")."""
    found = {}
    for cell in nbformat.read(path, as_version=4).cells:
        meta = nbgrader(cell)
        if not meta.get("solution"):
            continue
        if cell.cell_type == "markdown":
            found[meta["grade_id"]] = Counter(["written"])
            continue
        [solution] = SOLUTION.findall(cell.source)
        kinds = answer_kinds(solution) + answer_kinds(cell.metadata["infoview"]["wrong_answer"])
        found[meta["grade_id"]] = Counter(kinds)
    return found


def test_kind_of_tells_plain_answers_from_code():
    assert answer_kinds('a = "Nordlicht"\nb = [2, 4]\nc = ["B", "E"]\nd = "B"') == ["text", "list", "list", "letter or number"]
    assert answer_kinds("a = {2, 4}\nb = dict(x=1)\nc = (1, 2)\nd = x + 1\ne = [[1]]") == ["python"] * 5
    assert answer_kinds('t.add("A", motivation=2)\nx = pd.DataFrame({"a": [1]})') == ["python"] * 2


@pytest.mark.parametrize("en, de", list(zip(CAREER["en"], CAREER["de"])), ids=lambda p: p.name[:2])
def test_career_answers_need_no_python(en, de):
    """Every exercise in 00–07 is answered with quoted text, letters, numbers, lists of them, or writing."""
    counts = {lang: exercises(path) for lang, path in (("en", en), ("de", de))}
    assert counts["en"], f"{en.name} has no exercise"
    assert counts["en"] == counts["de"], "the English and German lesson ask for different kinds of answers"
    needs_code = {grade_id: dict(kinds) for grade_id, kinds in counts["en"].items() if kinds["python"]}
    assert not needs_code, f"{en.name}: these answers need Python: {needs_code}"


def test_the_career_track_has_its_exercises_and_one_written_reflection():
    kinds = Counter()
    for path in CAREER["en"]:
        for counter in exercises(path).values():
            kinds.update(counter)
    assert sum(len(exercises(path)) for path in CAREER["en"]) >= 15
    assert kinds["written"] == 1 and kinds["list"] >= 5 and kinds["text"] >= 10


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    out = {}
    for lang in ("en", "de"):
        folder = tmp_path_factory.mktemp(f"release-{lang}")
        out[lang] = {path.name: path for path in course.release([], folder, lang)}
    return out


def literal_patterns(solution):
    """Patterns that would give a model answer away: its texts, quoted letters, and its lists of numbers."""
    patterns = []
    for node in ast.walk(ast.parse(solution)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip():
            text = node.value.strip()
            patterns.append(re.escape(text) if len(text) > 1 else rf"[\"']{re.escape(text)}[\"']")
        if isinstance(node, ast.List) and len(node.elts) > 1 and all(isinstance(e, ast.Constant) for e in node.elts):
            patterns.append(r"\W{1,6}".join(re.escape(str(e.value)) for e in node.elts))
    return patterns


@pytest.mark.parametrize("lang", ["en", "de"])
def test_released_check_cells_contain_no_literal_answer(released, lang):
    for path in CAREER[lang]:
        source = nbformat.read(path, as_version=4)
        answers = {nbgrader(c)["grade_id"]: SOLUTION.search(c.source).group(1)
                   for c in source.cells if nbgrader(c).get("solution") and c.cell_type == "code"}
        checks = [c for c in nbformat.read(released[lang][path.name], as_version=4).cells if nbgrader(c).get("grade")
                  and c.cell_type == "code"]
        assert checks, path.name
        for check in checks:
            grade_id = nbgrader(check)["grade_id"].removesuffix("-check")
            for pattern in literal_patterns(answers[grade_id]):
                assert not re.search(pattern, check.source), f"{path.name} {grade_id}: the check shows /{pattern}/"


def test_a_check_that_knew_the_answer_fails_this_test():
    """The pattern test above catches the kind of check cell the course used to release."""
    old_check = "flagged = sorted(chosen - {2, 4, 6})\nassert order[0] == \"B\""
    assert re.search(literal_patterns("job_requests = [2, 4, 6]")[0], old_check)
    assert any(re.search(p, old_check) for p in literal_patterns('my_order = ["B", "E", "C", "D", "A"]'))


def run_lesson(path, until_grade_id):
    """A kernel that ran ``path`` up to the answer cell ``until_grade_id``: ``(client, nb, answer, check)``."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    answer = next(i for i, c in enumerate(nb.cells) if nbgrader(c).get("grade_id") == until_grade_id)
    return client, nb, answer, answer + 1


def outputs(cell):
    return cell.get("outputs", [])


@pytest.mark.parametrize("lang, lesson, grade_id, wrong, fixed, starts", [
    ("en", "01", "ex01-goal-or-job", "job_requests = [2, 3, 4, 6]", "job_requests = [6, 2, 4]", "✗ Not yet: Statement 3"),
    ("de", "01", "ex01-goal-or-job", "stellenanfragen = [2, 4]", "stellenanfragen = [2, 4, 6]", "✗ Noch nicht: Satz 6"),
    ("en", "06", "ex06-time-check", 'my_time_check = "Thanks so much!"',
     'my_time_check = "We have about five minutes left. May I ask you one last question?"', "✗ "),
])
def test_a_wrong_then_right_answer_gives_a_short_message_then_a_tick(lang, lesson, grade_id, wrong, fixed, starts):
    path = next(p for p in CAREER[lang] if p.name.startswith(lesson))
    client, nb, answer, check = run_lesson(path, grade_id)
    with client.setup_kernel():
        for i in range(answer):
            client.execute_cell(nb.cells[i], i)
        nb.cells[answer].source = wrong
        client.execute_cell(nb.cells[answer], answer)
        from nbclient.exceptions import CellExecutionError
        with pytest.raises(CellExecutionError):
            client.execute_cell(nb.cells[check], check)
        [error] = [o for o in outputs(nb.cells[check]) if o.output_type == "error"]
        shown = "\n".join(re.sub(r"\x1b\[[0-9;]*m", "", line) for line in error.traceback)
        assert shown.startswith(starts), shown
        assert len(error.traceback) == 1 and "Traceback" not in shown and "File " not in shown and len(shown) < 400
        nb.cells[answer].source = fixed
        client.execute_cell(nb.cells[answer], answer)
        client.execute_cell(nb.cells[check], check)
        printed = "".join(o.get("text", "") for o in outputs(nb.cells[check]) if o.output_type == "stream")
        assert printed.startswith("✓"), printed


@pytest.mark.parametrize("path", CAREER["en"] + CAREER["de"], ids=lambda p: f"{p.parent.name}/{p.name[:2]}")
def test_each_lesson_shows_what_its_facts_say(path):
    """Run the lesson; after each cell, its facts (moved out of the student's sight) hold in the kernel."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    checked = 0
    with client.setup_kernel():
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            client.execute_cell(cell, i)
            for fact in cell.metadata.get("infoview", {}).get("facts", []):
                probe = new_code_cell(f"assert {fact}, {fact!r}")
                client.execute_cell(probe, i)
                checked += 1
    assert checked, f"{path.name} has no facts"


@pytest.mark.parametrize("path", CAREER["en"] + CAREER["de"], ids=lambda p: f"{p.parent.name}/{p.name[:2]}")
def test_students_see_prose_outputs_and_answers_not_code(path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        hidden = cell.metadata.get("jupyter", {}).get("source_hidden", False)
        assert hidden != bool(nbgrader(cell).get("solution")), f"cell {i}: only answer cells are open"
        assert not re.search(r"^\s*assert\b", cell.source, re.M) or nbgrader(cell).get("grade"), (
            f"cell {i} tests the lesson in front of the student")


def test_autograde_gives_a_career_lesson_its_points(tmp_path):
    """Lesson 01 released and answered like the model earns every automatic point; left blank, none."""
    from nbgrader.api import Gradebook
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    [released_path] = course.release(["01"], tmp_path)
    name = released_path.parent.name
    config = Config()
    config.CourseDirectory.root = str(tmp_path)
    api = NbGraderAPI(config=config)
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gradebook:
        for student in ("ada", "ben"):
            gradebook.add_student(student)
    for student, folder in (("ada", tmp_path / "source" / name), ("ben", tmp_path / "release" / name)):
        shutil.copytree(folder, tmp_path / "submitted" / student / name)
        result = api.autograde(name, student, force=True, create=False)
        assert result["success"], result.get("error")
    points = sum(nbgrader(c).get("points", 0) for c in nbformat.read(CAREER["en"][1], as_version=4).cells
                 if nbgrader(c).get("grade"))
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gradebook:
        assert gradebook.find_submission(name, "ada").score == points == 2
        assert gradebook.find_submission(name, "ben").score == 0
