"""Reading many outreach logs at once (a class's hand-ins): each file is loaded into a raw table
by :mod:`infoview.log.files`, all tables are validated together in one vectorised pass of
:func:`~infoview.log.columns.normalise`, and only a file whose rows break a rule is validated again
on its own, to report its problems exactly as :func:`~infoview.log.read.read_log` would. A large
class is read in worker processes (on Linux, where that is safe), with a progress bar.

Each file is read in isolation and within limits: at most :data:`MAX_FILE_BYTES`, the rows,
columns and cells of :mod:`infoview.log.files`, and :data:`MAX_SECONDS` of reading. A file over
a limit, or one that fails in any way, is listed as a problem naming the limit or the failure;
it never stops the others.
"""

import signal
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass

from ..errors import LogError
from ..log.cells import CellText
from ..log.columns import LOG_COLUMNS, MAX_PROBLEMS, REQUIRED_COLUMNS, header_key, normalise, vocabulary
from ..log.files import SQLITE_SUFFIXES, csv_cells, excel_cells, sqlite_cells
from ..log.privacy import map_unique
from ..log.read import read_log
from ..problems import problem
from ..runtime import in_kernel

__all__ = ["CSV_SUFFIXES", "EXCEL_SUFFIXES", "SQLITE_SUFFIXES", "read_all"]

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_OTHER_LOGS = (".parquet", ".xls", ".ods", ".numbers")  # read_log reads them or says how to convert them
_MARK = "\u241f"  # joins a file's number to its ids and students while all files are validated together
MAX_FILE_BYTES = 20_000_000
"""The largest hand-in read (20 MB): a student's log is a few hundred kilobytes."""
MAX_SECONDS = 30
"""The longest a single hand-in may take to read and check."""
_PARALLEL_FROM = 100  # files; fewer are read faster in this process than worker processes start
_CHUNKS_PER_WORKER = 3


@dataclass
class _Raw:
    """One file as a raw table: canonical column names (and the file's own), rows as lists of cells,
    each row's line."""

    columns: list
    header: list
    rows: list
    lines: list
    header_line: int


def _problem(key, **values):
    """A hand-in's problem of the whole file: the text ``log.problems.<key>``, in any language."""
    return LogError([problem(None, None, None, key, **values)])


def _load(path):
    """A :class:`_Raw` table, or a validated frame (the files the quick reading leaves to read_log,
    which explains what is wrong with them)."""
    suffix = path.suffix.lower()
    if suffix in SQLITE_SUFFIXES:
        cells = sqlite_cells(path)
    elif suffix in EXCEL_SUFFIXES:
        cells = excel_cells(path)
    elif suffix in CSV_SUFFIXES:
        cells = csv_cells(path)
    else:
        cells = None
    raw = _canonical(cells) if cells is not None else None
    return raw if raw is not None else read_log(path)


def _canonical(cells):
    """Map the header to log columns; None for anything unusual, which read_log explains."""
    headers = vocabulary().headers
    columns = []
    for name in cells.header:
        column = headers.get(header_key("" if name is None else str(name).strip()))
        if column is None or column in columns:
            return None
        columns.append(column)
    if any(column not in columns for column in REQUIRED_COLUMNS):
        return None
    body, lines = cells.rows, cells.lines
    keep = [i for i, row in enumerate(body) if not _blank(row)]
    if len(keep) != len(body):
        body, lines = [body[i] for i in keep], [lines[i] for i in keep]
    return _Raw(columns, list(cells.header), body, lines, cells.header_line)


def _blank(row):
    try:
        return not "".join(row).strip()
    except TypeError:  # cells that are not all text, from Excel
        return not any(map(_filled, row))


def _filled(cell):
    return cell is not None and (not isinstance(cell, str) or bool(cell.strip()))


