"""A career-track exercise done as a student would, in the released version of lesson 01 (issue 14).

The student types a wrong answer (a short message, no traceback), then the right one (a tick),
restarts the kernel and runs the lesson again: the answer is still there and still right. Saved,
the notebook earns its point from nbgrader's autograde.
"""

import re
import shutil
import time
import uuid

import pytest

from infoview.classroom import assignments

from .conftest import NOTEBOOKS

LESSON = "01_what_is_an_informational_interview"
PROMPT = "# Which sentences ask for a job?"


@pytest.fixture
def released(tmp_path):
    """The student version of lesson 01, in a folder of the served tree; the nbgrader course beside it."""
    course = tmp_path / "course"
    [notebook] = assignments.release(["01"], course)
    folder = NOTEBOOKS / f"student-{uuid.uuid4().hex[:8]}"
    shutil.copytree(notebook.parent, folder)
    yield course, folder, f"{folder.name}/{notebook.name}"
    shutil.rmtree(folder, ignore_errors=True)


def _answer(page, text):
    """Replace the answer cell's code with ``text`` and run it and its check cell (Shift+Enter twice)."""
    cell = page.locator(".jp-Notebook .jp-CodeCell").filter(has_text=PROMPT).first
    editor = cell.locator(".cm-content")
    task = editor.inner_text().splitlines()[0]  # the comment that says what to write: it stays
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(f"{task}\n{text}")
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Shift+Enter")
    check = cell.locator("xpath=following-sibling::div[contains(@class,'jp-CodeCell')][1]")
    return check.locator(".jp-OutputArea-output")


def test_wrong_then_right_then_a_restart_keeps_the_answer_and_autograde_counts_it(released, lab_page):
    course, folder, relative = released
    page = lab_page.page
    lab_page.open(relative)
    lab_page.run_all()  # runs up to the first unanswered exercise

    output = _answer(page, "job_requests = [2, 3, 4, 6]")
    output.filter(has_text=re.compile("Not yet|✗")).first.wait_for()
    shown = output.first.inner_text()
    assert "Traceback" not in shown and "File " not in shown and len(shown.splitlines()) <= 3

    output = _answer(page, "job_requests = [2, 4, 6]")
    output.filter(has_text="✓").first.wait_for()

    lab_page.menu("Kernel", "Restart Kernel…")
    page.locator(".jp-Dialog button").get_by_text("Restart", exact=True).click()
    lab_page.kernel_idle()
    lab_page.run_all()
    cell = page.locator(".jp-Notebook .jp-CodeCell").filter(has_text=PROMPT).first
    assert "job_requests = [2, 4, 6]" in cell.locator(".cm-content").inner_text()
    cell.locator("xpath=following-sibling::div[contains(@class,'jp-CodeCell')][1]").locator(
        ".jp-OutputArea-output").filter(has_text="✓").first.wait_for()

    page.keyboard.press("Control+s")
    saved = NOTEBOOKS / relative
    deadline = time.monotonic() + 60
    while "job_requests = [2, 4, 6]" not in saved.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, "the notebook was not saved"
        time.sleep(0.2)
    time.sleep(1)  # JupyterLab writes the file once; let it finish before reading it back
    lab_page.opened[relative] = saved.read_bytes()  # saving was the point; nothing else may change

    from nbgrader.api import Gradebook
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    config = Config()
    config.CourseDirectory.root = str(course)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        gradebook.add_student("ada")
    shutil.copytree(folder, course / "submitted" / "ada" / LESSON)
    result = NbGraderAPI(config=config).autograde(LESSON, "ada", force=True, create=False)
    assert result["success"], result.get("error")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        grades = {grade.name: grade.score for grade in gradebook.find_submission_notebook(
            LESSON, LESSON, "ada").grades}
    assert grades["ex01-goal-or-job-check"] == 1
