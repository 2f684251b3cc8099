"""Email templates, rendering in the sandbox, salutations, instructor templates and ``infoview draft``."""

import email
import email.policy
import re
import subprocess
import sys
from pathlib import Path

import pytest

import infoview as iv
from infoview.cli import main
from infoview.emails.message import EMAIL_KINDS, NOTE_KINDS, SALUTATION_FIELDS, Email, salutation
from infoview.emails.render import (clear_registered_templates, example_fields, get_template, load_templates,
                                    register_templates, render_email, templates, variants)
from infoview.emails.sandbox import render_template
from infoview.errors import TemplateError
from infoview.emails.lint import SOFT_WORD_LIMITS, WORD_LIMITS, lint_email, word_count

ALL = [(t.kind, t.variant, t.language) for t in templates()]
IDS = [f"{k}-{v}-{lang}" for k, v, lang in ALL]
EMAILS = [case for case in ALL if case[0] not in NOTE_KINDS]  # LinkedIn notes: see test_linkedin_notes.py
EMAIL_IDS = [f"{k}-{v}-{lang}" for k, v, lang in EMAILS]
GERMAN_CLOSINGS = ("Mit freundlichen Grüßen", "Viele Grüße")


@pytest.fixture(autouse=True)
def _no_registered_templates():
    yield
    clear_registered_templates()


# ------------------------------------------------------------------ the bundled templates


def test_every_kind_has_at_least_two_variants_and_the_same_ones_in_both_languages():
    assert iv.EMAIL_KINDS == ("outreach", "agenda", "follow_up", "thank_you", "keep_in_touch",
                              "referral_outreach", "linkedin")
    for kind in EMAIL_KINDS:
        assert len(variants(kind, "en")) >= 2, kind
        assert variants(kind, "en") == variants(kind, "de"), kind
    assert set(variants("outreach")) >= {"alumni", "mutual_contact", "association", "event", "cold"}
    assert set(variants("keep_in_touch")) == {"article", "congratulate", "update"}
    from infoview.cli.draft import _KINDS  # kept as a literal there so the parser loads no Jinja
    assert _KINDS == EMAIL_KINDS


@pytest.mark.parametrize("kind,variant,language", EMAILS, ids=EMAIL_IDS)
def test_every_template_renders_its_example_cleanly(kind, variant, language):
    template = get_template(kind, language, variant)
    assert template.description and template.label
    result = render_email(kind, language, variant, **example_fields(kind, language, variant))
    assert (result.kind, result.variant, result.language) == (kind, variant, language)
    assert 1 <= len(result.subject.split()) <= 8, result.subject
    text = result.subject + result.body
    assert "{" not in text and "}" not in text and "[" not in text and "None" not in text
    assert "  " not in text and "\n\n\n" not in result.body
    lines = result.body.split("\n")
    assert lines[0] == salutation(*(template.example.get(n) for n in SALUTATION_FIELDS),
                                  language=language, region=result.region)
    assert lines[1] == "" and lines[2]
    closing, signature = lines[-2], lines[-1]
    assert signature == template.example["sender_name"]
    if language == "de":
        # the German examples go to Zürich: Swiss form, no comma after the salutation, a capital after it, no ß
        assert result.region == "de-CH" and not lines[0].endswith(",") and "ß" not in text
        assert closing.replace("ss", "ß") in GERMAN_CLOSINGS  # and so without a comma
        assert lines[2][0].isupper(), "a Swiss body starts with a capital after the salutation"
        german = render_email(kind, language, variant, **{**example_fields(kind, language, variant),
                                                          "region": "de-DE"}).body.split("\n")
        assert german[0].endswith(",") and german[-2] in GERMAN_CLOSINGS
        assert german[2][0].islower(), "a German body continues in lower case after the salutation"
        assert not re.search(r"\b(du|dich|dir|dein\w*|euch|Hallo)\b", result.body)
    else:
        assert closing.endswith(",") and lines[2][0].isupper()


