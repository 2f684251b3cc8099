"""One row checked on its own (normalise_row, used by the log store for every add and update)
gives exactly what normalise gives for the same row as a one-row frame: the same values, or the
same problems (line, column, value, key, message in English and German)."""

import datetime as dt
import decimal
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview.errors import LogError
from infoview.log.columns import LOG_COLUMNS, normalise, normalise_row
from infoview.problems import in_language, message

MISSING = [None, float("nan"), pd.NaT, pd.NA, np.nan]
NUMPY_AND_OTHERS = [np.datetime64("2025-03-04T10:00"), np.datetime64("2025-03-04T10:00:00.000000001"),
                    np.datetime64("2025-03-04"), np.datetime64("3000-01-01"), np.datetime64("NaT"), np.int64(3),
                    np.float64(2.0), np.bool_(True), decimal.Decimal("3"), 2**70, b"x",
                    dt.datetime(2025, 3, 4, 10, tzinfo=dt.timezone.utc)]
ODD_TEXT = ["", "  ", "'=SUM(A1)", "  '+49 30 1234 ", "'\t", "'@home", "=1+1", "\u3000Lena\u3000", "'", "x\ny"]


def dates():
    day, month = st.integers(0, 32), st.integers(0, 13)
    year = st.sampled_from([1985, 1989, 1990, 2025, 2100, 2101, 3000, 25, 99, 0, 1500])
    time = st.sampled_from(["", " 09:15", " 9:05", ", 14:30", " 14:30:59", " 25:70", "T10:00", " 10:00:00.5"])
    iso = st.builds(lambda y, m, d, t: f"{y:04d}-{m:02d}-{d:02d}{t}", year, month, day, time)
    german = st.builds(lambda d, m, y, t: f"{d}.{m}.{y:02d}{t}", day, month, year, time)
    stamp = st.datetimes(min_value=dt.datetime(1980, 1, 1), max_value=dt.datetime(2110, 1, 1))
    return st.one_of(iso, german, stamp, stamp.map(pd.Timestamp), stamp.map(lambda s: s.date()),
                     st.sampled_from(MISSING + ODD_TEXT + NUMPY_AND_OTHERS
                                     + ["soon", "2025-03-03 ", " 03.03.2025", "31.02.2025"]),
                     st.text(max_size=12))


def categories():
    words = ["email", "E-Mail", "Mail", "LinkedIn", "in person", "Persönlich", "in-person", "phone", "other",
             "alumni", "Alumni", "Kaltakquise", "cold", "referral", "Empfehlung", "event", "accepted", "zugesagt",
             "declined", "abgesagt", "ACCEPTED", "Xing", "yes", "  email ", "'email"]
    return st.one_of(st.sampled_from(words + MISSING), st.text(max_size=8))


def referrals():
    return st.one_of(st.integers(-5, 10_010), st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                     st.sampled_from(["3", "3,0", "2.5", "-1", "10000", "10001", " 4 ", "drei", "1e3", "'5"]
                                     + MISSING + NUMPY_AND_OTHERS))


def texts():
    return st.one_of(st.text(max_size=20), st.sampled_from(ODD_TEXT + MISSING + NUMPY_AND_OTHERS), st.integers(),
                     st.floats(), st.booleans())


def rows():
    kinds = {"outreach_id": st.one_of(st.sampled_from(["", None, "o1", " o2 ", "'=id"]), st.text(max_size=6)),
             "source": categories(), "channel": categories(), "response": categories(), "referrals": referrals()}
    kinds.update({c: dates() for c in ("sent_at", "followed_up_at", "replied_at", "meeting_at", "thank_you_at")})
    fields = {c: kinds.get(c, texts()) for c in LOG_COLUMNS}
    # most rows leave most fields out, as a student adding an outreach does
    return st.fixed_dictionaries({}, optional=fields)


def plain(value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value


def through_frame(row):
    """What normalise makes of the row as a one-row frame: ("values", dict), ("empty",) or ("problems", ...)."""
    try:
        frame = normalise(pd.DataFrame([row], columns=LOG_COLUMNS, dtype=object))
    except LogError as error:
        return "problems", described(error)
    if frame.empty:
        return ("empty",)
    return "values", {c: plain(v) for c, v in frame.iloc[0].items()}


def through_row(row):
    try:
        found = normalise_row(row)
    except LogError as error:
        return "problems", described(error)
    return ("empty",) if found is None else ("values", found)


def described(error):
    problems = [(p.line, p.column, repr(p.value), p.key, p.values, p.message) for p in error.problems]
    return problems, error.truncated, str(error), str(in_language(error, "de"))


def same(row):
    expected, found = through_frame(row), through_row(row)
    assert found == expected, row
    return found


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows())
def test_one_row_is_checked_as_in_a_frame(row):
    same(row)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({"contact": st.sampled_from(["Lena Kurz", "  Dr. Jonas Dorn "]), "sent_at": dates()},
                             optional={c: dates() for c in ("followed_up_at", "replied_at", "meeting_at",
                                                            "thank_you_at")} | {"response": categories()}))
def test_dates_in_order_are_checked_as_in_a_frame(row):
    """Rows that mostly pass the required fields, so that the order of the dates is what differs."""
    same(row)


