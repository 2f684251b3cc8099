"""The drafting studio, started with ``infoview app``, in a real browser, in English and German.

Each language gets its own server and log, and one page (one kernel) that the tests below use
in turn: the page shows the three tools without code, the drafter coaches, the planner plans,
and the logger writes to the log ``infoview app --log`` named.
"""

import re
import sqlite3
import uuid
from contextlib import closing

from infoview.texts import text
from infoview.widgets.studio import TABS


def studio_text(key, language):
    return text(f"studio.{key}", language)


def open_tab(page, key, language):
    page.locator(".lm-TabBar-tab").get_by_text(studio_text(key, language), exact=True).click()


def test_studio_shows_the_whole_course_without_code(studio, studio_page, screenshot):
    language, page = studio.language, studio_page
    assert page.locator(".iv-studio-title").inner_text() == studio_text("title", language)
    assert page.title() == studio_text("page_title", language)
    tabs = page.locator(".lm-TabBar-tab").all_inner_texts()
    assert [studio_text(k, language) for k in TABS] == tabs[:len(TABS)]
    assert str(studio.log) in page.locator(".iv-studio-note").first.inner_text()
    html = page.content()
    assert "DraftingStudio" not in html and page.locator(".jp-InputArea, .cm-editor").count() == 0, "code is shown"
    text = page.locator("body").inner_text()
    assert not re.search(r"error when executing|Traceback|Error displaying widget", text), text[-2000:]
    assert not page.problems, page.problems
    screenshot(page, f"studio-{language}-1-targets")


def test_studio_drafter_coaches_as_the_student_types(studio, studio_page, student, screenshot):
    open_tab(studio_page, "tab_email", studio.language)
    box = student.write_email(studio_page.locator("body"), studio.language)
    if studio_page.viewport_size["width"] >= 1300:  # wide screens: the preview sits beside the editor
        editor = studio_page.locator("textarea:visible").last.bounding_box()  # the body, last in the editor
        preview = studio_page.locator(".iv-draft:visible").first.bounding_box()
        assert preview["x"] >= editor["x"] + editor["width"] - 1, (editor, preview)
    screenshot(box, f"studio-{studio.language}-2-asks-for-job")


def test_studio_planner_plans_and_checks_questions(studio, studio_page, screenshot):
    language, page = studio.language, studio_page
    open_tab(page, "tab_questions", language)
    plan = page.locator(".iv-plan").first
    plan.locator(".widget-html").first.wait_for()
    first = plan.inner_text()
    page.locator(".widget-button").get_by_text(text("widgets.new_plan", language), exact=True).click()
    page.wait_for_function("([el, old]) => el.innerText !== old", arg=[plan.element_handle(), first])

    closed = {"en": "Do you like your job?", "de": "Mögen Sie Ihre Arbeit?"}[language]
    page.get_by_placeholder(text("widgets.question_placeholder", language)).press_sequentially(closed)
    page.get_by_text(text("widgets.closed_hint", language)).wait_for()
    screenshot(page, f"studio-{language}-3-questions")


def test_studio_logger_writes_the_chosen_log(studio, studio_page, student, screenshot):
    language, page = studio.language, studio_page
    open_tab(page, "tab_log", language)
    contact = f"Dr. Studio Test {uuid.uuid4().hex[:8]}"
    student.add_outreach(page.locator("body"), language, contact, "Nordlicht Analytics")
    screenshot(page, f"studio-{language}-4-log")
    with closing(sqlite3.connect(studio.log)) as db:
        rows = db.execute("SELECT organisation FROM outreach WHERE contact = ?", (contact,)).fetchall()
    assert rows == [("Nordlicht Analytics",)]



def test_the_page_started_exactly_one_kernel(studio, studio_page):
    """The tests waited for Voilà's log line and opened the page once: one GET, one kernel."""
    log = studio.log_path.read_text(encoding="utf-8")
    assert log.count("Kernel started") == 1, log
