"""The outreach log: its columns and checks (:mod:`.columns`, cells as clean text in :mod:`.cells`),
reading files (:mod:`.files` for the file formats, :mod:`.read` for :func:`read_log`), writing and
exporting them (:mod:`.write`), the privacy policy (:mod:`.privacy`), the SQLite store
(:mod:`.store`), reminders (:mod:`.reminders`), sample data (:mod:`.sample`) and the logger
widget's model (:mod:`.logger`).

>>> from infoview.log import due, sample_log
>>> log = sample_log(students=1, weeks=3, seed=1)
>>> set(due(log, today="2025-12-01")["action"]) <= {"follow_up", "keep_in_touch", "second_contact", "thank_you"}
True
"""

from .logger import EVENTS, OutreachLoggerModel
from .columns import (CATEGORY_COLUMNS, CHANNELS, LOG_COLUMNS, MAX_PROBLEMS, REQUIRED_COLUMNS, RESPONSES, SOURCES,
                      TEXT_COLUMNS, TIMESTAMP_COLUMNS, normalise, normalise_row, vocabulary)
from .read import check_log, read_log
from .reminders import ACTIONS, DUE_COLUMNS, due
from .sample import REPLY_RATES, SAMPLE_FILES, sample_log, write_sample_files
from .store import SCHEMA_VERSION, ImportResult, OutreachLog, default_path
from .privacy import pseudonym, scrub
from .write import FORMATS, export_frame, neutralise, write_log

__all__ = ["ACTIONS", "CATEGORY_COLUMNS", "CHANNELS", "DUE_COLUMNS", "EVENTS", "FORMATS", "ImportResult",
           "LOG_COLUMNS", "MAX_PROBLEMS", "OutreachLog", "OutreachLoggerModel", "REPLY_RATES", "REQUIRED_COLUMNS",
           "RESPONSES", "SAMPLE_FILES", "SCHEMA_VERSION", "SOURCES", "TEXT_COLUMNS", "TIMESTAMP_COLUMNS", "check_log",
           "default_path", "due", "export_frame", "neutralise", "normalise", "normalise_row", "pseudonym", "read_log",
           "sample_log", "scrub", "vocabulary", "write_log", "write_sample_files"]
