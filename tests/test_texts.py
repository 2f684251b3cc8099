"""The one text lookup: every file under content/texts/ complete in English and German, and clear
errors for a missing text, a missing language or a wrong kind of key."""

import re

import pytest

from infoview.errors import ContentError
from infoview.resources import load_bundled
from infoview.texts import AREAS, LANGUAGES, text, texts

NEUTRAL = {"classroom.handins"}  # the stand-in for a contact, the same in every language
GERMAN_ADDS = {"drafter.cli.rule": {"{name}"}}  # the English rule id is English words; German adds its name


def _entries(entry, path):
    """``(dotted path, entry)`` for every text: a mapping of languages, or a plain text."""
    if isinstance(entry, dict) and entry and set(entry) <= set(LANGUAGES):
        yield path, entry
    elif isinstance(entry, dict):
        for key, value in entry.items():
            yield from _entries(value, f"{path}.{key}")
    else:
        yield path, entry


def _forms(en, de, path):
    """The pairs of texts to compare: the plural forms one by one (both languages have one and other)."""
    if isinstance(en, dict) or isinstance(de, dict):
        assert isinstance(en, dict) and isinstance(de, dict) and set(en) == set(de) == {"one", "other"}, path
        return [(en["one"], de["one"]), (en["other"], de["other"])]
    return [(en, de)]


@pytest.mark.parametrize("area", AREAS)
def test_every_text_is_in_both_languages_with_the_same_placeholders(area):
    found = list(_entries(load_bundled(f"texts/{area}.yaml"), area))
    assert len(found) >= 8
    for path, entry in found:
        if not isinstance(entry, dict):
            assert path.rsplit(".", 1)[0] in NEUTRAL and isinstance(entry, str) and entry.strip(), path
            continue
        assert set(entry) == set(LANGUAGES), path
        en, de = entry["en"], entry["de"]
        assert type(en) is type(de) and en and de, path
        for a, b in zip(en, de) if isinstance(en, list) else _forms(en, de, path):
            german = set(re.findall(r"{\w+}", str(b))) - GERMAN_ADDS.get(path, set())
            assert set(re.findall(r"{\w+}", str(a))) == german, path


def test_a_text_in_each_language_with_its_values_filled_in():
    assert text("widgets.progress", "en", done=1, total=3) == "1 of 3 done"
    assert text("log.actions.thank_you", "de", contact="Frau Kurz").startswith("Bedanken Sie sich bei Frau Kurz")
    assert text("analysis.format.months", "de")[2] == "März"
    assert text("classroom.handins.contact_label", "de") == text("classroom.handins.contact_label", "en")


def test_a_set_of_texts_is_one_dict_per_language():
    english, german = texts("log.widget", "en"), texts("log.widget", "de")
    assert set(english) == set(german) and english["events"].keys() == german["events"].keys()
    assert english["save"] == "Save" and german["save"] == "Speichern"


def test_missing_texts_and_languages_name_the_file_and_the_entry():
    with pytest.raises(ContentError, match=r"texts/widgets.yaml, field 'no_such_label': no such text"):
        text("widgets.no_such_label", "en")
    with pytest.raises(ContentError, match=r"texts/widgets.yaml, field 'progress': missing 'fr' text"):
        text("widgets.progress", "fr", done=1, total=2)
    with pytest.raises(ContentError, match="no such text file"):
        text("nowhere.progress", "en")
    with pytest.raises(ContentError, match="one text, not a set"):
        texts("widgets.progress", "en")
