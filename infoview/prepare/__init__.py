"""Preparing a conversation: the question bank, the fourteen steps with their checklists and
the fears that stop people, the LAMP list of target organisations, and reading the
student's own network from LinkedIn, vCard, Google or Outlook files.

>>> from infoview.prepare import QuestionBank, steps
>>> steps("en")[0].number
1
"""

from .contacts import CONTACT_COLUMNS, read_contacts
from .closed_questions import is_closed_question, question_feedback
from .questions import MINUTES_PER_QUESTION, STAGES, Category, InterviewPlan, Question, QuestionBank, categories
from .steps import Checklist, ChecklistItem, Fear, Script, Step, fears, steps
from .targets import Target, TargetList

__all__ = ["CONTACT_COLUMNS", "Category", "Checklist", "ChecklistItem", "Fear", "InterviewPlan", "MINUTES_PER_QUESTION", "Question",
           "QuestionBank", "STAGES", "Script", "Step", "Target", "TargetList", "categories", "fears",
           "is_closed_question", "question_feedback", "read_contacts", "steps"]
