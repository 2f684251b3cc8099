"""The outreach log on disk: a SQLite database that validates every change and never loses one.

The database runs in WAL mode with ``synchronous=FULL``: each change is one transaction, and a
change whose call has returned survives a crash of the process. Several processes (a notebook
and the command line) may write at once; each waits for the others (busy timeout). The schema
carries its version in ``PRAGMA user_version`` and is migrated forward when opened.

>>> import tempfile, os
>>> log = OutreachLog(os.path.join(tempfile.mkdtemp(), "log.sqlite3"))
>>> oid = log.add(contact="Dr. Lena Kurz", organisation="Nordlicht Analytics", sent_at="2025-03-03 09:15")
>>> log.update(oid, replied_at="04.03.2025", response="zugesagt")
>>> row = log.get(oid)
>>> row["response"], row["replied_at"]
('accepted', Timestamp('2025-03-04 00:00:00'))
>>> log.close()

Identity on import: a row is the same as a stored row when its ``outreach_id`` is the same.
Rows without an id get one derived from their content (see :mod:`infoview.log.columns`), so
importing a file again adds nothing. A row whose id exists with different values is a conflict:
by default the import is refused (nothing changes); ``on_conflict="keep"`` keeps the stored
rows, ``on_conflict="replace"`` overwrites them with the file's.
"""

import os
import secrets
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..errors import LogError
from ..problems import in_language, problem
from ..texts import check_language
from .columns import LOG_COLUMNS, TIMESTAMP_COLUMNS, normalise, normalise_row
from .read import read_with_lines

__all__ = ["OutreachLog", "ImportResult", "default_path", "SCHEMA_VERSION"]

_COLUMNS = ", ".join(LOG_COLUMNS)

# Each entry brings the schema from version i to i + 1; never edit a released entry, append one.
_MIGRATIONS = (
    (
        """CREATE TABLE outreach (
            outreach_id TEXT PRIMARY KEY,
            student TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL CHECK (contact <> ''),
            organisation TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT '',
            source TEXT,
            channel TEXT,
            template TEXT NOT NULL DEFAULT '',
            sent_at TEXT NOT NULL,
            followed_up_at TEXT,
            replied_at TEXT,
            response TEXT,
            meeting_at TEXT,
            thank_you_at TEXT,
            referrals INTEGER NOT NULL DEFAULT 0 CHECK (referrals >= 0),
            notes TEXT NOT NULL DEFAULT ''
        )""",
    ),
    (
        "ALTER TABLE outreach ADD COLUMN created_at TEXT",
        "ALTER TABLE outreach ADD COLUMN updated_at TEXT",
        "UPDATE outreach SET created_at = datetime('now', 'localtime'), updated_at = datetime('now', 'localtime')",
        "CREATE INDEX outreach_by_organisation ON outreach (student, organisation)",
    ),
)
SCHEMA_VERSION = len(_MIGRATIONS)
_STAMP = "%Y-%m-%d %H:%M:%S"
_FAILURES = {  # SQLite's primary result codes: the text log.problems.<key> says them in plain words with what to do
    3: "no_permission", 5: "locked", 6: "locked", 8: "read_only", 10: "io_error", 11: "damaged", 13: "disk_full",
    14: "cannot_open_db", 26: "not_a_log_db",
}


def default_path():
    """Where the log lives when no path is given: ``outreach_log.sqlite3`` in the user data directory."""
    import platformdirs

    return platformdirs.user_data_path("infoview", appauthor=False) / "outreach_log.sqlite3"


@dataclass(frozen=True)
class ImportResult:
    """What an import did: rows added, rows already present unchanged, rows replaced or kept."""

    added: int
    unchanged: int
    replaced: int = 0
    kept: int = 0

    def __str__(self):
        text = f"{self.added} added, {self.unchanged} already present"
        if self.replaced:
            text += f", {self.replaced} replaced"
        if self.kept:
            text += f", {self.kept} differing rows kept as stored"
        return text


def _records(frame):
    """The frame's rows as database tuples: ISO text timestamps, None for missing values."""
    import pandas as pd

    data = {}
    for column in LOG_COLUMNS:
        series = frame[column]
        if column in TIMESTAMP_COLUMNS:
            present = series.notna()
            data[column] = (series.dt.strftime(_STAMP).astype(object).where(present, None) if present.any()
                            else pd.Series([None] * len(series), dtype=object))
        elif isinstance(series.dtype, pd.CategoricalDtype):
            data[column] = series.astype(object).where(series.notna(), None)
        elif column == "referrals":
            data[column] = series.astype("int64").astype(object)
        else:
            data[column] = series.astype(object)
    return list(zip(*(data[c].tolist() for c in LOG_COLUMNS)))


