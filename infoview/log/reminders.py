"""What needs doing next in an outreach log: the 3B7 routine, thank-you notes, keeping in touch.

Rules, counted in business days (Monday to Friday, minus the public holidays of the contact's place
given as ``region`` and ``subdivision``, and minus any extra ``holidays``):

* ``second_contact``: no reply 3 business days after sending, no follow-up yet, and no later
  outreach by the same student to the same organisation: try a second person there.
* ``follow_up``: no reply 7 business days after sending and no follow-up logged: send one.
* ``thank_you``: a meeting has happened and no thank-you is logged a day later.
* ``keep_in_touch``: someone you met (or who said yes) has not heard from you for
  ``keep_in_touch_weeks`` weeks; any logged date with them starts the wait again.

>>> import pandas as pd
>>> log = pd.DataFrame({"outreach_id": ["a"], "contact": ["Lena Kurz"], "organisation": ["Nordlicht"],
...                     "sent_at": ["2025-03-07"]})
>>> due(log, today="2025-03-12")[["action", "outreach_id", "due_since", "days_overdue"]]
           action outreach_id  due_since  days_overdue
0  second_contact           a 2025-03-12             0
>>> due(log, today="2025-03-18")["action"].tolist()
['second_contact', 'follow_up']

Sent to Vienna on Wednesday, 3 December 2025, the second contact waits until Tuesday: Monday,
8 December (Mariä Empfängnis) is a public holiday in Austria.

>>> vienna = log.assign(sent_at="2025-12-03")
>>> [str(d.date()) for d in due(vienna, "2025-12-09")["due_since"]]
['2025-12-08']
>>> [str(d.date()) for d in due(vienna, "2025-12-09", region="de-AT", subdivision="Wien")["due_since"]]
['2025-12-09']
"""

import string

from ..dates import parse_date_text
from ..errors import RegionError
from ..regions import public_holidays
from ..errors import LogError
from ..problems import problem, with_language
from .columns import LOG_COLUMNS, TIMESTAMP_COLUMNS
from .read import read_log
from ..texts import check_language, text

__all__ = ["ACTIONS", "DUE_COLUMNS", "due"]

ACTIONS = ("second_contact", "follow_up", "thank_you", "keep_in_touch")
DUE_COLUMNS = ["action", "what", "outreach_id", "student", "contact", "organisation", "due_since", "days_overdue"]


def _fill(template, frame):
    """Fill ``{column}`` placeholders from the frame's columns, all rows at once."""
    import pandas as pd

    out = pd.Series("", index=frame.index, dtype=object)
    for literal, field, _, _ in string.Formatter().parse(template):
        out = out + literal
        if field:
            out = out + frame[field].astype(str)
    return out


