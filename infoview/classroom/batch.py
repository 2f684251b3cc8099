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
line 2, column 'sent_at': is not a date; write it as 2025-03-14 or 14.03.2025, optionally with a time such as 14:30
>>> len(hand_ins.frame) == len(log), log["contact"].iloc[0] in hand_ins.frame.to_string()
(True, False)

Rules: a file's ``student`` column names the student; where it is empty, the file name (without
its suffix) does. A file that cannot be read or breaks a rule of
:func:`~infoview.log.read.read_log` is listed in :attr:`Submissions.broken` with its
problems (line, column, message) and does not stop the others. The students' files are only
read, never changed; SQLite files are opened read-only.

Privacy, applied while reading: notes are dropped; each contact becomes a number ("contact 17",
the same for the same name written with other case or spacing); contact names (also without
academic titles), email addresses and phone numbers are removed from the student, organisation,
role and template cells (see :func:`infoview.log.write.scrub`), and in the last three each part of
a name on its own too (a surname in "Kurz & Partner"); outreach ids are replaced by row numbers;
problem lists keep no cell values and no unknown column headers.

Speed: every file is parsed into a raw table and all of them are validated together in one
vectorised pass; only a file whose rows break a rule is validated again on its own, to report
its problems exactly as :func:`~infoview.log.read.read_log` would.
"""

import csv
import io
import re
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from ..errors import ContentError, LogError, Problem
from ..log.write import _map_unique, scrub
from ..log.read import (LOG_COLUMNS, MAX_PROBLEMS, REQUIRED_COLUMNS, _NEUTRALISED, _cell_text, _csv_records, _decode, _key,
                           _load_excel, _read, _separator, normalise, vocabulary)
from ..resources import check_language, load_bundled
from ..runtime import in_kernel

__all__ = ["CSV_SUFFIXES", "EXCEL_SUFFIXES", "SQLITE_SUFFIXES", "BrokenFile", "Submissions", "natural_key",
           "read_submissions", "sample_hand_ins", "show_progress"]

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
_OTHER_LOGS = (".parquet", ".xls", ".ods", ".numbers")  # read_log reads them or says how to convert them
_SCRUBBED = ("student", "organisation", "role", "template")
_MARK = "\u241f"  # joins a file's number to its ids and students while all files are validated together
_WORD = re.compile(r"\w+")
_PSEUDONYM = re.compile(r"(?:Contact|Kontakt) [0-9a-f]{8}").fullmatch  # from infoview log export --pseudonymize
_TITLE_WORDS = {"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "herr", "frau", "dipl", "ing", "mag", "med",
                "rer", "nat", "phil", "habil", "pd"}
_NUMBERS = re.compile(r"(\d+)")
_PARALLEL_FROM = 100  # files; fewer are read faster in this process than worker processes start
_CHUNKS_PER_WORKER = 3


@lru_cache(maxsize=1)
def _texts():
    return load_bundled("class_report_labels.yaml")["handins"]


@dataclass(frozen=True)
class BrokenFile:
    """A hand-in that could not be used: its file name, the student it stands for, what is wrong.

    ``problems`` are :class:`~infoview.errors.Problem` objects without cell values (so no contact
    data leaks through them); ``truncated`` says there were more than were kept.
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


# ---------------------------------------------------------------------------------------------
# Loading one file into a raw table


@dataclass
class _Raw:
    """One file as a raw table: canonical column names (and the file's own), rows as lists of cells,
    each row's line."""

    columns: list
    header: list
    rows: list
    lines: list
    header_line: int


class _Fallback(Exception):
    """The quick reader cannot be sure about this file: read it with read_log's own loader."""


def _problem(message):
    return LogError([Problem(None, None, None, message)])


def _load(path):
    """Return a :class:`_Raw` table, or a validated frame (files the quick reader leaves to read_log)."""
    suffix = path.suffix.lower()
    try:
        if suffix in SQLITE_SUFFIXES:
            return _load_sqlite(path)
        if suffix in EXCEL_SUFFIXES:
            return _load_xlsx(path)
        if suffix in CSV_SUFFIXES:
            return _load_csv(path)
    except _Fallback:
        pass
    return _read(path)[0]


def _load_xlsx(path):
    """The first worksheet, read by read_log's own loader (openpyxl)."""
    try:
        raw, lines, header_line = _load_excel(path, path.name)
    except LogError:
        raise _Fallback from None  # read_log reports it in its own words
    return _canonical(list(raw.columns), raw.to_numpy(dtype=object).tolist(), lines.tolist(), header_line)


