"""The browser suite's machinery: one JupyterLab server, one Chromium, and helpers to drive them.

The server runs on 127.0.0.1 on a free port with a token, with every Jupyter, IPython and
matplotlib directory in a temporary folder (so nothing of the user's setup leaks in, and
nothing is written to it), the news popup and autosave turned off by a settings
``overrides.json``, and the notebooks folder of the repo as its root. It is started once per
session, counted as up when it prints its URL (its log is read, its URL is never polled),
and stopped by its PID at the end. Chromium is Debian's ``/usr/bin/chromium``; without it
every browser test is skipped with a message saying how to install it.

Screenshots go to ``test-artifacts/screenshots/``, server logs to ``test-artifacts/``.
"""

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections import deque
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = Path(os.environ.get("INFOVIEW_CHROMIUM", "/usr/bin/chromium"))  # the variable is for other systems
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
INSTALL_HINT = (f"Chromium is not installed at {CHROMIUM}, so the browser tests are skipped; "
                "install it with: apt-get install -y chromium (use sudo if you are not root)")
START_TIMEOUT = 120      # seconds for a server to print its URL (a cold start takes about 20 s)
RUN_TIMEOUT = 180_000    # milliseconds for a lesson to run to the end in the browser
UI_TIMEOUT = 60_000      # milliseconds for anything the page shows after an action
VIEWPORT = {"width": 1366, "height": 900}
MAX_SHOT_HEIGHT = 16000  # pixels: the tallest window used for a whole-notebook screenshot

#: JupyterLab settings for the tests: no news popup or update check, no autosave (the lessons in
#: the repo must stay free of outputs), and every cell in the page so the checks see all of them.
SETTINGS_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
}

_BROWSER_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Mark every test of this folder ``browser`` (``-m "not browser"`` leaves them out)."""
    for item in items:
        if _BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _needs_chromium():
    """Skip every browser test, with one message saying how to install Chromium, when it is missing.

    Autouse and session-scoped, so it runs before any server is started.
    """
    if not CHROMIUM.exists():
        pytest.skip(INSTALL_HINT)


_HINT_LOCATION = (__file__, sys._getframe().f_lineno)  # where the summary says the skips come from


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so fixtures can save a screenshot when a test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    if report.skipped and isinstance(report.longrepr, tuple) and INSTALL_HINT in report.longrepr[2]:
        report.longrepr = (*_HINT_LOCATION, report.longrepr[2])  # one line in the summary, not one per test
    return report


def _failed(node):
    report = getattr(node, "report_call", None)
    return report is not None and report.failed


# ------------------------------------------------------------------------- servers


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A server process started by the tests; ready once a line of its log matches ``ready``.

    The log is read line by line as it is written (into ``log_path``); the server is never
    polled over HTTP. ``url`` is the first group of the matching line.
    """

    def __init__(self, name, command, *, env, cwd, ready, log_path, timeout=START_TIMEOUT):
        self.name, self.log_path, self.url = name, Path(log_path), None
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._tail = deque(maxlen=40)
        self._ready = threading.Event()
        self.proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, text=True, encoding="utf-8", errors="replace",
                                     start_new_session=True)
        threading.Thread(target=self._read, args=(re.compile(ready),), daemon=True).start()
        if not self._ready.wait(timeout) or self.url is None:
            state = "did not print its URL" if self.proc.poll() is None else f"exited with {self.proc.returncode}"
            self.stop()
            raise RuntimeError(f"{name} {state} within {timeout} s; the end of its log ({self.log_path}):\n"
                               + "".join(self._tail))

    def _read(self, ready):
        with self.log_path.open("w", encoding="utf-8") as log:
            for line in self.proc.stdout:
                log.write(line)
                log.flush()
                self._tail.append(line)
                match = ready.search(line)
                if match and self.url is None:
                    self.url = match.group(1)
                    self._ready.set()
        self._ready.set()  # the process ended: wake the waiter

    def stop(self):
        """Stop the server by its PID (SIGTERM lets it shut its kernels down); SIGKILL its group if stuck."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=30)


def isolated_env(home):
    """The environment for a server: every Jupyter, IPython and matplotlib folder under ``home``."""
    env = dict(os.environ)
    for variable, folder in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                             ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython"),
                             ("MPLCONFIGDIR", "matplotlib")):
        path = Path(home) / folder
        path.mkdir(parents=True, exist_ok=True)
        env[variable] = str(path)
    env.pop("JUPYTERLAB_SETTINGS_DIR", None)
    env.pop("JUPYTERLAB_WORKSPACES_DIR", None)
    env.pop("MPLBACKEND", None)  # the test suite sets Agg; kernels choose their inline backend themselves
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def root_flag():
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def start_lab(root, home, log_path):
    """Start JupyterLab serving ``root``; returns the :class:`Server` with ``token`` and ``base`` set."""
    env = isolated_env(home)
    settings = Path(home) / "lab-settings"  # LabApp.app_settings_dir: jupyterlab_server reads overrides.json here
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "overrides.json").write_text(json.dumps(SETTINGS_OVERRIDES, indent=2), encoding="utf-8")
    port, token = free_port(), secrets.token_hex(24)
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={root}", f"--LabApp.app_settings_dir={settings}",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", *root_flag()]
    server = Server("JupyterLab", command, env=env, cwd=root, log_path=log_path,
                    ready=rf"(http://127\.0\.0\.1:{port}/lab)\?token=")
    server.token, server.base, server.root = token, f"http://127.0.0.1:{port}", Path(root)
    # Jupyter Server prints its URL one event-loop turn before it listens: wait for the socket with
    # bare TCP connects (no HTTP request, so nothing starts on the server).
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.proc.poll() is not None:
                server.stop()
                raise RuntimeError(f"JupyterLab printed its URL but does not listen on port {port}; "
                                   f"see {server.log_path}") from None
            time.sleep(0.05)
    return server


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab serving the repo's ``notebooks/`` folder, for the whole session."""
    server = start_lab(NOTEBOOKS, tmp_path_factory.mktemp("jupyter-home"), ARTIFACTS / "jupyterlab.log")
    yield server
    server.stop()