@pytest.mark.parametrize("kind,variant,language", EMAILS, ids=EMAIL_IDS)
def test_every_rendered_example_lints_without_errors(kind, variant, language):
    result = render_email(kind, language, variant, **example_fields(kind, language, variant))
    findings = lint_email(result.body, kind, language, subject=result.subject, region=result.region)
    assert [f.rule for f in findings if f.severity == "error"] == []
    assert word_count(result.body) <= WORD_LIMITS[kind]
    if kind == "outreach":  # Dalton's second edition: under 75 words where possible
        assert word_count(result.body) <= SOFT_WORD_LIMITS["outreach"]
        assert result.body.rstrip().split("\n\n")[-2].rstrip().endswith("?")


def test_outreach_never_mentions_jobs_and_the_thank_you_names_what_was_learned():
    for language in ("en", "de"):
        for variant in variants("outreach", language):
            body = render_email("outreach", language, variant, **example_fields("outreach", language, variant)).body
            assert not re.search(r"job|internship|opening|position|Stelle|Praktikum|Bewerbung", body, re.I)
        fields = example_fields("thank_you", language)
        body = render_email("thank_you", language, **fields).body
        assert all(item in body for item in fields["learned"]) and fields["next_step"] in body


def test_agenda_lists_questions_or_says_no_reply_is_needed():
    fields = example_fields("agenda", "en", "in_person")
    with_questions = render_email("agenda", "en", "in_person", **fields).body
    assert "- Who else would you suggest I talk to?" in with_questions
    assert "answer these in writing" in with_questions
    fields["questions"] = []
    without = render_email("agenda", "en", "in_person", **fields).body
    assert "- " not in without and "no need to reply" in without
    german = example_fields("agenda", "de", "video_call")
    german["questions"] = "Wie sieht Ihr Tag aus?\n\n  Was raten Sie mir?  "  # one per line, as typed
    body = render_email("agenda", "de", "video_call", **german).body
    assert "- Wie sieht Ihr Tag aus?\n- Was raten Sie mir?" in body
    assert "nichts schriftlich beantworten" in body


def test_lists_are_joined_naturally_in_each_language():
    en = render_email("thank_you", "en", **{**example_fields("thank_you", "en"), "learned": ["a", "b", "c"]}).body
    de = render_email("thank_you", "de", **{**example_fields("thank_you", "de"), "learned": ["x", "y"]}).body
    assert "to hear a, b and c." in en and "zu hören, x und y." in de


def test_default_variant_is_the_first():
    assert get_template("thank_you", "de").variant == "standard"
    assert render_email("outreach", **example_fields("outreach")).variant == "alumni"


# ------------------------------------------------------------------ missing fields


def test_every_missing_field_is_reported_in_order():
    template = get_template("outreach", "en", "event")
    with pytest.raises(TemplateError) as caught:
        render_email("outreach", "en", "event")
    assert caught.value.missing == list(template.required_fields)
    assert caught.value.missing[:2] == ["first_name", "last_name"]
    assert "title" not in caught.value.missing and "form_of_address" not in caught.value.missing
    fields = example_fields("outreach", "en", "event")
    del fields["highlight"], fields["sender_name"]
    fields["event"] = "   "  # blank counts as missing
    with pytest.raises(TemplateError) as caught:
        render_email("outreach", "en", "event", **fields)
    assert caught.value.missing == ["event", "highlight", "sender_name"]
    assert "event, highlight, sender_name" in str(caught.value)


def test_optional_fields_may_be_left_out():
    fields = example_fields("agenda", "de", "in_person")
    for name in ("questions", "title", "form_of_address"):
        del fields[name]
    body = render_email("agenda", "de", "in_person", **fields).body
    assert body.startswith("Guten Tag Katrin Meyer\n\nVielen Dank")  # the example goes to Zürich
    body = render_email("agenda", "de", "in_person", **{**fields, "region": "de-DE"}).body
    assert body.startswith("Guten Tag Katrin Meyer,\n\nvielen Dank")


def test_unknown_kind_variant_or_language_is_a_clear_error():
    with pytest.raises(TemplateError, match="outreach, agenda"):
        render_email("outrech")
    with pytest.raises(TemplateError, match="alumni, mutual_contact"):
        render_email("outreach", "en", "alumnus")
    with pytest.raises(TemplateError, match="en, de"):
        render_email("outreach", "fr")


# ------------------------------------------------------------------ salutations