def _load_csv(path):
    data = path.read_bytes()
    if not data.strip():
        raise _Fallback
    text = _decode(data, path.name)
    first = next((line for line in io.StringIO(text) if line.strip()), "")
    try:
        records, lines = _csv_records(text, _separator(first))
    except csv.Error:
        raise _Fallback from None
    start = next((i for i, record in enumerate(records) if any(cell.strip() for cell in record)), None)
    if start is None:
        raise _Fallback
    header, width = records[start], len(records[start])
    body = records[start + 1:]
    if any(len(record) != width for record in body) or (body and any("\n" in c or "\r" in c for c in body[-1])):
        raise _Fallback  # ragged lines or a quote left open: read_log explains them
    return _canonical(header, body, lines[start + 1:], lines[start])


def _load_sqlite(path):
    """Read the outreach table without touching the folder: a database whose changes all sit in
    the file is opened as immutable; one with a write-ahead log beside it is read from a copy."""
    wal = path.with_name(path.name + "-wal")
    if wal.is_file() and wal.stat().st_size:
        with tempfile.TemporaryDirectory() as temporary:
            copy = Path(temporary) / path.name
            shutil.copyfile(path, copy)
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
            return _query_sqlite(copy, "mode=ro")
    return _query_sqlite(path, "immutable=1")


def _query_sqlite(path, mode):
    texts = _texts()
    db = None
    try:
        db = sqlite3.connect(f"file:{quote(str(path.resolve()))}?{mode}", uri=True)
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "outreach" not in tables:
            raise _problem(texts["no_table"])
        stored = [row[1] for row in db.execute("PRAGMA table_info(outreach)")]
        columns = [c for c in LOG_COLUMNS if c in stored]
        rows = db.execute(f"SELECT {', '.join(columns)} FROM outreach ORDER BY rowid").fetchall()
    except sqlite3.Error as error:
        raise _problem(texts["not_sqlite"].format(error=error)) from None
    finally:
        if db is not None:
            db.close()
    body = [["" if cell is None else str(cell) for cell in row] for row in rows]
    return _canonical(columns, body, list(range(1, len(body) + 1)), 0)


def _canonical(header, body, lines, header_line):
    """Map the header to log columns; anything unusual goes to read_log, which explains it."""
    headers = vocabulary().headers
    columns = []
    for name in header:
        column = headers.get(_key("" if name is None else str(name).strip()))
        if column is None or column in columns:
            raise _Fallback
        columns.append(column)
    if any(column not in columns for column in REQUIRED_COLUMNS):
        raise _Fallback
    keep = [i for i, row in enumerate(body) if not _blank(row)]
    if len(keep) != len(body):
        body, lines = [body[i] for i in keep], [lines[i] for i in keep]
    return _Raw(columns, list(header), body, lines, header_line)


def _blank(row):
    try:
        return not "".join(row).strip()
    except TypeError:  # cells that are not all text, from Excel
        return not any(map(_filled, row))


def _filled(cell):
    return cell is not None and (not isinstance(cell, str) or bool(cell.strip()))


def _load_one(path):
    """``("raw", _Raw)``, ``("frame", validated frame)`` or ``("error", (problems, None, truncated))``;
    plain values, so that worker processes can send them back."""
    if path.suffix.lower() not in CSV_SUFFIXES + EXCEL_SUFFIXES + SQLITE_SUFFIXES + _OTHER_LOGS:
        loaded = _problem(_texts()["not_a_log"].format(suffix=path.suffix or "—"))
    else:
        try:
            loaded = _load(path)
        except LogError as error:
            loaded = error
    if isinstance(loaded, LogError):
        return "error", (loaded.problems, None, loaded.truncated)
    return ("raw" if isinstance(loaded, _Raw) else "frame"), loaded


def _workers(count):
    """Worker processes for loading ``count`` files: several only for a large class, on Linux, and
    when this process runs a single thread (forking a process with threads is not safe)."""
    import os
    import threading

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    threads = [t for t in threading.enumerate() if t.name != "tqdm_monitor"]  # tqdm's own sleeps harmlessly
    if count < _PARALLEL_FROM or cores < 2 or sys.platform != "linux" or len(threads) > 1:
        return 1
    return min(cores, 4)


# ---------------------------------------------------------------------------------------------
# Validating all raw tables at once


def _marked(values, number, keep_empty=False):
    """Prefix each text with the file's number, after read_log's own clean-up of the text.

    Students are always marked, so that ids derived from a row's content differ between files;
    ids are marked unless empty, so that read_log still derives the ids of rows without one."""
    prefix = f"{number}{_MARK}"
    out = []
    for value in values:
        text = value.strip() if type(value) is str else "" if value is None else _cell_text(value)
        if text[:1] == "'":
            text = _NEUTRALISED.sub("", text)
        out.append(prefix + text if text or not keep_empty else "")
    return out


