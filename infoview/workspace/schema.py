"""The workspace's tables, their forward migrations, and the checks made before a file is opened.

The outreach log inside the file keeps its own schema version in ``PRAGMA user_version``
(see :mod:`infoview.log.store`). The workspace's tables carry theirs in ``workspace_meta``
(key ``version``), so the log and the workspace move forward independently and an
:class:`~infoview.log.store.OutreachLog` opens a workspace file as it opens any log.

``outreach.person_id`` links a log row to its person; ``NULL`` means "not linked yet" (rows
added through the log alone are linked when the workspace next reads) and :data:`ANONYMOUS`
marks a row whose person was forgotten but whose statistics were kept.
"""

import sqlite3

from ..log.store import SCHEMA_VERSION as LOG_VERSION
from ..problems import workspace_error

__all__ = ["ANONYMOUS", "MIGRATIONS", "NOW", "VERSION", "check_file", "connect", "migrate"]

ANONYMOUS = 0
NOW = "datetime('now', 'localtime')"

# Each entry brings the workspace from version i to i + 1; never edit a released entry, append one.
MIGRATIONS = (
    (
        "CREATE TABLE workspace_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE people (
            person_id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (name <> ''),
            title TEXT NOT NULL DEFAULT '',
            form_of_address TEXT NOT NULL DEFAULT '' CHECK (form_of_address IN ('', 'female', 'male')),
            organisation TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            profile_url TEXT NOT NULL DEFAULT '',
            source TEXT,
            notes TEXT NOT NULL DEFAULT '',
            referred_by INTEGER REFERENCES people (person_id) ON DELETE SET NULL,
            keep_in_touch_weeks INTEGER NOT NULL DEFAULT 8 CHECK (keep_in_touch_weeks BETWEEN 1 AND 104),
            snoozed_until TEXT,
            name_key TEXT NOT NULL,
            organisation_key TEXT NOT NULL,
            email_key TEXT NOT NULL,
            profile_key TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE UNIQUE INDEX people_by_email ON people (email_key) WHERE email_key <> ''",
        "CREATE UNIQUE INDEX people_by_profile ON people (profile_key) WHERE profile_key <> ''",
        "CREATE UNIQUE INDEX people_by_name ON people (name_key, organisation_key)",
        "ALTER TABLE outreach ADD COLUMN person_id INTEGER",
        "CREATE INDEX outreach_by_person ON outreach (person_id)",
        """CREATE TABLE targets (
            target_id INTEGER PRIMARY KEY,
            employer TEXT NOT NULL CHECK (employer <> ''),
            employer_key TEXT NOT NULL UNIQUE,
            advocate INTEGER NOT NULL DEFAULT 0 CHECK (advocate IN (0, 1)),
            motivation INTEGER NOT NULL CHECK (motivation BETWEEN 1 AND 3),
            posting INTEGER NOT NULL CHECK (posting BETWEEN 1 AND 3),
            person_id INTEGER REFERENCES people (person_id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE drafts (
            draft_id INTEGER PRIMARY KEY,
            person_id INTEGER REFERENCES people (person_id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            variant TEXT NOT NULL,
            language TEXT NOT NULL,
            fields TEXT NOT NULL,
            recipient TEXT NOT NULL DEFAULT '',
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            edited INTEGER NOT NULL CHECK (edited IN (0, 1)),
            findings TEXT NOT NULL,
            errors INTEGER NOT NULL CHECK (errors >= 0),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE plans (
            name TEXT PRIMARY KEY CHECK (name <> ''),
            language TEXT NOT NULL,
            minutes INTEGER NOT NULL CHECK (minutes > 0),
            questions TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE ticks (
            step INTEGER NOT NULL CHECK (step BETWEEN 1 AND 99),
            item TEXT NOT NULL,
            done INTEGER NOT NULL CHECK (done IN (0, 1)),
            changed_at TEXT NOT NULL,
            PRIMARY KEY (step, item)
        )""",
        """CREATE TABLE debriefs (
            debrief_id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people (person_id) ON DELETE CASCADE,
            held_on TEXT NOT NULL,
            trends TEXT NOT NULL DEFAULT '',
            insights TEXT NOT NULL DEFAULT '',
            advice TEXT NOT NULL DEFAULT '',
            resources TEXT NOT NULL DEFAULT '',
            assignments TEXT NOT NULL DEFAULT '',
            reflection TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE referrals (
            debrief_id INTEGER NOT NULL REFERENCES debriefs (debrief_id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people (person_id) ON DELETE CASCADE,
            PRIMARY KEY (debrief_id, person_id)
        )""",
        """CREATE TABLE actions (
            action_id INTEGER PRIMARY KEY,
            debrief_id INTEGER NOT NULL REFERENCES debriefs (debrief_id) ON DELETE CASCADE,
            text TEXT NOT NULL CHECK (text <> ''),
            due_on TEXT NOT NULL,
            done_on TEXT,
            created_at TEXT NOT NULL
        )""",
    ),
    (
        # Where a person came from when imported from the student's own network (infoview.workspace.network),
        # and whether they are a connection (a LinkedIn contact counts as an advocate on the LAMP list).
        """CREATE TABLE network (
            person_id INTEGER PRIMARY KEY REFERENCES people (person_id) ON DELETE CASCADE,
            origin TEXT NOT NULL CHECK (origin <> ''),
            connected_on TEXT,
            connection INTEGER NOT NULL DEFAULT 0 CHECK (connection IN (0, 1)),
            imported_at TEXT NOT NULL
        )""",
    ),
)
VERSION = len(MIGRATIONS)


def connect(path, timeout):
    """A connection for the workspace's own changes: WAL, full sync, foreign keys, secure delete."""
    db = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA secure_delete=ON")
    except sqlite3.Error:
        db.close()
        raise
    return db


def _not_a_workspace(path, reason):
    return workspace_error("not_a_workspace", file=path, reason=reason)


def check_file(db, path):
    """Refuse a file that is not a workspace or outreach log, or one written by a newer infoview."""
    try:
        log_version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = 0
        if "workspace_meta" in tables:
            found = db.execute("SELECT value FROM workspace_meta WHERE key = 'version'").fetchone()
            version = int(found[0]) if found else 0
    except (sqlite3.Error, ValueError) as error:
        raise _not_a_workspace(path, error) from None
    if tables and "outreach" not in tables:
        raise _not_a_workspace(path, "it holds other tables: " + ", ".join(sorted(tables)[:5]))
    if log_version > LOG_VERSION or version > VERSION:
        raise workspace_error("newer_version", file=path, log_version=log_version, version=version,
                              known_log=LOG_VERSION, known=VERSION)


def migrate(db, path):
    """Bring the workspace tables to :data:`VERSION`; call inside a write transaction."""
    check_file(db, path)
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    version = 0
    if "workspace_meta" in tables:
        version = int(db.execute("SELECT value FROM workspace_meta WHERE key = 'version'").fetchone()[0])
    if version == VERSION:
        return False
    for statements in MIGRATIONS[version:]:
        for statement in statements:
            db.execute(statement)
    db.execute("INSERT OR REPLACE INTO workspace_meta (key, value) VALUES ('version', ?)", (str(VERSION),))
    return True