@pytest.mark.parametrize("args,expected", [
    (("Katrin", "Meyer", "Dr.", "female", "de"), "Sehr geehrte Frau Dr. Meyer,"),
    (("Jan", "Schmidt", None, "male", "de"), "Sehr geehrter Herr Schmidt,"),
    (("Kim", "Meyer", None, None, "de"), "Guten Tag Kim Meyer,"),
    (("Kim", "Meyer", "Prof. Dr.", "", "de"), "Guten Tag Prof. Kim Meyer,"),
    (("Anna", "Meyer", "Prof.", "Frau", "de"), "Sehr geehrte Frau Professorin Meyer,"),
    (("Jan", "Roth", "Prof. Dr.-Ing.", "male", "de"), "Sehr geehrter Herr Professor Roth,"),
    (("Kim", "Meyer", "Dr.", None, "en"), "Dear Dr. Meyer,"),
    (("Kim", "Meyer", "Dr.", "female", "en"), "Dear Dr. Meyer,"),
    (("Kim", "Meyer", "Prof. Dr.", "female", "en"), "Dear Professor Meyer,"),
    (("Eva", "Huber", "Mag.", "female", "en"), "Dear Ms Huber,"),
    (("Kim", "Meyer", None, None, "en"), "Dear Kim Meyer,"),
    (("Anna", "Meyer", "", "female", "en"), "Dear Ms Meyer,"),
    (("Jan", "Schmidt", "", "Mr", "en"), "Dear Mr Schmidt,"),
    (("  Kim ", " van  der Berg ", None, "neutral", "en"), "Dear Kim van der Berg,"),
])
def test_salutations(args, expected):
    assert salutation(*args) == expected


def test_salutation_problems_are_template_errors():
    with pytest.raises(TemplateError) as caught:
        salutation("Kim", "", language="de")
    assert caught.value.missing == ["last_name"]
    with pytest.raises(TemplateError) as caught:
        salutation("", "Meyer")  # the neutral form needs the first name
    assert caught.value.missing == ["first_name"]
    assert salutation("", "Meyer", form_of_address="male") == "Dear Mr Meyer,"
    with pytest.raises(TemplateError, match="form of address"):
        salutation("Kim", "Meyer", form_of_address="madam")
    fields = {**example_fields("follow_up", "en"), "form_of_address": "madam"}
    with pytest.raises(TemplateError, match="form of address"):
        render_email("follow_up", "en", **fields)


def test_templates_get_salutation_and_language_as_computed_fields():
    text = render_template("{{ salutation }} ({{ language }})", language="de", first_name="Jan",
                           last_name="Schmidt", form_of_address="male")
    assert text == "Sehr geehrter Herr Schmidt, (de)"
    assert render_template("{{ salutation }}", salutation="Hi all,") == "Hi all,"
    with pytest.raises(TemplateError) as caught:
        render_template("{{ salutation }} {{ topic }}")
    assert caught.value.missing == ["first_name", "last_name", "topic"]


# ------------------------------------------------------------------ the sandbox


@pytest.mark.parametrize("source", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}",
    "{{ joiner.__init__.__globals__['os'].system('touch {marker}') }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'].system('touch {marker}') }}",
    "{{ self._TemplateReference__context }}",
    "{{ self.__init__.__globals__ }}",
    "{{ name['__class__'] }}",
    "{{ name.__len__() }}",
    "{{ (name|attr('__class__')).__base__ }}",
    "{{ name|attr('__cla' ~ 'ss__') }}",
    "{{ '{0.__class__.__init__.__globals__}'.format(name) }}",
    "{{ '{x.__class__}'.format_map({'x': name}) }}",
    "{% set items = [] %}{{ items.append(1) }}",
    "{% set d = {} %}{{ d.update(a=1) }}",
    "{{ 'x' * 10**9 }}",
    "{{ 10 ** 100000000 }}",
    "{{ ((10 ** 1000) ** 1000) ** 1000 }}",
])
def test_escape_attempts_are_refused(source, tmp_path):
    marker = tmp_path / "pwned"
    with pytest.raises(TemplateError, match=r"^your template, line 1: refused") as caught:
        render_template(source.replace("{marker}", str(marker)), name="Kim")
    assert "Traceback" not in str(caught.value)
    assert not marker.exists()