def _batch(tables):
    """Validate raw tables together; return (frame, file number of each row, failing file numbers)."""
    import numpy as np
    import pandas as pd

    columns = {c: [] for c in LOG_COLUMNS if c != "notes"}
    owner = []
    for number, raw in tables.items():
        n = len(raw.rows)
        owner.append(np.full(n, number, dtype=np.int64))
        cells = dict(zip(raw.columns, zip(*raw.rows))) if n else {}
        for column, values in columns.items():
            given = cells.get(column)
            if column in ("student", "outreach_id"):
                values.extend(_marked(given if given is not None else [""] * n, number, column == "outreach_id"))
            else:
                values.extend(given if given is not None else [""] * n)
    owner = np.concatenate(owner) if owner else np.zeros(0, dtype=np.int64)
    raw = pd.DataFrame({c: np.array(v, dtype=object) for c, v in columns.items()}, index=pd.RangeIndex(len(owner)),
                       dtype=object)
    try:
        frame = normalise(raw, np.arange(len(owner)), max_problems=None)
    except LogError as error:
        return None, owner, sorted({int(owner[p.line]) for p in error.problems if p.line is not None})
    frame["student"] = _map_unique(frame["student"], lambda text: text.split(_MARK, 1)[1])
    return frame, owner, []


def _check_alone(raw, name):
    """Validate one raw table as read_log does; return the frame or raise its LogError."""
    import numpy as np
    import pandas as pd

    table = pd.DataFrame(raw.rows, columns=range(len(raw.header)), dtype=object)
    table.columns = raw.header
    return normalise(table, np.asarray(raw.lines, dtype=np.int64), header_line=raw.header_line, source=name,
                     max_problems=MAX_PROBLEMS)


def _read_chunk(chunk, step=None):
    """Load and validate the files ``[(number, path), ...]`` of one chunk, all rows at once.

    Returns ``(frame, owner, errors)``: the validated rows (without notes) or None, the file
    number of each row, and ``{number: (problems, source, truncated)}`` for the files that failed;
    plain values, so that a worker process can send them back. ``step()`` is called per file.
    """
    import numpy as np
    import pandas as pd

    tables, parts, owners, errors = {}, [], [], {}

    def add(number, frame):
        parts.append(frame.drop(columns="notes"))
        owners.append(np.full(len(frame), number, dtype=np.int64))

    for number, path in chunk:
        kind, loaded = _load_one(path)
        if kind == "raw":
            tables[number] = loaded
        elif kind == "frame":
            add(number, loaded)
        else:
            errors[number] = loaded
        if step is not None:
            step()
    paths = dict(chunk)
    while tables:
        batch, owner, failing = _batch(tables)
        if not failing:
            parts.insert(0, batch[[c for c in LOG_COLUMNS if c != "notes"]])
            owners.insert(0, owner)
            break
        for number in failing:  # validate alone, to report exactly what read_log would
            raw = tables.pop(number)
            try:
                add(number, _check_alone(raw, paths[number].name))
            except LogError as error:
                errors[number] = (error.problems, None, error.truncated)
    if not parts:
        return None, np.zeros(0, dtype=np.int64), errors
    frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].reset_index(drop=True)
    return frame, np.concatenate(owners), errors


