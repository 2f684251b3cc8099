"""Exports: CSV, German Excel CSV and .xlsx round trips, formula guards, pseudonymisation, shipped files."""

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest

import infoview as iv
from infoview.log.write import write_log
from infoview.log.sample import SAMPLE_FILES, write_sample_files

ROOT = Path(__file__).resolve().parents[1]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
DIGITS = re.compile(r"\d[\d\s()/.-]{5,}\d")


@pytest.fixture
def log(tmp_path):
    with iv.OutreachLog(tmp_path / "log.sqlite3") as opened:
        opened.import_file(iv.sample_log(students=4, weeks=4, seed=3))
        yield opened


@pytest.mark.parametrize("name, fmt", [("out.csv", None), ("out_de.csv", "excel-de"), ("out.xlsx", None)])
def test_round_trip_write_export_read(log, tmp_path, name, fmt):
    oid = log.add(contact="Ana Tanaka", organisation="=Evil Corp", role="-Chief", template="+template",
                  sent_at="2025-10-01 09:30:15", notes="@home\tand\nsecond line; with, separators \"quoted\"")
    log.update(oid, replied_at="2025-10-02 07:00", response="accepted", meeting_at="2025-10-06")
    path = log.export(tmp_path / name, format=fmt)
    pd.testing.assert_frame_equal(iv.read_log(path), log.to_frame())


def test_plain_csv_is_utf8_comma_iso(log, tmp_path):
    data = log.export(tmp_path / "out.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    header, first = data.decode("utf-8").splitlines()[:2]
    assert header == ",".join(f'"{c}"' for c in iv.LOG_COLUMNS)  # every field quoted
    assert re.search(r',"\d{4}-\d{2}-\d{2} \d{2}:\d{2}",', first)


def test_german_excel_csv(log, tmp_path):
    data = log.export(tmp_path / "de.csv", format="excel-de").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    text = data.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text), delimiter=";"))
    assert header[:4] == ["Nr", "Kürzel", "Kontakt", "Unternehmen"] and "Gesendet am" in header
    assert re.search(r';"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}";', text)
    assert '"zugesagt"' in text and '"E-Mail"' in text and '"email"' not in text


DANGEROUS = ["=1+1", "+49 is a prefix", "-minus", "@SUM(A1)", "=HYPERLINK(\"http://x.example\")"]


def test_neutralise_covers_every_formula_start():
    from infoview.log.write import neutralise

    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert neutralise(start + "x") == "'" + start + "x"
    assert neutralise("plain - text") == "plain - text" and neutralise("") == ""


def test_formula_injection_is_neutralised_in_csv_and_xlsx(tmp_path):
    from openpyxl import load_workbook

    with iv.OutreachLog(tmp_path / "log.sqlite3") as log:
        for i, text in enumerate(DANGEROUS):
            log.add(contact=f"P{i}", organisation=text, notes=text, sent_at="2025-03-03")
        for fmt, name in (("csv", "out.csv"), ("excel-de", "de.csv")):
            raw = log.export(tmp_path / name, format=fmt).read_text(encoding="utf-8-sig")
            cells = [c for row in csv.reader(io.StringIO(raw), delimiter=";" if fmt == "excel-de" else ",")
                     for c in row]
            assert [c for c in cells if c.startswith("'")] == [f"'{t}" for t in DANGEROUS for _ in (1, 2)]
            assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
        path = log.export(tmp_path / "out.xlsx")
        cells = [c for row in load_workbook(path).active.iter_rows(min_row=2) for c in row if c.value is not None]
        assert all(c.data_type != "f" for c in cells)
        texts = [c.value for c in cells if isinstance(c.value, str)]
        assert not any(t.startswith(("=", "+", "-", "@", "\t", "\r")) for t in texts)
        assert iv.read_log(path)["organisation"].tolist() == DANGEROUS