@pytest.mark.parametrize("source", [
    "{% include '/etc/passwd' %}",
    "{% import 'os' as os %}{{ os.system('id') }}",
    "{% from 'os' import system %}",
    "Hi\n{% extends '/etc/hostname' %}",
])
def test_file_access_and_imports_are_refused(source):
    with pytest.raises(TemplateError, match="cannot include, import or extend other files"):
        render_template(source)


def test_runaway_templates_stop_with_a_clear_error():
    with pytest.raises(TemplateError, match="Range too big|failed"):
        render_template("{{ range(10**9)|list }}")
    with pytest.raises(TemplateError, match="more than 50,000 characters"):
        render_template("{% for i in range(1000) %}{{ 'x' * 100 }}{% endfor %}")
    with pytest.raises(TemplateError, match="calls itself"):
        render_template("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}")


def test_syntax_errors_name_the_line():
    with pytest.raises(TemplateError, match=r"line 3: .*'}}'"):
        render_template("Subject: Hi\n\nDear {{ name ,\n")
    with pytest.raises(TemplateError, match=r"line 4: .*endif"):
        render_template("a\nb\n{% if x %}\nc")


def test_runtime_errors_name_the_line_and_the_problem():
    with pytest.raises(TemplateError, match=r"line 2: .*has no attribute 'email'"):
        render_template("Hello\n{{ contact.email }}", contact={"name": "Kim"})
    with pytest.raises(TemplateError, match=r"line 1: the template failed: .*division"):
        render_template("{{ 1 / 0 }}")


def test_fields_tested_with_is_defined_are_optional():
    source = "{% if nickname is defined %}{{ nickname }}{% else %}{{ name }}{% endif %}"
    assert render_template(source, name="Kim") == "Kim"
    assert render_template(source, name="Kim", nickname="K") == "K"


def test_render_template_rejects_non_text():
    with pytest.raises(TemplateError, match="must be text"):
        render_template(b"{{ x }}")


# ------------------------------------------------------------------ instructor templates


CONFERENCE = """---
label: After a conference
description: For a speaker you heard at a conference.
fields:
  talk:
    label: Their talk
    help: As it follows "your talk on".
    example: green bonds
example:
  sender_name: Mia Roth
---
Subject: Your talk on {{ talk }}

{{ salutation }}

I enjoyed your talk on {{ talk }}. Would you have 20 minutes for a call?

Best regards,
{{ sender_name }}
"""


def test_instructor_templates_are_loaded_registered_and_rendered(tmp_path):
    (tmp_path / "outreach.conference.en.j2").write_text(CONFERENCE, encoding="utf-8")
    (tmp_path / "thank_you").mkdir()
    (tmp_path / "thank_you" / "handwritten.de.j2").write_text(
        "Betreff: Danke\n\n{{ salutation }}\n\nherzlichen Dank für {{ was }}.\n\nViele Grüße\n{{ sender_name }}\n",
        encoding="utf-8")
    loaded = register_templates(tmp_path)
    assert sorted((t.kind, t.variant, t.language) for t in loaded) == [
        ("outreach", "conference", "en"), ("thank_you", "handwritten", "de")]
    assert variants("outreach")[-1] == "conference" and variants("outreach")[0] == "alumni"
    template = get_template("outreach", "en", "conference")
    assert template.label == "After a conference" and template.example["talk"] == "green bonds"
    assert template.field("talk").label == "Their talk"
    assert template.field("first_name").label == "Their first name"  # from the shared catalogue
    result = render_email("outreach", "en", "conference", first_name="Kim", last_name="Lee", **{
        "talk": "green bonds", "sender_name": "Mia Roth"})
    assert result.subject == "Your talk on green bonds"
    assert result.body.startswith("Dear Kim Lee,\n\nI enjoyed your talk on green bonds.")
    with pytest.raises(TemplateError) as caught:
        render_email("thank_you", "de", "handwritten", first_name="Kim")
    assert caught.value.missing == ["last_name", "was", "sender_name"]
    clear_registered_templates()
    with pytest.raises(TemplateError, match="no outreach variant 'conference'"):
        get_template("outreach", "en", "conference")


