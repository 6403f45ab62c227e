"""Fixtures for the chat's browser tests: chat servers under test and two headless Chromiums.

Every test runs once per server command in `server_specs()`: by default the Flask original,
`python docs/python/app.py --port 0`, and the Swift `$FLASKISH_BIN_PATH/ChatDemo --port 0`.
`CHAT_SERVERS=python` (or `swift`) keeps one; `CHAT_SERVER_CMD="<command>"` replaces the list
by one command of your own. A server command must contain `--port 0` (or `--port=0`); a test that
restarts the server reruns it with the port the first run got. The port is read from a line
`PORT <n>` on stdout or from the Flask-style banner ` * Running on http://127.0.0.1:<n>` on
stderr, whichever comes first.

Two browsers (two WebDriver sessions, so two users with their own localStorage) are shared
by the whole session; each test opens the chat afresh in them.
"""

import json
import os
import time

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from chat_servers import ChatServer, server_specs

# Never let Selenium Manager look for drivers or browsers online: we name both.
os.environ.setdefault("SE_OFFLINE", "true")

CHROMIUM = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
WAIT_TIMEOUT = 20      # generous: the machine is small and shared
WINDOW_SIZE = (1000, 800)
# test_chat_recovery.py needs the Swift ChatDemo (the Flask original has no connection state
# recovery): without it in the list, the module is not collected rather than skipped.
collect_ignore = [] if any(spec[0] == "swift" for spec in server_specs()) else ["test_chat_recovery.py"]


@pytest.fixture(scope="module", params=server_specs(), ids=lambda spec: spec[0])
def server_spec(request):
    return request.param


@pytest.fixture(scope="module")
def server(server_spec):
    """A server shared by a module's tests (they neither stop nor restart it)."""
    process = ChatServer(*server_spec).start()
    yield process
    process.stop()


@pytest.fixture
def own_server(server_spec):
    """A server for one test, which may stop and restart it; started by the test."""
    process = ChatServer(*server_spec)
    yield process
    process.stop()


