"""A student's work survives closing the notebook and shutting down its kernel (issue 12).

The student opens a notebook with the email drafter and the LAMP target list, types an email
and adds an employer, closes the notebook with File → Close and Shut Down Notebook, opens it
again another time and runs it: the email and the employer are still there, because the widgets
keep them in the student's workspace file.
"""

import uuid

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from .conftest import NOTEBOOKS

EMAIL = ("Dear Ms Kurz,\n\nI study data science in Leipzig and read your talk on open data. Would you have "
         "20 minutes in the next weeks to tell me how you came to your role?\n\nBest regards,\nAda")


@pytest.fixture
def workbook():
    """A notebook in the served folder that shows the drafter and the target list; removed afterwards."""
    name = f"persistence-{uuid.uuid4().hex[:8]}.ipynb"
    nb = new_notebook(cells=[
        new_code_cell("from infoview.widgets import EmailDrafter, TargetListWidget\n"
                      'EmailDrafter("outreach", "en")'),
        new_code_cell('TargetListWidget(language="en")'),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = NOTEBOOKS / name
    nbformat.write(nb, path)
    yield name
    path.unlink(missing_ok=True)
    (NOTEBOOKS / ".ipynb_checkpoints" / f"{path.stem}-checkpoint.ipynb").unlink(missing_ok=True)


def test_drafts_and_targets_are_there_after_the_kernel_was_shut_down(workbook, lab_page, student, screenshot):
    page = lab_page.page
    lab_page.open(workbook)
    lab_page.run_all()
    _, body, _ = student.drafter(page)
    body.fill(EMAIL)
    employer = f"Stadtwerke {uuid.uuid4().hex[:6]}"
    targets = page.locator(".widget-vbox:has(> .widget-html table), .widget-vbox:has(> .widget-html i)").last
    form = page.locator(".widget-text:has(label:text-is('Employer')) input").first
    form.fill(employer)
    page.locator(".widget-button").get_by_text("Add", exact=True).last.click()
    page.locator("td").get_by_text(employer, exact=True).first.wait_for()
    page.wait_for_timeout(1500)  # the drafter saves after its pause in typing
    lab_page.close()

    lab_page.open(workbook)
    lab_page.run_all()
    _, body, _ = student.drafter(page)
    body.wait_for()
    page.wait_for_function("t => [...document.querySelectorAll('textarea')].some(a => a.value === t)", arg=EMAIL)
    page.locator("td").get_by_text(employer, exact=True).first.wait_for()
    screenshot(targets, "persistence-reopened")
