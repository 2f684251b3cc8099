"""The class report survives any single hand-in: each hostile file is listed as a problem (naming
the limit it breaks), the others are reported, and the whole folder takes well under a minute."""

import datetime
import os
import shutil
import sqlite3
import time
import zipfile

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import infoview as iv
from infoview.classroom.handins import read_submissions
from infoview.classroom.report import class_report
from infoview.log.files import MAX_ROWS
from infoview.log.sample import sample_log
from infoview.log.write import write_log
from infoview.textfile import MAX_COLUMNS


def _xlsx_rows(path, rows, dimension=None):
    """A workbook written as raw XML: ``rows`` rows of contact and date (fast, however many)."""
    body = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>Kim %d</t></is></c>'
                    b'<c r="B%d" t="inlineStr"><is><t>2025-03-03</t></is></c></row>' % (i, i, i, i)
                    for i in range(2, rows + 2))
    header = (b'<row r="1"><c r="A1" t="inlineStr"><is><t>contact</t></is></c>'
              b'<c r="B1" t="inlineStr"><is><t>sent_at</t></is></c></row>')
    dim = b'<dimension ref="%s"/>' % (dimension or f"A1:B{rows + 1}").encode()
    sheet = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats'
             b'.org/spreadsheetml/2006/main">' + dim + b"<sheetData>" + header + body + b"</sheetData></worksheet>")
    ns = "http://schemas.openxmlformats.org"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", f'<?xml version="1.0"?><Types xmlns="{ns}/package/2006/content-types">'
                      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                      '<Default Extension="xml" ContentType="application/xml"/>'
                      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument'
                      '.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
                      '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        book.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="{ns}/package/2006/relationships">'
                      f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" '
                      'Target="xl/workbook.xml"/></Relationships>')
        book.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook xmlns="{ns}/spreadsheetml/2006/main" '
                      f'xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="log" sheetId="1" '
                      'r:id="rId1"/></sheets></workbook>')
        book.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0"?><Relationships xmlns="{ns}/package/2006/'
                      f'relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" '
                      'Target="worksheets/sheet1.xml"/></Relationships>')
        book.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def _hot_journal(folder, name):
    """A SQLite hand-in with committed rows and an unfinished transaction left in its journal;
    returns the number of committed rows."""
    source = folder.parent / "source.sqlite3"
    rows = sample_log(students=1, weeks=40, seed=3).assign(student="journal")
    with iv.OutreachLog(source) as log:
        log.import_file(rows)
    db = sqlite3.connect(source, isolation_level=None)
    db.execute("PRAGMA journal_mode=DELETE")
    db.execute("PRAGMA cache_size=1")  # spill the change into the file before it is committed
    db.execute("BEGIN")
    db.execute("UPDATE outreach SET sent_at = 'garbage', contact = 'x' || hex(randomblob(500))")
    shutil.copyfile(source, folder / name)  # as if the machine had stopped here
    shutil.copyfile(source.with_name(source.name + "-journal"), folder / (name + "-journal"))
    db.execute("ROLLBACK")
    db.close()
    return len(rows)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    rows = sample_log(students=2, weeks=4, seed=5)
    write_log(rows.assign(student="s01"), folder / "s01.csv", pseudonymize=True)
    write_log(rows.assign(student="s02", template="$\\foo$ and $x^{$"), folder / "s02.csv", pseudonymize=True)
    contact = pa.array(["Kim"])
    pq.write_table(pa.table({"contact": pa.array([["Kim"]]), "sent_at": ["2025-03-03"]}), folder / "p_list.parquet")
    pq.write_table(pa.table({"contact": pa.array([{"a": "Kim"}]), "sent_at": ["2025-03-03"]}),
                   folder / "p_struct.parquet")
    pq.write_table(pa.table({"contact": pa.array([[("a", "Kim")]], pa.map_(pa.string(), pa.string())),
                             "sent_at": ["2025-03-03"]}), folder / "p_map.parquet")
    pq.write_table(pa.table({"contact": contact, "sent_at": pa.array([datetime.datetime(3000, 1, 1)],
                                                                      pa.timestamp("us"))}), folder / "p_3000.parquet")
    pq.write_table(pa.table({"contact": contact, "sent_at": pa.array([datetime.date(9999, 12, 31)], pa.date32())}),
                   folder / "p_date32.parquet")
    many = 20_000_000
    bomb = pa.table({"contact": pa.DictionaryArray.from_arrays(pa.array(np.zeros(many, np.int8)), ["Kim"]),
                     "sent_at": pa.DictionaryArray.from_arrays(pa.array(np.zeros(many, np.int8)), ["2025-03-03"])})
    pq.write_table(bomb, folder / "p_bomb.parquet")
    (folder / "wide.csv").write_bytes(b"contact,sent_at" + b"," * 100_000 + b"\nKim,2025-01-01" + b",v" * 100_000)
    _xlsx_rows(folder / "claims_wide.xlsx", 2000, "A1:XFD2001")
    _xlsx_rows(folder / "tall.xlsx", MAX_ROWS + 10)
    return folder, _hot_journal(folder, "journal.sqlite3")


