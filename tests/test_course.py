"""Releasing lessons with nbgrader: student versions, the grading round trip, and a missing nbgrader."""

import shutil
import subprocess
import sys
import textwrap

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from infoview.classroom import assignments as course
from infoview.cli import main


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
    with pytest.raises(ValueError, match="no lesson '07'.*01_tiny"):
        course.release(["07"], tmp_path / "class", notebooks=mini_course / "notebooks")


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
    assert "Released 2 lesson(s)" in capsys.readouterr().out
    assert (tmp_path / "release" / released[1].parent.name / "data" / "sample_outreach.csv").is_file()


def test_released_lessons_fail_their_checks_until_answered(tmp_path):
    from nbclient import NotebookClient

    [released] = course.release(["04"], tmp_path)
    nb = nbformat.read(released, 4)
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(released.parent)}}).execute()
    checks = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert checks and all(any(o.output_type == "error" for o in c.outputs) for c in checks)


def test_missing_nbgrader_says_how_to_install(tmp_path):
    code = textwrap.dedent(f"""
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == "nbgrader" or name.startswith("nbgrader."):
                    raise ImportError("blocked")
        sys.meta_path.insert(0, Block())
        from infoview.cli import main
        sys.exit(main(["course", "release", "--out", {str(tmp_path)!r}]))
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 2
    assert 'pip install "infoview[instructor]"' in result.stderr
