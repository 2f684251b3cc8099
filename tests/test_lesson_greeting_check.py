"""Lesson 03's rewrite check names an informal greeting as such, instead of asking for a name that is there."""

from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSON = {"en": ROOT / "notebooks" / "en" / "03_the_outreach_email.ipynb",
          "de": ROOT / "notebooks" / "de" / "03_die_anfrage_per_email.ipynb"}
ANSWER = {"en": "my_email", "de": "meine_email"}


def _run_check(language, greeting):
    """Run lesson 03 up to the rewrite check, with the model answer greeting by ``greeting``; the error or None."""
    nb = nbformat.read(LESSON[language], as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    answer = next(i for i, s in enumerate(code) if s.lstrip().startswith("#") and "### BEGIN SOLUTION" in s
                  and ANSWER[language] in s)
    namespace = {}
    for source in code[:answer + 1]:
        exec(compile(source, str(LESSON[language]), "exec"), namespace)
    first_line = namespace[ANSWER[language]].split("\n")[0]
    namespace[ANSWER[language]] = namespace[ANSWER[language]].replace(first_line, greeting, 1)
    try:
        exec(compile(code[answer + 1], str(LESSON[language]), "exec"), namespace)
    except AssertionError as error:
        return str(error)
    return None


@pytest.mark.parametrize("language, greeting, says", [
    ("de", "Hallo Claudia,", "zu vertraut"), ("de", "Liebe Claudia,", "zu vertraut"),
    ("de", "Hallo Frau Dr. Brandt,", "zu vertraut"), ("de", "Guten Tag,", "Anrede mit Namen"),
    ("en", "Hi Claudia,", "too familiar"), ("en", "Hello Dr. Brandt,", "too familiar"),
    ("en", "Dear Claudia,", "too familiar"), ("en", "Dear Sir or Madam,", "greeting by name"),
])
def test_the_greeting_check_names_the_real_problem(language, greeting, says):
    message = _run_check(language, greeting)
    assert message and says in message
    if says != "greeting by name" and says != "Anrede mit Namen":
        assert greeting.rstrip(",") in message and "Brandt" in message


@pytest.mark.parametrize("language, greeting", [("de", "Sehr geehrte Frau Dr. Brandt,"),
                                                ("de", "Guten Tag Frau Dr. Brandt,"), ("en", "Dear Dr. Brandt,")])
def test_a_formal_greeting_passes(language, greeting):
    assert _run_check(language, greeting) is None