def test_an_instructor_template_replaces_a_bundled_one(tmp_path):
    path = tmp_path / "follow_up.gentle.en.j2"
    path.write_text("Subject: Checking in\n\nHi {{ first_name }}, any news?\n", encoding="utf-8")
    register_templates(path)
    assert render_email("follow_up", first_name="Kim").body == "Hi Kim, any news?"
    assert variants("follow_up") == ("gentle", "short_call")


@pytest.mark.parametrize("name,text,message", [
    ("outreach.x.en.j2", "---\nlabel: x\nSubject: a\n\nb", "never closed"),
    ("outreach.x.en.j2", "---\nlabel: [x\n---\nSubject: a\n\nb", r"line [23]: the front matter is not valid YAML"),
    ("outreach.x.en.j2", "---\nexmaple: {}\n---\nSubject: a\n\nb", "unknown front matter key 'exmaple'"),
    ("outreach.x.en.j2", "Dear {{ name }}", "must start with a subject line"),
    ("outreach.x.en.j2", "---\nlabel: x\n---\nSubject: a\n\n{{ name.__class__ }}", "line 6: refused"),
    ("outreach.x.en.j2", "---\nlabel: x\n---\nSubject: a\n\n{% if x %}", "line 6: .*endif"),
    ("outreach.x.en.j2", "---\nlabel: x\n---\nSubject: a\n\n{% include 'b.j2' %}", "line 6: templates cannot"),
    ("memo.x.en.j2", "Subject: a\n\nb", "unknown kind 'memo'"),
    ("outreach.x.fr.j2", "Subject: a\n\nb", "unknown language 'fr'"),
    ("outreach.X Y.en.j2", "Subject: a\n\nb", "variant 'X Y'"),
    ("outreach.x.en.j2", "---\nfields:\n  a: {type: date}\n---\nSubject: {{ a }}\n\nb", "unknown type 'date'"),
    ("outreach.x.en.j2", "---\nfields:\n  a: [1, 2]\n---\nSubject: {{ a }}\n\nb", "field 'a' must be a mapping"),
    ("outreach.x.en.j2", "---\nfields:\n  a: {type: choice, choices: [x]}\n---\nSubject: {{ a }}\n\nb",
     "choices of field 'a'"),
])
def test_broken_instructor_templates_say_what_and_where(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError, match=message) as caught:
        load_templates(path)
    assert str(path) in str(caught.value)


def test_front_matter_may_name_kind_variant_and_language(tmp_path):
    path = tmp_path / "anything.j2"
    path.write_text("---\nkind: agenda\nvariant: walk\nlanguage: de\n---\nBetreff: Spaziergang\n\nText\n",
                    encoding="utf-8")
    (template,) = load_templates(path)
    assert (template.kind, template.variant, template.language) == ("agenda", "walk", "de")
    assert template.render().subject == "Spaziergang"


def test_loading_a_missing_path_or_binary_file_fails_clearly(tmp_path):
    with pytest.raises(TemplateError, match="no such file or folder"):
        load_templates(tmp_path / "nope")
    with pytest.raises(TemplateError, match="has no template files"):
        load_templates(tmp_path)
    bad = tmp_path / "outreach.x.en.j2"
    bad.write_bytes(b"\xff\xfe\x00S")
    with pytest.raises(TemplateError, match="not UTF-8"):
        load_templates(bad)


def test_email_as_text_uses_the_language_subject_label():
    english = render_email("follow_up", "en", **example_fields("follow_up", "en"))
    german = render_email("follow_up", "de", **example_fields("follow_up", "de"))
    assert english.as_text().startswith("Subject: A short follow-up\n\nDear Dr. Shah,")
    assert german.as_text().startswith("Betreff: Kurze Nachfrage\n\nSehr geehrte Frau Dr. Meyer\n\nIch")
    assert str(german).endswith("Jonas Weber\n")


def test_public_names_are_exported_lazily():
    assert iv.render_email is render_email and iv.render_template is render_template
    assert iv.salutation is salutation and iv.Email is Email and iv.TemplateError is TemplateError
    code = "import sys, infoview; print(any(m in sys.modules for m in ('jinja2', 'ipywidgets', 'pandas')))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


# ------------------------------------------------------------------ infoview draft


