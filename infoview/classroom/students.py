"""The per-student parts of the class report: what a workspace hand-in holds besides the log (when it
was written, the milestones of the fourteen steps), each student's own as-of date, and their
reply rate with its interval and shrunk towards the class rate.

Nothing here names a contact: the milestones sheet holds counts only.
"""

__all__ = ["hand_in_details", "student_as_of", "with_rates"]




def _xlsx_outline(path):
    """``(created, sheet names)`` of an .xlsx file, from its zip parts alone (fast: no cells are read).

    ``created`` is the export time its document properties give (or None).
    """
    import zipfile
    from xml.etree import ElementTree

    import pandas as pd

    with zipfile.ZipFile(path) as book:
        names = set(book.namelist())
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        core = ElementTree.fromstring(book.read("docProps/core.xml")) if "docProps/core.xml" in names else None
    sheets = [e.get("name") for e in workbook.iter() if e.tag.endswith("}sheet")]
    created = None
    if core is not None:
        found = [e.text for e in core if e.tag.endswith("}created") and e.text]
        created = pd.Timestamp(found[0]).tz_localize(None).as_unit("ns") if found else None
    return created, sheets


def hand_in_details(submissions):
    """``(written, milestones)`` from the students' .xlsx hand-ins.

    ``written`` maps a student to the time their hand-in was written (a hand-in of several files:
    the latest); ``milestones`` has one row per student and milestone with the columns ``student``,
    ``step``, ``milestone``, ``done`` and ``count`` (no free text). A file whose extra parts
    cannot be read is used for its log alone, as a log-only hand-in is.
    """
    import zipfile
    from xml.etree import ElementTree

    import pandas as pd

    from ..errors import InfoviewError
    from ..workspace import read_milestones

    written, parts = {}, []
    table = submissions.students
    for student, files in zip(table["student"], table["files"]):
        for name in filter(None, str(files).split(", ")):
            path = submissions.folder / name
            if path.suffix.lower() != ".xlsx" or not path.is_file():
                continue
            try:
                stamp, sheets = _xlsx_outline(path)
                found = read_milestones(path) if "milestones" in sheets else None
            except (InfoviewError, OSError, ValueError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
                continue
            if stamp is not None:
                written[student] = max(written.get(student, stamp), stamp)
            if found is not None and len(found):
                parts.append(found[["step", "milestone", "done", "count"]].assign(student=student))
    columns = ["student", "step", "milestone", "done", "count"]
    empty = pd.DataFrame({"student": pd.Series(dtype=object), "step": pd.Series(dtype="Int64"),
                          "milestone": pd.Series(dtype=object), "done": pd.Series(dtype=bool),
                          "count": pd.Series(dtype="int64")})
    milestones = pd.concat(parts, ignore_index=True)[columns] if parts else empty
    return written, milestones


def student_as_of(frame, written, as_of):
    """Each student's as-of time: when their hand-in was written, else their latest send or reply,
    never later than the report's ``as_of`` (a dict for :func:`~infoview.analysis.student_rates`)."""
    import numpy as np
    import pandas as pd

    from ..analysis.codes import factorize
    from ..analysis.core import AS_OF_COLUMNS, NAT, time_ns

    codes, students = factorize(frame["student"])
    latest = np.full(len(students), NAT, dtype=np.int64)
    for column in AS_OF_COLUMNS:
        if column in frame.columns:
            np.maximum.at(latest, codes, time_ns(frame, column))
    result = {}
    for student, last in zip(students, latest):
        own = written.get(student)
        stamp = own if own is not None else (pd.Timestamp(last) if last != NAT else as_of)
        result[student] = min(stamp, as_of)
    return result


def with_rates(table, rates, as_of_by_student, milestones):
    """The student table with each student's windowed reply rate, its interval and the shrunk rate
    (``rates``: a :func:`~infoview.analysis.student_rates` table), their as-of date and the milestones reached."""
    import numpy as np
    import pandas as pd

    class_rate = rates.attrs.get("class_rate", np.nan)
    rates = rates.copy(deep=False)
    rates.attrs = {}  # pandas copies attrs (here every student's date) into the result of each step
    aligned = rates.set_index("student").reindex(table["student"].to_numpy())
    counted = aligned["sent"].to_numpy(dtype=np.float64, na_value=0.0) > 0
    for column, source in (("reply_rate", "reply_rate"), ("reply_low", "ci_low"), ("reply_high", "ci_high"),
                           ("shrunk_rate", "shrunk_rate")):
        values = aligned[source].to_numpy(dtype=np.float64, na_value=np.nan)
        table[column] = pd.array(np.where(counted, values, np.nan), dtype="Float64")
    names = table["student"]
    table["as_of"] = pd.to_datetime(names.map(as_of_by_student)).astype("datetime64[ns]")
    done = milestones[milestones["done"].astype(bool)].groupby("student")["milestone"].nunique()
    handed = set(milestones["student"])
    table["steps_done"] = pd.array([int(done.get(s, 0)) if s in handed else None for s in names], dtype="Int64")
    table.attrs["class_rate"] = class_rate
    order = [c for c in table.columns if c not in ("reply_low", "reply_high", "shrunk_rate", "as_of", "steps_done")]
    at = order.index("reply_rate") + 1
    order[at:at] = ["reply_low", "reply_high", "shrunk_rate"]
    order.insert(order.index("files"), "as_of")
    order.insert(order.index("sent"), "steps_done")
    return table[order]
