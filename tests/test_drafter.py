"""The email drafter: the plain-Python model (infoview.emails.draft) and the real ipywidgets view, headless."""

import asyncio
import email
import email.policy
import html
import re
from types import SimpleNamespace
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

import infoview.emails.draft as drafting
from infoview.emails.draft import Draft
from infoview.emails.marks import highlight_html
from infoview.texts import text
from infoview.emails.render import clear_registered_templates, example_fields, register_templates
from infoview.emails.lint import lint_email, word_count
from infoview.widgets import EmailDrafter

JOB_ASK = "Do you have any internship openings on your team?"


@pytest.fixture(autouse=True)
def _no_registered_templates():
    yield
    clear_registered_templates()


def visible_text(markup):
    """What a reader sees of an HTML fragment: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


# ------------------------------------------------------------------ the model


def test_an_empty_draft_previews_with_placeholders_and_lists_what_is_missing():
    draft = Draft("follow_up", "en")
    state = draft.state
    assert state.missing == ("Their first name", "Their last name", "When you first wrote", "What they work on",
                             "Their organisation", "Your name")
    assert "I wrote to you [When you first wrote] about your work on [What they work on]" in state.body
    assert state.subject == "A short follow-up"
    assert "unfilled-placeholder" in {f.rule for f in state.findings}
    assert visible_text(draft.messages_html()).startswith("Still to fill in: Their first name, Their last name")


def test_the_example_draft_is_complete_and_clean():
    draft = Draft("outreach", "de", "association")
    draft.fill_example()
    state = draft.state
    assert state.missing == () and state.messages == () and not state.edited
    # the example goes to Zürich: Swiss form, which the linter checks for Switzerland
    assert draft.region == "de-CH" and state.body.startswith("Sehr geehrte Frau Dr. Meyer\n\nWir sind beide Mitglied")
    assert [f for f in state.findings if f.severity == "error"] == []
    draft.set_region("de-DE")
    assert draft.state.body.startswith("Sehr geehrte Frau Dr. Meyer,\n\nwir sind beide Mitglied")
    assert [f.rule for f in draft.state.findings if f.rule in ("salutation-punctuation", "sharp-s")] == []
    assert state.word_count == word_count(state.body)
    assert (state.word_limit, state.word_target) == (100, 75) and not state.over_limit
    assert text("drafter.no_findings", "de") in visible_text(draft.findings_html())


def test_switching_kind_language_and_variant_keeps_the_fields():
    draft = Draft("outreach", "en", fields={"first_name": "Kim", "last_name": "Lee", "title": "Dr."})
    draft.set_template(kind="thank_you")
    assert (draft.kind, draft.variant) == ("thank_you", "standard")
    assert draft.state.body.startswith("Dear Dr. Lee,")
    draft.set_template(variant="referral")
    assert "[Whom they suggested you contact]" in draft.state.body
    draft.set_template(language="de")
    assert (draft.language, draft.variant) == ("de", "referral")
    assert draft.state.body.startswith("Guten Tag Dr. Kim Lee,")
    assert [label for label, _ in draft.variants()] == ["Standard", "Mit Empfehlung"]
    assert dict(draft.kinds())["Erste Anfrage"] == "outreach"


def test_bad_choices_become_messages_not_exceptions():
    draft = Draft("memo", "fr", "nope")
    assert (draft.kind, draft.language, draft.variant) == ("outreach", "en", "alumni")
    messages = " ".join(draft.state.messages)
    assert "“fr” is not available" in messages and "no kind of email called “memo”" in messages
    draft.set_template(variant="nope")
    assert "no variant “nope”" in " ".join(draft.state.messages) and draft.variant == "alumni"
    draft.set_template(kind="letter", language="xx")
    assert draft.kind == "outreach" and draft.language == "en" and len(draft.state.messages) == 2


def test_a_broken_form_of_address_is_shown_as_a_message():
    draft = Draft("thank_you", "en")
    draft.fill_example()
    draft.set_field("form_of_address", "madam")
    state = draft.state
    assert state.body == "" and "form of address" in state.messages[0]
    draft.set_field("form_of_address", "male")
    assert draft.state.messages == ()


def test_hand_edits_win_until_reset():
    draft = Draft("thank_you", "en")
    draft.fill_example()
    template_body = draft.state.body
    draft.edit(body="Dear Dr. Shah,\n\nThanks a lot!\n\nBest,\nLena", subject="Thanks")
    draft.set_field("sender_name", "Somebody Else")
    state = draft.state
    assert state.edited and state.subject == "Thanks" and state.body.endswith("Best,\nLena")
    assert text("drafter.edited", "en") in state.messages
    assert "thank-you-generic" in {f.rule for f in state.findings}
    draft.reset_text()
    assert draft.state.body == template_body.replace("Lena Keller", "Somebody Else")
    assert not draft.state.edited


def test_findings_are_highlighted_in_the_preview_with_their_spans():
    draft = Draft("outreach", "en")
    draft.fill_example()
    body = draft.state.body.replace(
        "Would you have 20 minutes in the coming weeks to tell me about your path and what you wish you had "
        "known at the start?", JOB_ASK)
    draft.edit(body=body)
    state = draft.state
    job = next(f for f in state.findings if f.rule == "asks-for-job")
    assert job.severity == "error" and state.findings[0] is job  # most severe first
    preview = draft.preview_html()
    marked = re.search(r'<mark class="iv-error" data-rule="([^"]*)" title="([^"]*)"[^>]*>([^<]*)</mark>', preview)
    assert "asks-for-job" in marked.group(1).split()
    assert html.unescape(marked.group(3)) == body[job.start:job.end]
    assert job.message in html.unescape(marked.group(2)).split("\n")
    assert visible_text(preview) == f"Subject: {state.subject}{body}"
    listed = draft.findings_html()
    assert 'data-rule="asks-for-job"' in listed and text("drafter.severity_error", "en") in listed
    assert "Asking for a job" in html.unescape(listed)  # the rule's rationale as a tooltip


def test_subject_findings_are_marked_in_the_subject():
    draft = Draft("outreach", "en")
    draft.fill_example()
    draft.edit(subject="")
    state = draft.state
    assert [f.rule for f in state.findings if f.field == "subject"] == ["missing-subject"]
    draft.edit(subject="Any internship openings on your team this year")
    preview = draft.preview_html()
    assert re.search(r'<b>Subject:</b> <mark class="iv-error" data-rule="asks-for-job"', preview)


def test_the_preview_escapes_what_the_student_types():
    draft = Draft("outreach", "en")
    draft.fill_example()
    draft.set_field("focus", "<script>alert('x')</script> & <b>models</b>")
    preview = draft.preview_html()
    assert "<script>" not in preview and "<b>models</b>" not in preview
    assert "&lt;script&gt;" in preview and "&amp; " in preview
    assert "your work on <script>alert('x')</script> & <b>models</b> at Swiss Re" in visible_text(preview)


def test_highlight_splits_overlapping_findings_and_keeps_the_text():
    text = "one two three four"
    findings = [SimpleNamespace(rule="a", severity="tip", message="tip here", start=0, end=13),
                SimpleNamespace(rule="b", severity="error", message="fix <this>", start=4, end=18),
                SimpleNamespace(rule="c", severity="warning", message="ignored", start=30, end=40)]
    marked = highlight_html(text, findings)
    assert visible_text(marked) == text
    pieces = re.findall(r'<mark class="iv-(\w+)" data-rule="([^"]*)"[^>]*>([^<]*)</mark>', marked)
    assert pieces == [("tip", "a", "one "), ("error", "a b", "two three"), ("error", "b", " four")]
    assert 'title="tip here\nfix &lt;this&gt;"' in marked


def test_word_count_against_the_limit():
    draft = Draft("follow_up", "en")
    draft.fill_example()
    draft.edit(body="Dear Dr. Shah,\n\n" + "Some more words here. " * 20 + "\n\nBest regards,\nLena")
    state = draft.state
    assert state.word_count == 80 and state.word_limit == 75 and state.over_limit
    assert "too-long" in {f.rule for f in state.findings}
    assert visible_text(draft.word_count_html()) == "80 of at most 75 words – 5 words too many: cut until it fits on a phone screen."
    outreach = Draft("outreach", "de")
    outreach.edit(body="Guten Tag Kim Meyer,\n\n" + "Wort " * 80)
    assert outreach.word_count_text() == "80 von höchstens 100 Wörtern (ideal sind 75 oder weniger)"


def test_the_counter_is_amber_while_too_long_is_a_warning_and_red_when_an_error():
    draft = Draft("outreach", "en")
    colours = {}
    for words in (60, 101, 120, 151):
        draft.edit(body="Dear Kim Meyer,\n\n" + "word " * words)
        colours[words] = re.search(r"color:(#\w+)", draft.word_count_html()).group(1)
        severities = {f.severity for f in draft.state.findings if f.rule == "too-long"}
        assert severities == ({"error"} if words > 150 else {"warning"} if words > 100 else severities)
    assert colours == {60: "#1e7e34", 101: "#8a6d00", 120: "#8a6d00", 151: "#c0392b"}
    draft.edit(body="Dear Kim Meyer,\n\n" + "word " * 101)
    assert "1 word too many:" in visible_text(draft.word_count_html())


def test_mailto_link_carries_the_draft_and_never_sends():
    draft = Draft("thank_you", "de", recipient="katrin.meyer@example.ch")
    draft.fill_example()
    link = urlsplit(draft.mailto())
    assert link.scheme == "mailto" and unquote(link.path) == "katrin.meyer@example.ch"
    query = parse_qs(link.query)
    state = draft.state
    assert query["subject"] == [state.subject]
    assert query["body"] == [state.body.replace("\n", "\r\n")]
    assert "Grüsse" in query["body"][0]  # the example goes to Zürich
    assert 'href="mailto:katrin.meyer@example.ch?subject=' in draft.mailto_html()
    draft.set_recipient("not an address")
    assert draft.mailto().startswith("mailto:?subject=")
    assert "sieht nicht wie eine E-Mail-Adresse aus" in visible_text(draft.messages_html())
    draft.edit(body="x " * 1500)
    assert text("drafter.mailto_long", "de") in visible_text(draft.messages_html())


def test_save_as_txt_and_eml(tmp_path):
    draft = Draft("outreach", "de", "cold", recipient="k.meyer@example.ch")
    draft.fill_example()
    state = draft.state
    saved = draft.save(tmp_path / "anfrage")
    assert saved.ok and saved.path == tmp_path / "anfrage.txt" and str(saved.path) in saved.message
    assert saved.path.read_text(encoding="utf-8") == f"Betreff: {state.subject}\n\n{state.body}\n"
    eml = draft.save(tmp_path / "anfrage", "eml")
    message = email.message_from_bytes(eml.path.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == state.subject and message["To"] == "k.meyer@example.ch"
    assert message["X-Unsent"] == "1" and message.get_content_type() == "text/plain"
    assert message.get_content().replace("\r\n", "\n") == state.body + "\n"
    assert "Grüssen" in message.get_content()
    again = draft.save(tmp_path / "anfrage.EML")
    assert again.ok and again.path.suffix == ".EML"


def test_save_problems_become_messages(tmp_path):
    draft = Draft("outreach", "en")
    draft.fill_example()
    wrong = draft.save(tmp_path / "draft.pdf")
    assert not wrong.ok and wrong.message == "Choose .txt or .eml, not “pdf”."
    nowhere = draft.save(tmp_path / "no" / "such" / "folder" / "draft.txt")
    assert not nowhere.ok and "Could not save" in nowhere.message and "No such file" in nowhere.message
    draft.edit(body="   ")
    assert draft.save(tmp_path / "empty.txt").message == text("drafter.save_empty", "en")
    assert list(tmp_path.iterdir()) == []


def test_a_failing_instructor_template_or_checker_is_a_message(tmp_path, monkeypatch):
    path = tmp_path / "thank_you.broken.en.j2"
    path.write_text("Subject: Thanks\n\n{{ salutation }}\n\n{{ (sender_name | length) / 0 }}\n", encoding="utf-8")
    register_templates(path)
    draft = Draft("thank_you", "en", "broken")
    draft.fill_example()
    state = draft.state
    assert state.body == "" and "division by zero" in state.messages[0]

    def broken(*args, **kwargs):
        raise RuntimeError("checker bug")

    monkeypatch.setattr(drafting, "lint_email", broken)
    other = Draft("thank_you", "en")
    other.fill_example()
    assert other.state.findings == () and "stumbled (checker bug)" in other.state.messages[0]
    assert other.state.body.startswith("Dear Dr. Shah,")


# ------------------------------------------------------------------ the widget


def test_the_widget_builds_inputs_for_the_template():
    widget = EmailDrafter("agenda", "en", save_dir=".")
    assert list(widget.field_widgets) == ["first_name", "last_name", "title", "form_of_address", "meeting_time",
                                          "place", "topic", "questions", "sender_name"]
    assert widget.kind_select.value == "agenda" and widget.variant_select.value == "in_person"
    assert [v for _, v in widget.variant_select.options] == ["in_person", "video_call"]
    assert dict(widget.field_widgets["form_of_address"].options)["Ms"] == "female"
    assert "Still to fill in" in widget.messages.value and widget.reset_button.disabled


def test_typing_in_the_fields_updates_preview_count_and_findings():
    widget = EmailDrafter("outreach", "en")
    for name, value in example_fields("outreach", "en", "alumni").items():
        widget.field_widgets[name].value = value
    state = widget.draft.state
    assert state.missing == () and widget.body.value == state.body
    assert "your work on climate risk models for insurers at Swiss Re" in visible_text(widget.preview.value)
    assert visible_text(widget.word_count.value) == f"{state.word_count} of at most 100 words"
    assert text("drafter.no_findings", "en") in visible_text(widget.findings.value)
    assert widget.mailto.value.startswith('<a class="iv-mailto" role="button" '
                                          'href="mailto:?subject=A%20current%20UZH%20student&amp;body=')
    widget.field_widgets["field"].value = "job openings in your team"
    assert 'data-rule="asks-for-job"' in widget.findings.value
    assert re.search(r'<mark class="iv-error"[^>]*>openings</mark>', widget.preview.value)


def test_example_button_list_fields_and_editing_the_text():
    widget = EmailDrafter("agenda", "de")
    widget.example_button.click()
    assert widget.field_widgets["first_name"].value == "Katrin"
    widget.field_widgets["questions"].value = "Was überrascht Sie an Ihrer Arbeit?\nMit wem sollte ich sprechen?"
    assert "- Was überrascht Sie an Ihrer Arbeit?\n- Mit wem sollte ich sprechen?" in widget.body.value
    template_text = widget.body.value
    widget.body.value = template_text.replace("Sehr geehrte Frau Dr. Meyer\n\nVielen", "Hallo Katrin,\n\nhast du")
    assert not widget.reset_button.disabled
    assert 'data-rule="informal-address"' in widget.findings.value
    widget.field_widgets["sender_name"].value = "Jemand Anders"  # ignored while edited
    assert "Jemand Anders" not in widget.body.value and "von Hand bearbeitet" in widget.messages.value
    widget.reset_button.click()
    assert widget.body.value == template_text.replace("Jonas Weber", "Jemand Anders")
    assert widget.reset_button.disabled


def test_switching_kind_and_language_relabels_and_rebuilds():
    widget = EmailDrafter("outreach", "en", example=True)
    widget.kind_select.value = "keep_in_touch"
    assert widget.variant_select.value == "article" and "article_link" in widget.field_widgets
    assert widget.field_widgets["first_name"].value == "Priya"  # kept across kinds
    widget.variant_select.value = "update"
    assert "advice" in widget.field_widgets and "article_link" not in widget.field_widgets
    widget.language_select.value = "de"  # the English examples become the German ones
    assert widget.body.value.startswith("Sehr geehrte Frau Dr. Meyer,\n\nin unserem Gespräch")
    assert "Art der E-Mail" in widget._labels["kind"].value
    assert widget.example_button.description == "Mit Beispiel füllen"
    assert dict(widget.kind_select.options)["In Kontakt bleiben"] == "keep_in_touch"


def test_save_buttons_write_into_the_save_folder(tmp_path):
    widget = EmailDrafter("thank_you", "en", example=True, save_dir=tmp_path)
    widget.recipient.value = "priya.shah@example.com"
    widget.file_name.value = "../../thanks"
    widget.save_txt.click()
    widget.save_eml.click()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thanks.eml", "thanks.txt"]
    assert "Saved to" in widget.save_status.value and "thanks.eml" in widget.save_status.value
    text = (tmp_path / "thanks.txt").read_text(encoding="utf-8")
    assert text.startswith("Subject: Thank you for your time\n\nDear Dr. Shah,")
    message = email.message_from_bytes((tmp_path / "thanks.eml").read_bytes(), policy=email.policy.default)
    assert message["To"] == "priya.shah@example.com"
    widget.save_dir = tmp_path / "missing"
    widget.save_txt.click()
    assert "Could not save" in widget.save_status.value


def test_the_widget_never_shows_a_traceback(monkeypatch):
    widget = EmailDrafter("memo", "en")
    assert "no kind of email called “memo”" in widget.messages.value
    assert widget.kind_select.value == "outreach"

    def explode():
        raise RuntimeError("boom")

    monkeypatch.setattr(widget.draft, "fill_example", explode)
    widget.example_button.click()
    assert "Something went wrong (boom)" in widget.messages.value


def _run_in_own_loop(coroutine):
    """asyncio.run in a fresh thread: another test (Playwright) may keep a loop running in this one."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_checks_wait_for_a_pause_in_typing_when_a_kernel_loop_runs(monkeypatch):
    import infoview.widgets.drafter as drafter

    monkeypatch.setattr(drafter, "in_kernel", lambda: True)  # as in JupyterLab or Voila

    async def type_quickly():
        widget = EmailDrafter("follow_up", "en", example=True, debounce=0.05)
        before = widget.preview.value
        widget.field_widgets["sent_on"].value = "on Monday"
        widget.field_widgets["sent_on"].value = "on Monday morning"
        assert widget.preview.value == before  # not yet: the check waits for a pause
        await asyncio.sleep(0.2)
        return widget.preview.value

    preview = _run_in_own_loop(type_quickly())
    assert "I wrote to you on Monday morning about" in visible_text(preview)


