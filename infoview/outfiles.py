"""Writing output files whole or not at all: every file infoview writes for a user (exports,
hand-ins, reports, calendars, cards, drafts) is written under a temporary name beside its place
and moved there in one step, so a crash, a full disk or a kill never leaves half a file. A
temporary file left by a process that was killed is removed the next time the same file is
written.

>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "plan.html"
>>> write_file(path, "<p>Hallo</p>").read_text(encoding="utf-8")
'<p>Hallo</p>'
>>> with replacing(path) as temporary:
...     _ = temporary.write_text("<p>Neu</p>", encoding="utf-8")
>>> path.read_text(encoding="utf-8"), sorted(p.name for p in path.parent.iterdir())
('<p>Neu</p>', ['plan.html'])
"""

import glob
import os
import secrets
import time
from contextlib import contextmanager
from pathlib import Path

__all__ = ["replacing", "write_file"]

_PARTIAL = ".partial"


def _temporary_name(path, suffix):
    """Hidden, beside the file, naming the writing process: ``.plan.html.4711-3fa2c1.partial``."""
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(3)}{_PARTIAL}{suffix}")


def _alive(pid, found):
    """Whether the process that writes ``found`` still runs. On Windows, where probing a process
    with ``os.kill`` would end it, a file counts as being written for a day after its last change."""
    if os.name != "posix":
        return time.time() - os.stat(found).st_mtime < 86_400
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it runs, as another user
        pass
    return True


def _remove_stale(path):
    """Remove the temporary files of ``path`` whose writing process no longer runs."""
    for found in glob.glob(glob.escape(str(path.with_name(f".{path.name}."))) + f"*{_PARTIAL}*"):
        pid = Path(found).name[len(path.name) + 2:].split("-", 1)[0]
        try:
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid), found):
                Path(found).unlink(missing_ok=True)
        except OSError:  # gone meanwhile, or not ours to remove: the new file is written all the same
            pass


@contextmanager
def replacing(path, *, suffix=""):
    """Yield a temporary path beside ``path``; when the block ends without error, move it to ``path``
    (with the permissions of any new file), else delete it. The folder must exist. ``suffix`` ends
    the temporary name, for writers that check the file's ending (openpyxl wants ``.xlsx``)."""
    path = Path(path)
    _remove_stale(path)
    temporary = _temporary_name(path, suffix)
    try:
        yield temporary
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_file(path, data):
    """Write text (as UTF-8) or bytes to ``path`` whole or not at all; return the path."""
    with replacing(path) as temporary:
        if isinstance(data, str):
            temporary.write_text(data, encoding="utf-8")
        else:
            temporary.write_bytes(data)
    return Path(path)