def test_draft_prints_subject_and_body(capsys):
    assert main(["draft", "thank_you", "--lang", "de", "--region", "de-DE", "--example", "--field", "first_name=Jan",
                 "--field", "last_name=Schmidt", "--field", "form_of_address=male", "--field", "title="]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Betreff: Vielen Dank für das Gespräch\n\nSehr geehrter Herr Schmidt,\n\nvielen Dank")
    assert out.endswith("Viele Grüße\nJonas Weber\n")


def test_draft_repeats_list_fields(capsys):
    args = ["draft", "agenda", "--variant", "video_call", "--example"]
    assert main(args + ["--field", "questions=What surprised you?", "--field", "questions=Who else?"]) == 0
    out = capsys.readouterr().out
    assert "- What surprised you?\n- Who else?\n\nYou don't need" in out
    assert "Which skills matter most" not in out


def test_draft_reports_every_missing_field(capsys):
    assert main(["draft", "outreach", "--variant", "cold", "--field", "first_name=Kim"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("infoview: the outreach email (cold, en) still needs last_name, their_work, "
                                   "highlight, organisation, sender_intro, field, sender_name.")
    assert "--field NAME=VALUE" in captured.err


@pytest.mark.parametrize("args,message", [
    (["--field", "frist_name=Kim"], "has no such field. Fix: use one of first_name"),
    (["--field", "first_name"], "write it as NAME=VALUE"),
    (["--field", "first_name=A", "--field", "first_name=B"], "given twice"),
    (["--variant", "nope"], "choose one of alumni"),
])
def test_draft_input_errors(capsys, args, message):
    assert main(["draft", "outreach", "--example"] + args) == 2
    assert message in capsys.readouterr().err


def test_draft_list_shows_kinds_variants_and_fields(capsys):
    assert main(["draft", "--list", "--lang", "de"]) == 0
    out = capsys.readouterr().out
    for kind in EMAIL_KINDS:
        assert f"{kind}: " in out
    assert "  alumni: Alumni" in out and "  cold: Ohne Verbindung (Text gelesen)" in out
    assert "first_name" not in out
    assert main(["draft", "agenda", "--list"]) == 0
    out = capsys.readouterr().out
    assert "      questions: Two or three questions (optional, list: repeat --field)" in out
    assert "      meeting_time: Date and time\n" in out
    assert main(["draft"]) == 2 and "--list" in capsys.readouterr().err


def test_draft_saves_and_checks(capsys, tmp_path):
    target = tmp_path / "mine.eml"
    assert main(["draft", "outreach", "--lang", "de", "--example", "--save", str(target), "--check"]) == 0
    captured = capsys.readouterr()
    message = email.message_from_bytes(target.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "Anfrage über das Alumni-Netzwerk"
    assert message.get_content().startswith("Sehr geehrte Frau Dr. Meyer\r\n\r\nÜber")  # Swiss, as the example
    assert str(target) in captured.err and "error:" not in captured.err
    pushy = "--field=field=open positions and any internship openings in your team"
    assert main(["draft", "outreach", "--example", pushy, "--check"]) == 1
    assert "[asks-for-job]" in capsys.readouterr().err


def test_draft_uses_instructor_templates(capsys, tmp_path):
    (tmp_path / "outreach.conference.en.j2").write_text(CONFERENCE, encoding="utf-8")
    assert main(["draft", "outreach", "--templates", str(tmp_path), "--variant", "conference", "--example",
                 "--field", "first_name=Kim", "--field", "last_name=Lee"]) == 0
    assert capsys.readouterr().out.startswith("Subject: Your talk on green bonds\n\nDear Dr. Lee,")


def test_draft_in_a_real_process():
    script = Path(sys.executable).parent / "infoview"
    result = subprocess.run([str(script), "draft", "outreach", "--lang", "de", "--region", "de-DE", "--variant", "event", "--example",
                             "--field", "form_of_address=", "--field", "title="],
                            capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Betreff: Nach Ihrem Vortrag\n\nGuten Tag Katrin Meyer,\n\nauf der Tagung")
    failed = subprocess.run([str(script), "draft", "follow_up"], capture_output=True, text=True, timeout=60)
    assert failed.returncode == 2 and "still needs first_name, last_name" in failed.stderr
    assert "Traceback" not in failed.stderr
