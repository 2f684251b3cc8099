"""``infoview app``: the drafting studio, a Voilà page with the whole course on the student's workspace.

The page is the notebook ``infoview/content/app/studio.ipynb`` served by Voilà without its code
(``--strip_sources=True``), copied with the page title in the chosen language; the command hands
its choices to the page through the environment variables of :mod:`infoview.studio`.
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
from importlib.resources import files
from pathlib import Path

from ..resources import LANGUAGES
from ..studio import ENV_LANG, ENV_LOG, ENV_SAVE_DIR
from ..texts import text, texts

__all__ = ["register", "run", "studio_notebook", "voila_command", "DEFAULT_PORT"]

DEFAULT_PORT = 8866


def register(subparsers, language):
    t, metavars = texts("cli.app", language), texts("cli.metavars", language)
    app = subparsers.add_parser("app", help=t["help"], description=t["description"])
    app.add_argument("--lang", choices=LANGUAGES, default=language, help=t["lang"])
    app.add_argument("--port", type=int, default=DEFAULT_PORT, metavar=metavars["port"],
                     help=t["port"].format(port=DEFAULT_PORT))
    app.add_argument("--no-browser", action="store_true", help=t["no_browser"])
    app.add_argument("--log", metavar=metavars["path"], help=t["log"])
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


def studio_notebook(folder, language):
    """Write the studio notebook into ``folder`` with its page title in ``language``; return its path.

    >>> import tempfile
    >>> path = studio_notebook(tempfile.mkdtemp(), "de")
    >>> json.loads(path.read_text(encoding="utf-8"))["metadata"]["title"]
    'Schreibwerkstatt – infoview'
    """

    notebook = json.loads(files("infoview").joinpath("content", "app", "studio.ipynb").read_text(encoding="utf-8"))
    notebook["metadata"]["title"] = text("studio.page_title", language)
    path = Path(folder) / "studio.ipynb"
    path.write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")
    return path


def run(args):
    from importlib.util import find_spec

    from ..workspace import Workspace

    if find_spec("voila") is None:
        print(text("studio.cli_needs_voila", args.lang), file=sys.stderr)
        return 2

    # Open the workspace here first, so a broken or unreadable file is reported on the terminal
    # (an outreach log file is migrated to a workspace here, once).
    with Workspace(Path(args.log).expanduser() if args.log else None) as workspace:
        log_path = workspace.path.resolve()
    env = {**os.environ, ENV_LANG: args.lang, ENV_LOG: str(log_path), ENV_SAVE_DIR: os.getcwd()}
    with tempfile.TemporaryDirectory(prefix="infoview-studio-") as folder:
        notebook = studio_notebook(folder, args.lang)
        print(text("studio.cli_starting", args.lang, path=log_path), file=sys.stderr)
        print(text("studio.cli_open", args.lang), file=sys.stderr, flush=True)
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
