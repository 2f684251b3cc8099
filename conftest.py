"""Every test run, the lessons under nbval included, keeps the student's workspace in a temporary folder.

Lesson 07 opens the student's own workspace (``iv.Workspace()``, in the user data directory); a
test run must never write there. Kernels started by nbval inherit this environment.
"""

import os
import tempfile

os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="infoview-test-data-")
