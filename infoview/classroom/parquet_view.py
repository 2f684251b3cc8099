"""The class report's figures from a folder of Parquet hand-ins, computed by DuckDB
(``class_report(..., engine="duckdb")``, ``infoview class-report --engine duckdb``).

DuckDB reads the files in a stream and only aggregate tables come back to Python: counts per
student, per week and per group, never a row of the log. Privacy is the class report's policy of
:mod:`infoview.log.privacy`, as on the pandas path: the distinct contacts' names come to Python once,
to clean the distinct students' names, templates and file names (and sources or channels outside
infoview's categories); a small table of the cleaned values, joined in the view every query reads,
puts them in place of the written ones, so no table holds a contact's name, email or phone number
in any spelling. The tables are those of
:class:`~infoview.classroom.view.ClassView` on the same hand-ins (``tests/test_class_report_duckdb.py``
checks that), so :class:`~infoview.classroom.report.ReportPage` renders either view.

Each ``.parquet`` file is one outreach log as :func:`~infoview.log.read.read_log` returns it, saved
with ``DataFrame.to_parquet`` (validated once, when it was written): one file per student or a pooled
file of many. As with other hand-ins, the ``student`` column names the student, else the file name.
Parquet files are not validated again, and hold no milestones of the fourteen steps.
"""

from pathlib import Path

from ..dates import parse_as_of
from ..errors import InfoviewError
from ..log.columns import CATEGORY_COLUMNS
from ..log.privacy import report_cleaners
from ..texts import check_language, text
from .handins import Submissions, hand_in_files, natural_key, read_roster
from .view import COMPARED, CONFIDENCE, DEFAULT_GOAL, WITHIN, ClassView, check_goal, tables_from_counts

__all__ = ["ParquetClassView", "parquet_hand_ins"]

_SHIFT = "259200000000000"  # three days in ns: weeks counted from Monday (1970-01-01 was a Thursday)
_WEEK = "604800000000000"
_CLEANED = ("student", "template", "source", "channel")  # the text of the hand-ins that the report shows


def parquet_hand_ins(folder, language="en"):
    """The ``.parquet`` hand-ins in ``folder``, sorted; an :class:`InfoviewError` (in ``language``) saying
    how to convert them when the folder holds other hand-ins or none."""
    check_language(language)
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(text("classroom.handins.no_folder", language, folder=folder))
    paths = hand_in_files(folder)
    others = [p for p in paths if p.suffix.lower() != ".parquet"]
    if others:
        raise InfoviewError(text("classroom.parquet.not_parquet", language, count=len(others), folder=folder,
                                 example=others[0].name, stem=others[0].stem))
    if not paths:
        raise InfoviewError(text("classroom.parquet.none", language, folder=folder))
    return paths


def _quote(value):
    return "'" + str(value).replace("'", "''") + "'"


def _one(db, sql):
    """The single value a query returns."""
    return db.sql(sql).fetchall()[0][0]


def _stamp(ns):
    import pandas as pd

    return f"TIMESTAMP_NS {_quote(pd.Timestamp(ns).isoformat(sep=' '))}"


def _read(db, source):
    """Define the view ``raw_hand_ins`` over the Parquet files (the student from the file name where the
    column is empty) and return, in one pass, its distinct contacts, ``{column: distinct values}`` of
    :data:`_CLEANED` but the student, and the distinct (student, file number) pairs."""
    db.execute(f"""CREATE OR REPLACE TEMP VIEW raw_hand_ins AS
        SELECT CAST(h.contact AS VARCHAR) AS contact,
               coalesce(nullif(CAST(h.student AS VARCHAR), ''), f.stem) AS student, f.number AS file,
               h.file_row_number AS row, CAST(h.source AS VARCHAR) AS source,
               CAST(h.channel AS VARCHAR) AS channel, CAST(h.template AS VARCHAR) AS template,
               h.sent_at, h.followed_up_at, h.replied_at, CAST(h.response AS VARCHAR) AS response,
               h.meeting_at, h.thank_you_at, h.referrals
        FROM {source} h JOIN hand_in_files f ON h.filename = f.path""")
    others = _CLEANED[1:]
    found = db.sql(f"""SELECT list(DISTINCT {{'student': student, 'file': file}}), list(DISTINCT contact),
                              {', '.join(f'list(DISTINCT {c})' for c in others)} FROM raw_hand_ins""").fetchall()[0]
    pairs, contacts, *values = (value or [] for value in found)  # no rows: NULL lists
    return contacts, dict(zip(others, values)), [(pair["student"], pair["file"]) for pair in pairs]