OK = {"contact": "Lena Kurz", "sent_at": "03.03.2025 09:15"}
RULES = [  # a row breaking one rule, and the (column, key) of the problem it gives
    ({"sent_at": "2025-03-03"}, ("contact", "no_contact")),
    ({"contact": "Lena Kurz", "sent_at": " "}, ("sent_at", "no_sent_at")),
    ({**OK, "sent_at": "31.02.2025"}, ("sent_at", "not_a_date")),
    ({**OK, "sent_at": "01.01.1989"}, ("sent_at", "year_outside")),
    ({**OK, "followed_up_at": "2025-03-02"}, ("followed_up_at", "before_sent")),
    ({**OK, "replied_at": "2.3.25", "response": "zugesagt"}, ("replied_at", "before_sent")),
    ({**OK, "replied_at": "2025-03-05", "response": "accepted", "meeting_at": "04.03.2025"},
     ("meeting_at", "before_reply")),
    ({**OK, "replied_at": "2025-03-05", "response": "accepted", "meeting_at": "2025-03-08",
      "thank_you_at": "2025-03-07"}, ("thank_you_at", "before_meeting")),
    ({**OK, "response": "abgesagt"}, ("replied_at", "response_without_reply")),
    ({**OK, "replied_at": "2025-03-05"}, ("response", "reply_without_response")),
    ({**OK, "replied_at": "2025-03-05", "response": "declined", "meeting_at": "2025-03-08"},
     ("meeting_at", "meeting_not_accepted")),
    ({**OK, "source": "LinkedIn"}, ("source", "channel_as_source")),
    ({**OK, "channel": "Brieftaube"}, ("channel", "unknown_value")),
    ({**OK, "response": "vielleicht", "replied_at": "2025-03-05"}, ("response", "unknown_value")),
    ({**OK, "referrals": "2,5"}, ("referrals", "not_referrals")),
    ({**OK, "referrals": -1}, ("referrals", "not_referrals")),
    ({**OK, "referrals": 10_001}, ("referrals", "not_referrals")),
]


@pytest.mark.parametrize("row, expected", RULES)
def test_each_rule_gives_its_problem_on_both_paths(row, expected):
    kind, (problems, *_) = same(row)
    assert kind == "problems" and [p[1:4:2] for p in problems] == [expected]


def test_a_valid_row_gives_the_frame_values():
    row = {**OK, "outreach_id": " o1 ", "notes": "  '=HYPERLINK(x) ", "channel": "E-Mail", "source": "Kaltakquise",
           "replied_at": "04.03.25, 14:30", "response": "Zusage", "meeting_at": dt.date(2025, 3, 10),
           "thank_you_at": pd.Timestamp("2025-03-10 18:00:07.9"), "referrals": "2,0"}
    kind, values = same(row)
    assert kind == "values" and values["outreach_id"] == "o1" and values["notes"] == "=HYPERLINK(x)"
    assert (values["channel"], values["source"], values["response"]) == ("email", "cold", "accepted")
    assert values["replied_at"] == pd.Timestamp("2025-03-04 14:30")
    assert values["thank_you_at"] == pd.Timestamp("2025-03-10 18:00:07") and values["referrals"] == 2


def test_a_row_without_id_gets_the_frame_content_id():
    kind, values = same({**OK, "channel": "Mail", "outreach_id": None})
    assert kind == "values" and values["outreach_id"].startswith("h")
    assert same({**OK, "channel": "phone"})[1]["outreach_id"] != values["outreach_id"]


def test_an_empty_row_is_dropped_on_both_paths():
    assert same({"contact": "  ", "notes": None, "referrals": math.nan}) == ("empty",)


def test_an_unknown_field_is_named():
    with pytest.raises(LogError) as caught:
        normalise_row({**OK, "colour": "blue"})
    assert [(p.column, p.key) for p in caught.value.problems] == [("colour", "unknown_field")]


BROKEN = {"contact": "Lena Kurz", "sent_at": "03.03.2025", "source": "LinkedIn", "referrals": "zwei"}


def problems_of(call, language):
    with pytest.raises(LogError) as caught:
        call()
    return [(p.column, p.value, p.key, message(p, language)) for p in caught.value.problems]


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_store_and_the_logger_refuse_a_change_with_the_problems_read_log_names(tmp_path, language):
    from infoview.log import OutreachLog, OutreachLoggerModel, read_log

    with OutreachLog(tmp_path / "log.sqlite3", language=language) as log:
        added = problems_of(lambda: log.add(outreach_id="o1", **BROKEN), language)
        oid = log.add(outreach_id="o2", contact="Lena Kurz", sent_at="03.03.2025")
        updated = problems_of(lambda: log.update(oid, replied_at="01.03.25", response="zugesagt"), language)
        model = OutreachLoggerModel(log, language)
        assert model.add(**BROKEN) is None and len(model.problems) == 2
    read = problems_of(lambda: read_log(pd.DataFrame([{"outreach_id": "o1", **BROKEN}])), language)
    assert added == read and [key for _, _, key, _ in added] == ["channel_as_source", "not_referrals"]
    reply = {"outreach_id": "o2", "contact": "Lena Kurz", "sent_at": "03.03.2025", "replied_at": "01.03.25",
             "response": "zugesagt"}
    assert updated == problems_of(lambda: read_log(pd.DataFrame([reply])), language)
    assert [key for _, _, key, _ in updated] == ["before_sent"]


def test_the_workspace_log_checks_a_change_as_read_log_does(tmp_path):
    from infoview.log import read_log
    from infoview.workspace import Workspace

    ws = Workspace(tmp_path / "ws.sqlite3")
    try:
        added = problems_of(lambda: ws.log.add(outreach_id="o1", **BROKEN), "en")
        oid = ws.log.add(contact="Dr. Lena Kurz", organisation="Nordlicht", sent_at="3.3.25, 14:30")
        assert ws.log.get(oid)["sent_at"] == pd.Timestamp("2025-03-03 14:30") and ws.person("Lena Kurz")
    finally:
        ws.close()
    assert added == problems_of(lambda: read_log(pd.DataFrame([{"outreach_id": "o1", **BROKEN}])), "en")
