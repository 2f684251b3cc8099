"""Every test, doctest and lesson kernel keeps its workspace in a temporary data folder, and
starts with an English locale.

Widgets open the student's own workspace by default (``Workspace()`` in the user data
directory). Without this, running the suite would write into the real one, and one test's
saved plan or draft would turn up in the next test's widget.
"""

import os
import tempfile

import pytest

os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="infoview-test-data-")
# The command line takes its language from the locale when --lang is not given: tests start in English.
for _name in ("LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"


@pytest.fixture(autouse=True)
def _own_data_folder(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
