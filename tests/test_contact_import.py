"""Choosing people from one's own contacts: the ContactChoice model and the ContactImport widget, headless."""

import datetime

import pytest

import infoview as iv
from infoview.workspace.contact_choice import ContactChoice

SAMPLE = "data/linkedin_connections_sample.csv"


@pytest.fixture
def ws(tmp_path):
    with iv.Workspace(tmp_path / "ws.sqlite3") as opened:
        yield opened


def test_search_and_filters_narrow_the_preview(ws):
    choice = ContactChoice(ws, "en")
    choice.load(SAMPLE)
    assert choice.message == ("ok", "Found 12 people in linkedin_connections_sample.csv (LinkedIn connections).")
    assert len(choice.shown_rows()) == 12 and choice.status() == "12 of 12 shown · 0 ticked"
    choice.set_filters(search="zurcher")  # accents and case ignored, company searched too
    assert [r["name"] for r in choice.shown_rows()] == ["Sophie Brunner"]
    choice.set_filters(search="", company="Zalando")
    assert [r["role"] for r in choice.shown_rows()] == ["Data Scientist"]
    choice.set_filters(company="", role="REFERENT")
    assert [r["name"] for r in choice.shown_rows()] == ["Miriam Haddad"]
    choice.set_filters(role="", search="o'brien")
    assert choice.shown_rows()[0]["connected_on"] == "19 Feb 2025"
    assert ("Zalando (1)", "Zalando") in choice.companies() and choice.companies()[0] == ("All companies", "")


def test_only_ticked_people_are_added_and_never_twice(ws):
    choice = ContactChoice(ws, "de", page=5)
    choice.load(SAMPLE)
    assert len(choice.shown_rows()) == 5 and "7 weitere passen" in choice.status()
    choice.show_more()
    assert len(choice.shown_rows()) == 10
    assert choice.add() is None and choice.message[0] == "error" and "zuerst" in choice.message[1]
    choice.set_filters(search="stadtwerke")
    choice.tick_shown()
    choice.set_filters(search="")
    choice.tick(7)  # Daniel Nguyen
    result = choice.add()
    assert [p.name for p in result.added] == ["Lena Hoffmann", "Daniel Nguyen"]
    assert [p.name for p in ws.people()] == ["Lena Hoffmann", "Daniel Nguyen"]
    assert choice.message == ("ok", "2 Personen wurden Ihrem Arbeitsbereich hinzugefügt. LinkedIn-Kontakte zählen "
                                    "auf Ihrer LAMP-Liste als Fürsprache, wenn ihr Unternehmen dort steht.")
    assert choice.ticked == set()
    choice.load(SAMPLE)  # the same file again
    for label in range(12):
        choice.tick(label)
    again = choice.add()
    assert len(again.added) == 10 and len(again.existing) == 2 and len(ws.people()) == 12
    assert "2 waren schon gespeichert" in choice.message[1]


def test_bad_files_become_messages_naming_the_file(ws, tmp_path):
    choice = ContactChoice(ws, "en")
    other = tmp_path / "notes.csv"
    other.write_text("Title,Due\nRead the report,2026-03-01\n", encoding="utf-8")
    choice.load(other)
    level, message = choice.message
    assert level == "error" and message.startswith("This file could not be read: ") and "notes.csv" in message
    assert "vCard" in message and choice.frame is None
    choice.load_upload("Connections.csv", "First Name,Last Name,Company,Position,Connected On\n"
                                          "Anna,Berg,Nordlicht,Analyst,31 Feb 2026\n".encode())
    level, message = choice.message
    assert level == "error" and "Connections.csv, line 2" in message and str(tmp_path) not in message
    card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ωmega Παπαδόπουλος\r\nN:Παπαδόπουλος;Ωmega;;;\r\nEND:VCARD\r\n"
    choice.load_upload("friends.vcf", card.encode())
    assert choice.message == ("ok", "Found 1 person in friends.vcf (address book (vCard)).")
    assert choice.shown_rows()[0]["name"] == "Ωmega Παπαδόπουλος"


def test_the_widget_reads_filters_ticks_and_adds(ws):
    from infoview.widgets import ContactImport

    widget = ContactImport(ws, "de", path=SAMPLE)
    assert "12 Personen in linkedin_connections_sample.csv gefunden" in widget.message.value
    assert len(widget.boxes) == 12 and not widget.add_button.disabled
    widget.company.value = "Roche Diagnostics"
    assert list(widget.boxes) == [1]
    widget.boxes[1].value = True
    assert "1 angekreuzt" in widget.status.value
    widget.add_button.click()
    assert "1 Person wurde Ihrem Arbeitsbereich hinzugefügt" in widget.message.value
    assert [p.name for p in ws.people()] == ["Marco Rinaldi"]
    ws.add_target("Roche Diagnostics", motivation=3)
    assert ws.targets().ranked()[0].advocate  # a LinkedIn connection counts as an advocate


def test_the_widget_shows_errors_instead_of_tracebacks(ws, tmp_path, monkeypatch):
    from infoview.widgets import ContactImport

    widget = ContactImport(ws, "en")
    assert "Choose your file" in widget.message.value and widget.add_button.disabled
    widget.read_button.click()
    assert "Type the path of your file" in widget.message.value
    widget.path.value = str(tmp_path / "missing.csv")
    widget.read_button.click()
    assert "could not be read" in widget.message.value and "missing.csv" in widget.message.value
    data = open(SAMPLE, "rb").read()
    widget.upload.value = ({"name": "Connections.csv", "type": "text/csv", "size": len(data),
                            "content": memoryview(data), "last_modified": datetime.datetime(2026, 3, 1)},)
    assert "Found 12 people" in widget.message.value and len(widget.boxes) == 12
    monkeypatch.setattr(ws, "add_people", lambda frame: 1 / 0)
    widget.boxes[0].value = True
    widget.add_button.click()
    assert "Something went wrong (division by zero)" in widget.message.value
