"""The lessons as files: paired across languages, stripped, nbgrader-ready, and every check able to fail.

Running each lesson top to bottom is nbval's job (``pytest --nbval-lax`` over ``notebooks/``);
here each exercise is answered wrongly and its check must fail with a helpful message.
"""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = {lang: sorted((ROOT / "notebooks" / lang).glob("[0-9][0-9]_*.ipynb")) for lang in ("en", "de")}
ALL = LESSONS["en"] + LESSONS["de"] + sorted((ROOT / "notebooks" / "instructor").glob("*.ipynb"))
REQUIRED = [f"{n:02d}" for n in range(10)]
SOLUTION = re.compile(r"### BEGIN SOLUTION\n.*?### END SOLUTION\n?", re.S)


def nbgrader(cell):
    return cell.metadata.get("nbgrader", {})


def exercises(path):
    """``(answer_index, check_index, wrong_answer)`` for each exercise in a lesson."""
    nb = nbformat.read(path, as_version=4)
    found = []
    for i, cell in enumerate(nb.cells):
        if nbgrader(cell).get("solution") and cell.cell_type == "code":
            check = next(j for j in range(i + 1, len(nb.cells)) if nbgrader(nb.cells[j]).get("grade"))
            found.append((i, check, cell.metadata.get("infoview", {}).get("wrong_answer")))
    return nb, found


def test_every_lesson_exists_in_both_languages():
    for lang, paths in LESSONS.items():
        assert [p.name[:2] for p in paths] == REQUIRED, f"{lang}: {[p.name for p in paths]}"
    for en, de in zip(LESSONS["en"], LESSONS["de"]):
        assert en.name != de.name, "German lessons have German names"


@pytest.mark.parametrize("en, de", list(zip(LESSONS["en"], LESSONS["de"])), ids=lambda p: p.name[:2])
def test_lessons_pair_up_exercise_by_exercise(en, de):
    ids = [[nbgrader(c).get("grade_id") for c in nbformat.read(p, as_version=4).cells if nbgrader(c)]
           for p in (en, de)]
    assert ids[0] == ids[1]
    assert ids[0], f"{en.name} has no exercise"


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "strip outputs before committing"


def test_grade_ids_are_unique_and_points_set():
    for lang in ("en", "de"):
        seen = set()
        for path in LESSONS[lang]:
            for cell in nbformat.read(path, as_version=4).cells:
                meta = nbgrader(cell)
                if not meta:
                    continue
                assert meta["grade_id"] not in seen, f"{path.name}: {meta['grade_id']} used twice"
                seen.add(meta["grade_id"])
                assert meta["schema_version"] == 3
                if meta.get("grade"):
                    assert meta.get("points", 0) > 0, meta["grade_id"]
                    # a check cell is locked; a manually graded answer is the student's to write
                    assert meta.get("locked") != meta.get("solution", False), meta["grade_id"]
                if meta.get("solution"):
                    assert SOLUTION.search(cell.source), f"{meta['grade_id']} has no solution region"


@pytest.mark.parametrize("path", LESSONS["en"] + LESSONS["de"], ids=lambda p: f"{p.parent.name}/{p.name[:2]}")
def test_each_check_fails_on_a_wrong_answer(path):
    """Replace every model answer by its wrong answer: each check cell must raise AssertionError."""
    from nbclient import NotebookClient

    nb, found = exercises(path)
    assert found, "no exercise"
    for answer, _, wrong in found:
        assert wrong, f"cell {answer} has no infoview.wrong_answer in its metadata"
        nb.cells[answer].source = SOLUTION.sub(wrong.rstrip("\n") + "\n", nb.cells[answer].source)
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    for answer, check, _ in found:
        assert not _errors(nb.cells[answer]), f"the wrong answer itself crashed: {_errors(nb.cells[answer])}"
        errors = _errors(nb.cells[check])
        grade_id = nbgrader(nb.cells[check])["grade_id"]
        assert errors and errors[0]["ename"] in ("AssertionError", "AnswerError"), f"{grade_id} did not fail: {errors}"
        assert len(errors[0]["evalue"]) > 15, f"{grade_id} fails without saying what is missing"


def _errors(cell):
    return [o for o in cell.get("outputs", []) if o.output_type == "error"]
