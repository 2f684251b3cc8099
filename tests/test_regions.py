"""Germany, Austria and Switzerland: German emails in each region's form, checked against its
conventions, and the 3B7 dates skipping each place's public holidays."""

import re

import pandas as pd
import pytest

from infoview.emails import Draft, example_fields, lint_email, render_email, salutation
from infoview.emails.render import parse_template
from infoview.errors import InfoviewError, RegionError, TemplateError
from infoview.log import due
from infoview.regions import REGIONS, public_holidays, region


def _zurich():
    return example_fields("outreach", "de", "alumni")


# --------------------------------------------------------------------------- emails


def test_an_email_to_zurich_comes_out_swiss():
    fields = _zurich()
    assert fields["organisation"] == "der Zürcher Kantonalbank" and fields["region"] == "de-CH"
    email = render_email("outreach", "de", "alumni", **fields)
    lines = email.body.split("\n")
    assert email.region == "de-CH"
    assert lines[0] == "Sehr geehrte Frau Dr. Meyer"            # no comma
    assert lines[1] == "" and lines[2].startswith("Über das Alumni-Netzwerk")   # a capital after it
    assert "ß" not in email.subject + email.body and "gestossen" in email.body
    assert lines[-2] == "Mit freundlichen Grüssen"
    assert [f.rule for f in lint_email(email.body, "outreach", "de", email.subject, region="de-CH")
            if f.rule in ("salutation-punctuation", "sharp-s", "capital-after-salutation")] == []


def test_the_same_email_in_germany_keeps_the_comma_lower_case_and_sharp_s():
    email = render_email("outreach", "de", "alumni", **{**_zurich(), "region": "de-DE"})
    assert email.body.startswith("Sehr geehrte Frau Dr. Meyer,\n\nüber das Alumni-Netzwerk")
    assert "gestoßen" in email.body and email.body.split("\n")[-2] == "Mit freundlichen Grüßen"
    # an explicit region wins over the example's
    assert render_email("outreach", "de", "alumni", region="de-DE",
                        **{k: v for k, v in _zurich().items() if k != "region"}).region == "de-DE"


def test_an_email_to_vienna_comes_out_austrian():
    fields = {**_zurich(), "region": "de-AT", "first_name": "Eva", "last_name": "Huber", "title": "Mag.",
              "organisation": "der Wiener Städtischen", "school": "der Universität Wien"}
    email = render_email("outreach", "de", "alumni", **fields)
    assert email.body.startswith("Sehr geehrte Frau Mag. Huber,\n\nüber das Alumni-Netzwerk")
    assert "gestoßen" in email.body and email.region == "de-AT"
    engineer = render_email("outreach", "de", "alumni", **{**fields, "first_name": "Paul", "last_name": "Gruber",
                                                          "title": "Dipl.-Ing.", "form_of_address": "male"})
    assert engineer.body.startswith("Sehr geehrter Herr DI Gruber,")
    # Germany does not say these titles in the salutation
    assert render_email("outreach", "de", "alumni", **{**fields, "region": "de-DE"}).body.startswith(
        "Sehr geehrte Frau Huber,")


@pytest.mark.parametrize("title,form,code,expected", [
    ("Prof. Dr.", "female", "de-DE", "Sehr geehrte Frau Professorin Müller,"),
    ("Prof. Dr. Dr. h.c.", "male", "de-DE", "Sehr geehrter Herr Professor Müller,"),
    ("Dr. Dr.", "male", "de-DE", "Sehr geehrter Herr Dr. Müller,"),
    ("Mag. Dr.", "female", "de-AT", "Sehr geehrte Frau Dr. Müller,"),   # only the highest
    ("Mag.", "female", "de-AT", "Sehr geehrte Frau Mag. Müller,"),
    ("Ing.", "male", "de-AT", "Sehr geehrter Herr Ing. Müller,"),
    ("Univ.-Prof. Mag. Dr.", "female", "de-AT", "Sehr geehrte Frau Professorin Müller,"),
    ("Prof. Dr.", "female", "de-CH", "Sehr geehrte Frau Professorin Müller"),
    ("Prof.", None, "de-DE", "Guten Tag Prof. Anna Müller,"),
    ("", None, "de-CH", "Guten Tag Anna Müller"),
])
def test_titles_in_the_salutation(title, form, code, expected):
    assert salutation("Anna", "Müller", title, form, "de", region=code) == expected