def _read_all(paths, show, label):
    """Load and validate every file, in worker processes when that is faster and safe.

    Returns the list of ``(frame, owner, errors)`` of the chunks."""
    in_notebook = in_kernel()  # a notebook keeps the finished bar; a terminal clears it
    if in_notebook:
        from tqdm.notebook import tqdm
    else:
        from tqdm import tqdm

    todo = list(enumerate(paths))
    workers = _workers(len(paths))
    with tqdm(total=len(paths), desc=label, unit=" files", disable=not show, leave=in_notebook) as bar:
        if workers > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor, as_completed

            vocabulary(), _texts()  # loaded once here rather than once in every worker
            if any(path.suffix.lower() in EXCEL_SUFFIXES for path in paths):
                import openpyxl.styles.numbers  # noqa: F401
                import openpyxl.utils.datetime  # noqa: F401
            size = -(-len(todo) // (workers * _CHUNKS_PER_WORKER))
            chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
            try:
                results = [None] * len(chunks)
                with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                    futures = {pool.submit(_read_chunk, chunk): i for i, chunk in enumerate(chunks)}
                    for future in as_completed(futures):
                        results[futures[future]] = future.result()  # in file order, whatever finishes first
                        bar.update(len(chunks[futures[future]]))
                return results
            except Exception:  # the pool could not run (limits, a killed worker): read here instead
                bar.reset()
        return [_read_chunk(todo, step=lambda: bar.update(1))]


# ---------------------------------------------------------------------------------------------
# Privacy


class _Names:
    """Replaces contact names in text: any spelling of case, spacing and punctuation between the
    words, also without a leading academic title or form of address ("Dr. Lena Kurz", "lena kurz").
    With ``parts``, each part of a name on its own too ("Kurz", "Lena"), except in pseudonyms.

    Names are looked up as word sequences in a set, so thousands of names cost no more than a few.
    """

    def __init__(self, names, label, parts=False):
        self.label, self.keys, self.longest = label, set(), 0
        for name in names:
            words = tuple(word.casefold() for word in _WORD.findall(str(name)))
            start = 0
            while start < len(words) - 1 and words[start] in _TITLE_WORDS:
                start += 1
            keys = {words, words[start:]}
            if parts and not _PSEUDONYM(str(name)):
                keys.update((word,) for word in words[start:] if len(word) >= 3)
            for key in keys:
                if key and len(" ".join(key)) >= 3:
                    self.keys.add(key)
                    self.longest = max(self.longest, len(key))

    def __call__(self, text):
        if not text or not self.keys:
            return text
        found = list(_WORD.finditer(text))
        words = [match.group().casefold() for match in found]
        parts, done, i = [], 0, 0
        while i < len(words):
            for size in range(min(self.longest, len(words) - i), 0, -1):
                if tuple(words[i:i + size]) in self.keys:
                    parts += [text[done:found[i].start()], self.label]
                    done, i = found[i + size - 1].end(), i + size
                    break
            else:
                i += 1
        return "".join(parts) + text[done:] if parts else text


def _protect(frame, names, label):
    """Drop or replace every trace of the contacts in ``frame`` (in place); return the cleaner used."""
    import numpy as np
    import pandas as pd

    whole, parts = _Names(names, label), _Names(names, label, parts=True)

    def clean(text):
        return scrub(whole(text))

    def clean_parts(text):
        return scrub(parts(text))

    people, _ = pd.factorize(_map_unique(frame["contact"], lambda name: " ".join(name.split()).casefold()))
    frame["contact"] = np.char.add("contact ", people.astype(str)).astype(object)
    frame["notes"] = ""
    frame["student"] = _map_unique(frame["student"], clean)  # students' own names share first names
    for column in _SCRUBBED[1:]:  # here a surname alone goes too ("Kurz & Partner")
        frame[column] = _map_unique(frame[column], clean_parts)
    frame["outreach_id"] = np.char.add("r", np.arange(1, len(frame) + 1).astype(str)).astype(object)
    return clean


def _safe_problems(error, clean):
    """The problems of a LogError without cell values, unknown headers or contact data."""
    headers = vocabulary().headers
    problems = []
    for problem in error.problems:
        column = problem.column if problem.column and _key(problem.column) in headers else None
        problems.append(Problem(problem.line, column, None, clean(problem.message)))
    return problems


# ---------------------------------------------------------------------------------------------
# The folder


def _roster(groups):
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
            table = pd.read_excel(path, dtype=str)
        else:
            table = pd.read_csv(path, sep=None, engine="python", dtype=str, encoding="utf-8-sig")
    except FileNotFoundError:
        raise ContentError("the roster file does not exist", file=path, fix="check the path") from None
    except Exception as error:  # any parser failure means the roster needs fixing
        raise ContentError(f"the roster cannot be read ({error})", file=path,
                           fix="save it as CSV with a header line: student,group") from None
    if table.shape[1] < 2:
        raise ContentError("the roster needs two columns, the student and the group", file=path,
                           fix="write a header line such as student,group and one student per line")
    table = table.iloc[:, :2].fillna("")
    return {str(s).strip(): str(g).strip() for s, g in table.itertuples(index=False) if str(s).strip()}


def _hand_ins(folder):
    """The files in ``folder`` (not in its subfolders) that are hand-ins, sorted; hidden files are skipped."""
    return sorted((p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))
                   and not p.name.endswith(("-wal", "-shm", "-journal"))), key=lambda p: natural_key(p.name))


def read_submissions(folder, *, groups=None, progress=None, language="en"):
    """Read every hand-in in ``folder`` and return :class:`Submissions`.

    ``groups`` maps students to groups (a dict, or a CSV/Excel roster with the student in the
    first column and the group in the second); students on the roster without a file are listed
    as ``missing``. ``progress`` shows a tqdm bar over the files (default: in a terminal or a
    notebook); ``language`` is that of the bar's label.
    """
    import numpy as np
    import pandas as pd

    check_language(language)
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(_texts()["no_folder"][language].format(folder=folder))
    roster = _roster(groups)
    paths = _hand_ins(folder)
    show = show_progress() if progress is None else bool(progress)
    chunks = _read_all(paths, show, _texts()["progress"][language])
    errors = {number: LogError(*error) for _, _, found in chunks for number, error in found.items()}
    parts = [(frame, owner) for frame, owner, _ in chunks if frame is not None]
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
    names = frame["contact"].unique()
    clean = _protect(frame, names, _texts()["contact_label"])
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
            broken.append(BrokenFile(clean(path.name), student, _safe_problems(error, clean), error.truncated))
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
