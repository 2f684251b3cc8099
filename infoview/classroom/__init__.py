"""The instructor's side: releasing lessons as nbgrader assignments (:mod:`.assignments`), reading
the students' hand-ins (:mod:`.handins`, many files at once by :mod:`.batch`), the class's figures
(:mod:`.view`), the class report (:mod:`.report`) and its dashboard's model (:mod:`.dashboard`).
"""

from ..dates import parse_as_of
from .assignments import Lesson, data_file, lessons, release
from .dashboard import PLOTS, ClassDashboardModel
from .handins import BrokenFile, Submissions, read_submissions, sample_hand_ins
from .report import class_report
from .view import COMPARED, DEFAULT_GOAL, ClassView, default_as_of, student_table

__all__ = ["BrokenFile", "COMPARED", "ClassDashboardModel", "ClassView", "DEFAULT_GOAL", "Lesson", "PLOTS",
           "Submissions", "class_report", "data_file", "default_as_of", "lessons", "parse_as_of", "read_submissions",
           "release", "sample_hand_ins", "student_table"]
