"""The moved checks inside their lessons: a wrong answer shows one short line in the lesson's language
(no traceback, in the career and the data track alike), and the model answer then gets its tick."""

import re
from contextlib import contextmanager

import pytest

from .lesson_answers import ROOT, solution, wrong_answer


@contextmanager
def lesson_up_to(language, exercise):
    """A kernel that has run the lesson's code cells up to the exercise's answer cell:
    ``(client, notebook, position of the answer cell)``."""
    import nbformat
    from nbclient import NotebookClient

    [path] = (ROOT / "notebooks" / language).glob(f"{exercise[:2]}_*.ipynb")
    nb = nbformat.read(path, as_version=4)
    answer = next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == f"ex{exercise}")
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel():
        for i in range(answer):
            if nb.cells[i].cell_type == "code":
                client.execute_cell(nb.cells[i], i)
        yield client, nb, answer


def _shown(error):
    """An error output as the student sees it (without colours)."""
    return "\n".join(re.sub(r"\x1b\[[0-9;]*m", "", line) for line in error.traceback)


@pytest.mark.parametrize("language, exercise, starts", [
    ("de", "05-leave", "✗ Noch nicht: Sie kämen um 15:00 Uhr an"),
    ("en", "07-actions", "✗ Not yet: No action covers the book tip"),
    ("en", "08-fix-row", "✗ Not yet: read_log still finds problems"),
    ("de", "09-weekly-sends", "✗ Noch nicht: Ihre Wochen sind nach einem Sonntag benannt"),
])
def test_a_wrong_answer_shows_a_short_message_then_the_right_one_a_tick(language, exercise, starts):
    from nbclient.exceptions import CellExecutionError

    with lesson_up_to(language, exercise) as (client, nb, answer):
        check = answer + 1
        nb.cells[answer].source = wrong_answer(language, exercise)
        client.execute_cell(nb.cells[answer], answer)
        with pytest.raises(CellExecutionError):
            client.execute_cell(nb.cells[check], check)
        [error] = [o for o in nb.cells[check].outputs if o.output_type == "error"]
        assert error.ename == "AnswerError"
        shown = _shown(error)
        assert shown.startswith(starts), shown
        assert len(error.traceback) == 1 and "Traceback" not in shown and "File " not in shown
        nb.cells[answer].source = solution(language, exercise)
        client.execute_cell(nb.cells[answer], answer)
        client.execute_cell(nb.cells[check], check)
        printed = "".join(o.get("text", "") for o in nb.cells[check].outputs if o.output_type == "stream")
        assert printed.startswith("✓"), printed


@pytest.mark.parametrize("language, exercise, starts", [
    ("de", "05-leave", "✗ Noch nicht: Diese Antwort ist noch leer."),
    ("en", "09-weekly-sends", "✗ Not yet: this answer is still empty."),
])
def test_an_answer_not_written_yet_shows_a_short_note_not_a_traceback(language, exercise, starts):
    from nbclient.exceptions import CellExecutionError

    with lesson_up_to(language, exercise) as (client, nb, answer):
        nb.cells[answer].source = "# YOUR CODE HERE\nraise NotImplementedError()"  # as a student copy has it
        with pytest.raises(CellExecutionError):
            client.execute_cell(nb.cells[answer], answer)
    [error] = [o for o in nb.cells[answer].outputs if o.output_type == "error"]
    shown = _shown(error)
    assert shown.startswith(starts), shown
    assert len(error.traceback) == 1 and "Traceback" not in shown
