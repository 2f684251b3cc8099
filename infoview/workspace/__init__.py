"""The student's workspace: all their course work and their outreach log in one SQLite file.

People (one record per person), the LAMP target list, email drafts, question plans, checklist
ticks, debriefs of conversations with the actions and referrals they led to; what is due; forgetting
a person without a trace; and the hand-in for the instructor. The student's own network comes in
from a contacts file (``add_people``, chosen with :class:`ContactChoice`), and goes out as a
calendar file (``export_calendar``) and as vCards of the people met (``export_people``).

>>> import tempfile, os
>>> from infoview.workspace import Workspace
>>> with Workspace(os.path.join(tempfile.mkdtemp(), "ws.sqlite3")) as ws:
...     lena = ws.add_person("Dr. Lena Kurz", organisation="Nordlicht", form_of_address="female")
...     _ = ws.add_debrief(lena, "2025-03-10", advice="Join the local data meetup", named=["Tom Baker"],
...                        actions=[("Go to the March meetup", "2025-03-20")])
...     ws.due(today="2025-03-21")["action"].tolist()
['contact_referral', 'debrief_action']
"""

from .contact_choice import ContactChoice
from .conversations import Action, Debrief
from .drafts import SavedDraft
from .forget import ForgetResult
from .hand_in import MILESTONE_COLUMNS, MILESTONES, read_milestones
from .network import AddedPeople
from .people import Person
from .schema import VERSION as SCHEMA_VERSION
from .workspace import Workspace

__all__ = ["Action", "AddedPeople", "ContactChoice", "Debrief", "ForgetResult", "MILESTONES", "MILESTONE_COLUMNS",
           "Person", "SCHEMA_VERSION", "SavedDraft", "Workspace", "read_milestones"]
