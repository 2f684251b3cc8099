"""An export never writes a CSV under a workbook's name: `--excel-de` into `.xlsx` is refused with
the fix, and what the export writes under a matching name is what the class report reads."""

import pytest

import infoview as iv
from infoview.classroom import read_submissions
from infoview.cli import main
from infoview.errors import FileError


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "log.sqlite3"
    with iv.OutreachLog(path) as log:
        log.import_file(iv.sample_log(students=1, weeks=4, seed=5))
    return str(path)


def test_excel_de_into_xlsx_is_refused_and_writes_nothing(db, tmp_path, capsys):
    target = tmp_path / "hand_in" / "s07.xlsx"
    assert main(["log", "--db", db, "export", str(target), "--pseudonymize", "--excel-de"]) == 2
    said = capsys.readouterr().err
    assert "writes a CSV text file, but the name ends in .xlsx" in said and "name the file s07.csv" in said
    assert not target.exists()


def test_a_workbook_is_not_written_under_a_csv_name(db, tmp_path):
    with iv.OutreachLog(db, language="de") as log, pytest.raises(FileError, match="nennen Sie die Datei s07.xlsx"):
        log.export(tmp_path / "s07.csv", format="xlsx")


@pytest.mark.parametrize("name, flags", [("s07.csv", ["--excel-de"]), ("s07.xlsx", []),
                                         ("s07.xlsx", ["--format", "xlsx"])])
def test_the_class_report_reads_what_the_export_writes(db, tmp_path, name, flags):
    folder = tmp_path / "hand_in"
    assert main(["log", "--db", db, "export", str(folder / name), "--pseudonymize", *flags]) == 0
    submissions = read_submissions(folder)
    assert submissions.broken == []
    assert len(submissions.frame) == len(iv.OutreachLog(db))
