"""What is due in a workspace: the log's reminders, plus what only the workspace knows.

Beyond :func:`infoview.due` (second contacts, follow-ups, thank-you notes), it lists:

* ``keep_in_touch``: per person, with their own interval (``keep_in_touch_weeks``, default 8),
  for everyone met, who said yes, or with a debrief. Any dated contact (a log date, a
  debrief) starts the wait again; :meth:`Workspace.snooze` moves it to a later day.
* ``debrief_action``: an action from a debrief, not done, from its due date on.
* ``contact_referral``: a person someone named who has no outreach yet, two days after they
  were named (while the recommendation is fresh).
"""

from ..texts import check_language, texts
from .conversations import parse_day

__all__ = ["ACTIONS", "COLUMNS", "REFERRAL_DAYS", "what_is_due"]

ACTIONS = ("second_contact", "follow_up", "thank_you", "keep_in_touch", "debrief_action", "contact_referral")
COLUMNS = ["action", "what", "outreach_id", "student", "contact", "organisation", "due_since", "days_overdue",
           "person_id", "action_id"]
REFERRAL_DAYS = 2
_LOG_DATES = ("sent_at", "followed_up_at", "replied_at", "meeting_at", "thank_you_at")


def _people(db):
    rows = db.execute("SELECT p.person_id, trim(p.title || ' ' || p.name), p.organisation, p.keep_in_touch_weeks, "
                      "p.snoozed_until, trim(r.title || ' ' || r.name), p.created_at FROM people p "
                      "LEFT JOIN people r ON r.person_id = p.referred_by").fetchall()
    return {row[0]: row[1:] for row in rows}


def what_is_due(db, frame, today=None, language="en", holidays=(), region=None, subdivision=None):
    """The due list as a DataFrame with :data:`COLUMNS`; ``frame`` is the log as of now. Business days
    skip the public holidays of ``region`` and ``subdivision`` (see :func:`infoview.due`)."""
    import pandas as pd

    from ..log.reminders import due

    check_language(language)
    base = due(frame, today, language=language, holidays=holidays, region=region,
               subdivision=subdivision)  # checks ``today`` too
    if today is None:
        day = pd.Timestamp.now().normalize()
    else:
        day = pd.Timestamp(parse_day(today, None, "today") if isinstance(today, str) else today).normalize()
    end = day + pd.Timedelta(days=1)
    actions = texts("log.actions", language)
    people = _people(db)
    links = dict(db.execute("SELECT outreach_id, person_id FROM outreach WHERE person_id > 0"))
    base = base[base["action"] != "keep_in_touch"].assign(
        person_id=lambda f: f["outreach_id"].map(links).astype("Int64"), action_id=pd.NA)
    rows = []

    def add(action, since, person_id, what, outreach_id="", student="", action_id=pd.NA):
        name, organisation = people[person_id][0], people[person_id][1]
        rows.append({"action": action, "what": what, "outreach_id": outreach_id, "student": student,
                     "contact": name, "organisation": organisation, "due_since": since, "person_id": person_id,
                     "action_id": action_id})

    # keep in touch: the last dated contact per person, up to the end of today
    log = frame.assign(person_id=frame["outreach_id"].map(links)).dropna(subset=["person_id"])
    log = log[log["sent_at"] < end]
    last, related, latest_row = {}, set(), {}
    for row in log.itertuples(index=False):
        pid = int(row.person_id)
        dates = [getattr(row, c) for c in _LOG_DATES if pd.notna(getattr(row, c)) and getattr(row, c) < end]
        if (pd.notna(row.meeting_at) and row.meeting_at < end) or (
                row.response == "accepted" and pd.notna(row.replied_at) and row.replied_at < end):
            related.add(pid)
        newest = max(dates)
        if pid not in last or newest >= last[pid]:
            last[pid], latest_row[pid] = newest, row
    for pid, held_on in db.execute("SELECT person_id, max(held_on) FROM debriefs WHERE held_on < ? GROUP BY person_id",
                                   (end.date().isoformat(),)):
        related.add(pid)
        last[pid] = max(last.get(pid, pd.Timestamp(held_on)), pd.Timestamp(held_on))
    for pid in sorted(related):
        name, organisation, weeks, snoozed, _, _ = people[pid]
        since = last[pid].normalize() + pd.Timedelta(weeks=weeks)
        if snoozed:
            since = max(since, pd.Timestamp(snoozed))
        if since <= day:
            row = latest_row.get(pid)
            add("keep_in_touch", since, pid, actions["keep_in_touch"].format(contact=name,
                                                                                      organisation=organisation),
                outreach_id=row.outreach_id if row is not None else "", student=row.student if row is not None else "")

    # actions from debriefs
    for action_id, text, due_on, pid in db.execute(
            "SELECT a.action_id, a.text, a.due_on, d.person_id FROM actions a JOIN debriefs d USING (debrief_id) "
            "WHERE a.done_on IS NULL AND a.due_on <= ?", (day.date().isoformat(),)):
        add("debrief_action", pd.Timestamp(due_on), pid,
            actions["debrief_action"].format(contact=people[pid][0], task=text), action_id=action_id)

    # people someone named who have not been contacted yet
    contacted = set(log["person_id"].astype(int))
    named_on = dict(db.execute("SELECT r.person_id, min(d.held_on) FROM referrals r JOIN debriefs d "
                               "USING (debrief_id) GROUP BY r.person_id"))
    for pid, (name, organisation, _, _, referrer, created) in people.items():
        if not referrer or pid in contacted:
            continue
        since = pd.Timestamp(named_on.get(pid) or created[:10]) + pd.Timedelta(days=REFERRAL_DAYS)
        if since <= day:
            add("contact_referral", since, pid,
                actions["contact_referral"].format(contact=name, referrer=referrer, organisation=organisation))

    extra = pd.DataFrame(rows, columns=[c for c in COLUMNS if c != "days_overdue"])
    if not extra.empty:
        extra["due_since"] = pd.to_datetime(extra["due_since"]).astype("datetime64[ns]")
        extra["days_overdue"] = (day - extra["due_since"]).dt.days.astype("int64")
        extra["person_id"] = extra["person_id"].astype("Int64")
    parts = [part for part in (base, extra) if not part.empty]
    if not parts:
        return base[COLUMNS].reset_index(drop=True)
    result = pd.concat(parts, ignore_index=True)
    result["action_id"] = result["action_id"].astype("Int64")
    result["_order"] = result["action"].map(ACTIONS.index)
    result = result.sort_values(["due_since", "_order", "outreach_id", "person_id"], kind="stable")
    return result[COLUMNS].reset_index(drop=True)
