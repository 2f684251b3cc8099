"""Reading outreach logs: formats, encodings, German files, dtypes, and errors with the right line."""

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import infoview as iv
from infoview.log.read import CHANNELS, MAX_PROBLEMS, RESPONSES, SOURCES, check_log

HEADER = ",".join(iv.LOG_COLUMNS)
GOOD_ROWS = [
    "a1,s01,Dr. Lena Kurz,Nordlicht GmbH,Head of Data,alumni,email,six_point,2025-03-03 09:15,,"
    "2025-03-04 08:00,accepted,2025-03-10 14:00,2025-03-10 18:30,2,Very kind",
    "a2,s01,Jonas Dorn,Bergsee AG,,cold,linkedin,five_point,2025-03-05,2025-03-14,,,,,0,",
    "a3,s02,Mira Falkner,Nordlicht GmbH,UX,referral,phone,,2025-03-06 10:00,,2025-03-06 16:00,declined,,,,",
]


def write(tmp_path, text, name="log.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def good_csv(separator=",", rows=GOOD_ROWS):
    return "\n".join([HEADER, *rows]).replace(",", separator) + "\n"


def problems_of(source):
    with pytest.raises(iv.LogError) as caught:
        iv.read_log(source)
    return caught.value.problems


def test_columns_are_the_contract():
    assert list(iv.LOG_COLUMNS) == [
        "outreach_id", "student", "contact", "organisation", "role", "source", "channel", "template",
        "sent_at", "followed_up_at", "replied_at", "response", "meeting_at", "thank_you_at",
        "referrals", "notes"]


def test_dtypes_are_the_contract(tmp_path):
    frame = iv.read_log(write(tmp_path, good_csv()))
    assert list(frame.columns) == iv.LOG_COLUMNS
    for column, values in (("source", SOURCES), ("channel", CHANNELS), ("response", RESPONSES)):
        assert isinstance(frame[column].dtype, pd.CategoricalDtype)
        assert list(frame[column].cat.categories) == list(values)
    for column in ("sent_at", "followed_up_at", "replied_at", "meeting_at", "thank_you_at"):
        assert frame[column].dtype == "datetime64[ns]"
    assert frame["referrals"].dtype == "Int64"
    assert frame["referrals"].tolist() == [2, 0, 0]
    assert frame["response"].isna().tolist() == [False, True, False]
    assert frame.loc[0, "sent_at"] == pd.Timestamp("2025-03-03 09:15")
    assert frame.loc[1, "notes"] == "" and frame.loc[2, "template"] == ""


@pytest.mark.parametrize("separator", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_separators_and_encodings_give_the_same_frame(tmp_path, separator, encoding):
    rows = [GOOD_ROWS[0].replace("Lena Kurz", "Jörg Maß"), *GOOD_ROWS[1:]]
    expected = iv.read_log(write(tmp_path, good_csv(rows=rows), "reference.csv"))
    frame = iv.read_log(write(tmp_path, good_csv(separator, rows), encoding=encoding))
    pd.testing.assert_frame_equal(frame, expected)
    assert frame.loc[0, "contact"] == "Dr. Jörg Maß"


def test_german_headers_and_values_in_german_excel_style(tmp_path):
    text = (
        "Nr;Person;Kontakt;Firma;Position;Quelle;Kanal;Vorlage;Gesendet am;Nachgefasst am;Antwort am;"
        "Antwort;Treffen am;Dank am;Empfehlungen;Notizen\r\n"
        "1;s01;Dr. Lena Kurz;Nordlicht GmbH;Leiterin;Familie & Freunde;E-Mail;kurz;03.03.2025 09:15;;"
        "4.3.25;zugesagt;10.03.2025 14:00;10.03.2025;2;\"Sagte: \"\"gern\"\"; rief an\"\r\n"
        "2;s01;Jonas Dorn;Bergsee AG;;Ehemalige Kollegen;Persönlich;;05.03.2025;;05.03.2025 16:00;abgesagt;;;;\r\n"
    )
    frame = iv.read_log(write(tmp_path, text, encoding="utf-8-sig"))
    assert frame["source"].tolist() == ["family_friends", "former_colleague"]
    assert frame["channel"].tolist() == ["email", "in_person"]
    assert frame["response"].tolist() == ["accepted", "declined"]
    assert frame.loc[0, "replied_at"] == pd.Timestamp("2025-03-04")
    assert frame.loc[0, "thank_you_at"] == pd.Timestamp("2025-03-10")  # same day as the meeting: allowed
    assert frame.loc[0, "notes"] == 'Sagte: "gern"; rief an'
    assert frame["organisation"].tolist() == ["Nordlicht GmbH", "Bergsee AG"]


@pytest.mark.parametrize("header", ["GESENDET_AM", "gesendet am", "Gesendet Am", "sent at", "SENT_AT", "Sent-At"])
def test_header_matching_ignores_case_spaces_underscores(header):
    frame = iv.read_log(pd.DataFrame({"Kontakt": ["A"], header: ["2025-03-03"], "KANAL": ["e mail"]}))
    assert frame.loc[0, "sent_at"] == pd.Timestamp("2025-03-03")
    assert frame.loc[0, "channel"] == "email"


@pytest.mark.parametrize("text, expected", [
    ("2025-03-14", "2025-03-14 00:00"), ("2025-03-14 09:05", "2025-03-14 09:05"),
    ("2025-03-14T09:05:30", "2025-03-14 09:05:30"), ("14.03.2025", "2025-03-14 00:00"),
    ("14.03.2025 9:05", "2025-03-14 09:05"), ("4.3.2025", "2025-03-04"), ("14.03.25 18:00", "2025-03-14 18:00"),
    ("  2025-03-14  ", "2025-03-14"),
])
def test_date_spellings(text, expected):
    frame = iv.read_log(pd.DataFrame({"contact": ["A"], "sent_at": [text]}))
    assert frame.loc[0, "sent_at"] == pd.Timestamp(expected)


def test_excel_workbook_with_typed_cells_and_a_blank_row(tmp_path):
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Nr", "Kontakt", "Gesendet am", "Antwort am", "Antwort", "Empfehlungen", "Quelle"])
    sheet.append([1, "Lena Kurz", dt.datetime(2025, 3, 3, 9, 15), dt.date(2025, 3, 4), "zugesagt", 2, "Alumni"])
    sheet.append([None, None, None, None, None, None, None])
    sheet.append([2, "Jonas Dorn", "05.03.2025", None, None, None, "Kalt"])
    sheet.append([3, "Mira Falkner", "kein Datum", None, None, None, "Kalt"])
    path = tmp_path / "log.xlsx"
    book.save(path)
    problems = problems_of(path)
    assert [(p.line, p.column, p.value) for p in problems] == [(5, "Gesendet am", "kein Datum")]
    sheet.delete_rows(5)
    book.save(path)
    frame = iv.read_log(path)
    assert frame["outreach_id"].tolist() == ["1", "2"]
    assert frame["sent_at"].tolist() == [pd.Timestamp("2025-03-03 09:15"), pd.Timestamp("2025-03-05")]
    assert frame["referrals"].tolist() == [2, 0]


def test_parquet_and_dataframe_inputs(tmp_path):
    frame = iv.read_log(write(tmp_path, good_csv()))
    frame.to_parquet(tmp_path / "log.parquet")
    pd.testing.assert_frame_equal(iv.read_log(tmp_path / "log.parquet"), frame)
    pd.testing.assert_frame_equal(iv.read_log(frame), frame)
    aware = frame.assign(sent_at=frame["sent_at"].dt.tz_localize("Europe/Berlin"))
    pd.testing.assert_frame_equal(iv.read_log(aware), frame)


def test_formula_guard_of_an_export_is_removed_on_reading():
    frame = iv.read_log(pd.DataFrame({"contact": ["'=Lena"], "sent_at": ["2025-03-03"],
                                      "notes": ["'- asked about trends"], "role": ["'plain quote"]}))
    assert frame.loc[0, ["contact", "notes", "role"]].tolist() == ["=Lena", "- asked about trends", "'plain quote"]


def test_rows_without_id_get_a_stable_content_id():
    raw = pd.DataFrame({"contact": ["A", "B"], "sent_at": ["2025-03-03", "2025-03-04"]})
    first, again = iv.read_log(raw), iv.read_log(raw.iloc[::-1])
    assert first["outreach_id"].str.match(r"^h[0-9a-f]{16}$").all()
    assert set(first["outreach_id"]) == set(again["outreach_id"])
    assert first["outreach_id"].is_unique


# -- errors --------------------------------------------------------------------------------------

BAD_CELLS = [
    ("sent_at", "2025-02-30", "sent_at"), ("sent_at", "", "sent_at"), ("sent_at", "March 3", "sent_at"),
    ("sent_at", "2025-03-03T10:00+01:00", "sent_at"), ("sent_at", "1899-12-31", "sent_at"),
    ("contact", "", "contact"), ("source", "linkedin", "source"), ("channel", "carrier pigeon", "channel"),
    ("response", "maybe", "response"), ("referrals", "-1", "referrals"), ("referrals", "1.5", "referrals"),
    ("referrals", "many", "referrals"), ("followed_up_at", "2025-03-01", "followed_up_at"),
    ("replied_at", "2025-03-02", "replied_at"), ("meeting_at", "2025-03-03 08:00", "meeting_at"),
    ("thank_you_at", "2025-03-09", "thank_you_at"), ("outreach_id", "a1", "outreach_id"),
]


@pytest.mark.parametrize("column, value, reported", BAD_CELLS)
def test_each_broken_cell_is_reported_with_its_line_and_column(tmp_path, column, value, reported):
    rows = [row.split(",") for row in GOOD_ROWS]
    rows[2][iv.LOG_COLUMNS.index(column)] = value  # the third data row is line 4
    if column in ("meeting_at", "thank_you_at"):
        rows[2][iv.LOG_COLUMNS.index("response")] = "accepted"
        rows[2][iv.LOG_COLUMNS.index("meeting_at")] = rows[2][iv.LOG_COLUMNS.index("meeting_at")] or "2025-03-10"
    text = "\n".join([HEADER, *(",".join(r) for r in rows)]) + "\n"
    problems = problems_of(write(tmp_path, text))
    assert [(p.line, p.column) for p in problems] == [(4, reported)]
    assert problems[0].message and ";" in problems[0].message  # says what is wrong; what to do


def test_reply_and_response_go_together_and_meetings_need_a_yes():
    raw = pd.DataFrame({
        "contact": ["A", "B", "C"], "sent_at": ["2025-03-03"] * 3,
        "replied_at": ["2025-03-04", "", "2025-03-04"], "response": ["", "accepted", "declined"],
        "meeting_at": ["", "", "2025-03-05"]})
    problems = problems_of(raw)
    assert [(p.line, p.column) for p in problems] == [(2, "response"), (3, "replied_at"), (4, "meeting_at")]


def test_a_date_alone_counts_as_the_whole_day():
    frame = iv.read_log(pd.DataFrame({"contact": ["A"], "sent_at": ["2025-03-03 15:00"],
                                      "replied_at": ["2025-03-03"], "response": ["accepted"]}))
    assert frame.loc[0, "replied_at"] == pd.Timestamp("2025-03-03")
    problems = problems_of(pd.DataFrame({"contact": ["A"], "sent_at": ["2025-03-03 15:00"],
                                         "replied_at": ["2025-03-03 14:00"], "response": ["accepted"]}))
    assert problems[0].column == "replied_at"


def test_lines_count_multi_line_cells_and_blank_lines(tmp_path):
    text = (HEADER + "\n\n" + GOOD_ROWS[0].replace("Very kind", '"Very kind\nand generous\n"') + "\n"
            + ",,,,,,,,,,,,,,,\n" + GOOD_ROWS[1].replace("cold", "lukewarm") + "\n")
    problems = problems_of(write(tmp_path, text))
    assert [(p.line, p.column, p.value) for p in problems] == [(7, "source", "lukewarm")]


def test_german_headers_are_named_in_problems(tmp_path):
    text = "Kontakt;Gesendet am;Quelle\nLena;03.03.2025;Freundeskreis\nJonas;32.03.2025;Alumni\n"
    problems = problems_of(write(tmp_path, text))
    assert [(p.line, p.column, p.value) for p in problems] == [(2, "Quelle", "Freundeskreis"),
                                                               (3, "Gesendet am", "32.03.2025")]
    assert "Familie und Freundeskreis" in problems[0].message


@pytest.mark.parametrize("content, fragment", [
    (b"", "empty"), (b"  \r\n\n ", "empty"), (b";;;\n;;\n", "no header"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a text file"),
    (bytes(range(256)) * 4, "not a text file"),
    (b"PK\x03\x04 this is no workbook", "Excel"),
    (b"contact,organisation\nLena,Nordlicht\n", "'sent_at'"),
    (b"sent_at,contact,colour\n2025-03-03,Lena,blue\n", "unknown column"),
    (b"sent_at,contact,Kontakt\n2025-03-03,Lena,Lena\n", "twice"),
])
def test_broken_files_give_log_error(tmp_path, content, fragment):
    path = write(tmp_path, content)
    with pytest.raises(iv.LogError) as caught:
        iv.read_log(path)
    assert fragment in str(caught.value)
    assert caught.value.problems


def test_missing_file_and_old_excel_give_log_error(tmp_path):
    assert "cannot be opened" in problems_of(tmp_path / "nope.csv")[0].message
    assert ".xlsx" in problems_of(write(tmp_path, b"\xd0\xcf\x11\xe0", "old.xls"))[0].message
    with pytest.raises(iv.LogError):
        iv.read_log(42)


def test_field_count_and_unclosed_quote_are_reported_by_line(tmp_path):
    text = good_csv().splitlines()
    text[2] = text[2] + ",extra"  # line 3
    problems = problems_of(write(tmp_path, "\n".join(text) + "\n"))
    assert [p.line for p in problems] == [3] and "fields" in problems[0].message
    text = good_csv().splitlines()
    text[3] = text[3].replace("Mira", '"Mira')  # line 4 opens a quote that never closes
    problems = problems_of(write(tmp_path, "\n".join(text) + "\n"))
    assert [p.line for p in problems] == [4] and "never closed" in problems[0].message


def test_problems_are_capped_but_check_lists_all(tmp_path):
    rows = [f"x{i},s01,Person {i},Org,,alumni,email,,2025-13-01,,,,,,," for i in range(250)]
    path = write(tmp_path, "\n".join([HEADER, *rows]) + "\n")
    with pytest.raises(iv.LogError) as caught:
        iv.read_log(path)
    assert len(caught.value.problems) == MAX_PROBLEMS and caught.value.truncated
    assert [p.line for p in caught.value.problems] == list(range(2, 2 + MAX_PROBLEMS))
    every = check_log(path)
    assert len(every) == 250 and every[-1].line == 251
    assert check_log(write(tmp_path, good_csv(), "good.csv")) == []


# -- fuzzing: nothing but LogError ---------------------------------------------------------------

CELL = st.one_of(
    st.text(alphabet=st.sampled_from(list("ab1-.:; ,\t\"'=\n\r0925äöß@")), max_size=12),
    st.sampled_from(["2025-03-03", "03.03.2025 10:00", "alumni", "accepted", "Kalt", "2", "", "1.5"]),
)


def _read_text(data):
    path = _read_text.tmp / "fuzz.csv"
    path.write_bytes(data)
    try:
        frame = iv.read_log(path)
    except iv.LogError as error:
        assert error.problems
    else:
        assert list(frame.columns) == iv.LOG_COLUMNS


@pytest.fixture(scope="module", autouse=True)
def _fuzz_dir(tmp_path_factory):
    _read_text.tmp = tmp_path_factory.mktemp("fuzz")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_fuzz_any_text(text):
    _read_text(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_fuzz_any_bytes(data):
    _read_text(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list(iv.LOG_COLUMNS) + ["Kontakt", "Gesendet am", "x", ""]), min_size=1,
                max_size=8),
       st.lists(st.lists(CELL, max_size=9), max_size=6), st.sampled_from([",", ";", "\t"]))
def test_fuzz_csv_like_text(header, rows, separator):
    text = "\n".join(separator.join(line) for line in [header, *rows])
    _read_text(text.encode("utf-8"))
