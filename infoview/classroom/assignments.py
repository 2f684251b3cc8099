"""The course: finding lessons and their data, and releasing student versions with nbgrader.

The lessons live in ``notebooks/en`` and ``notebooks/de`` of the repository; they are the
instructor (source) versions, with model answers between ``### BEGIN SOLUTION`` and
``### END SOLUTION``. :func:`release` lays them out as an nbgrader course and runs nbgrader's
own ``generate_assignment``, so grading and the JupyterHub exchange work as nbgrader documents.
"""

import os
import re
import shutil
import sysconfig
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import ReleaseError
from ..resources import LANGUAGES, check_language
from ..runtime import kernel_language_info

__all__ = ["Lesson", "lessons", "data_file", "release", "student_copy", "CopyResult", "NOTEBOOKS", "DATA"]

_REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = _REPO / "notebooks"
DATA = _REPO / "data"


@dataclass(frozen=True)
class Lesson:
    number: str
    path: Path

    @property
    def name(self):
        return self.path.stem


def lessons(language="en", notebooks=NOTEBOOKS):
    """The lessons in ``language``, in order."""
    check_language(language)
    return [Lesson(p.name[:2], p) for p in sorted(Path(notebooks, language).glob("[0-9][0-9]_*.ipynb"))]


def data_file(name):
    """The path of a course dataset, looked up in ``data/`` beside or above the current folder.

    Lessons run from ``notebooks/<lang>/`` in the repository (data in ``../../data``) and from
    released assignment folders (data copied into ``./data``); both find their files.
    """
    for folder in (Path.cwd(), *Path.cwd().parents):
        candidate = folder / "data" / name
        if candidate.is_file():
            return candidate
    if (DATA / name).is_file():
        return DATA / name
    raise FileNotFoundError(f"course dataset {name!r} not found in a data/ folder here or above; "
                            f"copy the repository's data/ folder next to your notebook")


def release(selection=(), out="course", language="en", notebooks=NOTEBOOKS):
    """Write student versions of the chosen lessons into the nbgrader course folder ``out``.

    ``selection`` holds lesson numbers or names ("03", "03_the_outreach_email"); empty means all.
    Creates ``out/source/<lesson>/`` (the instructor versions, with the data they read),
    ``out/release/<lesson>/`` (the student versions, from nbgrader's ``generate_assignment``),
    ``out/nbgrader_config.py`` and the gradebook. Returns the released notebook paths.

    All or nothing: the lessons are released into a staging course first and moved into ``out``
    only when every one of them succeeded. A lesson nbgrader cannot convert raises
    :class:`~infoview.errors.ReleaseError` naming the lesson, the cell and the reason.
    """
    chosen = _choose(lessons(language, notebooks), selection, language)
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".release-", dir=out) as staging:
        staging = Path(staging)
        for name in ("nbgrader_config.py", "gradebook.db"):
            if (out / name).exists():
                shutil.copy2(out / name, staging / name)
        released = _release_into(staging, chosen, notebooks)
        for lesson in chosen:
            for part in ("source", "release"):
                target = out / part / lesson.name
                if target.exists():
                    shutil.rmtree(target)
                target.parent.mkdir(exist_ok=True)
                shutil.move(staging / part / lesson.name, target)
        for name in ("nbgrader_config.py", "gradebook.db"):
            os.replace(staging / name, out / name)
    return [out / path.relative_to(staging) for path in released]


@dataclass(frozen=True)
class CopyResult:
    """What :func:`student_copy` did: the lessons it added and the ones it left as they were."""

    folder: Path
    added: tuple
    kept: tuple


def student_copy(folder="my-course", languages=LANGUAGES, notebooks=NOTEBOOKS):
    """Make or extend a student's own copy of the course in ``folder``: student versions, no answers.

    Each lesson goes to ``folder/<language>/`` (and its data to ``folder/data/``) only if it is not
    there yet, so running it again adds the lessons that are new in a later version and never
    touches a student's work.
    """
    folder = Path(folder).resolve()
    wanted = {language: [l for l in lessons(language, notebooks)
                         if not (folder / language / l.path.name).exists()] for language in languages}
    kept = tuple(sorted(str(p.relative_to(folder)) for language in languages
                        for p in (folder / language).glob("[0-9][0-9]_*.ipynb")))
    added = []
    if any(wanted.values()):
        with tempfile.TemporaryDirectory(prefix="infoview-copy-") as staging:
            for language, chosen in wanted.items():
                for released in _release_into(Path(staging), chosen, notebooks) if chosen else ():
                    target = folder / language / released.name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(released, target)
                    added.append(str(target.relative_to(folder)))
                    for data in (released.parent / "data").glob("*"):
                        if not (folder / "data" / data.name).exists():
                            (folder / "data").mkdir(exist_ok=True)
                            shutil.copy2(data, folder / "data" / data.name)
    return CopyResult(folder, tuple(added), kept)