def _record(row):
    """A row of :func:`~infoview.log.columns.normalise_row` as a database tuple, as :func:`_records`."""
    return tuple(row[c].strftime(_STAMP) if c in TIMESTAMP_COLUMNS and row[c] is not None else row[c]
                 for c in LOG_COLUMNS)


class OutreachLog:
    """An outreach log stored in SQLite at ``path`` (default: :func:`default_path`).

    Every change is validated with the rules of :func:`~infoview.log.read.read_log` and
    raises :class:`~infoview.errors.LogError` (changing nothing) when invalid, its problems in
    ``language`` ("en" or "de").
    """

    def __init__(self, path=None, *, timeout=30.0, language="en"):
        self.language = check_language(language)
        self.path = Path(path) if path is not None else default_path()
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise self._said("no_folder", reason=error.strerror or str(error)) from None
        folder_writable = os.access(self.path.parent, os.W_OK)
        read_only = self.path.exists() and not (folder_writable and os.access(self.path, os.W_OK))
        try:
            if read_only:  # read and export still work; changes say why they cannot be made
                mode = "mode=ro" if folder_writable else "immutable=1"
                self._db = sqlite3.connect(f"file:{quote(str(self.path.resolve()))}?{mode}", uri=True,
                                           timeout=timeout, isolation_level=None, check_same_thread=False)
                self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            else:
                self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None,
                                           check_same_thread=False)
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=FULL")
            self._migrate()
        except (sqlite3.Error, LogError) as error:
            if hasattr(self, "_db"):
                self._db.close()
            if isinstance(error, LogError):
                raise
            raise self._failure(error) from None

    def _failure(self, error):
        """A LogError saying in plain words what a SQLite error means for the log and what to do."""
        code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
        key = _FAILURES.get(code)
        if key is None and "no such table" in str(error):
            key = _FAILURES[11]
        return self._said(key, error=str(error)) if key else self._said("db_error", error=str(error))

    def _said(self, key, **values):
        """A LogError about the whole log file: the text ``log.problems.<key>``, in the log's language."""
        return in_language(LogError([problem(None, None, None, key, **values)], source=str(self.path)), self.language)

    @contextmanager
    def _reading(self):
        with self._lock:
            try:
                yield self._db
            except sqlite3.Error as error:
                raise self._failure(error) from None

    # -- plumbing ------------------------------------------------------------------------------

    def close(self):
        """Close the database connection."""
        with self._lock:
            self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return f"OutreachLog({str(self.path)!r})"

    @contextmanager
    def _transaction(self):
        """All or nothing; a SQLite failure becomes a LogError naming its cause (SQLite may already
        have rolled back, as on a full disk: then the cause is kept, not a failing ROLLBACK)."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    if self._db.in_transaction:
                        try:
                            self._db.execute("ROLLBACK")
                        except sqlite3.Error:
                            pass  # the original error below says what went wrong
                    raise
                self._db.execute("COMMIT")
            except sqlite3.IntegrityError:
                raise
            except sqlite3.Error as error:
                if self._db.in_transaction:
                    try:
                        self._db.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass
                raise self._failure(error) from None

    def _migrate(self):
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise self._said("newer_log", version=version, known=SCHEMA_VERSION)
        with self._transaction() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            for statements in _MIGRATIONS[version:]:
                for statement in statements:
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _refused(self, problems):
        """A LogError for a refused change, in the log's language."""
        return in_language(LogError(problems), self.language)

    def _validate(self, row):
        """The row checked by the rules of read_log, one row at a time, as a database tuple."""
        try:
            return _record(normalise_row(row))
        except LogError as error:
            raise in_language(error, self.language) from None

    def _row(self, db, outreach_id):
        found = db.execute(f"SELECT {_COLUMNS} FROM outreach WHERE outreach_id = ?", (outreach_id,)).fetchone()
        if found is None:
            raise self._refused([problem(None, "outreach_id", outreach_id, "no_such_id")])
        return dict(zip(LOG_COLUMNS, found))

    # -- changes -------------------------------------------------------------------------------

    def add(self, **fields):
        """Add one outreach and return its ``outreach_id`` (generated unless given).

        ``contact`` and ``sent_at`` are required; other fields default to empty (referrals to 0).
        """
        given = fields.get("outreach_id")
        given = str(given).strip() if given is not None else ""
        for _ in range(10):
            row = {**fields, "outreach_id": given or "o" + secrets.token_hex(4)}
            record = self._validate(row)
            try:
                with self._transaction() as db:
                    db.execute(f"INSERT INTO outreach ({_COLUMNS}, created_at, updated_at) VALUES "
                               f"({', '.join('?' * len(LOG_COLUMNS))}, datetime('now', 'localtime'), "
                               "datetime('now', 'localtime'))", record)
            except sqlite3.IntegrityError:
                if given:
                    raise self._refused([problem(None, "outreach_id", given, "id_taken")]) from None
                continue
            return record[0]
        raise RuntimeError("could not find a free outreach_id")  # pragma: no cover

    def update(self, outreach_id, /, **fields):
        """Change fields of one outreach, e.g. ``update(oid, replied_at="2025-03-05", response="accepted")``.

        Pass ``None`` or ``""`` to clear a field.
        """
        if "outreach_id" in fields and fields["outreach_id"] != outreach_id:
            raise self._refused([problem(None, "outreach_id", fields["outreach_id"], "id_fixed")])
        with self._transaction() as db:
            row = {**self._row(db, outreach_id), **fields}
            record = self._validate(row)
            assignments = ", ".join(f"{c} = ?" for c in LOG_COLUMNS[1:])
            db.execute(f"UPDATE outreach SET {assignments}, updated_at = datetime('now', 'localtime') "
                       "WHERE outreach_id = ?", (*record[1:], outreach_id))

    def import_file(self, path_or_dataframe, on_conflict="error"):
        """Import a log file or DataFrame, all or nothing; return an :class:`ImportResult`.

        Rows already stored with the same values are skipped, so importing again adds nothing.
        ``on_conflict`` decides about stored ids with different values: ``"error"`` (refuse the
        whole import), ``"keep"`` (keep the stored row) or ``"replace"`` (take the file's row).
        """
        if on_conflict not in ("error", "keep", "replace"):
            raise ValueError("on_conflict must be 'error', 'keep' or 'replace'")
        frame, lines = read_with_lines(path_or_dataframe)
        records = _records(frame)
        source = None if not isinstance(path_or_dataframe, (str, Path)) else str(path_or_dataframe)
        with self._transaction() as db:
            stored = {}
            ids = [r[0] for r in records]
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                query = f"SELECT {_COLUMNS} FROM outreach WHERE outreach_id IN ({', '.join('?' * len(chunk))})"
                stored.update((row[0], tuple(row)) for row in db.execute(query, chunk))
            new, same, differing = [], 0, []
            for position, record in enumerate(records):
                old = stored.get(record[0])
                if old is None:
                    new.append(record)
                elif old == record:
                    same += 1
                else:
                    differing.append((position, record))
            if differing and on_conflict == "error":
                problems = [problem(None if lines is None else int(lines[p]), "outreach_id", r[0], "id_conflict")
                            for p, r in differing[:100]]
                raise LogError(problems, source=source, truncated=len(differing) > 100)
            stamp = "datetime('now', 'localtime')"
            db.executemany(f"INSERT INTO outreach ({_COLUMNS}, created_at, updated_at) VALUES "
                           f"({', '.join('?' * len(LOG_COLUMNS))}, {stamp}, {stamp})", new)
            if differing and on_conflict == "replace":
                assignments = ", ".join(f"{c} = ?" for c in LOG_COLUMNS[1:])
                db.executemany(f"UPDATE outreach SET {assignments}, updated_at = {stamp} WHERE outreach_id = ?",
                               [(*r[1:], r[0]) for _, r in differing])
        replaced = len(differing) if on_conflict == "replace" else 0
        return ImportResult(added=len(new), unchanged=same, replaced=replaced, kept=len(differing) - replaced)

    # -- reading -------------------------------------------------------------------------------

    def __len__(self):
        with self._reading() as db:
            return db.execute("SELECT count(*) FROM outreach").fetchone()[0]

    def get(self, outreach_id):
        """One outreach as a dict of the log's columns (missing values are None)."""
        with self._reading() as db:
            row = self._row(db, outreach_id)
        return normalise_row(row)

    def to_frame(self):
        """The whole log as a DataFrame with the dtypes of :func:`~infoview.log.read.read_log`."""
        import pandas as pd

        with self._reading() as db:
            rows = db.execute(f"SELECT {_COLUMNS} FROM outreach ORDER BY rowid").fetchall()
        return normalise(pd.DataFrame(rows, columns=LOG_COLUMNS, dtype=object), source=str(self.path),
                         max_problems=100)

    def export(self, path, pseudonymize=False, *, format=None):
        """Write the log to ``path`` (see :func:`infoview.log.write.write_log`); return the path."""
        from .write import write_log

        return write_log(self.to_frame(), path, pseudonymize=pseudonymize, format=format, language=self.language)
