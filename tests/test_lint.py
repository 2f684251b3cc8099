"""The email linter and ``infoview lint``: hand-written emails, rule data, spans, the CLI."""

import doctest
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import infoview
import infoview.emails.lint as lint
from infoview.cli import main
from infoview.errors import ContentError
from infoview.resources import load_bundled
from infoview.emails.lint import (HARD_WORD_LIMITS, LINT_RULES, SOFT_WORD_LIMITS, WORD_LIMITS, Finding, lint_email,
                                  rule_info, word_count)

ROOT = Path(__file__).resolve().parents[1]
CASES = yaml.safe_load((ROOT / "tests" / "data" / "lint_cases.yaml").read_text(encoding="utf-8"))
KINDS = ("outreach", "agenda", "follow_up", "thank_you", "keep_in_touch", "referral_outreach")
CONTRACT_RULES = {"too-long", "asks-for-job", "no-connection", "no-question", "missing-subject",
                  "unfilled-placeholder", "self-focused", "no-thanks", "informal-address", "closing-comma"}


def _text(case, finding):
    return (case.get("subject") or "") if finding.field == "subject" else case["body"]


def _literal_parts(template):
    return [part for part in re.split(r"\{\w+\}", template) if part.strip()]


# --- the hand-written emails ------------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_hand_written_email(case):
    findings = lint_email(case["body"], case["kind"], case["language"], case.get("subject"))
    found = {f.rule for f in findings}
    must = set(case["found"])
    must_not = set(LINT_RULES) - must if case["not_found"] == "rest" else set(case["not_found"])
    assert not must & must_not, "a rule cannot be both expected and forbidden"
    assert must <= found, f"missing {sorted(must - found)}; found {sorted(found)}"
    assert not found & must_not, f"unexpected {sorted(found & must_not)}"
    for rule, texts in (case.get("spans") or {}).items():
        pointed = [_text(case, f)[f.start:f.end] for f in findings if f.rule == rule]
        for text in [texts] if isinstance(texts, str) else texts:
            assert text in pointed, f"{rule} should point at {text!r}, points at {pointed}"
    for rule, severity in (case.get("severities") or {}).items():
        assert {f.severity for f in findings if f.rule == rule} == {severity}
    # Every message is one of the rule's messages in the email's language.
    for f in findings:
        variants = rule_info(f.rule).messages.values()
        assert any(all(part in f.message for part in _literal_parts(v[case["language"]])) for v in variants), \
            f"{f.rule}: {f.message!r} is not a {case['language']} message of the rule"


def test_the_corpus_is_big_and_balanced():
    for language in ("en", "de"):
        cases = [c for c in CASES if c["language"] == language]
        assert len(cases) >= 30
        assert sum(not c["found"] for c in cases) >= 10, "good emails, to catch false positives"
        assert sum(bool(c["found"]) for c in cases) >= 15, "bad emails"
        assert {c["kind"] for c in cases} == set(KINDS)
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))


def test_every_rule_is_found_somewhere_in_both_languages():
    for rule_id, rule in lint._RULES.items():
        for language in rule.languages:
            assert any(rule_id in c["found"] for c in CASES if c["language"] == language), (rule_id, language)


# --- rule data --------------------------------------------------------------------------------------

def test_contract_rules_and_limits():
    assert CONTRACT_RULES <= set(LINT_RULES)
    assert all(isinstance(text, str) and text for text in LINT_RULES.values())
    assert dict(WORD_LIMITS) == {"outreach": 100, "agenda": 150, "follow_up": 75, "thank_you": 200,
                                 "keep_in_touch": 150, "referral_outreach": 100}
    assert SOFT_WORD_LIMITS["outreach"] == 75
    assert HARD_WORD_LIMITS["outreach"] == 150
    assert all(WORD_LIMITS[kind] < HARD_WORD_LIMITS[kind] <= 2 * WORD_LIMITS[kind] for kind in WORD_LIMITS)
    assert infoview.lint_email is lint_email and infoview.LINT_RULES is LINT_RULES and infoview.Finding is Finding
    assert tuple(WORD_LIMITS) == tuple(infoview.EMAIL_KINDS)