def _protect(db, contacts, values, label):
    """Define the view ``hand_ins``: ``raw_hand_ins`` without the contact, its students, templates and
    (values outside infoview's categories of) sources and channels cleaned as the pandas path cleans
    them (:func:`~infoview.log.privacy.report_cleaners`), through a table of the values that change.
    ``values`` maps each column of :data:`_CLEANED` to its distinct values. Return the cleaner of
    students' names and file names."""
    import pandas as pd

    students, others = report_cleaners(sorted(contacts), label)
    changed = []
    for column, distinct in values.items():
        clean = students if column == "student" else others
        keep = CATEGORY_COLUMNS.get(column, ())
        changed += [(column, value, new) for value in distinct
                    if value not in keep and (new := clean(value)) != value]
    db.execute("CREATE OR REPLACE TEMP TABLE cleaned (kind VARCHAR, raw VARCHAR, clean VARCHAR)")
    if changed:
        db.register("changed_values", pd.DataFrame(changed, columns=["kind", "raw", "clean"]))
        db.execute("INSERT INTO cleaned SELECT * FROM changed_values")
        db.unregister("changed_values")
    shown = {c: f"coalesce(c_{c}.clean, r.{c}) AS {c}" for c in _CLEANED}
    joins = "\n".join(f"LEFT JOIN cleaned c_{c} ON c_{c}.kind = '{c}' AND c_{c}.raw = r.{c}" for c in _CLEANED)
    db.execute(f"""CREATE OR REPLACE TEMP VIEW hand_ins AS
        SELECT {shown['student']}, r.file, r.row, {shown['source']}, {shown['channel']}, {shown['template']},
               r.sent_at, r.followed_up_at, r.replied_at, r.response, r.meeting_at, r.thank_you_at, r.referrals
        FROM raw_hand_ins r {joins}""")
    return students


