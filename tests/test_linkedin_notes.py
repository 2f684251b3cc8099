"""LinkedIn notes: the templates, the character limit (300, 200 on a free account) and the drafter."""

import re

import pytest

from infoview.emails import Draft, lint_email, render_email
from infoview.emails.lint import CHAR_LIMITS, FREE_ACCOUNT_CHAR_LIMITS, char_count
from infoview.emails.message import channel_of, salutation
from infoview.emails.render import example_fields, get_template, parse_template, variants
from infoview.errors import TemplateError

NOTES = [(variant, language) for language in ("en", "de") for variant in variants("linkedin", language)]


def test_both_variants_exist_in_both_languages():
    assert variants("linkedin", "en") == variants("linkedin", "de") == ("connection_note", "after_meeting")


@pytest.mark.parametrize("variant,language", NOTES)
def test_every_note_renders_within_the_limit_without_errors(variant, language):
    template = get_template("linkedin", language, variant)
    note = render_email("linkedin", language, variant, **example_fields("linkedin", language, variant))
    assert note.subject == "" and note.as_text() == note.body + "\n"  # a note has no subject
    lines = note.body.split("\n")
    example = template.example
    assert lines[0] == salutation(example.get("first_name"), example.get("last_name"), example.get("title"),
                                  example.get("form_of_address"), language)
    assert lines[-1] == example["sender_name"]
    if language == "de":
        assert lines[1][0].islower() and re.search(r"\b(Sie|Ihnen|Ihr)\b", note.body)
    assert "{" not in note.body and "[" not in note.body and "  " not in note.body
    assert char_count(note.body) <= CHAR_LIMITS["linkedin"]
    assert [f.rule for f in lint_email(note.body, "linkedin", language) if f.severity != "tip"] == []


def test_over_the_limit_is_an_error_saying_by_how_much_in_both_languages():
    english = "Dear Kim Meyer,\n" + "I enjoyed your talk on heat maps. " * 9  # 16 + 9 * 34 - 1 characters
    assert char_count(english) == 321
    (finding,) = lint_email(english, "linkedin", "en")
    assert (finding.rule, finding.severity) == ("char-limit", "error")
    assert finding.message.startswith("321 characters: 21 over LinkedIn's limit of 300. Cut 21 characters")
    assert char_count(english[:finding.start]) == 300 and finding.end == len(english.rstrip())
    (free,) = lint_email(english, "linkedin", "en", char_limit=FREE_ACCOUNT_CHAR_LIMITS["linkedin"])
    assert "121 over LinkedIn's limit of 200" in free.message
    german = "Guten Tag Kim Meyer,\n" + "Ihr Vortrag über Hitzekarten hat mich beeindruckt. " * 6
    (finding,) = lint_email(german, "linkedin", "de")
    assert finding.message.startswith(f"{char_count(german)} Zeichen: {char_count(german) - 300} mehr, als LinkedIn "
                                      "mit 300 zulässt")
    assert lint_email(english[:300], "linkedin", "en") == []  # exactly at the limit is fine


def test_characters_are_counted_as_linkedin_counts_them():
    assert char_count("  Guten Tag,\r\nFrau Weiß  ") == len("Guten Tag,\nFrau Weiß")  # trimmed, CRLF is one
    assert char_count("Danke 🙂") == 8  # an emoji is two UTF-16 units
    at_limit = "a" * 298 + "🙂"
    assert char_count(at_limit) == 300 and lint_email(at_limit, "linkedin") == []
    (finding,) = lint_email(at_limit + "!", "linkedin")
    assert (at_limit + "!")[finding.start:] == "!" and "1 over" in finding.message


def test_bad_char_limits_and_subjects_are_refused():
    with pytest.raises(ValueError, match="char_limit"):
        lint_email("Hello", "outreach", char_limit=200)
    with pytest.raises(ValueError, match="char_limit"):
        lint_email("Hello", "linkedin", char_limit=0)
    with pytest.raises(TemplateError, match="has no subject"):
        parse_template("Subject: Hi\n\n{{ salutation }}\nNice to meet you.", kind="linkedin", variant="mine",
                       language="en")
    own = parse_template("{{ salutation }}\nGreat to meet you at {{ event }}.\n{{ sender_name }}", kind="linkedin",
                         variant="event", language="en")
    assert [f.name for f in own.fields][:2] == ["first_name", "last_name"]  # the first line is not a subject


def test_the_drafter_counts_characters_for_a_note():
    draft = Draft("linkedin", "de")
    draft.fill_example()
    state = draft.state
    assert state.char_limit == 300 and state.char_count == char_count(state.body) and not state.over_limit
    assert draft.word_count_text() == f"{state.char_count} von höchstens 300 Zeichen"
    assert "Betreff" not in draft.preview_html() and "mailto" not in draft.mailto_html()
    assert draft.channel == channel_of("linkedin") == "linkedin" and Draft("thank_you").channel == "email"
    draft.set_char_limit(200)
    assert draft.state.far_over_limit and [f.rule for f in draft.state.findings] == ["char-limit"]
    assert f"{state.char_count - 200} Zeichen zu viel" in draft.word_count_html()
    draft.set_char_limit("many")
    assert draft.state.char_limit == 300 and "keine Zeichenzahl" in draft.state.messages[0]
    draft.set_template(kind="outreach")
    assert draft.state.char_limit is None and "Wörtern" in draft.word_count_text()


def test_the_drafter_widget_offers_the_free_account_only_for_notes():
    from infoview.widgets import EmailDrafter

    widget = EmailDrafter("linkedin", "en", example=True)
    assert widget.subject.layout.display == "none" and widget.free_account.layout.display is None
    assert "of at most 300 characters" in widget.word_count.value
    widget.free_account.value = True
    assert "of at most 200 characters" in widget.word_count.value and "char-limit" in widget.findings.value
    widget.kind_select.value = "thank_you"
    assert widget.subject.layout.display is None and widget.free_account.layout.display == "none"
    assert "words" in widget.word_count.value


def test_the_command_line_checks_notes_in_characters(tmp_path, capsys):
    from infoview.cli import main

    note = tmp_path / "note.txt"
    note.write_text("Dear Ms. Okafor,\nI heard your panel on municipal heat plans last week and would be glad to "
                    "connect. Your point about shade maps stayed with me.\nAmara Boateng\n", encoding="utf-8")
    size = char_count(note.read_text(encoding="utf-8"))
    assert 100 < size < 200
    assert main(["lint", "--kind", "linkedin", str(note)]) == 0
    assert f"(linkedin, en, {size} of 300 characters): no findings" in capsys.readouterr().out
    assert main(["draft", "linkedin", "--example", "--check", "--free-account"]) == 1
    assert "over LinkedIn's limit of 200" in capsys.readouterr().err
    note.write_text(note.read_text(encoding="utf-8") * 2, encoding="utf-8")
    assert main(["lint", "--kind", "linkedin", "--free-account", str(note)]) == 1
    assert f"{2 * size + 1} characters: {2 * size + 1 - 200} over LinkedIn's limit of 200" in capsys.readouterr().out