def new_driver(language="en-US"):
    """A headless Chromium whose user speaks `language`: its interface language (`--lang`) and
    the Accept-Language it sends (the `intl.accept_languages` preference, which headless
    Chromium does not always derive from `--lang`)."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--no-first-run", "--disable-extensions", "--disable-background-networking",
                     "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                     "--lang=" + language, "--window-size=%d,%d" % WINDOW_SIZE):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    options.set_capability("goog:loggingOptions", {"browser": "ALL"})
    chrome = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    chrome.set_script_timeout(WAIT_TIMEOUT)
    return chrome


@pytest.fixture(scope="session")
def browsers():
    """Two browsers, created once: two users who do not share localStorage."""
    drivers = []
    try:
        drivers.append(new_driver())
        drivers.append(new_driver())
        yield drivers
    finally:
        for driver in drivers:
            driver.quit()


class ChatPage:
    """The chat page of one server in one browser, and helpers that drive it like a user."""

    def __init__(self, driver, server):
        self.driver = driver
        self.server = server
        self.errors = []  # console errors of this page's earlier loads

    # ------------------------------------------------------------------ opening

    def load(self, forget_nickname=True):
        self.driver.get("about:blank")
        self.errors += self.severe_logs()  # the chat fixture drained earlier tests' logs
        if forget_nickname:
            # Cleared from outside: a chat page of the origin could store its name again meanwhile.
            self.driver.execute_cdp_cmd("Storage.clearDataForOrigin", {
                "origin": self.server.url.rstrip("/"), "storageTypes": "local_storage"})
        self.driver.get(self.server.url)
        self.wait_for("window.chat && window.chat.socket", message="chat.js did not start")
        return self

    def join(self, nick):
        """Answers the nickname question with the keyboard and waits until joined."""
        self.wait_for("document.getElementById('nick-dialog').open", message="no nickname question")
        field = self.find("#nick")
        field.clear()
        field.send_keys(nick, Keys.ENTER)
        self.wait_joined()
        return self

    def open(self, nick):
        return self.load().join(nick)

    def wait_joined(self):
        self.wait_for("window.chat.state.joined && !document.getElementById('nick-dialog').open",
                      message="did not join")

    # ------------------------------------------------------------------ acting

    def send(self, text):
        """Types `text` and presses Enter, as a user does."""
        field = self.find("#text")
        field.send_keys(text, Keys.ENTER)

    def submit_now(self, text):
        """Puts `text` in the field and submits at once; returns the submit time (ms)."""
        return self.run("""
            var field = document.getElementById('text');
            field.value = arguments[0];
            var sentAt = Date.now();
            document.getElementById('composer').requestSubmit();
            return sentAt;""", text)

    def emit_with_ack(self, event, *args):
        """Emits straight on the page's socket (bypassing chat.js's checks); returns the ack."""
        return self.driver.execute_async_script("""
            var done = arguments[arguments.length - 1];
            var args = Array.prototype.slice.call(arguments, 0, arguments.length - 1);
            window.chat.socket.timeout(15000).emit.apply(window.chat.socket, args.concat([function (err, reply) {
                done(err ? {timeout: String(err)} : reply);
            }]));""", event, *args)

    # ------------------------------------------------------------------ reading

    def run(self, script, *args):
        return self.driver.execute_script(script, *args)

    def find(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def text_of(self, selector):
        return self.run("var n = document.querySelector(arguments[0]); return n ? n.textContent : null;", selector)

    def messages(self):
        return self.run("""
            return Array.from(document.querySelectorAll('#messages li.message')).map(function (li) {
                return {id: li.dataset.id || null, nick: li.querySelector('.nick').textContent,
                        text: li.querySelector('.text').textContent, own: li.classList.contains('own'),
                        status: li.dataset.status || null,
                        reason: li.querySelector('.reason') ? li.querySelector('.reason').textContent : null};
            });""")

    def texts(self):
        return [message["text"] for message in self.messages()]

    def notices(self):
        return self.run("return Array.from(document.querySelectorAll('#messages li.notice'), function (n) {"
                        " return n.textContent; });")

    def online(self):
        return int(self.text_of("#online-count"))

    def watch_arrivals(self):
        """Records when each message element appears: window.arrivals[text] = Date.now()."""
        self.run("""
            window.arrivals = {};
            new MutationObserver(function (changes) {
                var now = Date.now();
                changes.forEach(function (change) {
                    change.addedNodes.forEach(function (node) {
                        var text = node.querySelector && node.querySelector('.text');
                        if (text && !(text.textContent in window.arrivals)) window.arrivals[text.textContent] = now;
                    });
                });
            }).observe(document.getElementById('messages'), {childList: true});""")

    def wait_for(self, expression, timeout=WAIT_TIMEOUT, message=None):
        """Polls a JS expression until it is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.run("try { var v = (" + expression + "); return v && typeof v === 'object' ? true : v; }"
                             " catch (e) { return null; }")
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError("timed out waiting for %s%s\npage: %s\nmessages: %s\nserver output:\n%s" % (
                    expression, " (" + message + ")" if message else "", self.safe_state(),
                    str(self.safe_messages())[:2000], self.server.logs()[-3000:]))
            time.sleep(0.05)

    def wait_for_text(self, text, timeout=WAIT_TIMEOUT):
        return self.wait_for("Array.from(document.querySelectorAll('#messages .text')).some("
                             "function (n) { return n.textContent === %s; })" % json.dumps(text),
                             timeout=timeout, message="message %r" % text)

    def safe_state(self):
        try:
            return self.run("""
                var socket = window.chat && window.chat.socket;
                return {url: location.href, connected: socket && socket.connected,
                        engine: socket && socket.io.engine && socket.io.engine.transport && socket.io.engine.transport.name,
                        banner: document.getElementById('connection') && document.getElementById('connection').textContent,
                        dialogOpen: document.getElementById('nick-dialog') && document.getElementById('nick-dialog').open,
                        joined: window.chat && window.chat.state.joined, console: window.consoleErrors};""")
        except Exception as error:
            return "<%s>" % error

    def safe_messages(self):
        try:
            return self.messages()
        except Exception as error:  # the page may be gone; the failure says so
            return "<%s>" % error

    def severe_logs(self):
        """Console errors since the last call (reading drains the browser's log)."""
        return [entry for entry in self.driver.get_log("browser") if entry.get("level") == "SEVERE"]


@pytest.fixture(scope="module")
def portuguese_browsers():
    """Two browsers in Brazilian Portuguese (`--lang=pt-BR`), for the modules that ask for them;
    closed after each such module, as they cost memory."""
    drivers = []
    try:
        drivers.append(new_driver("pt-BR"))
        drivers.append(new_driver("pt-BR"))
        yield drivers
    finally:
        for driver in drivers:
            driver.quit()


@pytest.fixture
def chat(browsers, request):
    """`chat(server, index)` opens the chat of `server` in browser 0 or 1 (not yet joined).
    Fails the test on console errors unless it is marked `allow_console_errors`."""
    yield from open_pages(browsers, request)


@pytest.fixture
def pt_chat(portuguese_browsers, request):
    """`chat` in the Portuguese browsers."""
    yield from open_pages(portuguese_browsers, request)


def open_pages(browsers, request):
    """The `chat` fixtures' body: a page maker, then the console-error check and a clean leave."""
    pages = []

    for driver in browsers:
        driver.get_log("browser")  # forget what earlier tests logged

    def make(server_process, index=0):
        browsers[index].set_window_size(*WINDOW_SIZE)
        page = ChatPage(browsers[index], server_process)
        pages.append(page)
        return page

    yield make
    errors = []
    for page in pages:
        try:
            errors += page.errors + page.severe_logs()
            page.driver.get("about:blank")  # leave: the server sees a disconnect
        except Exception:
            pass
    if not request.node.get_closest_marker("allow_console_errors"):
        assert errors == [], "console errors: " + json.dumps(errors, indent=1)


def pytest_configure(config):
    config.addinivalue_line("markers", "allow_console_errors: the test expects the browser to log errors")