def test_a_folder_of_hostile_hand_ins_gives_a_report_listing_them(hostile, tmp_path):
    hostile, committed = hostile
    assert (hostile / "p_bomb.parquet").stat().st_size < 1_000_000
    start = time.perf_counter()
    result = read_submissions(hostile, progress=False)
    path = class_report(result, tmp_path / "class.html")
    assert time.perf_counter() - start < 60
    broken = {item.name: " ".join(p.message for p in item.problems) for item in result.broken}
    assert set(broken) == {"p_list.parquet", "p_struct.parquet", "p_map.parquet", "p_3000.parquet",
                           "p_date32.parquet", "p_bomb.parquet", "wide.csv", "tall.xlsx"}, broken
    assert "lists or tables" in broken["p_list.parquet"] and "lists or tables" in broken["p_map.parquet"]
    assert "year" in broken["p_3000.parquet"] and "year" in broken["p_date32.parquet"]
    assert f"limit of {MAX_ROWS:,}" in broken["p_bomb.parquet"] and f"limit of {MAX_ROWS:,}" in broken["tall.xlsx"]
    assert f"limit of {MAX_COLUMNS:,}" in broken["wide.csv"]
    counts = result.frame.groupby("student").size().to_dict()
    assert counts["claims_wide"] == 2000 and counts["journal"] == committed  # the unfinished change is rolled back
    assert {"s01", "s02"} <= set(counts)
    html = path.read_text(encoding="utf-8")
    assert "p_bomb.parquet" in html and "$\\foo$" in html  # a template name shown as written, not as math


def test_an_unexpected_failure_of_one_file_is_listed_not_raised(tmp_path, monkeypatch):
    from infoview.classroom import batch

    folder = tmp_path / "in"
    folder.mkdir()
    rows = sample_log(students=1, weeks=3, seed=2)
    write_log(rows.assign(student="a"), folder / "a.csv")
    write_log(rows.assign(student="b"), folder / "b.xlsx")
    real = batch.excel_cells

    def explode(path):
        raise KeyError("something no reader expected")

    monkeypatch.setattr(batch, "excel_cells", explode)
    result = read_submissions(folder, progress=False)
    assert [b.name for b in result.broken] == ["b.xlsx"]
    assert "KeyError" in result.broken[0].problems[0].message
    assert "something" not in result.broken[0].problems[0].message  # no values from the file
    assert real is not explode and set(result.frame["student"]) == {"a"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_hand_in_is_listed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_log(sample_log(students=1, weeks=3, seed=2), folder / "a.csv")
    (folder / "a.csv").chmod(0)
    result = read_submissions(folder, progress=False)
    assert [b.name for b in result.broken] == ["a.csv"]


def test_a_slow_file_is_stopped_at_the_time_limit(tmp_path, monkeypatch):
    from infoview.classroom import batch

    folder = tmp_path / "in"
    folder.mkdir()
    write_log(sample_log(students=1, weeks=3, seed=2), folder / "a.csv")
    monkeypatch.setattr(batch, "MAX_SECONDS", 0.2)
    monkeypatch.setattr(batch, "csv_cells", lambda path: time.sleep(5))
    start = time.perf_counter()
    result = read_submissions(folder, progress=False)
    assert time.perf_counter() - start < 3
    assert "0.2 seconds" in result.broken[0].problems[0].message
