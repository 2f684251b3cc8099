"""The class report: reading a folder of hand-ins in every format, broken and empty files,
privacy, the formula-safe CSV, both languages, the dashboard, the command line."""

import csv
import datetime
import hashlib
import io
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import infoview as iv
from infoview.classroom import handins
from infoview.classroom.report import class_report, write_student_csv
from infoview.classroom.view import ClassView, student_table
from infoview.dates import parse_as_of
from infoview.texts import text
from infoview.cli import main
from infoview.log.write import write_log
from infoview.classroom.handins import read_submissions
from infoview.log.read import check_log
from infoview.log.reminders import due

STUDENTS = 10
BROKEN = "contact;sent_at;response\nLena Kurz;03.11.2025;vielleicht\nJonas Albrecht;31.02.2025;\n"


def _write_class(folder, log):
    """Hand-ins in every format: plain CSV, German Excel CSV (no student column), .xlsx, SQLite,
    an empty log, and one broken file."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, (student, rows) in enumerate(log.groupby("student")):
        kind = number % 4
        if kind == 0:
            write_log(rows, folder / f"{student}.csv", pseudonymize=True)
        elif kind == 1:
            write_log(rows.drop(columns="student"), folder / f"{student}.csv", format="excel-de")
        elif kind == 2:
            write_log(rows, folder / f"{student}.xlsx")
        else:
            with iv.OutreachLog(folder / f"{student}.sqlite3") as db:
                db.import_file(rows)
    (folder / "s11.csv").write_text(",".join(iv.LOG_COLUMNS) + "\n", encoding="utf-8")
    (folder / "s12.csv").write_text(BROKEN, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def log():
    return iv.sample_log(students=STUDENTS, weeks=8, seed=21)


@pytest.fixture(scope="module")
def folder(tmp_path_factory, log):
    return _write_class(tmp_path_factory.mktemp("class") / "hand_ins", log)


@pytest.fixture(scope="module")
def submissions(folder):
    return read_submissions(folder, progress=False)


@pytest.fixture(scope="module")
def reports(tmp_path_factory, submissions):
    out = tmp_path_factory.mktemp("reports")
    paths = {}
    for language in ("en", "de"):
        html = class_report(submissions, out / f"class_{language}.html", language=language)
        paths[language] = (html.read_text(encoding="utf-8"), html.with_suffix(".csv"))
    return paths


# -- reading --------------------------------------------------------------------------------


def test_every_format_is_read_and_every_student_listed(submissions, log):
    students = submissions.students.set_index("student")
    assert list(students.index) == [f"s{i:02d}" for i in range(1, 13)]
    assert students.loc["s11", "status"] == "read" and students.loc["s12", "status"] == "unreadable"
    assert {Path(name).suffix for name in students["files"]} == {".csv", ".xlsx", ".sqlite3"}
    sent = submissions.frame.groupby("student").size()
    pd.testing.assert_series_equal(sent, log.groupby("student").size(), check_names=False)


def test_validating_all_files_at_once_gives_what_read_log_gives(submissions, folder):
    """The batch validation must agree with read_log file by file (student names aside)."""
    compared = ["sent_at", "followed_up_at", "replied_at", "response", "meeting_at", "thank_you_at",
                "referrals", "source", "channel", "template"]
    for path in sorted(folder.glob("s0*.csv")) + sorted(folder.glob("*.xlsx")) + [folder / "s10.csv"]:
        if not path.exists():
            continue
        alone = iv.read_log(path)
        mine = submissions.frame[submissions.frame["student"] == path.stem]
        pd.testing.assert_frame_equal(mine[compared].reset_index(drop=True), alone[compared], check_dtype=False)


def test_parallel_loading_gives_the_same_class(folder, submissions, tmp_path):
    """In a fresh single-threaded process (this one may run browser threads), worker processes read alike."""
    import subprocess

    code = (f"import infoview.classroom.handins as h, infoview.classroom.batch as b, sys; b._PARALLEL_FROM = 2\n"
            f"assert b._workers(12) > 1 or sys.platform != 'linux'\n"
            f"h.read_submissions({str(folder)!r}, progress=False).frame.to_pickle({str(tmp_path / 'f.pkl')!r})")
    subprocess.run([sys.executable, "-c", code], check=True)
    again = pd.read_pickle(tmp_path / "f.pkl")
    columns = [c for c in iv.LOG_COLUMNS if c != "contact"]
    pd.testing.assert_frame_equal(again[columns], submissions.frame[columns])


def test_broken_file_is_listed_with_its_problems_and_does_not_stop_the_rest(submissions, folder, reports):
    (broken,) = submissions.broken
    assert broken.name == "s12.csv" and broken.student == "s12"
    expected = check_log(folder / "s12.csv")
    assert [(p.line, p.column, p.message) for p in broken.problems] == \
           [(p.line, p.column, p.message) for p in expected]
    assert [p.value for p in broken.problems] == [p.value for p in expected]  # dates and responses hold no names
    html, _ = reports["en"]
    assert "s12.csv" in html and "unknown response" in html and "is not a date" in html
    assert html.count("<details class=\"broken\"") == 1
    assert f"{STUDENTS} of 12" in html  # the other students are all reported


def test_a_file_that_breaks_in_the_batch_is_explained_like_read_log(tmp_path, log):
    folder = tmp_path / "in"
    folder.mkdir()
    for student, rows in log.groupby("student"):
        write_log(rows, folder / f"{student}.csv")
    lines = (folder / "s03.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(',"email",', ',"pigeon",')
    (folder / "s03.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_submissions(folder, progress=False)
    assert [b.name for b in result.broken] == ["s03.csv"]
    assert [(p.line, p.column) for p in result.broken[0].problems] == [(3, "channel")]
    assert "s03" not in set(result.frame["student"]) and len(result.frame) == (log["student"] != "s03").sum()


def test_files_that_are_not_logs_and_duplicates(tmp_path, log):
    folder = tmp_path / "in"
    folder.mkdir()
    rows = log[log["student"] == "s01"]
    write_log(rows, folder / "s01.csv")
    write_log(rows, folder / "s01_again.xlsx")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (folder / ".hidden.csv").write_text("x")
    (folder / "sub").mkdir()
    result = read_submissions(folder, progress=False)
    assert [b.name for b in result.broken] == ["notes.pdf"]
    assert "not outreach logs" in result.broken[0].problems[0].message
    assert result.students.set_index("student").loc["s01", "files"] == "s01.csv, s01_again.xlsx"
    html = class_report(result, tmp_path / "r.html").read_text(encoding="utf-8")
    assert text("classroom.class_report.duplicates", "en") in html


def test_hand_ins_are_never_changed(folder, tmp_path):
    def snapshot():
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}

    before = snapshot()
    read_submissions(folder, progress=False)
    assert snapshot() == before  # no -wal or -shm files next to the SQLite hand-ins either


def test_sqlite_with_a_write_ahead_log_is_read_from_a_copy(tmp_path, log):
    import shutil

    folder = tmp_path / "in"
    folder.mkdir()
    db = iv.OutreachLog(tmp_path / "live.sqlite3")
    db.import_file(log[log["student"] == "s02"])
    db._db.execute("PRAGMA wal_autocheckpoint=0")
    oid = db.add(contact="Ada Lovelace", sent_at="2025-10-01 10:00", student="s02")
    shutil.copy(tmp_path / "live.sqlite3", folder / "s02.sqlite3")
    shutil.copy(tmp_path / "live.sqlite3-wal", folder / "s02.sqlite3-wal")
    db.close()
    listing = sorted(p.name for p in folder.iterdir())
    result = read_submissions(folder, progress=False)
    assert len(result.frame) == (log["student"] == "s02").sum() + 1 and oid
    assert sorted(p.name for p in folder.iterdir()) == listing


def test_progress_bar_only_when_asked_or_in_a_terminal(folder, capsys):
    read_submissions(folder, progress=False)
    assert capsys.readouterr().err == ""
    read_submissions(folder)  # pytest's stderr is not a terminal
    assert capsys.readouterr().err == ""
    read_submissions(folder, progress=True, language="de")
    assert "Abgaben werden gelesen" in capsys.readouterr().err


# -- privacy --------------------------------------------------------------------------------


PLANTED = ["Waltraud Zimmermann-Kowalski", "Prof. Dr. Ignatius Quellmalz", "Hyacinth Bucket",
           "waltraud.zimmermann@nordlicht.example", "i.quellmalz@uni-weidenau.example",
           "+49 170 5553 8211", "0049 (30) 555-98765", "030 5557 1234"]


def _privacy_class(folder):
    folder.mkdir()
    base = pd.DataFrame({
        "student": ["s1", "s1", "s1", "s1"],
        "contact": ["Waltraud Zimmermann-Kowalski", "Prof. Dr. Ignatius Quellmalz", "Hyacinth Bucket",
                    "waltraud.zimmermann@nordlicht.example"],
        "organisation": ["Team of Waltraud Zimmermann-Kowalski", "Quellwerk (call +49 170 5553 8211)",
                         "Bucket & Söhne", "Nordlicht GmbH"],
        "role": ["Assistant to Ignatius Quellmalz", "Head of Research", "reach me at i.quellmalz@uni-weidenau.example",
                 "Hiring manager"],
        "template": ["six_point", "written for hyacinth  bucket", "own_words", "own_words"],
        "source": ["alumni", "cold", "event", "referral"],
        "channel": ["email", "email", "phone", "linkedin"],
        "sent_at": ["2025-10-06 09:00", "2025-10-07 09:00", "2025-10-08 10:00", "2025-10-09 11:00"],
        "replied_at": ["2025-10-07", "", "", ""],
        "response": ["accepted", "", "", ""],
        "notes": ["Her mobile: 0049 (30) 555-98765", "Prof. Dr. Ignatius Quellmalz prefers calls", "030 5557 1234",
                  "waltraud.zimmermann@nordlicht.example"],
    })
    base.to_csv(folder / "s1.csv", index=False)  # not pseudonymised: the student forgot
    with iv.OutreachLog(folder / "s2.sqlite3") as db:
        db.import_file(base.assign(student="s2"))
    write_log(base.assign(student="s3"), folder / "s3.xlsx")
    # A log without its header line: the first row (contact data) is taken for the header.
    (folder / "s4.csv").write_text("Hyacinth Bucket,2025-10-06,+49 170 5553 8211\n", encoding="utf-8")
    return folder


def test_no_contact_name_email_or_phone_reaches_report_or_csv(tmp_path):
    folder = _privacy_class(tmp_path / "in")
    result = read_submissions(folder, progress=False)
    assert [b.name for b in result.broken] == ["s4.csv"]
    outputs = [result.frame.to_csv(), repr(result.broken)]
    for language in ("en", "de"):
        html = class_report(result, tmp_path / f"{language}.html", language=language)
        outputs += [html.read_text(encoding="utf-8"), html.with_suffix(".csv").read_text(encoding="utf-8-sig")]
    blob = "\n".join(outputs).casefold()
    for secret in PLANTED + ["Zimmermann", "Quellmalz", "Bucket", "555"]:
        assert secret.casefold() not in blob, secret
    assert result.frame["organisation"].tolist()[:3] == ["Team of [contact]", "Quellwerk (call [phone])",
                                                         "[contact] & Söhne"]
    assert len(result.frame) == 12 and set(result.frame["student"]) == {"s1", "s2", "s3"}


# -- figures, tables and the CSV ------------------------------------------------------------


def test_student_table_counts_as_of_a_date(submissions, log):
    as_of = pd.Timestamp("2025-11-09 23:59:59")
    table = student_table(submissions, as_of="2025-11-09").set_index("student")
    known = log[log["sent_at"] <= as_of]
    replied = known[known["replied_at"] <= as_of]
    for student in ["s01", "s02", "s03", "s04"]:
        mine = known["student"] == student
        assert table.loc[student, "sent"] == mine.sum()
        assert table.loc[student, "replied"] == (replied["student"] == student).sum()
        assert table.loc[student, "met"] == (mine & (known["meeting_at"] <= as_of)).sum()
    assert table.loc["s11", "status"] == "no_outreach" and table.loc["s11", "sent"] == 0
    assert table.loc["s12", "status"] == "unreadable" and pd.isna(table.loc["s12", "sent"])


def test_weeks_at_goal_and_overdue_follow_ups(submissions, log):
    view = ClassView(submissions, as_of="2025-11-16", goal=2)
    assert [w.strftime("%Y-%m-%d") for w in view.weeks][:2] == ["2025-09-29", "2025-10-06"]
    assert view.weeks[-1] == pd.Timestamp("2025-11-10")  # the week ending on the as-of date is complete
    table = view.students.set_index("student")
    s01 = log[log["student"] == "s01"]
    weekly = s01["sent_at"].dt.to_period("W-SUN").value_counts()
    complete = [p for p in weekly.index if p.start_time in view.weeks]
    assert table.loc["s01", "weeks_at_goal"] == sum(weekly[p] >= 2 for p in complete)
    todo = due(log[log["sent_at"] <= pd.Timestamp("2025-11-16 23:59:59")], today="2025-11-16")
    follow = todo[todo["action"] == "follow_up"].groupby("student").size()
    for student in ["s01", "s02", "s05"]:
        assert table.loc[student, "overdue_follow_ups"] == follow.get(student, 0)
    counts = view.goal_counts()
    assert (counts[["met", "below", "none"]].sum(axis=1) == 11).all()  # every readable student, every week


def test_rates_over_time_are_censored(submissions):
    from infoview.analysis import reply_rates

    view = ClassView(submissions, as_of="2025-11-20")
    rates = reply_rates(view.frame, freq="W", within=7, as_of=view.as_of)
    assert rates["period"].max() <= pd.Timestamp("2025-11-13")  # no week without 7 days of replies
    assert view.frame["sent_at"].max() <= view.as_of and view.frame["replied_at"].max() <= view.as_of


def test_csv_is_formula_safe(tmp_path, log):
    folder = tmp_path / "in"
    folder.mkdir()
    names = ["=HYPERLINK(\"http://evil.example\")", "+SUM(1)", "-2+3", "@cmd", "\tTab"]
    for name, (_, rows) in zip(names, log.groupby("student")):
        write_log(rows.assign(student=name), folder / f"{len(name)}_{name[1:4].strip()}.csv")
    result = read_submissions(folder, groups={"+SUM(1)": "=1+2"}, progress=False)
    written = {"en": class_report(result, tmp_path / "r.html").with_suffix(".csv"),
               "de": write_student_csv(student_table(result), tmp_path / "r_de.csv", "de")}
    for language, path in written.items():
        content = path.read_text(encoding="utf-8-sig")
        cells = [cell for row in csv.reader(io.StringIO(content), delimiter=";" if language == "de" else ",")
                 for cell in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
        assert "'=HYPERLINK(\"http://evil.example\")" in cells and "'=1+2" in cells and "'+SUM(1)" in cells


def test_html_is_self_contained_and_sortable(reports):
    html, _ = reports["en"]
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<link" not in html and "@import" not in html
    assert html.count("data:image/png;base64,") == 5
    assert 'table class="sortable" id="students"' in html and "addEventListener(\"click\"" in html
    assert re.search(r'data-sort="0\.\d+"', html)


def test_both_languages(reports):
    english, english_csv = reports["en"]
    german, german_csv = reports["de"]
    assert '<html lang="en">' in english and '<html lang="de">' in german
    for key in ("title", "rates", "goal", "comparisons", "students", "no_outreach"):
        assert text(f"classroom.class_report.{key}", "en") in english
        assert text(f"classroom.class_report.{key}", "de") in german
    assert "Kontaktquelle" in german and "Ohne Verbindung (kalt)" in german
    assert english_csv.read_text(encoding="utf-8").startswith(
        '"student","status","steps_done","sent","replied","reply_rate","reply_low","reply_high","shrunk_rate",')
    data = german_csv.read_bytes()
    assert data.startswith("\ufeff\"Kürzel\";\"Status\";\"Meilensteine\";\"Gesendet\";".encode("utf-8")) and b"\r\n" in data
    assert re.search(r';"0,\d{3}";', data.decode("utf-8-sig")) and "\u00ad" not in data.decode("utf-8-sig")


def test_empty_log_is_listed_as_no_outreach_yet(reports):
    for language in ("en", "de"):
        html, _ = reports[language]
        listed = html[html.index('id="no-outreach"'):]
        assert "<li>s11" in listed[:listed.index("</ul>")]


def test_groups_roster_and_selection(tmp_path, folder):
    roster = tmp_path / "roster.csv"
    roster.write_text("student,group\n" + "".join(f"s{i:02d},{'A' if i % 2 else 'B'}\n" for i in range(1, 13))
                      + "s13,A\n", encoding="utf-8")
    result = read_submissions(folder, groups=roster, progress=False)
    assert result.groups == ["A", "B"]
    assert result.students.set_index("student").loc["s13", "status"] == "missing"
    view = ClassView(result, group="A", weeks=("2025-10-08", "2025-10-20"))
    assert set(view.students["student"]) == {f"s{i:02d}" for i in range(1, 14, 2)}
    assert view.frame["sent_at"].min() >= pd.Timestamp("2025-10-06")
    assert view.frame["sent_at"].max() < pd.Timestamp("2025-10-27")
    html = class_report(result, tmp_path / "a.html", group="A", weeks=("2025-10-06", "2025-10-20"))
    page = html.read_text(encoding="utf-8")
    assert "group A" in page and "nothing handed in" in page and "s13" in page and ">s02<" not in page


def test_parse_as_of():
    assert parse_as_of("2025-12-01") == pd.Timestamp("2025-12-02") - pd.Timedelta(1, "ns")
    assert parse_as_of(datetime.date(2025, 12, 1)) == parse_as_of("01.12.2025")
    assert parse_as_of("2025-12-01 14:30") == pd.Timestamp("2025-12-01 14:30")
    with pytest.raises(iv.LogError, match="not a date"):
        parse_as_of("soon")


# -- the dashboard --------------------------------------------------------------------------


def test_dashboard_widget_headless(folder, tmp_path):
    from infoview.widgets.class_dashboard import ClassDashboard

    board = ClassDashboard(language="de", groups={"s01": "A", "s02": "B"})
    board.folder.value = str(tmp_path / "nowhere")
    board.load_button.click()
    assert "gibt es nicht" in board.message.value and board.write_button.disabled
    board.folder.value = str(folder)
    board.load_button.click()
    assert "12 Dateien" in board.message.value
    assert (board.group.index, board.group.label) == (0, "Alle Gruppen")  # the menu is never blank
    assert not any(bytes(image.value) for image in board.plots.values())  # drawn when their tab opens
    for tab in (1, 2, 3):
        board.tabs.selected_index = tab
    assert all(bytes(image.value).startswith(b"\x89PNG") for image in board.plots.values())
    board.tabs.selected_index = 0
    assert "s12.csv" in board.overview.value and "s11" in board.overview.value
    assert board.students.value.count("<tr>") == 13  # the heading and one row per student
    board.group.value = "A"
    assert board.students.value.count("<tr>") == 2 and "s01" in board.students.value
    board.group.value = ""
    board.weeks.index = (1, 2)
    assert "Anfragen gesendet" in board.summary.value
    board.report_path.value = str(tmp_path / "dash.html")
    board.write_button.click()
    assert (tmp_path / "dash.html").exists() and (tmp_path / "dash.csv").exists()
    assert "Auswahl: Anfragen aus den Wochen" in (tmp_path / "dash.html").read_text(encoding="utf-8")


def test_damaged_xlsx_is_broken_with_a_helpful_message(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "s1.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    result = read_submissions(folder, progress=False)
    assert "Excel workbook" in result.broken[0].problems[0].message


# -- the command line -----------------------------------------------------------------------


def test_cli_in_process(folder, tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["class-report", str(folder), "-o", str(out), "--lang", "de", "--as-of", "16.11.2025",
                 "--goal", "3", "--no-progress", "--csv", str(tmp_path / "table.csv")]) == 0
    captured = capsys.readouterr()
    assert "12 Abgaben" in captured.out and "s12.csv" in captured.err
    assert out.exists() and (tmp_path / "table.csv").exists() and not out.with_suffix(".csv").exists()
    page = out.read_text(encoding="utf-8")
    assert "Stand: 16. Nov. 2025" in page and "mindestens 3 Anfragen gesendet" in page
    assert main(["class-report", str(tmp_path / "missing"), "-o", str(tmp_path / "y.html")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["class-report", str(folder), "--as-of", "someday"]) == 2
    assert "--as-of someday" in capsys.readouterr().err
    assert main(["class-report", str(folder), "--goal", "-1"]) == 2


def test_cli_subprocess(folder, tmp_path):
    command = Path(sys.executable).with_name("infoview")
    out = tmp_path / "klasse.html"
    done = subprocess.run([command, "class-report", folder, "-o", out, "--lang", "de"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Kursbericht" in out.read_text(encoding="utf-8") and "klasse.csv" in done.stdout
    assert np.all([line.startswith("  ") for line in done.stderr.splitlines() if "s12.csv" in line])
