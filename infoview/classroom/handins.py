"""Reading a class's hand-ins: one outreach log per student (CSV, Excel or SQLite), each file
checked on its own, all combined into one class log that holds no contact's name, email
address or phone number.

>>> import tempfile, pathlib
>>> from infoview.log.sample import sample_log
>>> from infoview.log.write import write_log
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> log = sample_log(students=2, weeks=3, seed=1)
>>> for student, rows in log.groupby("student"):
...     _ = write_log(rows.drop(columns="student"), folder / f"{student}.csv")
>>> _ = (folder / "s03.csv").write_text("contact;sent_at\\nLena Kurz;31.02.2025\\n", encoding="utf-8")
>>> hand_ins = read_submissions(folder, progress=False)
>>> hand_ins.students[["student", "status"]].values.tolist()
[['s01', 'read'], ['s02', 'read'], ['s03', 'unreadable']]
>>> print(hand_ins.broken[0].problems[0])
line 2, column 'sent_at', value '31.02.2025': is not a date; write it as 2025-03-14 or 14.03.2025, optionally with a time such as 14:30
>>> len(hand_ins.frame) == len(log), log["contact"].iloc[0] in hand_ins.frame.to_string()
(True, False)

Rules: a file's ``student`` column names the student; where it is empty, the file name (without
its suffix) does. A file that cannot be read or breaks a rule of
:func:`~infoview.log.read.read_log` is listed in :attr:`Submissions.broken` with its
problems (line, column, message) and does not stop the others. The students' files are only
read, never changed; SQLite files are opened read-only.

Privacy, applied while reading, is the class report's policy of :mod:`infoview.log.privacy`:
notes are dropped, each contact becomes a number ("contact 17"), contact names, email addresses
and phone numbers are removed from the other text cells, outreach ids become row numbers, and
problem lists keep cell values only from columns without names (dates, source, channel,
response, referrals) and no unknown column headers.

Speed: the files are read and validated together by :mod:`.batch`.
"""

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LogError
from ..log.columns import LOG_COLUMNS, normalise
from ..log.privacy import protect, safe_problems
from ..problems import content_error, with_language
from ..runtime import in_kernel
from ..texts import check_language, text
from .batch import CSV_SUFFIXES, EXCEL_SUFFIXES, SQLITE_SUFFIXES, read_all

__all__ = ["CSV_SUFFIXES", "EXCEL_SUFFIXES", "SQLITE_SUFFIXES", "BrokenFile", "Submissions", "hand_in_files",
           "natural_key", "read_roster", "read_submissions", "sample_hand_ins", "show_progress"]

_NUMBERS = re.compile(r"(\d+)")


@dataclass(frozen=True)
class BrokenFile:
    """A hand-in that could not be used: its file name, the student it stands for, what is wrong.

    ``problems`` are :class:`~infoview.errors.Problem` objects that keep a cell value only from a
    column without names (see :func:`~infoview.log.privacy.safe_problems`), so no contact data leaks
    through them; ``truncated`` says there were more than were kept.
    """

    name: str
    student: str
    problems: list
    truncated: bool = False


@dataclass
class Submissions:
    """A class's hand-ins, read and checked.

    ``frame`` is the class log with the columns of :data:`~infoview.log.read.LOG_COLUMNS`
    and their dtypes: ``contact`` holds numbered stand-ins, ``notes`` is empty, ``outreach_id`` is a row
    number. ``students`` has one row per student: ``student``, ``group`` (from the roster, else
    empty), ``status`` (``read``, ``unreadable``, or ``missing`` for a roster name without a
    file) and ``files``. ``broken`` lists the files that could not be used; ``files`` names every
    file that was looked at.
    """

    folder: Path
    frame: object
    students: object
    broken: list = field(default_factory=list)
    files: list = field(default_factory=list)

    @property
    def groups(self):
        """The groups of the roster, sorted (empty without a roster)."""
        return sorted({g for g in self.students["group"] if g}, key=natural_key)


