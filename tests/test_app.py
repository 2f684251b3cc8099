"""The drafting studio (``infoview app``) without a browser: settings, the widget, the command.

The page itself, served by Voilà and used in Chromium, is tested in ``tests/browser/test_studio.py``.
"""

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from infoview.cli import main
from infoview.cli.app import voila_command
from infoview.studio import ENV_LANG, ENV_LOG, ENV_SAVE_DIR, PRACTICE_LOG_NAME, settings_from_environment
from infoview.resources import bundled_path, load_bundled
from infoview.log.store import OutreachLog
from infoview.widgets.studio import TABS, DraftingStudio
from infoview.workspace import Workspace

TEXTS = load_bundled("texts/studio.yaml")


def test_every_studio_text_exists_in_both_languages():
    for key, entry in TEXTS.items():
        assert set(entry) == {"en", "de"} and all(entry[lang].strip() for lang in entry), key


def test_settings_come_from_the_environment_with_a_practice_log_as_fallback(tmp_path):
    chosen = settings_from_environment({ENV_LANG: "de", ENV_LOG: str(tmp_path / "log.sqlite3"),
                                        ENV_SAVE_DIR: str(tmp_path)})
    assert (chosen.language, chosen.log_path, chosen.save_dir, chosen.practice) == (
        "de", tmp_path / "log.sqlite3", tmp_path, False)
    fallback = settings_from_environment({ENV_LANG: "fr"})
    assert fallback.language == "en" and fallback.practice and fallback.log_path.name == PRACTICE_LOG_NAME


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_studio_holds_the_whole_course_in_its_language(tmp_path, language):
    studio = DraftingStudio(tmp_path / "log.sqlite3", language, tmp_path)
    assert list(studio.tabs.titles) == [TEXTS[k][language] for k in TABS]
    pages = studio.tabs.children
    assert studio.targets in pages[0].children
    assert pages[1:5] == (studio.drafter, studio.planner, studio.logger, studio.notes)
    assert studio.drafter.draft.language == language and studio.planner.language == language
    assert TEXTS["title"][language] in studio.children[0].value
    assert str(tmp_path / "log.sqlite3") in studio.children[2].value

    # The logger in the studio writes to the log it was given.
    logger = studio.logger
    logger.contact.value, logger.organisation.value, logger.sent_at.value = "Dr. Lena Kurz", "Nordlicht", "2025-03-03"
    logger.add_button.click()
    with OutreachLog(tmp_path / "log.sqlite3") as log:
        assert log.to_frame()["contact"].tolist() == ["Dr. Lena Kurz"]


def test_the_studio_tabs_share_one_workspace(tmp_path):
    studio = DraftingStudio(tmp_path / "ws.sqlite3", "en", tmp_path)
    studio.targets.add("Nordlicht", motivation=3, contact="Lena Kurz")
    notes = studio.notes
    notes.date.value = "2025-03-10"
    notes.typed.value = "Lena Kurz (Nordlicht)"
    notes.actions[0][0].value, notes.actions[0][1].value = "Send her the article", "2025-03-12"
    notes.save_button.click()
    studio.tabs.selected_index = TABS.index("tab_due")
    assert "Send her the article" in studio.due_list.value
    studio.tabs.selected_index = TABS.index("tab_progress")
    assert "3 of 7 milestones" in studio.progress_table.value  # targets, conversation, debrief
    assert "Employers on your LAMP list" in studio.progress_table.value

    again = DraftingStudio(Workspace(tmp_path / "ws.sqlite3"), "en", tmp_path)
    assert "Nordlicht" in again.targets.table.value and "Send her the article" in again.due_list.value
    assert "Lena Kurz" in again.notes.earlier.value


def test_the_drafter_in_the_studio_has_the_preview_beside_the_editor(tmp_path):
    studio = DraftingStudio(tmp_path / "ws.sqlite3", "en", tmp_path)
    (row,) = studio.drafter.children
    editor, feedback = row.children
    assert row.layout.flex_flow == "row wrap"
    assert studio.drafter.body in editor.children and studio.drafter.preview in feedback.children
    assert "Ctrl" in studio.planner.focus_hint.value
    assert studio.planner.question.description == "" and studio.planner.question.layout.width == "98%"


def test_the_studio_says_when_its_log_is_only_for_practice(tmp_path):
    studio = DraftingStudio.from_environment({ENV_LOG: "", ENV_SAVE_DIR: str(tmp_path)})
    assert studio.outreach_log.path.name == PRACTICE_LOG_NAME
    assert "infoview app" in studio.children[2].value


def test_a_broken_log_is_a_message_and_the_other_tools_still_work(tmp_path):
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    studio = DraftingStudio(broken, "de", tmp_path)
    assert studio.outreach_log is None
    assert "Kontaktprotokoll ließen sich nicht öffnen" in studio.logger.value
    assert studio.targets.workspace is None and studio.notes.save_button.disabled
    studio.targets.add("Nordlicht")
    assert Workspace().targets().ranked() == []  # nothing went to the student's own workspace instead
    studio.drafter.body.value = "Haben Sie offene Stellen?"
    studio.drafter.refresh()
    assert "asks-for-job" in studio.drafter.findings.value


def test_the_app_notebook_is_one_code_cell_without_outputs():
    notebook = nbformat.reads(bundled_path("app/studio.ipynb").read_text(encoding="utf-8"), as_version=4)
    nbformat.validate(notebook)
    assert [c.cell_type for c in notebook.cells] == ["code"]
    assert notebook.cells[0].outputs == [] and "DraftingStudio.from_environment()" in notebook.cells[0].source


def test_voila_serves_the_page_locally_with_a_token_and_without_code():
    command = voila_command(Path("studio.ipynb"), 8870, open_browser=False)
    assert command[:3] == [sys.executable, "-m", "voila"]
    assert {"--Voila.ip=127.0.0.1", "--token", "--strip_sources=True", "--no-browser", "--port=8870"} <= set(command)
    assert "--no-browser" not in voila_command("studio.ipynb", 8870)


def test_a_broken_log_stops_the_command_before_voila_starts(tmp_path, capsys):
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    assert main(["app", "--log", str(broken), "--no-browser"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("infoview: ") and "broken.sqlite3" in err and "not an infoview" in err


def test_the_command_in_a_real_process():
    out = subprocess.run([sys.executable, "-m", "infoview", "app", "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    for option in ("--lang", "--port", "--no-browser", "--log"):
        assert option in out.stdout
    bad = subprocess.run([sys.executable, "-m", "infoview", "app", "--lang", "fr"], capture_output=True, text=True)
    assert bad.returncode == 2 and "invalid choice: 'fr'" in bad.stderr


def test_the_page_title_is_the_studio_in_the_chosen_language(tmp_path):
    from infoview.cli.app import studio_notebook

    for language in ("en", "de"):
        page = nbformat.reads(studio_notebook(tmp_path, language).read_text(encoding="utf-8"), as_version=4)
        assert page.metadata.title == TEXTS["page_title"][language] and "studio" != page.metadata.title
        assert page.cells[0].source == nbformat.reads(bundled_path("app/studio.ipynb").read_text(encoding="utf-8"),
                                                      as_version=4).cells[0].source
