"""Output files are written whole or not at all, and what a killed writer left behind is cleaned up."""

import os
import signal
import subprocess
import sys
import textwrap

import pandas as pd
import pytest

from infoview.log.write import write_log
from infoview.outfiles import replacing, write_file


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(tmp_path):
    path = write_file(tmp_path / "report.html", "old")
    with pytest.raises(RuntimeError), replacing(path) as temporary:
        temporary.write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")
    assert path.read_text(encoding="utf-8") == "old"
    assert _leftovers(tmp_path) == []


def test_what_a_killed_export_left_is_removed_by_the_next_export(tmp_path):
    path = tmp_path / "log.csv"
    script = textwrap.dedent(f"""
        import os, signal
        from infoview.outfiles import replacing
        with replacing({str(path)!r}) as temporary:
            temporary.write_text("half a log", encoding="utf-8")
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    done = subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert done.returncode == -signal.SIGKILL
    assert len(_leftovers(tmp_path)) == 1 and not path.exists()
    write_log(pd.DataFrame({"contact": ["Lea Kurz"], "sent_at": ["2025-03-04"]}), path)
    assert _leftovers(tmp_path) == []
    assert "Lea Kurz" in path.read_text(encoding="utf-8")


def test_a_running_writer_keeps_its_temporary_file(tmp_path):
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as other:
        try:
            busy = tmp_path / f".plan.html.{other.pid}-abc123.partial"
            busy.write_text("being written", encoding="utf-8")
            stale = tmp_path / ".plan.html.999999999-abc123.partial"
            stale.write_text("left by a kill", encoding="utf-8")
            write_file(tmp_path / "plan.html", "<p>plan</p>")
            assert busy.exists() and not stale.exists()
        finally:
            other.kill()


def test_new_files_get_the_usual_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        path = write_file(tmp_path / "cards.vcf", b"BEGIN:VCARD")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644


def test_on_windows_a_temporary_file_counts_as_stale_after_a_day(tmp_path, monkeypatch):
    from infoview import outfiles

    left = tmp_path / ".plan.html.4711-abc123.partial"
    left.write_text("left", encoding="utf-8")
    monkeypatch.setattr(outfiles.os, "kill", lambda pid, signal: pytest.fail("os.kill would end the process"))
    monkeypatch.setattr(outfiles.os, "name", "nt")
    assert outfiles._alive(4711, str(left))
    os.utime(left, (0, 0))
    assert not outfiles._alive(4711, str(left))