def test_rules_have_rationales_sources_and_sensible_scope():
    for rule_id in LINT_RULES:
        rule = rule_info(rule_id)
        assert rule.severity in lint.SEVERITIES
        for language in ("en", "de"):
            assert rule.describe(language) and len(rule.explain(language)) > 40
            for variant in rule.messages.values():
                assert variant[language].strip()
        assert rule.describe("en") != rule.describe("de")
    assert "2-Hour Job Search" in rule_info("too-long").source
    assert "1st ed" in rule_info("too-long").source and "2nd ed" in rule_info("too-long").source
    assert "Boomerang" in rule_info("missing-subject").source
    assert "DIN 5008" in rule_info("closing-comma").source
    assert "2-Hour Job Search" in rule_info("self-focused").source
    assert set(rule_info("asks-for-job").kinds) == {"outreach", "agenda", "follow_up", "referral_outreach"}
    assert set(rule_info("informal-address").kinds) == {"outreach", "agenda", "follow_up", "referral_outreach"}
    assert rule_info("informal-address").languages == ("de",)
    assert rule_info("closing-comma").languages == ("de",)
    assert rule_info("no-thanks").kinds == ("thank_you",)
    assert {rule_info("asks-for-job").severity, rule_info("unfilled-placeholder").severity} == {"error"}
    assert rule_info("self-focused").severity == "warning"
    assert rule_info("too-long").severity_of("soft") == "tip"
    # Sure rules are errors; too-long only far over the limit (career centres publish 100-150-word models).
    assert rule_info("too-long").severity == "warning" and rule_info("too-long").severity_of("far") == "error"
    assert rule_info("missing-subject").severity == "error"
    assert rule_info("missing-subject").severity_of("long") == "tip"
    with pytest.raises(KeyError, match="too-long"):
        rule_info("too-short")


@pytest.mark.parametrize("break_it, where", [
    (lambda d: d["rules"][1]["messages"]["default"].pop("de"), "messages.default.de"),
    (lambda d: d["rules"][1]["messages"]["default"].update(severity="fatal"), "messages.default.severity"),
    (lambda d: d["rules"][2].update(kinds=["outreach", "cover_letter"]), "kinds"),
    (lambda d: d["rules"][2]["rationale"].update(de=" "), "rationale"),
    (lambda d: d["rules"][1]["messages"]["default"].update(en="{wordz} words"), "messages.default.en"),
    (lambda d: d["hard_word_limits"].update(outreach=90), "hard_word_limits.outreach"),
    (lambda d: d["hard_word_limits"].pop("agenda"), "hard_word_limits.agenda"),
])
def test_broken_rule_files_are_reported_with_the_place(break_it, where):
    data = load_bundled("lint_rules.yaml")
    break_it(data)
    with pytest.raises(ContentError) as error:
        lint._load_rules(data)
    assert where in str(error.value) and "lint_rules.yaml" in str(error.value)


def test_a_rules_file_missing_a_rule_is_refused():
    data = load_bundled("lint_rules.yaml")
    data["rules"] = [r for r in data["rules"] if r["id"] != "no-thanks"]
    with pytest.raises(ContentError, match="no-thanks"):
        lint._load_rules(data)


# --- word counts and limits -------------------------------------------------------------------------

def _email(words, greeting="Dear Ms. Weber,", closing="Best regards,\nAnna Schmidt"):
    text = " ".join(f"w{i}" for i in range(1, words + 1)) + "?"
    return f"{greeting}\n\n{text}\n\n{closing}"


def test_word_count_leaves_out_greeting_and_signature():
    assert word_count(_email(37)) == 37
    assert word_count("Sehr geehrte Frau Dr. Meyer,\n\nhätten Sie Zeit?\n\nMit freundlichen Grüßen\nJonas Weber") == 3
    assert word_count("I'm a third-year student, aren't I?") == 6
    assert word_count("Hi Anna, quick question: are you free?") == 5
    assert word_count("") == 0
    with pytest.raises(TypeError):
        word_count(None)


@pytest.mark.parametrize("words, expected", [(75, None), (76, "tip"), (100, "tip"), (101, "warning"),
                                             (150, "warning"), (151, "error")])
def test_outreach_word_limits(words, expected):
    body = _email(words)
    found = [f for f in lint_email(body, "outreach", "en") if f.rule == "too-long"]
    assert [f.severity for f in found] == ([expected] if expected else [])
    if found:
        limit = 75 if expected == "tip" else 100
        assert re.match(rf"w{limit + 1}\b", body[found[0].start:])
        assert body[:found[0].end].endswith(f" w{words}")
        assert str(words) in found[0].message