def _codes(series):
    """Integer codes of text that is the same once stripped and case-folded ("" gets a code too)."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(series)
    keys, _ = pd.factorize(np.array([u.strip().casefold() for u in uniques] + [""], dtype=object))
    return keys[codes].astype(np.int64)


def _as_log(frame):
    import pandas as pd

    if hasattr(frame, "to_frame") and not isinstance(frame, pd.DataFrame):
        return frame.to_frame()
    if (isinstance(frame, pd.DataFrame) and list(frame.columns) == LOG_COLUMNS
            and all(str(frame[c].dtype) == "datetime64[ns]" for c in TIMESTAMP_COLUMNS)):
        return frame
    return read_log(frame)


def _day(today):
    """``today`` as a normalised Timestamp; text may be ISO or German (DD.MM.YYYY)."""
    import pandas as pd

    if today is None:
        return pd.Timestamp.now().normalize()
    if isinstance(today, str):
        return parse_date_text(today, "today", "2025-03-14 or 14.03.2025")[0].normalize()
    try:
        stamp = pd.Timestamp(today)
    except (TypeError, ValueError):
        stamp = pd.NaT
    if stamp is pd.NaT or stamp.tzinfo is not None:
        raise LogError([problem(None, "today", today, "not_a_date_pass")])
    return stamp.normalize()


def _as_of_day(log, day):
    """The log as it stood at the end of ``day``: later outreach left out, later events not yet happened."""
    import pandas as pd

    end = day + pd.Timedelta(days=1)
    log = log[log["sent_at"] < end].reset_index(drop=True)
    for column in TIMESTAMP_COLUMNS:
        later = log[column] >= end
        if later.any():
            log[column] = log[column].mask(later)
            if column == "replied_at":
                log["response"] = log["response"].mask(later)
    return log


def _empty():
    import pandas as pd

    kinds = {"due_since": "datetime64[ns]", "days_overdue": "int64"}
    return pd.DataFrame({c: pd.Series(dtype=kinds.get(c, object)) for c in DUE_COLUMNS})


@with_language
def due(frame, today=None, *, keep_in_touch_weeks=8, language="en", holidays=(), region=None, subdivision=None):
    """List what is due on ``today`` (default: the current date), most overdue first.

    ``frame`` is a log frame (or anything :func:`~infoview.log.read.read_log` takes, or an
    :class:`~infoview.log.store.OutreachLog`). Returns a DataFrame with the columns
    :data:`DUE_COLUMNS`: the action id, what to do in words (``language`` "en" or "de"), for
    whom, the date since when it is due, and how many calendar days that is ago. The log is read
    as it stood at the end of ``today``: outreach sent later, and replies, meetings or notes
    dated later, are not counted.

    Business days skip the public holidays of ``region`` (``"de-DE"``, ``"de-AT"`` or
    ``"de-CH"``) and, with ``subdivision``, of one state or canton (``"BY"``, ``"ZH"``, ``"Wien"``,
    ``"Stadt Zürich"``), from the ``holidays`` library, plus any dates in ``holidays``.
    """
    import numpy as np
    import pandas as pd

    check_language(language)
    log = _as_of_day(_as_log(frame), _day(today))
    if log.empty:
        return _empty()
    day = _day(today).to_datetime64().astype("datetime64[D]")
    extra = [pd.Timestamp(h).date() for h in holidays]
    if region is not None:
        first, last = log["sent_at"].min().year, int(str(day)[:4]) + 1
        extra += public_holidays(range(first, last + 1), region, subdivision, language)
    elif subdivision is not None:
        raise RegionError(text("regions.subdivision_without_region", language, subdivision=subdivision))
    holidays = np.asarray([np.datetime64(h) for h in extra], dtype="datetime64[D]")

    def days(column):
        return log[column].to_numpy().astype("datetime64[D]")

    sent = days("sent_at")
    waiting = log["replied_at"].isna().to_numpy()
    after3 = np.busday_offset(sent, 3, roll="forward", holidays=holidays)
    after7 = np.busday_offset(sent, 7, roll="forward", holidays=holidays)

    student = _codes(log["student"])
    organisation = _codes(log["organisation"])
    at_organisation = student * (organisation.max() + 1) + organisation
    stamps = log["sent_at"].to_numpy()
    last_at_organisation = pd.Series(stamps).groupby(at_organisation).transform("max").to_numpy()
    tried_another = log["organisation"].ne("").to_numpy() & (last_at_organisation > stamps)

    thank_from = days("meeting_at") + np.timedelta64(1, "D")

    contact = _codes(log["contact"])
    person = student * (contact.max() + 1) + contact
    latest = pd.Series(np.max(np.stack([log[c].to_numpy().view("int64") for c in TIMESTAMP_COLUMNS]), axis=0))
    by_person = latest.groupby(person)
    last_contact = by_person.transform("max").to_numpy().view("datetime64[ns]")
    related = pd.Series((log["meeting_at"].notna() | log["response"].eq("accepted")).to_numpy()).groupby(
        person).transform("any").to_numpy()
    representative = np.zeros(len(log), dtype=bool)
    representative[by_person.idxmax().to_numpy()] = True
    stay_from = last_contact.astype("datetime64[D]") + np.timedelta64(7 * keep_in_touch_weeks, "D")

    with_organisation = log["organisation"].ne("").to_numpy()
    rules = [
        ("second_contact", waiting & log["followed_up_at"].isna().to_numpy() & (after3 <= day) & ~tried_another,
         after3),
        ("follow_up", waiting & log["followed_up_at"].isna().to_numpy() & (after7 <= day), after7),
        ("thank_you", log["thank_you_at"].isna().to_numpy() & (thank_from <= day), thank_from),
        ("keep_in_touch", related & representative & (stay_from <= day), stay_from),
    ]
    parts = []
    for action, mask, since in rules:
        if not mask.any():
            continue
        rows = log.loc[mask, ["outreach_id", "student", "contact", "organisation"]]
        what = _fill(text(f"log.actions.{action}", language), rows)
        if action == "second_contact":
            alone = ~with_organisation[mask]
            what[alone] = _fill(text("log.actions.second_contact_no_organisation", language), rows[alone])
        parts.append(rows.assign(action=action, what=what, due_since=since[mask].astype("datetime64[ns]")))
    if not parts:
        return _empty()
    result = pd.concat(parts, ignore_index=True)
    result["days_overdue"] = (day - result["due_since"].to_numpy().astype("datetime64[D]")).astype("int64")
    result["_order"] = result["action"].map(ACTIONS.index)
    result = result.sort_values(["due_since", "_order", "outreach_id"], kind="stable")
    return result[DUE_COLUMNS].reset_index(drop=True)
