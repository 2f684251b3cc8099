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
from dataclasses import dataclass
from pathlib import Path

from ..resources import check_language

__all__ = ["Lesson", "lessons", "data_file", "release", "NOTEBOOKS", "DATA"]

_REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = _REPO / "notebooks"
DATA = _REPO / "data"
INSTALL_HINT = 'nbgrader is not installed. Install it with:  pip install "infoview[instructor]"'


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
    """
    try:
        from nbgrader.apps import NbGraderAPI
        from traitlets.config import Config
    except ImportError:
        raise RuntimeError(INSTALL_HINT) from None
    import nbformat

    chosen = _choose(lessons(language, notebooks), selection, language)
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    config_file = out / "nbgrader_config.py"
    if not config_file.exists():
        config_file.write_text('c = get_config()  # noqa: F821\nc.CourseDirectory.course_id = "infoview"\n')
    config = Config()
    config.CourseDirectory.root = str(out)
    config.CourseDirectory.course_id = "infoview"
    api = NbGraderAPI(config=config)
    _scripts_on_path()
    released = []
    for lesson in chosen:
        source = out / "source" / lesson.name
        if source.exists():
            shutil.rmtree(source)
        source.mkdir(parents=True)
        nb = nbformat.read(lesson.path, as_version=4)
        for cell in nb.cells:
            cell.metadata.pop("infoview", None)
        nbformat.write(nb, source / lesson.path.name)
        code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
        for name in sorted(set(re.findall(r"data_file\(\s*[\"']([^\"']+)[\"']", code))):
            (source / "data").mkdir(exist_ok=True)
            shutil.copy2(_repo_data(notebooks, name), source / "data" / name)
        result = api.generate_assignment(lesson.name, force=True, create=True)
        if not result["success"]:
            raise RuntimeError(f"nbgrader could not release {lesson.name}:\n{result.get('error') or result.get('log')}")
        released.append(out / "release" / lesson.name / lesson.path.name)
    return released


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
            raise ValueError(f"no lesson {wanted!r} in {language!r}; choose from: {names}")
        chosen += [l for l in match if l not in chosen]
    return chosen
