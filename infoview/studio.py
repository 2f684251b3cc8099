"""The drafting studio's settings: its language, the workspace it writes to and where drafts are saved.

``infoview app`` passes its choices to the studio page's kernel through environment variables:
:data:`ENV_LANG` (``en`` or ``de``), :data:`ENV_LOG` (the workspace file, which holds the outreach
log; by default the student's own) and :data:`ENV_SAVE_DIR` (where saved drafts go: the folder the
command was started in).

>>> settings = settings_from_environment({ENV_LANG: "de", ENV_LOG: "/data/log.sqlite3", ENV_SAVE_DIR: "/data"})
>>> settings.language, str(settings.log_path), settings.practice
('de', '/data/log.sqlite3', False)
>>> settings_from_environment({}).practice
True
"""

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .resources import LANGUAGES

__all__ = ["ENV_LANG", "ENV_LOG", "ENV_SAVE_DIR", "PRACTICE_LOG_NAME", "StudioSettings", "settings_from_environment"]

ENV_LANG = "INFOVIEW_LANG"
ENV_LOG = "INFOVIEW_LOG"
ENV_SAVE_DIR = "INFOVIEW_SAVE_DIR"
#: The log used when the studio notebook runs without ``infoview app`` (for example under a test).
PRACTICE_LOG_NAME = "infoview-studio-practice.sqlite3"


@dataclass(frozen=True)
class StudioSettings:
    """What the studio shows and where it writes: language, workspace file (``log_path``), folder for drafts."""

    language: str
    log_path: Path
    save_dir: Path
    practice: bool  # True when no log was chosen: entries go to a practice log in the temp folder


def settings_from_environment(environ=None):
    """The studio's settings from the variables ``infoview app`` sets (sensible defaults without them)."""
    environ = os.environ if environ is None else environ
    language = environ.get(ENV_LANG, "en")
    if language not in LANGUAGES:
        language = "en"
    log = environ.get(ENV_LOG, "").strip()
    save_dir = environ.get(ENV_SAVE_DIR, "").strip()
    return StudioSettings(
        language=language,
        log_path=Path(log) if log else Path(tempfile.gettempdir()) / PRACTICE_LOG_NAME,
        save_dir=Path(save_dir) if save_dir else Path.home(),
        practice=not log,
    )