def _release_into(course, chosen, notebooks):
    """Run nbgrader over ``chosen`` in the course folder ``course``; the released notebook paths."""
    import nbformat
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    config_file = course / "nbgrader_config.py"
    if not config_file.exists():
        config_file.write_text('c = get_config()  # noqa: F821\nc.CourseDirectory.course_id = "infoview"\n')
    config = Config()
    config.CourseDirectory.root = str(course)
    config.CourseDirectory.course_id = "infoview"
    api = NbGraderAPI(config=config)
    _scripts_on_path()
    released = []
    for lesson in chosen:
        source = course / "source" / lesson.name
        source.mkdir(parents=True)
        nb = nbformat.read(lesson.path, as_version=4)
        nb.metadata["language_info"] = kernel_language_info()  # else JupyterLab opens it as modified
        for cell in nb.cells:
            cell.metadata.pop("infoview", None)
        _check_markers(lesson, nb)
        nbformat.write(nb, source / lesson.path.name)
        code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
        for name in sorted(set(re.findall(r"data_file\(\s*[\"']([^\"']+)[\"']", code))):
            (source / "data").mkdir(exist_ok=True)
            shutil.copy2(_repo_data(notebooks, name), source / "data" / name)
        result = api.generate_assignment(lesson.name, force=True, create=True)
        if not result["success"]:
            reason = _last_error(result.get("error") or result.get("log") or "")
            raise ReleaseError(lesson.name, None, f"nbgrader cannot release it ({reason})")
        released.append(course / "release" / lesson.name / lesson.path.name)
    return released


def _check_markers(lesson, nb):
    """Find the cell whose solution or hidden-test markers nbgrader would reject, before it runs."""
    import copy

    from nbgrader.preprocessors import ClearHiddenTests, ClearSolutions

    solutions, hidden = ClearSolutions(), ClearHiddenTests()
    resources = {"language": nb.metadata.get("kernelspec", {}).get("language", "python")}
    for number, cell in enumerate(nb.cells, start=1):
        try:
            solutions.preprocess_cell(copy.deepcopy(cell), dict(resources), number - 1)
            hidden.preprocess_cell(copy.deepcopy(cell), dict(resources), number - 1)
        except (RuntimeError, ValueError) as exc:
            raise ReleaseError(lesson.name, number, f"nbgrader cannot release it ({exc})") from None


def _last_error(log):
    """The last exception line of nbgrader's log: the reason, without the traceback."""
    lines = [line.strip() for line in log.splitlines() if re.match(r"\s*\w+(Error|Exception): ", line)]
    return lines[-1] if lines else (log.strip().splitlines() or ["nbgrader failed without a message"])[-1]


def _repo_data(notebooks, name):
    """A dataset of the repository that holds ``notebooks``."""
    path = Path(notebooks).resolve().parent / "data" / name
    if not path.is_file():
        raise FileNotFoundError(f"the lessons read {name!r}, which is missing from {path.parent}")
    return path


def _scripts_on_path():
    """nbgrader runs ``alembic`` by name: make this environment's scripts findable even when it is not activated."""
    scripts = sysconfig.get_path("scripts")
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = os.pathsep.join([scripts, os.environ.get("PATH", "")])


def _choose(available, selection, language):
    if not selection:
        return available
    chosen = []
    for wanted in selection:
        match = [l for l in available if wanted in (l.number, l.name, l.path.name)]
        if not match:
            names = ", ".join(l.name for l in available)
            raise ReleaseError(wanted, None, f"there is no such lesson in {language!r}",
                               fix=f"choose from: {names}")
        chosen += [l for l in match if l not in chosen]
    return chosen