def test_outside_a_kernel_checks_run_at_once_even_in_an_event_loop():
    """Scripts and tests that run an event loop of their own (Playwright, asyncio) get results at once."""
    async def type_quickly():
        widget = EmailDrafter("follow_up", "en", example=True, debounce=0.05)
        widget.field_widgets["sent_on"].value = "on Monday morning"
        return widget.preview.value

    assert "I wrote to you on Monday morning about" in visible_text(_run_in_own_loop(type_quickly()))


def test_lint_of_the_widget_agrees_with_the_linter():
    widget = EmailDrafter("referral_outreach", "de", example=True)
    state = widget.draft.state
    expected = lint_email(state.body, "referral_outreach", "de", subject=state.subject, region=widget.draft.region)
    assert sorted(f.rule for f in state.findings) == sorted(f.rule for f in expected)


# -- what users hit (tried-as-a-user.md, items 4, 5 and 13) ------------------------------------------

def test_switching_language_swaps_examples_and_flags_the_students_own_english():
    draft = Draft("outreach", "en", "alumni")
    draft.fill_example()
    english = example_fields("outreach", "en", "alumni")
    draft.set_template(language="de")
    german = example_fields("outreach", "de", "alumni")
    assert all(draft.fields[name] == german[name] for name in german if name in english)
    assert not draft.state.mixed_language and "Keine Probleme" in draft.findings_html()
    draft.set_field("sender_intro", "a master's student in environmental science who would love to hear more")
    state = draft.state
    assert state.mixed_language and any("noch auf Englisch" in note for note in state.messages)
    assert "Keine Probleme" not in draft.findings_html()


def test_the_mail_program_link_looks_like_a_button():
    page = Draft("thank_you", "en").mailto_html()
    assert 'role="button"' in page and "background:#1f6feb" in page and "color:#fff" in page


def test_a_hand_written_email_drops_the_stale_missing_list_and_can_be_confirmed_clean():
    draft = Draft("thank_you", "en")
    assert draft.state.missing
    draft.fill_example()
    clean = draft.state.body
    draft = Draft("thank_you", "en")
    draft.edit(subject="Thank you for your time", body=clean)
    state = draft.state
    assert state.missing == () and "Still to fill in" not in draft.messages_html()
    assert not [f for f in state.findings if f.severity == "error"]
    if not state.findings:
        assert "No problems found" in draft.findings_html()
    draft.fill_example()
    assert any("hand-edited text stays" in note for note in draft.state.messages)
