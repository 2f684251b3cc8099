"""The checks of lesson 08 (data track): a reply recorded in the log, a broken row repaired, and the
follow-up rule rebuilt with pandas. The answer names the log data it works on, for example
``check("08-due-follow-ups", (my_follow_ups, class_log, check_day), LANG)``.
"""

from ..dates import short_date
from ..texts import text
from .feedback import fail

__all__ = ["due_follow_ups", "fix_row", "record_reply"]


def _shown(value, field, language):
    """A fixed value of the log as the lesson's language names it ('accepted', „zugesagt“)."""
    from ..log.read import vocabulary

    if value is None:
        return text("exercises.nothing", language)
    return vocabulary().label_de[field].get(value, value) if language == "de" else value


def record_reply(answer, key, say, language):
    """``answer``: the outreach as ``log.get(outreach_id)`` returns it, after the reply was recorded."""
    import pandas as pd

    if not isinstance(answer, dict) or "replied_at" not in answer:
        fail(say("a_row"), language)
    replied, meeting = pd.Timestamp(key["replied"]), pd.Timestamp(key["meeting"])
    if answer["replied_at"] is None:
        fail(say("no_reply"), language)
    if answer["replied_at"].normalize() != replied.normalize():
        hint = say("meeting_day" if answer["replied_at"].normalize() == meeting.normalize() else "check_date")
        fail(say("reply_day", day=short_date(answer["replied_at"].date(), language),
                 right=short_date(replied.date(), language), hint=hint), language)
    if answer["response"] != key["response"]:
        fail(say("response", given=_shown(answer["response"], "response", language),
                 right=_shown(key["response"], "response", language)), language)
    if answer["meeting_at"] is None:
        fail(say("no_meeting", right=short_date(meeting.to_pydatetime(), language)), language)
    if answer["meeting_at"].normalize() != meeting.normalize():
        fail(say("meeting", day=short_date(answer["meeting_at"].date(), language),
                 right=short_date(meeting.date(), language)), language)
    return [say("ok")] + ([] if answer["meeting_at"] == meeting else [say("with_time")])


def _read_row(header, row, language):
    """The row read with ``read_log`` under ``header``: ``(frame, [])`` or ``(None, problems)``."""
    import tempfile
    from pathlib import Path

    from ..errors import LogError
    from ..log.read import read_log

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one_row.csv"
        path.write_text(f"{header}\n{row}\n", encoding="utf-8")
        try:
            return read_log(path, language), []
        except LogError as error:
            return None, error.problems


def fix_row(answer, key, say, language):
    """``answer``: ``(header, fixed_row)``, the header of the broken file and the row repaired."""
    names = say("names")
    if not isinstance(answer, (list, tuple)) or len(answer) != 2 or not isinstance(answer[0], str):
        fail(text("exercises.values", language, count=2, names=", ".join(names)), language)
    header, row = answer
    if not isinstance(row, str) or not row.strip():
        fail(text("exercises.a_text", language, name=names[1]), language)
    separator = ";" if ";" in header else ","
    if row.count(separator) != header.count(separator):
        fail(say("columns", header=header.count(separator) + 1, row=row.count(separator) + 1,
                 separator=say(f"separators.{'semicolon' if separator == ';' else 'comma'}")), language)
    frame, problems = _read_row(header, row.strip(), language)
    if problems:
        swapped = any(p.column in ("source", "Quelle") and str(p.value).casefold() == key["channel"]
                      for p in problems)
        listed = "\n".join(f"  • {p.column} = {p.value!r}: {p.message}" for p in problems)
        fail(say("problems", problems=listed) + ("\n" + say("swapped") if swapped else ""), language)
    found = frame.iloc[0]
    if (found["contact"], found["organisation"]) != (key["contact"], key["organisation"]):
        fail(say("who", contact=key["contact"], organisation=key["organisation"]), language)
    for field in ("source", "channel", "response"):
        if found[field] != key[field]:
            fail(say(f"wrong.{field}", given=_shown(found[field], field, language)), language)
    for field in ("sent_at", "replied_at"):
        if found[field].normalize() != _midnight(key[field]):
            fail(say(f"wrong.{field}", given=short_date(found[field].date(), language),
                     right=short_date(_midnight(key[field]).date(), language)), language)
    return [say("ok")]


def _midnight(value):
    """A key's date as a pandas Timestamp at midnight."""
    import pandas as pd

    return pd.Timestamp(value).normalize()


def due_follow_ups(answer, key, say, language):
    """``answer``: ``(my_follow_ups, class_log, check_day)``; right are the rows ``due`` lists as follow-ups."""
    import pandas as pd

    from ..log.reminders import due

    names = say("names")
    if not isinstance(answer, (list, tuple)) or len(answer) != 3:
        fail(text("exercises.values", language, count=3, names=", ".join(names)), language)
    mine, log, day = answer
    if not isinstance(mine, pd.DataFrame) or "outreach_id" not in mine.columns:
        fail(say("a_frame"), language)
    expected = due(log, today=str(day)).query("action == 'follow_up'")
    yours, right = set(mine["outreach_id"]), set(expected["outreach_id"])
    extra = log[log["outreach_id"].isin(yours - right)]
    missing = log[log["outreach_id"].isin(right - yours)]
    weekdays = text("exercises.weekdays", language)

    def example(rows):
        first = rows.iloc[0]
        return say("example", contact=first["contact"], weekday=weekdays[first["sent_at"].weekday()],
                   day=short_date(first["sent_at"].date(), language))

    if extra["replied_at"].notna().any():
        fail(say("replied", count=int(extra["replied_at"].notna().sum())), language)
    if extra["followed_up_at"].notna().any():
        fail(say("followed_up", count=int(extra["followed_up_at"].notna().sum())), language)
    if not extra.empty:
        fail(say("not_due", count=len(extra), example=example(extra)), language)
    if not missing.empty:
        fail(say("missing", count=len(missing), example=example(missing)), language)
    return [say("ok", count=len(right))]