@contextmanager
def _deadline(seconds):
    """Raise TimeoutError in this block after ``seconds`` (in the main thread of a process on a
    system with interval timers; elsewhere the size limits alone bound the work)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _load_one(path):
    """``("raw", _Raw)``, ``("frame", validated frame)`` or ``("error", (problems, None, truncated))``;
    plain values, so that worker processes can send them back. Never raises: any failure of one
    file becomes its problem."""
    try:
        size = path.stat().st_size
    except OSError as error:
        size, loaded = 0, _problem("cannot_open", reason=error.strerror or type(error).__name__)
    else:
        loaded = None
    if loaded is not None:
        pass
    elif path.suffix.lower() not in CSV_SUFFIXES + EXCEL_SUFFIXES + SQLITE_SUFFIXES + _OTHER_LOGS:
        loaded = _problem("not_a_log", suffix=path.suffix or "—")
    elif size > MAX_FILE_BYTES:
        megabytes = f"{size / 1e6:.1f}"
        loaded = _problem("hand_in_too_large", size={"en": megabytes, "de": megabytes.replace(".", ",")},
                          limit=MAX_FILE_BYTES // 1_000_000)
    else:
        try:
            with _deadline(MAX_SECONDS):
                loaded = _load(path)
        except LogError as error:
            loaded = error
        except TimeoutError:
            loaded = _problem("too_slow", seconds=MAX_SECONDS)
        except MemoryError:
            loaded = _problem("no_memory")
        except Exception as error:  # one hand-in must never stop the class report
            loaded = _problem("cannot_read_any", error=type(error).__name__)
    if isinstance(loaded, LogError):
        return "error", (loaded.problems, None, loaded.truncated)
    return ("raw" if isinstance(loaded, _Raw) else "frame"), loaded


def _contacts(raw):
    """The contact cells of a raw table, as written (before any row is checked or dropped)."""
    if "contact" not in raw.columns:
        return set()
    at = raw.columns.index("contact")
    return {str(row[at]).strip() for row in raw.rows if at < len(row) and row[at] is not None} - {""}


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


def _marked(values, marks):
    """Prefix each text with its file's mark (``marks``, one per cell), after read_log's own clean-up of the text.

    Students are always marked, so that ids derived from a row's content differ between files;
    ids are marked unless empty, so that read_log still derives the ids of rows without one."""
    import pandas as pd

    student, outreach_id = (CellText.of(pd.Series(values[c], dtype=object)) for c in ("student", "outreach_id"))
    values["student"] = marks + student.objects()
    values["outreach_id"] = marks + outreach_id.objects()
    values["outreach_id"][outreach_id.blank] = ""


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
            values.extend(given if given is not None else [""] * n)
    owner = np.concatenate(owner) if owner else np.zeros(0, dtype=np.int64)
    values = {c: np.array(v, dtype=object) if v else np.zeros(0, dtype=object) for c, v in columns.items()}
    numbers = np.unique(owner)
    marks = np.array([f"{number}{_MARK}" for number in numbers], dtype=object)
    _marked(values, marks[np.searchsorted(numbers, owner)])
    raw = pd.DataFrame(values, index=pd.RangeIndex(len(owner)), dtype=object)
    try:
        frame = normalise(raw, np.arange(len(owner)), max_problems=None)
    except LogError as error:
        return None, owner, sorted({int(owner[p.line]) for p in error.problems if p.line is not None})
    frame["student"] = map_unique(frame["student"], lambda text: text.split(_MARK, 1)[1])
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

    Returns ``(frame, owner, errors, contacts)``: the validated rows (without notes) or None, the
    file number of each row, ``{number: (problems, source, truncated)}`` for the files that failed,
    and the contact names written in every file that could be read as a table, also in rows or
    files that fail a rule (the class report removes these names wherever they appear); plain
    values, so that a worker process can send them back. ``step()`` is called per file.
    """
    import numpy as np
    import pandas as pd

    tables, parts, owners, errors, contacts = {}, [], [], {}, set()

    def add(number, frame):
        parts.append(frame.drop(columns="notes"))
        owners.append(np.full(len(frame), number, dtype=np.int64))

    for number, path in chunk:
        kind, loaded = _load_one(path)
        if kind == "raw":
            tables[number] = loaded
            contacts |= _contacts(loaded)
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
            except Exception as error:  # one hand-in must never stop the class report
                errors[number] = (_problem("cannot_check", error=type(error).__name__).problems, None, False)
    if not parts:
        return None, np.zeros(0, dtype=np.int64), errors, contacts
    frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].reset_index(drop=True)
    return frame, np.concatenate(owners), errors, contacts


def read_all(paths, show, label):
    """Load and validate every file, in worker processes when that is faster and safe.

    Returns the list of ``(frame, owner, errors, contacts)`` of the chunks."""
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

            vocabulary()  # loaded once here rather than once in every worker
            if any(path.suffix.lower() in EXCEL_SUFFIXES for path in paths):
                import python_calamine  # noqa: F401
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