@pytest.mark.parametrize("kind", KINDS)
def test_limits_of_every_kind(kind):
    def severities(words):
        return [f.severity for f in lint_email(_email(words), kind, "de") if f.rule == "too-long"]

    limit, hard = WORD_LIMITS[kind], HARD_WORD_LIMITS[kind]
    assert severities(limit) in ([], ["tip"])
    assert severities(limit + 1) == ["warning"] and severities(hard) == ["warning"]
    (far,) = [f for f in lint_email(_email(hard + 1), kind, "de") if f.rule == "too-long"]
    assert far.severity == "error" and "weit mehr" in far.message and f"{hard + 1} Wörter" in far.message


# --- single rules -----------------------------------------------------------------------------------

def test_subject_rules():
    body = _email(20)
    assert not [f for f in lint_email(body, subject=None) if f.field == "subject"]
    empty = [f for f in lint_email(body, subject="") if f.field == "subject"]
    assert [(f.rule, f.severity, f.start, f.end) for f in empty] == [("missing-subject", "error", 0, 0)]
    assert not [f for f in lint_email(body, subject="one two three four five six seven eight") if f.field == "subject"]
    long = [f for f in lint_email(body, subject="one two three four five six seven eight nine") if f.field == "subject"]
    assert [(f.rule, f.severity) for f in long] == [("missing-subject", "tip")]
    subject = "Question about {{ company }}"
    placeholder = [f for f in lint_email(body, subject=subject) if f.field == "subject"]
    assert [subject[f.start:f.end] for f in placeholder] == ["{{ company }}"]
    job = [f for f in lint_email(body, subject="Looking for an internship? I am seeking an internship") if
           f.rule == "asks-for-job"]
    assert job and job[0].field == "subject"


def test_rules_apply_only_to_their_kinds_and_languages():
    asks = "Dear Ms. Weber,\n\nThank you for the talk! Please tell me about any openings.\n\nBest,\nTom"
    assert "asks-for-job" in {f.rule for f in lint_email(asks, "follow_up", "en")}
    assert "asks-for-job" not in {f.rule for f in lint_email(asks, "thank_you", "en")}
    informal = "Hallo Frau Weber,\n\nhast du morgen 20 Minuten Zeit?\n\nViele Grüße\nTim"
    assert "informal-address" in {f.rule for f in lint_email(informal, "agenda", "de")}
    assert "informal-address" not in {f.rule for f in lint_email(informal, "keep_in_touch", "de")}
    assert "informal-address" not in {f.rule for f in lint_email(informal, "outreach", "en")}
    comma = "Sehr geehrte Frau Weber,\n\nvielen Dank!\n\nViele Grüße,\nTim"
    assert "closing-comma" in {f.rule for f in lint_email(comma, "thank_you", "de")}
    assert "closing-comma" not in {f.rule for f in lint_email(comma.replace("Viele Grüße", "Best"), "thank_you", "en")}


def test_formal_sie_is_never_informal():
    body = ("Sehr geehrter Herr Roth,\n\nSie haben im Mai über Ihre Arbeit gesprochen, und ich habe Sie danach "
            "nicht mehr erreicht. Was Sie sagten, hat mich überzeugt. Hätten Sie 20 Minuten Zeit?\n\n"
            "Mit freundlichen Grüßen\nLea")
    assert "informal-address" not in {f.rule for f in lint_email(body, "outreach", "de")}


def test_informal_pronouns_are_flagged_each_time_but_not_in_quotes():
    body = "Guten Tag Herr Roth,\n\nhast du deinen Vortrag „Was du wissen musst“ online? Ich würde dir gern schreiben."
    found = [body[f.start:f.end] for f in lint_email(body, "outreach", "de") if f.rule == "informal-address"]
    assert found == ["du", "deinen", "dir"]


