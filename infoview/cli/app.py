"""``infoview app``: the drafting studio, a Voilà page with the email drafter, question planner and log.

The page is the notebook ``infoview/content/app/studio.ipynb`` served by Voilà without its code
(``--strip_sources=True``). The command passes its choices to the notebook's kernel through
environment variables: :data:`ENV_LANG` (``en`` or ``de``), :data:`ENV_LOG` (the outreach log,
by default the student's own one, as ``iv.OutreachLog()`` opens it) and :data:`ENV_SAVE_DIR`
(where saved drafts go: the folder the command was started in).

>>> settings = settings_from_environment({ENV_LANG: "de", ENV_LOG: "/data/log.sqlite3", ENV_SAVE_DIR: "/data"})
>>> settings.language, str(settings.log_path), settings.practice
('de', '/data/log.sqlite3', False)
>>> settings_from_environment({}).practice
True
"""

import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

from ..resources import LANGUAGES

__all__ = ["register", "run", "voila_command", "settings_from_environment", "StudioSettings",
           "ENV_LANG", "ENV_LOG", "ENV_SAVE_DIR", "PRACTICE_LOG_NAME", "DEFAULT_PORT"]

ENV_LANG = "INFOVIEW_LANG"
ENV_LOG = "INFOVIEW_LOG"
ENV_SAVE_DIR = "INFOVIEW_SAVE_DIR"
#: The log used when the studio notebook runs without ``infoview app`` (for example under a test).
PRACTICE_LOG_NAME = "infoview-studio-practice.sqlite3"
DEFAULT_PORT = 8866


@dataclass(frozen=True)
class StudioSettings:
    """What the studio shows and where it writes: language, log file, folder for saved drafts."""

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


def register(subparsers):
    app = subparsers.add_parser(
        "app", help="open the drafting studio in your browser: email drafter, question planner, outreach log",
        description="Open the drafting studio, a page with the email drafter, the question planner and "
                    "your outreach log, without any code. Stop it with Ctrl+C.")
    app.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the page (default en)")
    app.add_argument("--port", type=int, default=DEFAULT_PORT,
                     help=f"port on this computer (default {DEFAULT_PORT}; the next free one if taken)")
    app.add_argument("--no-browser", action="store_true", help="only print the address, do not open a browser")
    app.add_argument("--log", metavar="PATH",
                     help="the outreach log to use (default: your own log, the one iv.OutreachLog() opens)")
    app.set_defaults(run=run)


def voila_command(notebook, port, open_browser=True):
    """The Voilà command line serving ``notebook`` on 127.0.0.1 with a token and without code.

    >>> voila_command("studio.ipynb", 8870, open_browser=False)[3:]
    ['studio.ipynb', '--port=8870', '--Voila.ip=127.0.0.1', '--token', '--strip_sources=True', '--no-browser']
    """
    command = [sys.executable, "-m", "voila", str(notebook), f"--port={port}", "--Voila.ip=127.0.0.1", "--token",
               "--strip_sources=True"]
    if not open_browser:
        command.append("--no-browser")
    return command


def run(args):
    from importlib.util import find_spec

    from ..store import OutreachLog

    if find_spec("voila") is None:
        print("infoview: the drafting studio needs Voilà; install it with: pip install voila", file=sys.stderr)
        return 2

    # Open the log here first, so a broken or unreadable file is reported on the terminal.
    with OutreachLog(Path(args.log).expanduser() if args.log else None) as log:
        log_path = log.path.resolve()
    env = {**os.environ, ENV_LANG: args.lang, ENV_LOG: str(log_path), ENV_SAVE_DIR: os.getcwd()}
    with as_file(files("infoview").joinpath("content", "app", "studio.ipynb")) as notebook:
        print(f"infoview: starting the drafting studio ({args.lang}); your log is {log_path}", file=sys.stderr)
        print("infoview: open the address printed below; stop with Ctrl+C", file=sys.stderr, flush=True)
        voila = subprocess.Popen(voila_command(notebook, args.port, not args.no_browser), env=env)
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: voila.terminate())
        try:
            while True:
                try:
                    code = voila.wait()
                    break
                except KeyboardInterrupt:  # Voilà got the Ctrl+C too and is shutting down
                    continue
        finally:
            signal.signal(signal.SIGTERM, previous)
            if voila.poll() is None:
                voila.terminate()
                voila.wait()
    return 0 if code in (0, -signal.SIGINT, -signal.SIGTERM) else code