def test_pseudonymised_export_hides_people(tmp_path):
    frame = iv.sample_log(students=3, weeks=3, seed=4)
    frame.loc[0, "contact"] = frame.loc[1, "contact"] = "Lena Kurz"
    frame.loc[2, "contact"] = "lena  KURZ"  # the same person, typed differently
    frame.loc[0, "organisation"] = "Kurz & Co (lena.kurz@kurz.example, +49 30 1234 5678)"
    frame.loc[1, "role"] = "Assistant to Lena Kurz, call 0171/2345678"
    frame.loc[2, "template"] = "from jonas(at)uni-weidenau(dot)de"
    frame.loc[3, "student"] = "s03 (student.three@uni.example)"
    frame.loc[4, "outreach_id"] = "lena.kurz@kurz.example"
    frame.loc[5, "notes"] = "Her private number is 030 9876 5432"
    path = write_log(frame, tmp_path / "class.csv", pseudonymize=True)
    text = path.read_text(encoding="utf-8")
    assert not EMAIL.search(text) and "(at)" not in text
    for secret in ("1234 5678", "2345678", "9876 5432", "kurz.example", "uni-weidenau", "uni.example"):
        assert secret not in text
    without_pseudonyms = re.sub(r"\b(Contact [0-9a-f]{8}|id-[0-9a-f]{12})\b", "", text)
    assert not [d for d in DIGITS.findall(without_pseudonyms) if not re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}", d)]
    assert "Lena" not in text and "Kurz," not in text and "private number" not in text
    back = iv.read_log(path)
    assert "notes" not in text.splitlines()[0] and (back["notes"] == "").all()
    assert back.loc[0, "contact"] == back.loc[1, "contact"] == back.loc[2, "contact"]
    assert back.loc[0, "contact"].startswith("Contact ") and back["contact"].nunique() == frame["contact"].str.lower(
        ).str.split().str.join(" ").nunique()
    assert back.loc[1, "role"].startswith("Assistant to Contact ")
    kept = ["source", "channel", "sent_at", "followed_up_at", "replied_at", "response", "meeting_at",
            "thank_you_at", "referrals"]
    pd.testing.assert_frame_equal(back[kept], iv.read_log(frame)[kept])
    assert (back["outreach_id"].drop(index=4) == frame["outreach_id"].drop(index=4)).all()
    other = iv.read_log(write_log(frame, tmp_path / "again.csv", pseudonymize=True))
    assert other.loc[0, "contact"] != back.loc[0, "contact"]  # a new salt for every export
    same = [iv.read_log(write_log(frame, tmp_path / f"salted{i}.csv", pseudonymize=True, salt=b"k")) for i in (1, 2)]
    pd.testing.assert_frame_equal(*same)


def test_pseudonymised_german_and_xlsx_exports(tmp_path):
    frame = iv.sample_log(students=2, weeks=2, seed=1)
    german = write_log(frame, tmp_path / "de.csv", pseudonymize=True, format="excel-de")
    assert "Kontakt " in german.read_text(encoding="utf-8-sig") and "Notizen" not in german.read_text("utf-8-sig")
    xlsx = iv.read_log(write_log(frame, tmp_path / "x.xlsx", pseudonymize=True))
    assert xlsx["contact"].str.startswith("Contact ").all()
    assert not set(xlsx["contact"]) & set(frame["contact"])


def test_shipped_sample_files_are_exactly_what_sample_log_gives(tmp_path):
    write_sample_files(tmp_path)
    for name in SAMPLE_FILES:
        assert (ROOT / "data" / name).read_bytes() == (tmp_path / name).read_bytes(), name
    english = iv.read_log(ROOT / "data" / "sample_outreach.csv")
    german = iv.read_log(ROOT / "data" / "beispiel_kontaktprotokoll.csv")
    pd.testing.assert_frame_equal(english.drop(columns="notes"), german.drop(columns="notes"))
    pd.testing.assert_frame_equal(english, iv.sample_log())
    pd.testing.assert_frame_equal(german, iv.sample_log(language="de"))
    noted = english["notes"] != ""
    assert noted.sum() > 20 and (german["notes"] != "").equals(noted)
    assert german.loc[noted, "notes"].str.contains("Alumni|Lebenslauf|Team|Gespräch|Kurs").any()
    assert not set(german.loc[noted, "notes"]) & set(english.loc[noted, "notes"])


def test_failed_export_leaves_no_file(tmp_path):
    with pytest.raises(ValueError):
        write_log(iv.sample_log(students=1, weeks=1), tmp_path / "x.csv", format="pdf")
    with pytest.raises(iv.LogError):
        write_log(pd.DataFrame({"contact": ["A"]}), tmp_path / "x.csv")
    assert list(tmp_path.iterdir()) == []