JOB_REQUESTS = {
    "en": ["Are there any open positions on your team?", "Do you know of any job openings in your department?",
           "Is your company hiring at the moment?", "I was wondering whether you're hiring interns this summer.",
           "Could you pass my CV on to the hiring manager?", "I am currently looking for a graduate job in consulting.",
           "I'm applying for the data analyst role at your firm.", "I would love to work for your company one day.",
           "Could you help me get an internship?", "Please consider me for the marketing internship.",
           "Is there any chance of an internship with your team?", "Would you hire me?",
           "I saw the job posting for a junior engineer.", "I'd really like to join your team.",
           "Any job leads would be appreciated.", "Could you introduce me to HR?",
           "I'd appreciate it if you could pass my name along to the hiring team."],
    "de": ["Gibt es bei Ihnen freie Praktikumsplätze?", "Ich bin auf der Suche nach einer Werkstudentenstelle.",
           "Könnten Sie meine Bewerbung an die zuständige Kollegin weiterleiten?", "Haben Sie eine Stelle für mich?",
           "Ich interessiere mich für eine Stelle in Ihrem Team.", "Könnten Sie mir ein Praktikum vermitteln?",
           "Ich würde gerne bei Ihnen anfangen.", "Suchen Sie derzeit Verstärkung?",
           "Ich möchte mich auf die ausgeschriebene Stelle bewerben.", "Ist in Ihrer Abteilung eine Stelle frei?",
           "Ich habe Ihre Stellenanzeige gesehen.", "Könnten Sie mich für das Traineeprogramm empfehlen?",
           "Wäre es möglich, bei Ihnen meine Masterarbeit zu schreiben?",
           "Gibt es eine Möglichkeit, bei Ihnen ein Praktikum zu machen?",
           "Könnten Sie mich in Ihr Team aufnehmen?",
           "Bitte melden Sie sich, falls in Ihrem Team eine Stelle frei wird.",
           "Derzeit suche ich ein Praktikum im Bereich Energie.", "Ich suche für den Sommer ein Praktikum."],
}
NOT_JOB_REQUESTS = {
    "en": ["How did you get your first job?", "What does your role at Google look like?",
           "How did you land your current position?", "What do you look for when you're hiring graduates?",
           "What was your first internship like?", "I did an internship at Bosch last year.",
           "What's the job market like in Berlin?", "Would you be willing to look at my CV and give me feedback?",
           "I'm not asking for a job, only for your advice.", "What made you join your current company?",
           "Did you apply for a job straight after university?", "Your position as head of research must be busy.",
           "I'm looking forward to hearing from you.", "What opportunities for growth are there in this field?"],
    "de": ["Wie sind Sie zu Ihrer ersten Stelle gekommen?", "Was gefällt Ihnen an Ihrer Stelle als Teamleiterin?",
           "Ich habe ein Praktikum bei Siemens gemacht.", "Welche Einstiegsmöglichkeiten gibt es in der Branche?",
           "Wie finden Berufseinsteiger in diesem Bereich eine Stelle?", "Ich suche keinen Job, sondern Ihren Rat.",
           "Wie viele Leute arbeiten in Ihrem Team?", "Sollte ich mich direkt bewerben oder erst Erfahrung sammeln?",
           "Welche Stellen gibt es typischerweise in Ihrem Bereich?", "Ich bin nicht auf Jobsuche.",
           "Vielen Dank, dass Sie sich Zeit für mich nehmen."],
}


@pytest.mark.parametrize("language, sentence, expected",
                         [(lang, s, True) for lang, items in JOB_REQUESTS.items() for s in items]
                         + [(lang, s, False) for lang, items in NOT_JOB_REQUESTS.items() for s in items])
def test_job_request_phrases(language, sentence, expected):
    body = {"en": "Dear Ms. Weber,\n\n{}\n\nBest regards,\nTom",
            "de": "Sehr geehrte Frau Weber,\n\n{}\n\nMit freundlichen Grüßen\nTom"}[language].format(sentence)
    found = [f for f in lint_email(body, "outreach", language) if f.rule == "asks-for-job"]
    assert bool(found) == expected, [body[f.start:f.end] for f in found]


@pytest.mark.parametrize("placeholder", ["[Name]", "<company>", "{{ first_name }}", "{first_name}", "${name}",
                                         "%(name)s", "{% if x %}", "XXX", "xx.xx.xxxx".upper(), "TODO", "FIXME",
                                         "FIRSTNAME", "Frau …", "Herr ...", "____"])
def test_placeholders(placeholder):
    body = f"Dear Ms. Weber,\n\nI met you at {placeholder} last week. Would you have 20 minutes?\n\nBest,\nTom"
    found = [body[f.start:f.end] for f in lint_email(body, "outreach", "en") if f.rule == "unfilled-placeholder"]
    assert found == [placeholder]


def test_no_placeholders_in_ordinary_text():
    body = ("Dear Dr. Weber,\n\nI read your paper [1] and the NASA report (2021) about 3-4 week missions... "
            "Would you have 20 minutes? My email is <lena@example.org>.\n\nBest,\nLena")
    assert "unfilled-placeholder" not in {f.rule for f in lint_email(body, "outreach", "en")}


