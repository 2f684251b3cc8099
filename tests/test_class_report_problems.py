"""The class report's problems: the command line prints every problem of a broken file, in the
report's language; the problem table shows the offending value (cut short) but never a name."""

import pytest

import infoview as iv
from infoview.classroom.handins import read_submissions
from infoview.classroom.report import class_report
from infoview.cli import main
from infoview.log.write import write_log

BROKEN = ("contact;sent_at;response;source\n"
          "Lena Kurz;03.11.2025;vielleicht;Alumni\n"
          "Jonas Albrecht;31.02.2025;;LinkedIn\n"
          "Ute Sommer;01.11.2025;;" + "x" * 500 + "\n")


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "hand_ins"
    folder.mkdir()
    write_log(iv.sample_log(students=1, weeks=4, seed=4), folder / "s01.csv", pseudonymize=True)
    (folder / "s02.csv").write_text(BROKEN, encoding="utf-8")
    return folder


def test_the_command_line_prints_every_problem_of_a_broken_file(folder, tmp_path, capsys):
    assert main(["class-report", str(folder), "-o", str(tmp_path / "c.html"), "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert "unknown response" in err and "is not a date" in err and "is a channel" in err
    assert err.count("    - line ") == 4 and "unknown source" in err


def test_the_german_summary_is_german(folder, tmp_path, capsys):
    assert main(["class-report", str(folder), "-o", str(tmp_path / "k.html"), "--lang", "de", "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert err.count("    - Zeile ") == 4 and "ist kein Datum" in err and "ist ein Kanal" in err
    assert "line " not in err and "unknown" not in err


def test_the_problem_table_shows_the_value_cut_short_and_no_name(folder, tmp_path):
    (broken,) = read_submissions(folder, progress=False).broken
    assert [p.value for p in broken.problems] == ["vielleicht", "LinkedIn", "31.02.2025", "x" * 500]
    html = class_report(folder, tmp_path / "c.html", progress=False).read_text(encoding="utf-8")
    table = html[html.index('<details class="broken"'):html.index("</details>", html.index('<details class="broken"'))]
    assert "<td>&#39;vielleicht&#39;</td>" in table and "<td>&#39;31.02.2025&#39;</td>" in table
    assert "x" * 100 not in table and "xxx..." in table.replace("&#39;", "'")
    assert "Lena" not in table and "Jonas" not in table and "Sommer" not in table


def test_a_name_in_a_date_column_is_never_shown(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "s03.csv").write_text("contact;sent_at\nLena Kurz;Lena Kurz\n", encoding="utf-8")
    (broken,) = read_submissions(folder, progress=False).broken
    assert [p.value for p in broken.problems] == [None]


@pytest.mark.parametrize("language, said, left_out", [
    ("en", "of 1 with a readable log", "Not counted, as the hand-in is missing or unreadable: s02"),
    ("de", "von 1 mit lesbarem Protokoll", "Nicht gezählt, da die Abgabe fehlt oder nicht lesbar ist: s02"),
])
def test_the_goal_card_says_what_it_counts_and_who_is_left_out(folder, tmp_path, language, said, left_out):
    html = class_report(folder, tmp_path / "c.html", language, progress=False).read_text(encoding="utf-8")
    glance = html[:html.index('<details class="broken"')]
    assert said in glance and left_out in glance
    assert ("over all 2 students in the class" if language == "en" else "über alle 2 Studierenden im Kurs") in glance
