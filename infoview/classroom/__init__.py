"""The instructor's side: releasing lessons as nbgrader assignments (:mod:`.release`), reading the
students' hand-ins (:mod:`.handins`), the class report (:mod:`.report`) and its dashboard's model
(:mod:`.dashboard`).
"""

from .dashboard import PLOTS, ClassDashboardModel
from .handins import BrokenFile, Submissions, read_submissions, sample_hand_ins
from .assignments import Lesson, data_file, lessons, release
from .report import COMPARED, DEFAULT_GOAL, ClassView, class_report, default_as_of, parse_as_of, student_table

__all__ = ["BrokenFile", "COMPARED", "ClassDashboardModel", "ClassView", "DEFAULT_GOAL", "Lesson", "PLOTS",
           "Submissions", "class_report", "data_file", "default_as_of", "lessons", "parse_as_of", "read_submissions",
           "release", "sample_hand_ins", "student_table"]
