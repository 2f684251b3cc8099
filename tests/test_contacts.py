"""Reading a student's own network: LinkedIn, vCard, Google and Outlook files, and broken ones."""

import os
from pathlib import Path

import pytest

import infoview as iv
from infoview import textfile
from infoview.errors import FileError
from infoview.prepare.contacts import CONTACT_COLUMNS

FILES = Path(__file__).parent / "data" / "contacts"

EXPECTED = {
    "linkedin.csv": [
        ("Jürgen", "Weiß", "", "Stadtwerke Köln", "Ingenieur, Netzplanung",
         "https://www.linkedin.com/in/juergen-weiss-4a1b2c", "2026-02-08", "linkedin"),
        ("Amélie", "Durand", "amelie.durand@example.org", "Caritas Wien", "Sozialarbeiterin",
         "https://www.linkedin.com/in/amelie-durand", "2025-11-14", "linkedin"),
        ("小明", "王", "", "ETH Zürich", "Doktorand", "https://www.linkedin.com/in/xiaoming-wang", "2024-01-01",
         "linkedin")],
    "linkedin_old.csv": [("Sören", "Ødegaard", "", "Siemens Energy", "Data Analyst", "", "2019-07-22", "linkedin")],
    "phone_v3.vcf": [
        ("Claudia", "Lange", "claudia.lange@example.de", "Universitätsklinikum Freiburg – Personalentwicklung",
         "Leiterin der Abteilung für Fort- und Weiterbildung im Pflegedienst",
         "https://www.linkedin.com/in/claudia-lange", None, "vcard"),
        ("Björn", "Åberg", "", "", "", "", None, "vcard")],
    "google_v4.vcf": [
        ("Eleni", "Papadopoulou", "eleni.p@example.gr", "Ελληνικό Ίδρυμα Ερευνών", "Research Fellow",
         "https://www.linkedin.com/in/eleni-papadopoulou", None, "vcard"),
        ("Ольга", "Смирнова", "olga@example.ru", "", "", "", None, "vcard")],
    "google_current.csv": [
        ("María José", "Núñez", "mj.nunez@example.es", "Banco Santander", "Risk Manager",
         "https://www.linkedin.com/in/mj-nunez", None, "google"),
        ("Tobias", "Brändle", "tobias.braendle@example.ch", "", "", "", None, "google")],
    "google_old.csv": [("Katrin", "Özdemir", "k.oezdemir@example.at", "Wiener Linien", "Projektleiterin",
                        "https://www.linkedin.com/in/katrin-oezdemir", None, "google")],
    "outlook.csv": [("François", "Lefèvre", "f.lefevre@example.fr", "Airbus", "Flight Test Engineer",
                     "https://www.linkedin.com/in/francois-lefevre", None, "outlook")],
    "outlook_de.csv": [("Günther", "Strauß", "g.strauss@example.de", "Deutsche Bahn", "Teamleiter Disposition", "",
                        None, "outlook")],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_field_lands_in_its_column(name):
    frame = iv.read_contacts(FILES / name)
    assert list(frame.columns) == CONTACT_COLUMNS
    rows = [tuple(None if column == "connected_on" and value != value else
                  (str(value.date()) if column == "connected_on" else value)
                  for column, value in row.items()) for _, row in frame.iterrows()]
    assert rows == EXPECTED[name]


def test_the_linkedin_header_is_found_after_any_preamble(tmp_path):
    body = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nKim,Meyer,,,,,02 Mar 2026\n"
    for preamble in ("", "Notes:\n", "Notes:\n\"one\"\n\"two\"\n\n\n"):
        path = tmp_path / "Connections.csv"
        path.write_text(preamble + body, encoding="utf-8")
        assert iv.read_contacts(path)["last_name"].tolist() == ["Meyer"]


def test_a_windows_1252_export_keeps_its_umlauts(tmp_path):
    path = tmp_path / "kontakte.csv"
    path.write_bytes("Vorname,Nachname,E-Mail-Adresse,Firma\nJörg,Größer,j@example.de,Bäckerei Süß\n".encode("cp1252"))
    row = iv.read_contacts(path).iloc[0]
    assert (row["first_name"], row["last_name"], row["organisation"]) == ("Jörg", "Größer", "Bäckerei Süß")


def test_a_file_mixing_encodings_is_refused_at_its_first_bad_line(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes("Vorname,Nachname,E-Mail-Adresse\nJürgen,Weiß,j@x.de\n".encode("utf-8")
                     + "Jörg,Größer,g@x.de\n".encode("cp1252"))
    with pytest.raises(FileError, match=r"mixed.csv, line 3: the file mixes two text encodings"):
        iv.read_contacts(path)


@pytest.mark.parametrize("name, where, what", [
    ("unknown.csv", "line 1", "this is not a contacts file infoview knows.*LinkedIn's Connections.csv"),
    ("broken.vcf", "line 4", "the vCard file cannot be read"),
])
def test_broken_files_name_the_file_and_line(name, where, what):
    with pytest.raises(FileError, match=f"{name}, {where}: {what}"):
        iv.read_contacts(FILES / name)


def test_a_bad_connection_date_names_its_line(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text("Notes:\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    "Kim,Meyer,,,,,02 Mar 2026\nAli,Kaya,,,,,yesterday\n", encoding="utf-8")
    with pytest.raises(FileError, match=r"line 5: 'yesterday' is not a date like 08 Feb 2026"):
        iv.read_contacts(path)


def test_non_files_and_huge_files_are_refused_before_reading(tmp_path, monkeypatch):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(FileError, match="not a regular file"):
        iv.read_contacts(fifo)
    big = tmp_path / "big.csv"
    big.write_text("First Name,Last Name,E-mail Address,Company\n" + "Kim,Meyer,k@x.de,X\n" * 100)
    monkeypatch.setattr(textfile, "MAX_BYTES", 1_000)
    with pytest.raises(FileError, match="over the limit of"):
        iv.read_contacts(big)


def test_a_field_over_the_limit_is_named_not_a_raw_csv_error(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text('First Name,Last Name,E-mail Address,Company\nKim,"' + "x" * (textfile.MAX_FIELD + 10) + '",a,b\n')
    with pytest.raises(FileError, match=r"line 1: the file cannot be read as CSV .*at most 100,000 characters"):
        iv.read_contacts(path)