def test_a_swiss_salutation_spells_names_the_swiss_way_and_english_takes_no_region():
    assert salutation("Jan", "Strauß", None, "male", "de", region="de-CH") == "Sehr geehrter Herr Strauss"
    assert salutation("Kim", "Meyer", "Prof. Dr.") == "Dear Professor Meyer,"
    with pytest.raises(RegionError, match="German emails only"):
        render_email("outreach", "en", "alumni", region="de-CH", **example_fields("outreach", "en", "alumni"))
    with pytest.raises(RegionError, match="Unbekannte Region „de-LI“.*de-DE, de-AT, de-CH"):
        salutation("Kim", "Meyer", language="de", region="de-LI")
    assert isinstance(RegionError("x"), InfoviewError)


def test_a_template_declares_the_region_of_its_german_example():
    source = "---\nregion: de-AT\nexample:\n  first_name: Eva\n  last_name: Huber\n---\nBetreff: Hallo\n\n{{ salutation }}\n\nwie geht es?"
    template = parse_template(source, "mine.j2", kind="outreach", variant="mine", language="de")
    assert template.example["region"] == "de-AT"
    assert template.render(template.example).body.startswith("Sehr geehrte Frau Dr. Huber,\n\nwie")
    assert template.render(template.example).region == "de-AT"
    with pytest.raises(TemplateError, match="'region' gives the region of a German example"):
        parse_template(source.replace("de-AT", "fr-CH"), "mine.j2", kind="outreach", variant="mine", language="de")
    with pytest.raises(TemplateError, match="remove it from an English template"):
        parse_template(source, "mine.j2", kind="outreach", variant="mine", language="en")


def test_every_region_comes_from_the_data_file_with_its_holidays():
    assert REGIONS == ("de-DE", "de-AT", "de-CH") and region().code == "de-DE"
    for code in REGIONS:
        place = region(code)
        assert place.label("de") and place.titles[0] == "professor"
        assert len(public_holidays(2026, code)) >= 4
    assert [region(code).salutation_comma for code in REGIONS] == [True, True, False]
    assert [region(code).sharp_s for code in REGIONS] == [True, True, False]


# --------------------------------------------------------------------------- the linter


GERMAN = "Sehr geehrte Frau Meyer,\n\nüber Ihren Vortrag habe ich mich sehr gefreut. Hätten Sie 20 Minuten Zeit?\n\nMit freundlichen Grüßen\nKim Roth"
SWISS = "Sehr geehrte Frau Meyer\n\nÜber Ihren Vortrag habe ich mich sehr gefreut. Hätten Sie 20 Minuten Zeit?\n\nMit freundlichen Grüssen\nKim Roth"
REGIONAL = ("salutation-punctuation", "sharp-s", "capital-after-salutation", "spoken-greeting")


def _regional(body, code, subject=None):
    return [(f.rule, f.severity, (subject if f.field == "subject" else body)[f.start:f.end])
            for f in lint_email(body, "follow_up", "de", subject, region=code) if f.rule in REGIONAL]


def test_each_region_s_form_passes_its_own_check():
    assert _regional(GERMAN, "de-DE") == [] and _regional(GERMAN, "de-AT") == [] and _regional(SWISS, "de-CH") == []


def test_a_german_form_sent_to_switzerland_is_found():
    assert _regional(GERMAN, "de-CH", subject="Grüße aus Bern") == [
        ("sharp-s", "warning", "Grüße"), ("salutation-punctuation", "warning", ","),
        ("sharp-s", "warning", "Grüßen")]
    message = next(f.message for f in lint_email(GERMAN, "follow_up", "de", region="de-CH") if f.rule == "sharp-s")
    assert message == "In der Schweiz schreibt man „ss“ statt „ß“: „Grüssen“."
    lowercase = SWISS.replace("Über", "über")
    assert _regional(lowercase, "de-CH") == [("salutation-punctuation", "tip", "über")]


def test_a_swiss_form_sent_to_germany_is_found_and_the_lower_case_rule_stays():
    assert _regional(SWISS, "de-DE") == [("salutation-punctuation", "tip", "Sehr geehrte Frau Meyer")]
    capital = GERMAN.replace("über", "Über")
    assert _regional(capital, "de-DE") == [("capital-after-salutation", "tip", "Über")]
    assert _regional(capital, None) == _regional(capital, "de-DE")
    # without a region only what holds everywhere is checked: the Swiss form passes as well
    assert _regional(SWISS, None) == []


def test_gruess_gott_does_not_open_an_email():
    body = GERMAN.replace("Sehr geehrte Frau Meyer,", "Grüß Gott Frau Meyer,")
    found = [f for f in lint_email(body, "follow_up", "de", region="de-AT") if f.rule == "spoken-greeting"]
    assert [body[f.start:f.end] for f in found] == ["Grüß Gott"] and found[0].severity == "warning"
    assert "sagt man, schreibt es aber nicht" in found[0].message


