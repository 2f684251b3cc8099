"""One date parser (infoview.dates) for the log, the reminders and the class report."""

import datetime as dt

import pandas as pd
import pytest

from infoview.dates import parse_as_of, parse_date_text, parse_dates
from infoview.errors import LogError
from infoview.log.reminders import due


def test_iso_and_german_spellings_parse_alike():
    stamps, bad = parse_dates(["2025-03-14", "14.03.2025", "14.3.25", "14.03.2025 09:30", "", "2025-02-30"])
    assert [str(pd.Timestamp(s))[:16] for s in stamps[:4]] == ["2025-03-14 00:00"] * 3 + ["2025-03-14 09:30"]
    assert bad.tolist() == [False, False, False, False, False, True]


def test_the_reminders_and_the_class_report_read_dates_as_the_log_does():
    log = pd.DataFrame({"outreach_id": ["a"], "contact": ["Lena Kurz"], "sent_at": ["2025-03-07"]})
    assert due(log, today="18.03.2025").equals(due(log, today="2025-03-18"))
    assert parse_as_of("14.3.25") == parse_as_of(dt.date(2025, 3, 14))
    assert parse_as_of("14.03.2025 09:30") == pd.Timestamp("2025-03-14 09:30")


def test_a_wrong_date_names_the_option_and_shows_how_to_write_it():
    with pytest.raises(LogError) as caught:
        parse_date_text("31.02.2025", "today", "2025-03-14 or 14.03.2025")
    problem = caught.value.problems[0]
    assert (problem.column, problem.value) == ("today", "31.02.2025") and "14.03.2025" in problem.message
    with pytest.raises(LogError, match="as_of"):
        parse_as_of(42)


def test_a_time_to_the_nanosecond_does_not_make_a_far_year_unreadable():
    together, _ = parse_dates(["2025-03-04 10:00:00.000000001", "3000-01-01", "1500-06-01"])
    alone = [parse_dates([value])[0][0] for value in ("3000-01-01", "1500-06-01")]
    assert list(together[1:]) == alone  # moved to the edge of what timestamps hold, so the year check names them
    assert together[0] == pd.Timestamp("2025-03-04 10:00:00.000000001")