class ParquetClassView(ClassView):
    """A class's figures as of one date, computed by DuckDB from a folder of Parquet hand-ins.

    Takes the folder instead of :class:`~infoview.classroom.handins.Submissions`; ``groups`` is a
    roster as for :func:`~infoview.classroom.handins.read_submissions`; ``memory_limit`` (such as
    ``"1GB"``) caps DuckDB's memory, which spills to disk beyond it. The attributes are those of
    :class:`~infoview.classroom.view.ClassView`, except that ``frame`` is ``None``: the rows stay in
    DuckDB.
    """

    def __init__(self, folder, as_of=None, goal=DEFAULT_GOAL, *, groups=None, weeks=None, group=None,
                 memory_limit=None, language="en"):
        import numpy as np
        import pandas as pd

        from ..analysis.core import WEEK_NS, now_ns, period_numbers, period_starts
        from ..analysis.engine import connect
        from . import students

        folder = Path(folder)
        paths = parquet_hand_ins(folder, language)
        self.goal, self.group, self.frame = check_goal(goal), group or None, None
        self.connection = db = connect(memory_limit=memory_limit)
        import duckdb  # connect() has said how to install it if it is missing

        files = pd.DataFrame({"path": [str(p) for p in paths], "number": np.arange(len(paths)),
                              "stem": [p.stem for p in paths]})
        db.register("hand_in_files", files)
        source = f"read_parquet([{', '.join(_quote(p) for p in files['path'])}], union_by_name = true, " \
                 "filename = true, file_row_number = true)"
        try:
            contacts, values, pairs = _read(db, source)
        except duckdb.Error as error:
            raise InfoviewError(text("classroom.parquet.unreadable", language, folder=folder,
                                     reason=str(error).splitlines()[0])) from None
        values["student"] = {student for student, _ in pairs}
        clean = _protect(db, contacts, values, text("classroom.handins.contact_label", language))
        pairs = {(clean(student), number) for student, number in pairs}  # as hand_ins has them
        self._roster_and_files(folder, [clean(p.name) for p in paths], [clean(p.stem) for p in paths], pairs,
                               groups)
        roster = self.submissions.students

        latest = _one(db, """SELECT epoch_ns(greatest(max(sent_at), max(followed_up_at), max(replied_at),
                                                    max(thank_you_at))) FROM hand_ins""")
        if as_of is not None:
            self.as_of = parse_as_of(as_of)
        else:
            now = pd.Timestamp(now_ns())
            self.as_of = now if latest is None else min(pd.Timestamp(latest), now)
        at = _stamp(self.as_of.value)
        first_sent = _one(db, f"SELECT epoch_ns(min(sent_at)) FROM hand_ins WHERE sent_at <= {at}")
        every = []
        if first_sent is not None:
            low, high = period_numbers(np.array([first_sent, self.as_of.value]), "W")
            every = list(pd.DatetimeIndex(period_starts(np.arange(low, high + 1), "W")))
        if self.group:
            roster = roster[roster["group"] == self.group].reset_index(drop=True)
        first = pd.Timestamp(weeks[0]).normalize() if weeks else (every[0] if every else None)
        last = pd.Timestamp(weeks[1]).normalize() if weeks else (every[-1] if every else None)
        where = [f"(sent_at IS NULL OR sent_at <= {at})"]
        if weeks:
            first -= pd.Timedelta(days=first.weekday())
            last -= pd.Timedelta(days=last.weekday())
            where.append(f"date_trunc('week', sent_at) BETWEEN {_stamp(first.value)} AND {_stamp(last.value)}")
        if self.group:
            db.register("chosen_students", roster[["student"]])
            where.append("student IN (SELECT student FROM chosen_students)")
        self.selected = (first, last) if weeks else None
        self.weeks = [w for w in every if first <= w <= last and w.value + WEEK_NS <= self.as_of.value + 1]

        # The log as it stood at as_of: later outreach left out, later events not yet happened.
        db.execute(f"""CREATE OR REPLACE TEMP VIEW log AS
            SELECT student, file, row, source, channel, template, sent_at,
                   CASE WHEN followed_up_at <= {at} THEN followed_up_at END AS followed_up_at,
                   CASE WHEN replied_at <= {at} THEN replied_at END AS replied_at,
                   CASE WHEN replied_at > {at} THEN NULL ELSE response END AS response,
                   CASE WHEN meeting_at <= {at} THEN meeting_at END AS meeting_at,
                   CASE WHEN thank_you_at <= {at} THEN thank_you_at END AS thank_you_at,
                   CASE WHEN meeting_at > {at} THEN 0 ELSE referrals END AS referrals
            FROM hand_ins WHERE {' AND '.join(where)}""")
        self._count = _one(db, "SELECT count(*) FROM log")
        counts, weekly = self._counts(roster["student"].tolist())
        self.students, self.weekly, self.overdue = tables_from_counts(roster, counts, weekly, self.goal)

        own = db.sql(f"""SELECT student, epoch_ns(least(coalesce(greatest(max(sent_at), max(replied_at)), {at}), {at}))
                         FROM log GROUP BY student""").fetchall()
        self.student_as_of = {name: pd.Timestamp(value) for name, value in sorted(own)}
        db.register("student_as_of", pd.DataFrame({"student": list(self.student_as_of),
                                                   "as_of": pd.to_datetime(list(self.student_as_of.values()))}))
        # Each student's window, as in student_rates and compare_within: replies within WITHIN days
        # of outreach sent at least that long before the student's own as-of time.
        db.execute(f"""CREATE OR REPLACE TEMP VIEW windowed AS
            SELECT l.*, l.sent_at <= CAST(a.as_of AS TIMESTAMP_NS) - INTERVAL {WITHIN} DAY AS kept,
                   coalesce(l.sent_at <= CAST(a.as_of AS TIMESTAMP_NS) - INTERVAL {WITHIN} DAY
                            AND l.replied_at <= l.sent_at + INTERVAL {WITHIN} DAY, false) AS hit
            FROM log l JOIN student_as_of a USING (student)""")
        self.milestones = students.hand_in_details(self.submissions)[1]  # empty: Parquet holds no milestones
        self.students = students.with_rates(self.students, self._student_rates(), self.student_as_of,
                                            self.milestones)

    def _roster_and_files(self, folder, names, stems, pairs, groups):
        """``submissions``: who handed in what, as read_submissions lists it (students in the files,
        an empty file by its name, roster names without a file as missing); ``names`` and ``stems``
        are the files' names, cleaned."""
        import pandas as pd

        found = {}
        for student, number in pairs:
            found.setdefault(student, set()).add(number)
        used = set().union(*found.values()) if found else set()
        for number, stem in enumerate(stems):
            if number not in used and stem not in found:
                found[stem] = {number}
        status = {student: "read" for student in found}
        roster_groups = read_roster(groups)
        for student in roster_groups:
            if student not in status:
                status[student], found[student] = "missing", set()
        ordered = sorted(status, key=natural_key)
        roster = pd.DataFrame({"student": ordered, "group": [roster_groups.get(s, "") for s in ordered],
                               "status": [status[s] for s in ordered],
                               "files": [", ".join(names[n] for n in sorted(found[s])) for s in ordered]})
        self.submissions = Submissions(folder=folder, frame=None, students=roster, broken=[], files=names)

    def _counts(self, names):
        """Per student (in the order of ``names``): the counts of the student table, and sends per counted week."""
        import numpy as np
        import pandas as pd

        from ..analysis.core import NAT, period_numbers

        db, at = self.connection, _stamp(self.as_of.value)
        day = f"DATE '{self.as_of.date()}'"  # not a cast: DuckDB rounds 23:59:59.999999999 up to the next day
        # A follow-up is due 7 business days after sending (a weekend send counts from Monday), a
        # thank-you the day after the meeting, as infoview.log.reminders.due has it (no holidays).
        table = db.sql(f"""
            WITH dated AS (
              SELECT *, CAST(sent_at AS DATE) + CASE isodow(CAST(sent_at AS DATE)) WHEN 6 THEN 2 WHEN 7 THEN 1
                                                 ELSE 0 END AS rolled FROM log),
            due AS (
              SELECT *, sent_at IS NOT NULL AND replied_at IS NULL AND followed_up_at IS NULL
                        AND rolled + CASE WHEN isodow(rolled) <= 3 THEN 9 ELSE 11 END <= {day} AS follow,
                     sent_at IS NOT NULL AND thank_you_at IS NULL
                        AND CAST(meeting_at AS DATE) + 1 <= {day} AS thank,
                     rolled + CASE WHEN isodow(rolled) <= 3 THEN 9 ELSE 11 END AS follow_from,
                     CAST(meeting_at AS DATE) + 1 AS thank_from FROM dated)
            SELECT student, count(*) AS sent, count(replied_at) AS replied,
                   count(*) FILTER (WHERE replied_at IS NOT NULL AND response = 'accepted') AS accepted,
                   count(meeting_at) AS met, count(thank_you_at) AS thanked,
                   coalesce(sum(referrals), 0)::BIGINT AS referrals, epoch_ns(max(sent_at)) AS last_sent,
                   count(*) FILTER (WHERE follow) AS follow_ups, count(*) FILTER (WHERE thank) AS thank_yous,
                   coalesce(greatest(max({day} - follow_from) FILTER (WHERE follow),
                                     max({day} - thank_from) FILTER (WHERE thank)), 0) AS longest_days
            FROM due GROUP BY student""").df().set_index("student").reindex(names)
        counts = {name: table[name].fillna(0).to_numpy(dtype=np.int64)
                  for name in ("sent", "replied", "accepted", "met", "thanked", "referrals", "follow_ups",
                               "thank_yous", "longest_days")}
        counts["last_sent"] = table["last_sent"].fillna(NAT).to_numpy(dtype=np.int64)
        width = len(self.weeks)
        weekly = np.zeros((len(names), width), dtype=np.int64)
        if width:
            first = int(period_numbers(np.array([self.weeks[0].value]), "W")[0])
            sends = db.sql(f"""SELECT student, (epoch_ns(sent_at) + {_SHIFT}) // {_WEEK} - {first} AS week,
                                      count(*) AS n FROM log
                               WHERE sent_at IS NOT NULL GROUP BY ALL""").df()
            row = pd.Categorical(sends["student"], categories=names).codes
            inside = (row >= 0) & (sends["week"] >= 0).to_numpy() & (sends["week"] < width).to_numpy()
            weekly[row[inside], sends["week"].to_numpy()[inside]] = sends["n"].to_numpy()[inside]
        return counts, weekly

    def _student_rates(self):
        from ..analysis.stratified import rates_from_counts

        table = self.connection.sql("""SELECT student, count(*) FILTER (WHERE kept) AS sent,
                                              count(*) FILTER (WHERE hit) AS replied
                                       FROM windowed GROUP BY student HAVING count(sent_at) > 0
                                       ORDER BY student""").df()
        return rates_from_counts(table["student"].to_numpy(dtype=object), table["sent"], table["replied"],
                                 confidence=CONFIDENCE)

    # -- the figures the report shows, in SQL -------------------------------------------------

    @property
    def count(self):
        return self._count

    def rates(self, by=None, freq=None, accepted=False):
        from ..analysis.engine import query

        return query("acceptance_rates" if accepted else "reply_rates", self.connection, by=by, freq=freq,
                     within=WITHIN, as_of=self.as_of, confidence=CONFIDENCE)

    def conversations(self):
        from ..analysis.engine import query

        return int(query("funnel", self.connection).iloc[0]["met"])

    def verdicts(self):
        import numpy as np

        from ..analysis.stratified import compare_counts

        db = self.connection
        names = list(self.student_as_of)
        found = []
        for column in COMPARED:
            # The two groups with the most outreach counted (ties: the one seen first), as compare_within.
            top = db.sql(f"""SELECT {column} AS value FROM windowed
                             WHERE kept AND {column} IS NOT NULL AND {column} <> ''
                             GROUP BY ALL ORDER BY count(*) DESC, min(file * 4294967296 + row)
                             LIMIT 2""").fetchall()
            if len(top) < 2:
                continue
            a, b = (value for (value,) in top)
            table = db.sql(f"""SELECT student,
                                 count(*) FILTER (WHERE kept AND {column} = {_quote(a)}) AS sent_a,
                                 count(*) FILTER (WHERE hit AND {column} = {_quote(a)}) AS replied_a,
                                 count(*) FILTER (WHERE kept AND {column} = {_quote(b)}) AS sent_b,
                                 count(*) FILTER (WHERE hit AND {column} = {_quote(b)}) AS replied_b
                               FROM windowed GROUP BY student""").df().set_index("student").reindex(names)
            found.append((column, a, b, *(table[c].fillna(0).to_numpy(dtype=np.int64)
                                          for c in ("sent_a", "replied_a", "sent_b", "replied_b"))))
        return compare_counts(found, "student", within=WITHIN, confidence=CONFIDENCE)
