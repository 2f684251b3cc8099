"""Instructors' own question banks: loading, extending, and a specific message for each broken file."""

import pytest

import infoview as iv

GOOD_YAML = """\
- id: "own-first-client"
  category: "assignments"
  tags: ["student"]
  text:
    en: "What was your first client project like?"
    de: "Wie lief Ihr erstes Kundenprojekt?"
  note:
    en: "Good for consultants."
    de: "Passt gut bei Beratern."
- id: "own-last-word"
  category: "closing"
  stage: "closing"
  tags: ["student"]
  text:
    en: "What would you like me to remember from today?"
    de: "Was sollte ich mir von heute unbedingt merken?"
"""


def write(tmp_path, text, name="bank.yaml", encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_yaml_bank_loads_in_both_languages(tmp_path):
    path = write(tmp_path, GOOD_YAML)
    en, de = iv.QuestionBank.from_file(path), iv.QuestionBank.from_file(path, language="de")
    assert [q.id for q in en] == ["own-first-client", "own-last-word"]
    assert en["own-first-client"].stage == "core"  # taken from the category
    assert de["own-first-client"].text == "Wie lief Ihr erstes Kundenprojekt?"
    assert de["own-first-client"].note == "Passt gut bei Beratern."


def test_extend_and_replace_the_builtin_bank(tmp_path):
    own = iv.QuestionBank.from_file(write(tmp_path, GOOD_YAML))
    builtin = iv.QuestionBank.builtin()
    combined = builtin.extend(own)
    assert len(combined) == len(builtin) + 2 and "own-last-word" in combined
    with pytest.raises(iv.ContentError, match="already in the bank"):
        combined.extend(own)


def test_csv_bank_with_semicolons(tmp_path):
    text = ("id;category;stage;tags;text_en;text_de\n"
            "own-1;trends;;student career-changer;Which tools are new to you this year?;"
            "Welche Werkzeuge sind für Sie dieses Jahr neu?\n")
    bank = iv.QuestionBank.from_file(write(tmp_path, text, "bank.csv"), language="de")
    assert bank["own-1"].tags == ("student", "career-changer")
    assert bank["own-1"].text.startswith("Welche")


def test_single_language_file(tmp_path):
    text = "languages: [de]\nquestions:\n  - id: nur-de\n    category: advice\n    text: Was raten Sie mir?\n"
    bank = iv.QuestionBank.from_file(write(tmp_path, text), language="de")
    assert bank["nur-de"].text == "Was raten Sie mir?"
    with pytest.raises(iv.ContentError, match="no questions in 'en'"):
        iv.QuestionBank.from_file(write(tmp_path, text))


BROKEN = {
    "duplicate id": (
        GOOD_YAML.replace("own-last-word", "own-first-client"),
        ["bank.yaml", "'own-first-client'", "field 'id'", "duplicate id", "Fix: give each question its own id"],
    ),
    "unknown category": (
        GOOD_YAML.replace('category: "closing"', 'category: "goodbye"'),
        ["entry 'own-last-word'", "field 'category'", "unknown category 'goodbye'", "use one of: opening"],
    ),
    "missing translation": (
        GOOD_YAML.replace('    de: "Was sollte ich mir von heute unbedingt merken?"\n', ""),
        ["entry 'own-last-word'", "field 'text.de'", "missing German translation", "add a 'de:' line"],
    ),
    "empty text": (
        GOOD_YAML.replace('"What was your first client project like?"', '"  "'),
        ["entry 'own-first-client'", "field 'text.en'", "the text is empty"],
    ),
    "invalid YAML": (
        GOOD_YAML.replace('  tags: ["student"]\n  text:', '  tags: ["student"\n  text:', 1),
        ["bank.yaml", "invalid YAML at line", "Fix: check the indentation"],
    ),
    "unknown stage": (
        GOOD_YAML.replace('stage: "closing"', 'stage: "end"'),
        ["entry 'own-last-word'", "field 'stage'", "unknown stage 'end'"],
    ),
    "missing id": (
        GOOD_YAML.replace('- id: "own-last-word"\n  category', '- category'),
        ["entry 'item 2'", "field 'id'", "the id is missing"],
    ),
    "not a list": ("just: some text\n", ["no questions found", "each entry starting with '- id:'"]),
    "text not per language": (
        GOOD_YAML.replace('text:\n    en: "What would you like me to remember from today?"\n'
                          '    de: "Was sollte ich mir von heute unbedingt merken?"',
                          'text: "What would you like me to remember?"'),
        ["entry 'own-last-word'", "field 'text'", "expected one text per language"],
    ),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_broken_yaml_gives_a_specific_message(tmp_path, kind):
    text, expected = BROKEN[kind]
    with pytest.raises(iv.ContentError) as info:
        iv.QuestionBank.from_file(write(tmp_path, text))
    for fragment in expected:
        assert fragment in str(info.value), f"{fragment!r} not in {info.value}"


def test_yaml_loads_safely(tmp_path):
    text = "- !!python/object/apply:os.system ['echo pwned']\n"
    with pytest.raises(iv.ContentError, match="invalid YAML"):
        iv.QuestionBank.from_file(write(tmp_path, text))


def test_csv_errors_name_the_line(tmp_path):
    text = "id,category,tags,text_en,text_de\nok-1,advice,student,What now?,Was nun?\nbad,weather,student,Why?,Warum?\n"
    with pytest.raises(iv.ContentError) as info:
        iv.QuestionBank.from_file(write(tmp_path, text, "bank.csv"))
    assert "entry 'bad'" in str(info.value) and "unknown category 'weather'" in str(info.value)
    missing = "id,text_en\nx,What?\n"
    with pytest.raises(iv.ContentError, match="missing column category"):
        iv.QuestionBank.from_file(write(tmp_path, missing, "bank.csv"))


def test_file_problems(tmp_path):
    with pytest.raises(iv.ContentError, match="does not exist"):
        iv.QuestionBank.from_file(tmp_path / "nope.yaml")
    with pytest.raises(iv.ContentError, match="not UTF-8"):
        iv.QuestionBank.from_file(write(tmp_path, "- id: größe\n", encoding="latin-1"))
    with pytest.raises(iv.ContentError, match="unknown file type"):
        iv.QuestionBank.from_file(write(tmp_path, "x", "bank.txt"))