def natural_key(text):
    """Sort key that puts ``s2`` before ``s10``."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part.casefold()) for part in _NUMBERS.split(str(text))]


def show_progress():
    """Whether a progress bar helps: inside a Jupyter kernel, or when stderr is a terminal."""
    return in_kernel() or bool(getattr(sys.stderr, "isatty", lambda: False)())



def read_roster(groups):
    """``{student: group}`` from a mapping, or from a CSV or Excel file: student in the first column,
    group in the second, with a header line."""
    if groups is None:
        return {}
    if isinstance(groups, Mapping):
        return {str(k).strip(): str(v).strip() for k, v in groups.items() if str(k).strip()}
    import pandas as pd

    path = Path(groups)
    try:
        if path.suffix.lower() in EXCEL_SUFFIXES:
            table = pd.read_excel(path, dtype=str, engine="calamine")
        else:
            table = pd.read_csv(path, sep=None, engine="python", dtype=str, encoding="utf-8-sig")
    except FileNotFoundError:
        raise content_error("no_roster", file=path) from None
    except Exception as error:  # any parser failure means the roster needs fixing
        raise content_error("unreadable_roster", file=path,
                            reason={"en": str(error), "de": type(error).__name__}) from None
    if table.shape[1] < 2:
        raise content_error("roster_columns", file=path)
    table = table.iloc[:, :2].fillna("")
    return {str(s).strip(): str(g).strip() for s, g in table.itertuples(index=False) if str(s).strip()}


def hand_in_files(folder):
    """The files in ``folder`` (not in its subfolders) that are hand-ins, sorted; hidden files are skipped."""
    return sorted((p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))
                   and not p.name.endswith(("-wal", "-shm", "-journal"))), key=lambda p: natural_key(p.name))


@with_language
def read_submissions(folder, *, groups=None, progress=None, language="en"):
    """Read every hand-in in ``folder`` and return :class:`Submissions`.

    ``groups`` maps students to groups (a dict, or a CSV/Excel roster with the student in the
    first column and the group in the second); students on the roster without a file are listed
    as ``missing``. ``progress`` shows a tqdm bar over the files (default: in a terminal or a
    notebook); ``language`` is that of the bar's label and of the errors (a broken roster).
    """
    import numpy as np
    import pandas as pd

    check_language(language)
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(text("classroom.handins.no_folder", language, folder=folder))
    roster = read_roster(groups)
    paths = hand_in_files(folder)
    show = show_progress() if progress is None else bool(progress)
    chunks = read_all(paths, show, text("classroom.handins.progress", language))
    errors = {number: LogError(*error) for _, _, found, _ in chunks for number, error in found.items()}
    parts = [(frame, owner) for frame, owner, _, _ in chunks if frame is not None]
    written = set().union(*(contacts for _, _, _, contacts in chunks))
    columns = [c for c in LOG_COLUMNS if c != "notes"]
    if parts:
        frame = pd.concat([f for f, _ in parts], ignore_index=True) if len(parts) > 1 else parts[0][0]
        owner = np.concatenate([o for _, o in parts])
    else:
        frame = normalise(pd.DataFrame(columns=columns, dtype=object))[columns]
        owner = np.zeros(0, dtype=np.int64)
    frame = frame.reset_index(drop=True)

    stems = np.array([p.stem for p in paths] or [""], dtype=object)
    unnamed = frame["student"].eq("").to_numpy()
    if unnamed.any():
        frame.loc[unnamed, "student"] = stems[owner[unnamed]]
    names = written.union(frame["contact"].unique())  # also the names of rows and files that failed a rule
    clean = protect(frame, sorted(names), text("classroom.handins.contact_label", language))
    frame = frame[LOG_COLUMNS]

    # Who handed in what: students named in each file, and each empty or broken file's own name.
    files = {}
    pairs = pd.DataFrame({"student": frame["student"].to_numpy(), "file": owner}).drop_duplicates()
    for student, number in pairs.itertuples(index=False):
        files.setdefault(student, []).append(number)
    status = {student: "read" for student in files}
    broken = []
    with_rows = set(np.unique(owner).tolist())
    for number, path in enumerate(paths):
        if number in errors:
            student = clean(path.stem)
            error = errors[number]
            broken.append(BrokenFile(clean(path.name), student, safe_problems(error, clean), error.truncated))
            if student not in status:
                status[student] = "unreadable"
                files.setdefault(student, []).append(number)
        elif number not in with_rows:  # read, but without rows: an empty log
            student = clean(path.stem)
            if student not in files:
                files[student] = [number]
                status[student] = "read"
    for student in roster:
        if student not in status:
            status[student] = "missing"
            files[student] = []
    ordered = sorted(status, key=natural_key)
    students = pd.DataFrame({
        "student": ordered,
        "group": [roster.get(s, "") for s in ordered],
        "status": [status[s] for s in ordered],
        "files": [", ".join(clean(paths[n].name) for n in sorted(files[s])) for s in ordered],
    })
    return Submissions(folder=folder, frame=frame, students=students, broken=broken,
                       files=[clean(path.name) for path in paths])


def sample_hand_ins(folder, students=30, weeks=12, seed=0):
    """Write a made-up class's hand-ins into ``folder`` and return it, to try the class report.

    One file per student from :func:`~infoview.log.sample.sample_log`, in the formats students hand
    in: pseudonymised CSV, German Excel CSV without a student column (the file name says who),
    and the logger's SQLite file; plus one empty log (no outreach yet) and one broken file.
    """
    from ..log.write import write_log
    from ..log.sample import sample_log
    from ..log.store import OutreachLog

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    log = sample_log(students=students, weeks=weeks, seed=seed)
    width = max(2, len(str(students + 2)))
    for number, (student, rows) in enumerate(log.groupby("student")):
        name = f"s{number + 1:0{width}d}"
        rows = rows.assign(student=name)
        if number % 3 == 0:
            write_log(rows, folder / f"{name}.csv", pseudonymize=True)
        elif number % 3 == 1:
            write_log(rows.drop(columns="student"), folder / f"{name}.csv", format="excel-de", pseudonymize=True)
        else:
            with OutreachLog(folder / f"{name}.sqlite3") as db:
                db.import_file(rows)
    empty, broken = (f"s{students + i:0{width}d}.csv" for i in (1, 2))
    (folder / empty).write_text(",".join(LOG_COLUMNS) + "\n", encoding="utf-8")
    (folder / broken).write_text("contact;sent_at;channel\nContact 1;03.11.2025;Brieftaube\n"
                                 "Contact 2;31.11.2025;E-Mail\n", encoding="utf-8")
    return folder
