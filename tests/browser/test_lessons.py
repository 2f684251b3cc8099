"""Every lesson, in English and German, run in a real JupyterLab in Chromium.

A student opens the lesson, waits for the kernel to be idle, runs all cells from the menu, and
sees no error and working widgets. In lesson 03 they also type an email into the drafter, and
in lesson 08 they add an outreach through the logger. Each lesson runs once, and screenshots of
each go to ``test-artifacts/screenshots/``.
"""

import re
import sqlite3
import tempfile
import time
import uuid
from contextlib import closing
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
LESSONS = [path for lang in ("en", "de") for path in sorted((NOTEBOOKS / lang).glob("[0-9][0-9]_*.ipynb"))]
EMAIL_LESSON, TRACKING_LESSON = "03", "08"


def lessons(*numbers, but=()):
    """Parametrize over the lessons with these numbers (all when none), except those in ``but``."""
    chosen = [p for p in LESSONS if (not numbers or p.name[:2] in numbers) and p.name[:2] not in but]
    return pytest.mark.parametrize("lesson", chosen, ids=lambda p: f"{p.parent.name}/{p.stem}")


def run_lesson(lab_page, lesson):
    """Open the lesson, run all cells, check that it ran to the end without errors and that its
    widgets render; save screenshots. Returns the seconds it took. (Closing it, and checking
    that nothing was saved, is the ``lab_page`` fixture's job.)"""
    started = time.monotonic()
    lab_page.open(lesson.relative_to(NOTEBOOKS).as_posix())
    report = lab_page.run_all()
    assert not lab_page.error_outputs(report), f"{lesson.name} shows errors: {lab_page.error_outputs(report)}"
    assert not lab_page.unexecuted(report), f"{lesson.name}: cells {lab_page.unexecuted(report)} did not run"

    lab_page.page.wait_for_function("""() => {
        const outs = Array.from(document.querySelectorAll(
            '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output:has(> .jupyter-widgets)'));
        return outs.length > 0 && outs.every(o => o.getBoundingClientRect().height > 10)
            && !outs.some(o => o.innerText.includes('Loading widget'));
    }""")
    widgets = [out for cell in lab_page.cells() for out in cell["outputs"] if out["widget"]]
    assert widgets, f"{lesson.name} shows no widget"
    text = lab_page.notebook.inner_text()
    assert "Error displaying widget" not in text and "Model not found" not in text
    assert not lab_page.page.problems, lab_page.page.problems
    lab_page.screenshots(f"lab-{lesson.parent.name}-{lesson.stem}")
    return time.monotonic() - started


@lessons(but=(EMAIL_LESSON, TRACKING_LESSON))
def test_lesson_runs_and_its_widgets_render(lab_page, lesson):
    seconds = run_lesson(lab_page, lesson)
    print(f"{lesson.name}: {seconds:.1f} s")


@lessons(EMAIL_LESSON)
def test_outreach_email_lesson_drafter_coaches_as_the_student_types(lab_page, lesson, student, screenshot):
    run_lesson(lab_page, lesson)
    box = student.write_email(lab_page.notebook, lesson.parent.name)
    screenshot(box, f"lab-{lesson.parent.name}-{lesson.stem}-drafter-asks-for-job")


def practice_log(lesson):
    """The temporary SQLite file the lesson writes to, as named in its source."""
    names = set(re.findall(r"infoview-lesson08[\w.-]*\.(?:sqlite3?|db)", lesson.read_text(encoding="utf-8")))
    assert len(names) == 1, f"expected one practice log file name in {lesson.name}, found {names}"
    return Path(tempfile.gettempdir()) / names.pop()


@lessons(TRACKING_LESSON)
def test_tracking_lesson_logger_writes_to_the_lessons_log(lab_page, lesson, student, screenshot):
    contact = f"Dr. Browser Test {uuid.uuid4().hex[:8]}"
    run_lesson(lab_page, lesson)
    logger = student.add_outreach(lab_page.notebook, lesson.parent.name, contact, "Nordlicht Analytics")
    screenshot(logger, f"lab-{lesson.parent.name}-{lesson.stem}-logger-added")
    with closing(sqlite3.connect(practice_log(lesson))) as db:
        rows = db.execute("SELECT organisation FROM outreach WHERE contact = ?", (contact,)).fetchall()
    assert rows == [("Nordlicht Analytics",)]


def test_jupyterlab_reads_the_settings_overrides(lab_settings, lab_page):
    """No news question, no autosave, every cell in the page: the overrides.json the server was given."""
    notification = lab_settings["@jupyterlab/apputils-extension:notification"]
    assert notification["fetchNews"] == "false" and notification["checkForUpdates"] is False
    assert lab_settings["@jupyterlab/docmanager-extension:plugin"]["autosave"] is False
    assert lab_settings["@jupyterlab/notebook-extension:tracker"]["windowingMode"] == "none"
    assert lab_page.notification_count() == 0, "JupyterLab shows a notification (the news question?)"
