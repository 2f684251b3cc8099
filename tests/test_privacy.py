"""One privacy policy for the export and the class report (infoview.log.privacy)."""

import pandas as pd

from infoview.classroom.handins import read_submissions
from infoview.log.privacy import NAME_COLUMNS, Names, is_pseudonym, pseudonym, scrub
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
