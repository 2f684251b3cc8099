"""One privacy policy for the export and the class report (infoview.log.privacy)."""

import re
import unicodedata

import pandas as pd
import pytest

import infoview as iv
from infoview.classroom.report import class_report
from infoview.classroom.handins import read_submissions
from infoview.log.privacy import NAME_COLUMNS, Names, fold, is_pseudonym, pseudonym, scrub
from infoview.log.read import read_log
from infoview.log.write import write_log


def _log():
    return pd.DataFrame({
        "contact": ["Lena Kurz", "Jan Berger"],
        "organisation": ["Kurz & Partner", "Nordlicht AG"],
        "role": ["asked Lena Kurz, lena.kurz@example.org", "Analyst"],
        "template": ["alumni", "cold call +41 44 123 45 67"],
        "student": ["s01", "s01"],
        "sent_at": ["2025-03-03", "2025-03-04"],
        "notes": ["met at the fair", "private"],
    })


def test_the_class_report_knows_the_exports_pseudonyms_in_both_languages(tmp_path):
    for label, form in (("Contact", "csv"), ("Kontakt", "excel-de")):
        assert is_pseudonym(pseudonym("Lena Kurz", b"salt", label))
        path = write_log(_log(), tmp_path / f"{form}.csv", format=form, pseudonymize=True)
        assert all(map(is_pseudonym, read_log(path)["contact"]))
    assert not is_pseudonym("Contact Lena") and not is_pseudonym("Lena Kurz")


def test_export_and_class_report_clean_the_same_columns(tmp_path):
    exported = read_log(write_log(_log(), tmp_path / "export.csv", pseudonymize=True))
    folder = tmp_path / "class"
    folder.mkdir()
    write_log(_log(), folder / "s01.csv")
    combined = read_submissions(folder, progress=False).frame
    for frame in (exported, combined):
        cells = " ".join(frame[list(NAME_COLUMNS)].astype(str).to_numpy().ravel())
        assert "Lena Kurz" not in cells and "example.org" not in cells and "123 45 67" not in cells
        assert not frame["notes"].fillna("").str.strip().any()
    assert "Kurz" not in " ".join(combined["organisation"])  # the class report drops a surname on its own too
    assert combined["contact"].tolist() == ["contact 0", "contact 1"]


def test_names_in_any_spelling_and_without_titles():
    clean = Names(["Prof. Dr. Lena Kurz"], "[contact]")
    assert clean("Wrote to LENA   kurz and to Dr. Lena Kurz.") == "Wrote to [contact] and to Dr. [contact]."
    assert clean("Kurz & Partner") == "Kurz & Partner"
    assert scrub("call 030 1234567 on 12.03.2025") == "call [phone] on 12.03.2025"


# -- every spelling of a person, through export and class report ------------------------------


PEOPLE = ["Kim Meyer", "Prof. Dr. med. Jürgen Müller-Lüdenscheidt", "Li Wu"]
SPELLINGS = [
    "Kim Meyer", "KIM MEYER", "kim  meyer", "Meyer, Kim", "Meyer", "K. Meyer", "Dr. Meyer", "Frau Meyer",
    "Kim_Meyer", "KimMeyer", "kim-meyer", "kim.meyer", "MEYER_KIM", "kmeyer", "Kim",
    "linkedin.com/in/kim-meyer", "https://www.xing.com/profile/Kim_Meyer2", "kim.meyer at uni-x dot de",
    "kim.meyer@uni-x.de", "kim.meyer(at)uni-x(dot)de", "kmeyer@intranet",
    "Jürgen Müller-Lüdenscheidt", unicodedata.normalize("NFD", "Jürgen Müller"), "Juergen Mueller",
    "Jurgen Muller", "JUERGEN MUELLER-LUEDENSCHEIDT", "linkedin.com/in/juergen-mueller-123", "Müller, Jürgen",
    unicodedata.normalize("NFD", "Lüdenscheidt GmbH"), "Wu Consulting", "Dr. Wu", "Li Wu", "wu_li",
]
PHONES = ["+49 30 1234 5678", "030/12345678x", "0049 (0)170 555 12 34", "+41-44-123-45-67 ext. 9", "tel:0301234567"]
FORBIDDEN = {"kim", "meyer", "kimmeyer", "kmeyer", "meyerkim", "jurgen", "muller", "ludenscheidt", "wu", "wuli"}


