"""Preparing a conversation: the question bank, the fourteen steps with their checklists and
the fears that stop people, the LAMP list of target organisations, and reading the
student's own network from LinkedIn, vCard, Google or Outlook files.

>>> from infoview.prepare import QuestionBank, steps
>>> steps("en")[0].number
1
"""

from .closed_questions import is_closed_question, question_feedback
from .contacts import CONTACT_COLUMNS, read_contacts
from .plan import AUDIENCES, CONTEXTS, MINUTES_PER_QUESTION, InterviewPlan, PlanError
from .questions import STAGES, Category, Question, QuestionBank, categories
from .steps import Checklist, ChecklistItem, Fear, Script, Step, fears, steps
from .targets import Target, TargetList

__all__ = ["AUDIENCES", "CONTACT_COLUMNS", "CONTEXTS", "Category", "Checklist", "ChecklistItem", "Fear", "InterviewPlan",
           "MINUTES_PER_QUESTION", "PlanError", "Question",
           "QuestionBank", "STAGES", "Script", "Step", "Target", "TargetList", "categories", "fears",
           "is_closed_question", "question_feedback", "read_contacts", "steps"]