def test_the_drafter_writes_and_checks_for_the_chosen_region():
    draft = Draft("thank_you", "de", "standard")
    draft.fill_example()                          # the example goes to Zürich
    assert draft.region == "de-CH" and "ß" not in draft.state.body
    draft.set_region("de-AT")
    assert draft.state.body.split("\n")[0].endswith(",") and "Grüße" in draft.state.body
    draft.edit(body=draft.state.body.replace(",\n\n", "\n\n", 1))
    assert "salutation-punctuation" in {f.rule for f in draft.state.findings}
    draft.set_region("de-XX")
    assert draft.region == "de-AT" and "Unbekannte Region" in " ".join(draft.state.messages)


# --------------------------------------------------------------------------- holidays for 3B7


def _sent(day):
    return pd.DataFrame({"outreach_id": ["a"], "contact": ["Lena Kurz"], "organisation": ["Nordlicht"],
                         "sent_at": [day]})


def _second_contact(day, today, **place):
    found = due(_sent(day), today, **place)
    return str(found.loc[found["action"] == "second_contact", "due_since"].iloc[0].date())


def test_zurich_skips_berchtoldstag_but_not_knabenschiessen():
    # sent Tuesday 30 December 2025: 1 January is a holiday everywhere, 2 January in the city of Zürich
    assert _second_contact("2025-12-30", "2026-01-09") == "2026-01-02"
    assert _second_contact("2025-12-30", "2026-01-09", region="de-CH", subdivision="ZH") == "2026-01-05"
    assert _second_contact("2025-12-30", "2026-01-09", region="de-CH", subdivision="Stadt Zürich") == "2026-01-06"
    # Knabenschiessen Monday (15 September 2025) is a half-day custom, not a public holiday
    assert _second_contact("2025-09-11", "2025-09-30", region="de-CH", subdivision="Stadt Zürich") == "2025-09-16"


def test_good_friday_is_a_holiday_in_zurich_but_not_in_vienna():
    assert _second_contact("2025-04-15", "2025-04-30", region="de-AT", subdivision="Wien") == "2025-04-18"
    assert _second_contact("2025-04-15", "2025-04-30", region="de-CH", subdivision="ZH") == "2025-04-22"


def test_austria_skips_maria_empfaengnis():
    assert _second_contact("2025-12-03", "2025-12-20") == "2025-12-08"
    assert _second_contact("2025-12-03", "2025-12-20", region="de-AT") == "2025-12-09"


def test_corpus_christi_is_a_holiday_in_bavaria_not_in_berlin():
    assert _second_contact("2025-06-16", "2025-06-30", region="de-DE", subdivision="BY") == "2025-06-20"
    assert _second_contact("2025-06-16", "2025-06-30", region="de-DE", subdivision="Berlin") == "2025-06-19"
    assert _second_contact("2025-06-16", "2025-06-30", region="de-DE") == "2025-06-19"   # not nationwide


def test_extra_holidays_still_work_and_add_to_the_region_s():
    assert _second_contact("2025-06-16", "2025-06-30", holidays=["2025-06-18"]) == "2025-06-20"
    assert _second_contact("2025-06-16", "2025-06-30", region="de-DE", subdivision="BY",
                           holidays=["2025-06-18"]) == "2025-06-23"


def test_unknown_places_are_clear_errors_in_the_user_s_language():
    with pytest.raises(RegionError, match=r"„Zürich“ ist kein Bundesland in Deutschland.*BY"):
        due(_sent("2025-06-16"), "2025-06-30", region="de-DE", subdivision="Zürich", language="de")
    with pytest.raises(RegionError, match="needs its region"):
        due(_sent("2025-06-16"), "2025-06-30", subdivision="ZH")
    with pytest.raises(RegionError, match="unknown region"):
        due(_sent("2025-06-16"), "2025-06-30", region="CH")


def test_the_workspace_passes_the_place_on(tmp_path):
    import infoview as iv

    with iv.Workspace(tmp_path / "ws.sqlite3") as ws:
        ws.log.add(contact="Eva Huber", organisation="Wiener Städtische", sent_at="2025-12-03")
        plain = ws.due(today="2025-12-09")
        vienna = ws.due(today="2025-12-09", region="de-AT", subdivision="Wien")
    assert [str(d.date()) for d in plain["due_since"]] == ["2025-12-08"]
    assert [str(d.date()) for d in vienna["due_since"]] == ["2025-12-09"]
