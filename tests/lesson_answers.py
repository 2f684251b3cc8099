"""The answers of a lesson's exercises, taken from the notebook itself: the model solution, the wrong
answer kept in the cell's metadata, and the expression its one-line check cell hands to ``check``."""

import ast
import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)


def lesson(language, number):
    [path] = (ROOT / "notebooks" / language).glob(f"{number}_*.ipynb")
    return nbformat.read(path, as_version=4)


def _cell(nb, grade_id):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def solution(language, exercise):
    """The model solution's code for ``exercise`` (e.g. "05-leave")."""
    return SOLUTION.search(_cell(lesson(language, exercise[:2]), f"ex{exercise}").source).group(1)


def wrong_answer(language, exercise):
    """The wrong answer the lesson tests keep in the answer cell's metadata."""
    return _cell(lesson(language, exercise[:2]), f"ex{exercise}").metadata["infoview"]["wrong_answer"]


def check_call(language, exercise):
    """``(exercise id, answer expression)`` of the lesson's check cell, which must be one ``check(...)`` call."""
    [statement] = ast.parse(_cell(lesson(language, exercise[:2]), f"ex{exercise}-check").source).body
    call = statement.value
    assert call.func.id == "check" and ast.unparse(call.args[2]) == "LANG", ast.unparse(call)
    return call.args[0].value, ast.unparse(call.args[1])


def answer(language, exercise, code, namespace=None):
    """Run ``code`` (a solution or wrong answer) in ``namespace``; return what the check cell passes to check."""
    namespace = {} if namespace is None else namespace
    exec(code, namespace)
    checked, expression = check_call(language, exercise)
    assert checked == exercise
    return eval(expression, namespace)


def assigned_text(language, number, name):
    """The triple-quoted text a lesson assigns to ``name`` in one of its cells (e.g. a draft to improve)."""
    for cell in lesson(language, number).cells:
        found = re.search(rf'^{name} = """(.*?)"""', cell.source, re.S | re.M)
        if found:
            return found.group(1)
    raise LookupError(name)