def _planted():
    rows = []
    spellings = SPELLINGS + PHONES
    for i, text in enumerate(spellings):
        rows.append({"contact": PEOPLE[i % 3], "sent_at": f"2025-03-{1 + i % 28:02d}", "organisation": f"Org {text}",
                     "role": f"{text} team", "template": f"for {text}", "notes": text,
                     "outreach_id": f"{text}-{i}",
                     # students share first names with contacts: a first name alone stays in the student column
                     "student": "s01" if i % 2 or text == "Kim" else f"s01 {text}"})
    return pd.DataFrame(rows)


def _tokens(text):
    text = re.sub(r"data:[a-z]+/[a-z+]+;base64,[A-Za-z0-9+/=]+", " ", text)  # figures
    text = re.sub(r"<[^>]+>", " ", text)
    return {fold(w) for w in re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", text))}


def test_names_in_every_spelling_never_reach_the_pseudonymised_export(tmp_path):
    for form in ("csv", "excel-de"):
        path = write_log(_planted(), tmp_path / f"{form}.csv", pseudonymize=True, format=form)
        text = path.read_text(encoding="utf-8-sig")
        assert not _tokens(text) & FORBIDDEN, _tokens(text) & FORBIDDEN
        assert not re.search(r"\d{3}[ /-]?\d{2}", re.sub(r"\d{4}-\d\d-\d\d|\d\d\.\d\d\.\d{4}|[0-9a-f]{8,}", "", text))


@pytest.mark.parametrize("pseudonymised", [False, True])
def test_names_in_every_spelling_never_reach_the_class_report(tmp_path, pseudonymised):
    folder = tmp_path / "in"
    folder.mkdir()
    planted = _planted()
    write_log(planted, folder / "s01.csv", pseudonymize=pseudonymised)
    with iv.OutreachLog(folder / "s02.sqlite3") as db:
        db.import_file(planted.assign(student="s02"))
    write_log(planted.assign(student="s03"), folder / "s03.xlsx", pseudonymize=pseudonymised)
    (tmp_path / "out").mkdir()
    report = class_report(folder, tmp_path / "out" / "class.html", progress=False)
    german = class_report(folder, tmp_path / "out" / "klasse.html", language="de", progress=False)
    for path in (report, report.with_suffix(".csv"), german, german.with_suffix(".csv")):
        found = _tokens(path.read_text(encoding="utf-8-sig")) & FORBIDDEN
        assert not found, (path.name, found)


def test_names_of_rows_that_fail_a_rule_are_known_to_the_class_report(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "s01.csv").write_text("contact,sent_at,template\nWaltraud Quellmalz,not a date,x\n"
                                    "Kim Meyer,2025-03-03,for Quellmalz\n", encoding="utf-8")
    (folder / "s02.csv").write_text("contact,sent_at,template\nAda Lux,2025-03-03,Quellmalz & Co\n", encoding="utf-8")
    result = read_submissions(folder, progress=False)
    assert result.frame["template"].tolist() == ["[contact] & Co"]


def test_surname_first_contact_cells_and_short_surnames():
    clean = Names(["Meyer, Kim", "Li Wu"], "[c]", parts=True)
    assert clean("Kim Meyer, Dr. Wu and Wu Consulting") == "[c], [c] and [c] Consulting"
    assert Names(["Kim Meyer"], "[c]", parts="surname")("Kim Schulz, Meyer") == "Kim Schulz, [c]"
    assert scrub("reach me at kim.meyer at uni-x dot de or +49 30 1234 5678x") == "reach me at [email] or [phone]x"


def test_a_pseudonym_of_digits_alone_is_not_taken_for_a_phone_number():
    salt = next(s for s in (bytes([i]) for i in range(256)) if pseudonym("Lena Kurz", s)[8:].isdigit())
    name = pseudonym("Lena Kurz", salt)
    assert scrub(f"works with {name}") == f"works with {name}"
    assert scrub(f"{name}, Tel. 0176 1234567") == f"{name}, Tel. [phone]"
    frame = read_log(pd.DataFrame({"contact": [name], "sent_at": ["2025-03-03"], "role": [f"works with {name}"]}))
    again = iv.log.write.export_frame(frame, pseudonymize=True, salt=salt)
    assert again.loc[0, "role"] == f"works with {again.loc[0, 'contact']}"
