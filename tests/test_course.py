"""Releasing lessons with nbgrader: student versions, the grading round trip, and a missing nbgrader."""

import shutil

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from infoview.classroom import assignments as course
from infoview.cli import main
from infoview.errors import ReleaseError
from infoview.runtime import kernel_language_info


def _meta(grade_id, **flags):
    return {"nbgrader": {"grade_id": grade_id, "schema_version": 3, "task": False, "locked": False,
                         "solution": False, "grade": False, **flags}}


@pytest.fixture()
def mini_course(tmp_path):
    """A repository-shaped folder with one two-exercise lesson that reads a dataset."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "tiny.csv").write_text("a,b\n1,2\n")
    lesson_dir = tmp_path / "notebooks" / "en"
    lesson_dir.mkdir(parents=True)
    nb = new_notebook(cells=[
        new_markdown_cell("# 01 · Tiny"),
        new_code_cell('from infoview.classroom.assignments import data_file\nrows = data_file("tiny.csv").read_text().splitlines()'),
        new_code_cell("### BEGIN SOLUTION\nanswer = len(rows)\n### END SOLUTION",
                      metadata={**_meta("ex01-count", solution=True), "infoview": {"wrong_answer": "answer = 0"}}),
        new_code_cell("assert answer == 2, 'Count the lines of the file, header included.'",
                      metadata=_meta("ex01-count-check", grade=True, locked=True, points=2)),
        new_code_cell("### BEGIN SOLUTION\nword = 'open'\n### END SOLUTION",
                      metadata=_meta("ex01-word", solution=True)),
        new_code_cell("assert word == 'open', 'Type the word open.'\n### BEGIN HIDDEN TESTS\nassert word.islower()\n"
                      "### END HIDDEN TESTS", metadata=_meta("ex01-word-check", grade=True, locked=True, points=1)),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, lesson_dir / "01_tiny.ipynb")
    return tmp_path


def test_release_writes_student_versions(mini_course, tmp_path):
    out = tmp_path / "class"
    [released] = course.release(["01"], out, notebooks=mini_course / "notebooks")
    assert released == out / "release" / "01_tiny" / "01_tiny.ipynb"
    text = released.read_text()
    assert "BEGIN SOLUTION" not in text and "answer = len(rows)" not in text
    assert "HIDDEN TESTS" not in text and "word.islower" not in text
    assert "wrong_answer" not in text
    assert "raise NotImplementedError" in text
    ids = [c.metadata["nbgrader"]["grade_id"] for c in nbformat.read(released, 4).cells if "nbgrader" in c.metadata]
    assert ids == ["ex01-count", "ex01-count-check", "ex01-word", "ex01-word-check"]
    assert (out / "release" / "01_tiny" / "data" / "tiny.csv").read_text() == "a,b\n1,2\n"
    assert (out / "source" / "01_tiny" / "01_tiny.ipynb").exists()
    assert "course_id" in (out / "nbgrader_config.py").read_text()


def test_grading_round_trip(mini_course, tmp_path):
    """The source version as a submission earns every point; the untouched release earns none."""
    from nbgrader.api import Gradebook
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    out = tmp_path / "class"
    course.release([], out, notebooks=mini_course / "notebooks")
    config = Config()
    config.CourseDirectory.root = str(out)
    api = NbGraderAPI(config=config)
    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gradebook:
        for student in ("ada", "ben"):
            gradebook.add_student(student)
    for student, folder in (("ada", out / "source" / "01_tiny"), ("ben", out / "release" / "01_tiny")):
        shutil.copytree(folder, out / "submitted" / student / "01_tiny")
        result = api.autograde("01_tiny", student, force=True, create=False)
        assert result["success"], result.get("error")
    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gradebook:
        assert gradebook.find_submission("01_tiny", "ada").score == 3
        assert gradebook.find_submission("01_tiny", "ben").score == 0


def test_unknown_lesson_is_named(mini_course, tmp_path, capsys):
    with pytest.raises(ReleaseError, match="07: there is no such lesson.*choose from: 01_tiny"):
        course.release(["07"], tmp_path / "class", notebooks=mini_course / "notebooks")
    assert main(["course", "release", "99", "--out", str(tmp_path / "class")]) == 2
    assert "no such lesson" in capsys.readouterr().err


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_lesson_releases_together(tmp_path, language):
    released = course.release([], tmp_path, language)
    assert [p.name for p in released] == [lesson.path.name for lesson in course.lessons(language)]
    for path in released:
        text = path.read_text()
        assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text


def test_a_broken_lesson_names_its_cell_and_leaves_the_course_as_it_was(mini_course, tmp_path):
    out = tmp_path / "class"
    course.release([], out, notebooks=mini_course / "notebooks")
    before = sorted(str(p.relative_to(out)) for p in out.rglob("*") if ".release-" not in str(p))
    lesson = mini_course / "notebooks" / "en" / "02_broken.ipynb"
    nb = new_notebook(cells=[new_markdown_cell("# 02"), new_markdown_cell(
        "Model answers sit between `### BEGIN SOLUTION` and `### END SOLUTION`.")])
    nbformat.write(nb, lesson)
    with pytest.raises(ReleaseError, match=r"02_broken, cell 2: nbgrader cannot release it \(no end solution"):
        course.release([], out, notebooks=mini_course / "notebooks")
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == before
    assert not (out / "source" / "02_broken").exists()


def test_a_student_copy_is_made_once_and_only_extended(mini_course, tmp_path):
    notebooks = mini_course / "notebooks"
    mine = tmp_path / "my-course"
    first = course.student_copy(mine, ["en"], notebooks)
    assert first.added == ("en/01_tiny.ipynb",) and first.kept == ()
    copy = mine / "en" / "01_tiny.ipynb"
    assert "answer = len(rows)" not in copy.read_text() and "raise NotImplementedError" in copy.read_text()
    assert (mine / "data" / "tiny.csv").is_file()
    # what JupyterLab writes when the kernel starts is already there, so the lesson opens unmodified
    assert nbformat.read(copy, as_version=4).metadata["language_info"] == kernel_language_info()
    copy.write_text(copy.read_text().replace("raise NotImplementedError()", "answer = 2  # mine"))
    later = new_notebook(cells=[new_markdown_cell("# 02 · New")])
    later.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(later, notebooks / "en" / "02_new.ipynb")
    second = course.student_copy(mine, ["en"], notebooks)
    assert second.added == ("en/02_new.ipynb",) and second.kept == ("en/01_tiny.ipynb",)
    assert "answer = 2  # mine" in copy.read_text()


def test_cli_release_of_the_real_lessons(tmp_path, capsys):
    """Every real lesson is released with its exercises and without its solutions."""
    assert main(["course", "release", "--out", str(tmp_path), "--lang", "de", "03", "09"]) == 0
    released = sorted((tmp_path / "release").glob("*/*.ipynb"))
    assert [p.name[:2] for p in released] == ["03", "09"]
    for path in released:
        source = next(lesson.path for lesson in course.lessons("de") if lesson.path.name == path.name)
        grade_ids = [c.metadata["nbgrader"]["grade_id"] for c in nbformat.read(source, 4).cells
                     if "nbgrader" in c.metadata]
        released_ids = [c.metadata["nbgrader"]["grade_id"] for c in nbformat.read(path, 4).cells
                        if "nbgrader" in c.metadata]
        assert released_ids == grade_ids
        assert "BEGIN SOLUTION" not in path.read_text()
    assert "2 Lektionen freigegeben" in capsys.readouterr().out  # --lang de: said in German
    assert (tmp_path / "release" / released[1].parent.name / "data" / "sample_outreach.csv").is_file()


def test_released_lessons_fail_their_checks_until_answered(tmp_path):
    from nbclient import NotebookClient

    [released] = course.release(["04"], tmp_path)
    nb = nbformat.read(released, 4)
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(released.parent)}}).execute()
    checks = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert checks and all(any(o.output_type == "error" for o in c.outputs) for c in checks)


def test_course_copy_reports_in_the_students_language(tmp_path, monkeypatch, capsys):
    from types import SimpleNamespace

    made = SimpleNamespace(folder=tmp_path / "mein-kurs", added=["a", "b"], kept=["c"])
    monkeypatch.setattr(course, "student_copy", lambda folder: made)
    assert main(["course", "copy", "--dir", str(made.folder), "--lang", "de"]) == 0
    assert capsys.readouterr().out.strip() == (f"Ihr Kurs liegt in {made.folder}. Neu hinzugefügte Lektionen: 2; "
                                               "schon vorhandene, unverändert gelassen: 1.")