def lab_api(server, path, method="GET"):
    """Call JupyterLab's REST API (never used for Voilà, where each GET starts a kernel)."""
    request = urllib.request.Request(f"{server.base}{path}", method=method,
                                     headers={"Authorization": f"token {server.token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    return json.loads(body) if body else None


@pytest.fixture(scope="session")
def lab_settings(lab):
    """``{plugin: {setting: default}}`` as JupyterLab serves them, for the plugins the overrides touch."""
    return {plugin: {key: value.get("default")
                     for key, value in lab_api(lab, f"/lab/api/settings/{plugin}")["schema"]["properties"].items()}
            for plugin in SETTINGS_OVERRIDES}


def start_studio(language, home, log, log_path):
    """Start the drafting studio as a user does (``infoview app``); ready when Voilà prints its URL."""
    port = free_port()
    script = Path(sys.executable).with_name("infoview")
    infoview = [str(script)] if script.exists() else [sys.executable, "-m", "infoview"]
    command = [*infoview, "app", "--lang", language, "--port", str(port), "--no-browser", "--log", str(log)]
    return Server(f"infoview app --lang {language}", command, env=isolated_env(home), cwd=home, log_path=log_path,
                  ready=rf"^(http://127\.0\.0\.1:{port}/\?token=\w+)$")


@pytest.fixture(scope="module", params=["en", "de"])
def studio(request, tmp_path_factory):
    """``infoview app`` in each language, with a log of its own; ``studio.log`` is the log's path.

    Never GET the Voilà URL to see whether it is up: each request starts a kernel.
    """
    language = request.param
    home = tmp_path_factory.mktemp(f"studio-{language}")
    server = start_studio(language, home, home / "outreach.sqlite3", ARTIFACTS / f"studio-{language}.log")
    server.language, server.log, server.home = language, home / "outreach.sqlite3", home
    yield server
    server.stop()


# ------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Python Playwright is missing: pip install playwright")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def browser_context(browser):
    """One context (one cache) for the session, so JupyterLab's scripts load once."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    context.set_default_timeout(UI_TIMEOUT)
    yield context
    context.close()


def new_tab(context):
    """A tab whose uncaught script errors are collected in ``tab.problems``."""
    tab = context.new_page()
    tab.problems = []
    tab.on("pageerror", lambda error: tab.problems.append(f"page error: {error}"))
    return tab


@pytest.fixture(scope="module")
def studio_tab(studio, browser_context):
    """The studio open in a tab, for all tests of one language (one GET, so one kernel)."""
    tab = new_tab(browser_context)
    tab.goto(studio.url)
    tab.locator(".iv-studio-title").wait_for(timeout=RUN_TIMEOUT)
    tab.locator(".iv-words").wait_for(state="attached", timeout=RUN_TIMEOUT)  # the drafter has rendered
    yield tab
    tab.close()


@pytest.fixture
def studio_page(studio_tab, request):
    """:func:`studio_tab` for one test; when the test fails, a screenshot is saved."""
    yield studio_tab
    if _failed(request.node):
        studio_tab.screenshot(path=screenshot_path(f"failed-{request.node.name}"), full_page=True)


def screenshot_path(name):
    """Where the screenshot called ``name`` goes (under ``test-artifacts/screenshots/``)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"


def element_screenshot(locator, path):
    """A screenshot of one element, whole: the window grows to fit it (up to :data:`MAX_SHOT_HEIGHT`).

    JupyterLab scrolls inside its own panel, and Chromium leaves the parts of a tall element
    outside the window blank, so the window is made taller for the shot and then restored.
    """
    page = locator.page
    size = page.viewport_size
    needed = min(int(locator.evaluate("node => node.getBoundingClientRect().height")) + 400, MAX_SHOT_HEIGHT)
    if needed > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": needed})
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    try:
        locator.screenshot(path=path)
    finally:
        page.set_viewport_size(size)
    return path


@pytest.fixture(scope="session")
def screenshot():
    """``screenshot(page_or_element, name)`` saves ``test-artifacts/screenshots/<name>.png`` and returns its path."""
    def shoot(target, name):
        path = screenshot_path(name)
        if hasattr(target, "goto"):  # a page: all of it (Voilà pages scroll the document)
            target.screenshot(path=path, full_page=True)
        else:
            element_screenshot(target, path)
        return path
    return shoot


# ------------------------------------------------------------------------- JupyterLab pages

#: Per code cell of the open notebook: its prompt, whether it has source, and its outputs.
_CELLS_JS = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell'))
  .map(cell => ({
    prompt: (cell.querySelector('.jp-InputPrompt')?.textContent || '').trim(),
    source: (cell.querySelector('.cm-content')?.textContent || '').trim(),
    outputs: Array.from(cell.querySelectorAll('.jp-OutputArea-output')).map(out => ({
      mime: out.getAttribute('data-mime-type') || '',
      text: out.innerText.slice(0, 2000),
      widget: !!out.querySelector(':scope > .jupyter-widgets'),
      height: out.getBoundingClientRect().height,
    })),
  }))"""
_RUNNING_JS = """() => !Array.from(document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-InputPrompt')).some(p => p.textContent.includes('*'))"""

#: How IPython's tracebacks look once JupyterLab has rendered them (colours stripped).
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\s*Cell In\[\d+\], line \d+|^\w*(Error|Exception)\b",
                       re.M)


class LabPage:
    """The session's JupyterLab tab, with the steps a student takes in it.

    One tab serves every test: a student opens a lesson from the file browser, runs it from the
    menu, and closes it with File → Close and Shut Down Notebook, which saves nothing.
    """

    def __init__(self, page, server):
        self.page, self.server = page, server
        self.notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
        self.opened = {}  # relative path -> the file's bytes when it was opened

    def start(self):
        """Load JupyterLab with a fresh workspace (only the launcher open)."""
        self.page.goto(f"{self.server.base}/lab?reset&token={self.server.token}")
        self.page.locator(".jp-DirListing-content .jp-DirListing-item").first.wait_for(timeout=RUN_TIMEOUT)

    def _item(self, name):
        return self.page.locator(".jp-DirListing-content .jp-DirListing-item").filter(
            has=self.page.locator(".jp-DirListing-itemText").get_by_text(name, exact=True))

    def open(self, relative):
        """Open ``relative`` (a path under the notebooks folder) from the file browser; wait for "Idle"."""
        self.opened[relative] = (self.server.root / relative).read_bytes()
        self.page.locator(".jp-BreadCrumbs-home").click()
        *folders, name = relative.split("/")
        for folder in folders:
            self._item(folder).dblclick()
        self._item(name).dblclick()
        self.notebook.locator(".jp-Cell").first.wait_for(timeout=RUN_TIMEOUT)
        self.kernel_idle()

    def kernel_idle(self, timeout=RUN_TIMEOUT):
        """Wait for the status bar to read "... | Idle" (the kernel is up and has nothing to do)."""
        self.page.locator("#jp-main-statusbar").get_by_text(re.compile(r"\|\s*Idle$")).wait_for(timeout=timeout)

    def menu(self, top, item):
        """Click ``top`` in the menu bar, then the item labelled exactly ``item``."""
        self.page.locator(".lm-MenuBar-itemLabel").get_by_text(top, exact=True).click()
        self.page.locator(".lm-Menu-itemLabel").get_by_text(item, exact=True).click()

    def run_all(self, timeout=RUN_TIMEOUT):
        """Run → Run All Cells, wait until no cell is queued or running and the kernel is idle.

        JupyterLab marks every queued cell ``[*]`` at the click, so "no ``[*]`` left" cannot
        hold before the run has started. Returns :meth:`cells`.
        """
        self.menu("Run", "Run All Cells")
        self.page.wait_for_function(_RUNNING_JS, timeout=timeout)
        self.kernel_idle(timeout)
        return self.cells()

    def close(self):
        """File → Close and Shut Down Notebook, confirmed; then check that no lesson file changed."""
        if self.notebook.count():
            self.menu("File", "Close and Shut Down Notebook…")
            self.page.locator(".jp-Dialog button").get_by_text("Ok", exact=True).click()
            self.notebook.wait_for(state="detached")
        changed = [path for path, before in self.opened.items() if (self.server.root / path).read_bytes() != before]
        self.opened.clear()
        assert not changed, f"JupyterLab changed {changed} (autosave must be off, nothing may be saved)"

    def cells(self):
        """Each code cell as ``{"prompt", "source", "outputs": [{"mime", "text", "widget", "height"}]}``."""
        return self.page.evaluate(_CELLS_JS)

    def widget_outputs(self):
        """The outputs that display a widget (rendered or not)."""
        return self.notebook.locator(".jp-OutputArea-output:has(> .jupyter-widgets)")

    def notification_count(self):
        """The number next to the bell in the status bar (the news question would make it 1)."""
        return int(self.page.locator("#jp-main-statusbar .jp-Notification-Status").inner_text().strip() or 0)

    def screenshots(self, name, limit=8):
        """The whole notebook, then each widget output; returns the paths.

        JupyterLab scrolls inside its own panel, so a screenshot of the page shows one screen of
        the notebook at most. For these screenshots the window is made as tall as the notebook
        (up to :data:`MAX_SHOT_HEIGHT`), then restored.
        """
        panel = self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        scroller = panel.locator(".jp-WindowedPanel-outer")
        scroller.evaluate("node => node.scrollTo(0, 0)")
        extra = VIEWPORT["height"] - scroller.evaluate("node => node.clientHeight")
        height = min(scroller.evaluate("node => node.scrollHeight") + extra, MAX_SHOT_HEIGHT)
        self.page.set_viewport_size({"width": VIEWPORT["width"], "height": max(height, VIEWPORT["height"])})
        try:
            scroller.evaluate("""(node, h) => new Promise(done => {  // JupyterLab relayouts on resize
                const check = () => node.clientHeight >= h ? done() : requestAnimationFrame(check);
                check();
            })""", height - extra)
            paths = [screenshot_path(f"{name}-0-notebook")]
            panel.screenshot(path=paths[0])
            widgets = self.widget_outputs()
            for i in range(min(widgets.count(), limit)):
                paths.append(element_screenshot(widgets.nth(i), screenshot_path(f"{name}-{i + 1}-widget")))
        finally:
            self.page.set_viewport_size(VIEWPORT)
        return paths

    @staticmethod
    def error_outputs(report):
        """``(cell number, text)`` for each output in ``report`` (from :meth:`cells`) that is a traceback."""
        return [(i + 1, out["text"]) for i, cell in enumerate(report) for out in cell["outputs"]
                if out["mime"] == "application/vnd.jupyter.stderr" and TRACEBACK.search(out["text"])]

    @staticmethod
    def unexecuted(report):
        """Numbers of the code cells with source that did not run (a run stops at the first error)."""
        return [i + 1 for i, cell in enumerate(report)
                if cell["source"] and not re.fullmatch(r"\[\d+\]:", cell["prompt"])]

    def shut_down_kernels(self):
        for session in lab_api(self.server, "/api/sessions"):
            lab_api(self.server, f"/api/sessions/{session['id']}", method="DELETE")


@pytest.fixture(scope="session")
def lab_tab(lab, browser_context):
    """JupyterLab loaded once in one tab for the whole session."""
    driver = LabPage(new_tab(browser_context), lab)
    driver.start()
    yield driver
    driver.page.close()


@pytest.fixture
def lab_page(lab_tab, request):
    """The JupyterLab tab for one test; afterwards the notebook is closed and its kernel shut down.

    When the test failed, a screenshot is saved and JupyterLab is reloaded, so that a dialog or
    a half-run notebook cannot disturb the next test.
    """
    lab_tab.page.problems.clear()
    yield lab_tab
    if _failed(request.node):
        lab_tab.page.screenshot(path=screenshot_path(f"failed-{request.node.name}"))
        lab_tab.shut_down_kernels()
        lab_tab.start()
        lab_tab.close()  # only checks that nothing was saved
    else:
        lab_tab.close()


# ------------------------------------------------------------------------- what a student does


class Student:
    """What a student does with infoview's widgets, in any page (a lesson or the studio)."""

    EMAIL = {
        "en": "Dear Ms Kurz,\n\nI am studying data science at Leipzig and read your talk on open data. "
              "Would you have 20 minutes in the next weeks to tell me how you came to your role?\n\n"
              "Best regards,\nAda",
        "de": "Sehr geehrte Frau Kurz,\n\nich studiere Data Science in Leipzig und habe Ihren Vortrag über "
              "offene Daten gelesen. Hätten Sie in den nächsten Wochen 20 Minuten Zeit, mir von Ihrem Weg "
              "zu erzählen?\n\nMit freundlichen Grüßen\nAda",
    }
    JOB_REQUEST = {"en": " Do you have any openings on your team?", "de": " Haben Sie offene Stellen in Ihrem Team?"}

    @staticmethod
    def drafter(root):
        """The first email drafter under ``root``: its box, the text area of the email, its word count."""
        box = root.locator(".iv-drafter:visible").first
        return box, box.locator(".iv-body textarea"), box.locator(".iv-words")

    def write_email(self, root, language):
        """Write an email into the drafter, then add a job request key by key; check the feedback.

        After each step the word count must show the count of the text typed, and the job
        request must bring an ``asks-for-job`` finding. Returns the drafter's box.
        """
        from infoview.emails.lint import word_count as count_words  # the count the drafter shows

        box, body, words = self.drafter(root)
        body.scroll_into_view_if_needed()
        findings = box.locator("li.iv-finding")
        asks = box.locator('li.iv-finding[data-rule="asks-for-job"]')

        body.fill(self.EMAIL[language])
        words.filter(has_text=re.compile(rf"^{count_words(self.EMAIL[language])}\b")).wait_for()
        assert asks.count() == 0, "a polite email without a job request was flagged as asking for a job"
        before = findings.evaluate_all("els => els.map(e => e.dataset.rule)")  # at once: the list may re-render

        # Now the student slips a job request into the paragraph, key by key, before the closing.
        email = self.EMAIL[language]
        at = email.rindex("\n\n")
        body.evaluate("(area, at) => { area.focus(); area.setSelectionRange(at, at); }", at)
        body.press_sequentially(self.JOB_REQUEST[language])
        asks.first.wait_for()
        typed = body.input_value()
        assert typed == email[:at] + self.JOB_REQUEST[language] + email[at:]
        words.filter(has_text=re.compile(rf"^{count_words(typed)}\b")).wait_for()
        after = findings.evaluate_all("els => els.map(e => e.dataset.rule)")  # at once: the list may re-render
        assert "asks-for-job" in after and after != before
        return box

    @staticmethod
    def add_outreach(root, language, contact, organisation):
        """Fill in the logger's form with a contact and an organisation, click its add button, and wait
        for the confirmation; returns the logger (for a screenshot)."""
        from infoview.texts import texts as lookup

        texts = lookup("log.widget", language)
        form = root.locator(".widget-vbox:has(> .widget-button:text-is('%s'))" % texts["add"]).first
        field = "xpath=.//div[contains(@class,'widget-text')][label[normalize-space()='{}']]//input"
        form.scroll_into_view_if_needed()
        form.locator(field.format(texts["contact"])).fill(contact)
        form.locator(field.format(texts["organisation"])).fill(organisation)
        form.locator(".widget-button").get_by_text(texts["add"], exact=True).click()
        added = texts["added"].split("{")[0]
        root.get_by_text(re.compile(rf"^{re.escape(added)}.*{re.escape(contact)}")).first.wait_for()
        # The whole logger: the innermost box holding both the form and the confirmation.
        return form.locator(f"xpath=ancestor::div[contains(@class,'widget-vbox')]"
                            f"[.//text()[contains(., '{contact}')]][1]")


@pytest.fixture(scope="session")
def student():
    return Student()