def test_bad_arguments():
    with pytest.raises(ValueError, match="outreach"):
        lint_email("Hi", kind="cover_letter")
    with pytest.raises(ValueError, match="en, de"):
        lint_email("Hi", language="fr")
    with pytest.raises(TypeError):
        lint_email(None)
    with pytest.raises(TypeError):
        lint_email("Hi", subject=3)


def test_doctests_pass():
    assert doctest.testmod(lint).failed == 0


def test_guess_language():
    for case in CASES:
        if case["body"].strip():
            assert lint.guess_language(case["body"]) == case["language"], case["id"]


# --- properties -------------------------------------------------------------------------------------

FRAGMENTS = ["Dear Ms. Weber,", "Sehr geehrte Frau Dr. Meyer,", "Hallo Frau Kim,", "Hi", "any openings",
             "I'm looking for a job", "Könnten Sie meinen Lebenslauf an die Personalabteilung weiterleiten",
             "hast du", "Sie", "[Name]", "<Firma>", "{{ x }}", "{", "}", "XXX", "TODO", "20 Minuten", "?", ".",
             "!", ",", "\n", "\n\n", " ", "Mit freundlichen Grüßen,", "Best regards,", "Thank you", "vielen Dank",
             "z. B.", "Dr.", "„", "“", "\"", "I", "ich", "your role", "Ihre Stelle", "—", "…", "İ", "ß", "\r\n",
             "I am not", "nicht", "- ", "1. ", "alumni", "wie Sie", "my CV to HR"]
TEXT = st.one_of(st.text(max_size=400),
                 st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join),
                 st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=40).map(" ".join))


