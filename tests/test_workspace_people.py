"""People: one record per person, matched on email, profile URL, or name and organisation; log rows
refer to their person; targets are stored with their people and re-sort as they change."""

import sqlite3

import pytest

import infoview as iv


@pytest.fixture
def ws(tmp_path):
    with iv.Workspace(tmp_path / "ws.sqlite3") as opened:
        yield opened


def test_the_same_person_is_never_stored_twice(ws):
    lena = ws.add_person("Dr. Lena Kurz", organisation="Nordlicht", form_of_address="Frau")
    assert ws.add_person("lena   KURZ", organisation="nordlicht", email="Lena.Kurz@Nordlicht.example") == lena
    assert ws.add_person("Lena K.", email="lena.kurz@nordlicht.example ",  # same email: completes the record
                         profile_url="https://www.linkedin.com/in/lena-kurz/") == lena
    assert ws.add_person("Lena Kurz-Meyer", profile_url="linkedin.com/in/lena-kurz?trk=x") == lena  # same profile
    assert ws.add_person("Lena Kurz") == lena  # no organisation: the only Lena Kurz
    other = ws.add_person("Lena Kurz", organisation="Südwind AG")  # a namesake elsewhere
    assert other != lena
    with pytest.raises(iv.WorkspaceError, match="2 people have this name"):
        ws.person("Lena Kurz")
    stored = ws.person(lena)
    assert (stored.name, stored.title, stored.form_of_address, stored.email) == (
        "Lena Kurz", "Dr.", "female", "Lena.Kurz@Nordlicht.example")
    assert stored.profile_url == "https://www.linkedin.com/in/lena-kurz/" and stored.keep_in_touch_weeks == 8
    assert len(ws.people()) == 2
    with pytest.raises(iv.WorkspaceError, match="another stored person"):
        ws.update_person(other, email="lena.kurz@nordlicht.example")


def test_bad_fields_are_refused_with_the_field_named(ws):
    cases = {"email": "lena at nordlicht", "profile_url": "my profile", "source": "guesswork",
             "form_of_address": "madam", "keep_in_touch_weeks": 0}
    for field, value in cases.items():
        with pytest.raises(iv.WorkspaceError) as caught:
            ws.add_person("Lena Kurz", **{field: value})
        assert caught.value.field == field and "Fix:" in str(caught.value)
    with pytest.raises(iv.WorkspaceError, match="name is empty"):
        ws.add_person("  ")
    assert ws.people() == []
    assert ws.person(ws.add_person("Jonas Dorn", source="Kalt")).source == "cold"


def test_log_rows_refer_to_people_and_new_names_create_them(ws):
    first = ws.log.add(contact="Dr. Lena Kurz", organisation="Nordlicht", sent_at="2025-03-03", source="alumni")
    ws.log.add(contact="Lena Kurz", organisation="Nordlicht", sent_at="2025-03-20")
    ws.log.add(contact="Jonas Dorn", sent_at="2025-03-04")
    names = [(p.full_name, p.organisation, p.source) for p in ws.people()]
    assert names == [("Dr. Lena Kurz", "Nordlicht", "alumni"), ("Jonas Dorn", "", None)]
    db = sqlite3.connect(ws.path)
    lena = ws.person("Lena Kurz").person_id
    assert db.execute("SELECT count(*) FROM outreach WHERE person_id = ?", (lena,)).fetchone()[0] == 2
    ws.update_person(lena, name="Lena Kurz-Berger")  # a new name reaches the log rows
    assert ws.log.get(first)["contact"] == "Lena Kurz-Berger"
    ws.log.update(first, contact="Mira Olsen")  # the log changes the row's contact: it moves to a new person
    assert ws.person("Mira Olsen").organisation == "Nordlicht"
    assert db.execute("SELECT p.name FROM outreach o JOIN people p USING (person_id) WHERE outreach_id = ?",
                      (first,)).fetchone()[0] == "Mira Olsen"


def test_referrers_and_snoozes(ws):
    lena = ws.add_person("Lena Kurz")
    tom = ws.add_person("Tom Baker", referred_by="Lena Kurz")
    assert ws.person(tom).referred_by == lena
    with pytest.raises(iv.WorkspaceError, match="circle"):
        ws.update_person(lena, referred_by=tom)
    with pytest.raises(iv.WorkspaceError, match="no person with this id"):
        ws.add_person("Mira Olsen", referred_by=999)
    ws.snooze("Tom Baker", "01.06.2025")
    assert ws.person(tom).snoozed_until == "2025-06-01"
    draft = ws.draft_for(tom, language="de")
    assert draft.kind == "referral_outreach" and draft.fields["referrer"] == "Lena Kurz"
    assert draft.fields["last_name"] == "Baker"


def test_targets_are_stored_linked_to_people_and_re_sorted(tmp_path):
    path = tmp_path / "ws.sqlite3"
    with iv.Workspace(path) as ws:
        ws.add_target("Stadtwerke Köln", advocate=True, motivation=2, posting=3, contact="Dr. Lena Kurz")
        ws.add_target("GreenGrid GmbH", motivation=3, posting=1)
        ws.add_target("Nordlicht", motivation=1)
        with pytest.raises(iv.WorkspaceError, match="schon auf Ihrer Liste"):
            ws.add_target("greengrid gmbh", language="de")
        with pytest.raises(iv.WorkspaceError):
            ws.add_target("Südwind", motivation=5)
    with iv.Workspace(path) as ws:  # another day, another kernel
        ranked = [t.employer for t in ws.targets().ranked()]
        assert ranked == ["GreenGrid GmbH", "Stadtwerke Köln", "Nordlicht"]
        assert ws.person("Lena Kurz").organisation == "Stadtwerke Köln"
        assert ws.targets().ranked()[1].contact == "Dr. Lena Kurz"
        ws.update_target("Nordlicht", motivation=3, posting=2)
        assert [t.employer for t in ws.targets().ranked()] == ["Nordlicht", "GreenGrid GmbH", "Stadtwerke Köln"]
        ws.remove_target("GreenGrid GmbH")
        assert [t.employer for t in ws.targets()] == ["Stadtwerke Köln", "Nordlicht"]
        with pytest.raises(iv.WorkspaceError, match="no target"):
            ws.remove_target("GreenGrid GmbH")