@settings(max_examples=300, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
@given(body=TEXT, subject=st.one_of(st.none(), TEXT), kind=st.sampled_from(KINDS),
       language=st.sampled_from(["en", "de"]))
def test_lint_never_raises_and_spans_are_valid(body, subject, kind, language):
    findings = lint_email(body, kind, language, subject)
    for f in findings:
        text = subject if f.field == "subject" else body
        assert f.field in ("body", "subject")
        assert 0 <= f.start <= f.end <= len(text)
        assert f.rule in LINT_RULES and f.severity in lint.SEVERITIES and f.message.strip()
    assert findings == sorted(findings, key=lambda f: (f.field != "subject", f.start))
    assert word_count(body) >= 0


@settings(max_examples=200, deadline=1000)
@given(text=TEXT, language=st.sampled_from(["en", "de"]))
def test_the_fast_path_finds_the_same_job_requests(text, language):
    pats = lint._patterns(language)
    spans = [(0, len(text))]
    assert lint._job_requests(text, pats, spans) == lint._job_requests(text, pats, spans, gate=False)


def test_the_fast_path_misses_nothing_in_the_corpus():
    for case in CASES:
        pats = lint._patterns(case["language"])
        mail = lint._Email(case["body"], pats)
        assert lint._job_requests(case["body"], pats, mail.sentences) == \
            lint._job_requests(case["body"], pats, mail.sentences, gate=False), case["id"]


# --- the command line -------------------------------------------------------------------------------

GOOD = next(c for c in CASES if c["id"] == "en-outreach-alumni-good")
BAD = next(c for c in CASES if c["id"] == "en-outreach-forward-resume")
GERMAN = next(c for c in CASES if c["id"] == "de-outreach-komma-nach-gruss")


def test_cli_exit_codes_and_text_output(tmp_path, capsys):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(GOOD["body"], encoding="utf-8")
    bad.write_text(BAD["body"], encoding="utf-8")
    assert main(["lint", str(good)]) == 0
    assert "no findings" in capsys.readouterr().out
    assert main(["lint", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "[asks-for-job]" in line)
    where, severity = line.split()[:2]
    row, column = map(int, where.split(":"))
    assert severity == "error"
    assert BAD["body"].splitlines()[row - 1][column - 1:].startswith("forward my resume to HR")
    assert "2 files checked: 1 error" in out


def test_cli_reads_subject_lines_and_guesses_the_language(tmp_path, capsys):
    draft = tmp_path / "entwurf.txt"
    draft.write_text("Betreff: \n\n" + GERMAN["body"], encoding="utf-8")
    assert main(["lint", str(draft), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    (file,) = report["files"]
    assert file["language"] == "de" and file["subject"] == ""
    rules = {f["rule"]: f for f in file["findings"]}
    assert rules["missing-subject"]["field"] == "subject"
    comma = rules["closing-comma"]
    assert comma["text"] == ","
    lines = draft.read_text(encoding="utf-8").splitlines()
    assert lines[comma["line"] - 1][comma["column"] - 1] == ","
    assert report["summary"]["error"] == 1
    # --subject overrides the file's subject line.
    assert main(["lint", str(draft), "--subject", "Frage unter Alumni"]) == 0
    capsys.readouterr()


def test_cli_reads_eml_files_and_folders(tmp_path, capsys):
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a.eml").write_bytes(
        b"From: lena@example.org\r\nTo: ms.ricci@example.org\r\nSubject: =?utf-8?q?Frage_zu_Ihrer_Arbeit?=\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + GERMAN["body"].replace("Grüßen,", "Grüßen").encode("utf-8"))
    (folder / "b.txt").write_text(GOOD["body"], encoding="utf-8")
    (folder / "notes.csv").write_text("not a draft", encoding="utf-8")
    assert main(["lint", str(folder), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [Path(f["file"]).name for f in report["files"]] == ["a.eml", "b.txt"]
    assert report["files"][0]["subject"] == "Frage zu Ihrer Arbeit"
    assert report["files"][0]["findings"] == []


def test_cli_unreadable_files_exit_2_with_a_clear_message(tmp_path, capsys):
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"Dear Ms. M\xfcller, \xff\xfe")
    good = tmp_path / "good.txt"
    good.write_text(GOOD["body"], encoding="utf-8")
    assert main(["lint", str(broken), str(good), str(tmp_path / "missing.txt")]) == 2
    captured = capsys.readouterr()
    assert "not UTF-8" in captured.err and "save it as UTF-8" in captured.err
    assert "missing.txt: the file does not exist" in captured.err
    assert "good.txt" in captured.out
    assert main(["lint"]) == 2
    assert "--rules" in capsys.readouterr().err
    assert main(["lint", str(good), "--kind", "cover_letter"]) == 2
    assert "referral_outreach" in capsys.readouterr().err


def test_cli_lists_the_rules(capsys):
    assert main(["lint", "--rules"]) == 0
    out = capsys.readouterr().out
    for rule_id in LINT_RULES:
        assert re.search(rf"^{re.escape(rule_id)}  \[", out, re.MULTILINE)
    assert "Why:" in out and "2-Hour Job Search" in out and "DIN 5008" in out
    assert main(["lint", "--rules", "--lang", "de"]) == 0
    assert "Warum:" in capsys.readouterr().out
    assert main(["lint", "--rules", "--format", "json"]) == 0
    rules = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in rules} == set(LINT_RULES)
    assert next(r for r in rules if r["id"] == "too-long")["severities"] == ["error", "warning", "tip"]


def test_cli_help_names_every_kind(capsys):
    with pytest.raises(SystemExit):
        main(["lint", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert all(kind in help_text for kind in WORD_LIMITS)


def test_cli_in_a_real_process_without_pandas(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(BAD["body"], encoding="utf-8")
    exe = Path(sys.executable).with_name("infoview")
    result = subprocess.run([exe, "lint", bad], capture_output=True, text=True)
    assert result.returncode == 1 and "[asks-for-job]" in result.stdout
    code = ("import sys\nfrom infoview.cli import main\nrc = main(['lint', sys.argv[1]])\n"
            "print(rc, sorted({'pandas', 'matplotlib', 'ipywidgets'} & set(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code, bad], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "1 []", result.stderr


@pytest.mark.parametrize("language, sentence, connected", [
    ("de", "wir haben uns letzte Woche auf der Messe unterhalten. Hätten Sie 20 Minuten Zeit?", True),
    ("de", "ich würde mich freuen, wenn wir uns über Ihre Arbeit unterhalten könnten. Hätten Sie 20 Minuten Zeit?",
     False),
    ("en", "We met at the Data Summit last week. Could we talk for 20 minutes?", True),
])
def test_a_wish_to_talk_is_not_a_connection(language, sentence, connected):
    body = {"en": "Dear Ms Weber,\n\n{}\n\nBest regards,\nTom",
            "de": "Sehr geehrte Frau Weber,\n\n{}\n\nMit freundlichen Grüßen\nTom"}[language].format(sentence)
    rules = {f.rule for f in lint_email(body, "outreach", language)}
    assert ("no-connection" not in rules) == connected
