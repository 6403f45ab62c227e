"""Fixtures for the browser tests: a Socket.IO server process under test and headless Chromium.

Every test runs against each server of server_process.py: the python-socketio reference
(reference_server.py) and Flaskish's own (SocketIOTestServer). Set SOCKETIO_TEST_SERVER to
run them against one other server instead, e.g. ``SOCKETIO_TEST_SERVER=".build/debug/X"``.
The command gets ``--port N`` appended (0 = any free port) and must print ``PORT <n>`` on
stdout once it listens on 127.0.0.1:<n>; README.md lists what it must serve.
"""

import json
import os
import time

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from server_process import REFERENCE, ServerProcess, server_commands

# Never let Selenium Manager look for drivers or browsers online: we name both.
os.environ.setdefault("SE_OFFLINE", "true")

CHROMIUM = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
WAIT_TIMEOUT = 20  # generous: the machine is small and shared
SERVERS = server_commands()
# Console errors the reference server provokes on its own, which say nothing about the client:
# when a WebSocket ends while Werkzeug's dev server still holds it (e.g. the client closes an
# upgrade probe after a refused namespace), Werkzeug may write bytes that are not a frame and
# Chromium logs "Invalid frame header". Flaskish's server gets no such allowance.
REFERENCE_NOISE = ("Invalid frame header",)


@pytest.fixture(scope="module", params=list(SERVERS))
def server_command(request):
    """The command of the server under test: each test runs once per server."""
    return SERVERS[request.param]


@pytest.fixture(scope="module")
def server(server_command):
    """A server shared by a module's tests (they do not restart or pause it)."""
    process = ServerProcess(server_command).start()
    yield process
    process.stop()


@pytest.fixture
def own_server(server_command):
    """A server for one test, which may kill, restart or pause it."""
    process = ServerProcess(server_command)
    yield process
    process.stop()


@pytest.fixture(scope="session")
def driver():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--no-first-run", "--disable-extensions", "--disable-background-networking"):
        options.add_argument(argument)
    options.set_capability("goog:loggingOptions", {"browser": "ALL"})
    chrome = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    chrome.set_script_timeout(WAIT_TIMEOUT)
    yield chrome
    chrome.quit()


class Page:
    """The blank test page of one server with our client loaded, and helpers to drive it."""

    def __init__(self, driver, base_url):
        self.driver = driver
        self.base_url = base_url

    def load(self):
        self.driver.get("about:blank")
        self.driver.get_log("browser")  # forget what earlier tests logged
        self.driver.get(self.base_url + "/test.html")
        # Loaded by hand so /test.html can be any blank page.
        self.driver.execute_async_script("""
            var done = arguments[arguments.length - 1];
            var script = document.createElement('script');
            script.src = '/socket.io/socket.io.js';
            script.onload = function () { done(true); };
            script.onerror = function () { done(false); };
            window.results = {};
            window.log = function (key, value) { (window.results[key] = window.results[key] || []).push(value); };
            document.head.appendChild(script);
        """)
        assert self.run("return typeof io") == "function"
        return self

    def run(self, script, *args):
        return self.driver.execute_script(script, *args)

    def wait_for(self, expression, timeout=WAIT_TIMEOUT, message=None):
        """Polls a JS expression until it is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.run("return (" + expression + ");")
            if value:
                return value
            if time.monotonic() > deadline:
                state = self.run("return JSON.stringify(window.results);")
                raise AssertionError("timed out waiting for %s%s; results=%s" % (
                    expression, " (" + message + ")" if message else "", state))
            time.sleep(0.05)

    def results(self, key):
        return self.run("return window.results[arguments[0]];", key)

    def severe_logs(self):
        return [entry for entry in self.driver.get_log("browser") if entry.get("level") == "SEVERE"]


@pytest.fixture
def make_page(driver, request):
    """Opens the test page of a given server. Fails the test on console errors unless it
    is marked `allow_console_errors` (tests that kill servers provoke network errors)."""
    pages = []
    noise = []

    def make(server_process):
        page = Page(driver, server_process.url).load()
        pages.append(page)
        noise[:] = REFERENCE_NOISE if server_process.command == SERVERS.get(REFERENCE) else ()
        return page

    yield make
    if pages and not request.node.get_closest_marker("allow_console_errors"):
        try:
            errors = [entry for entry in pages[-1].severe_logs()
                      if not any(text in entry.get("message", "") for text in noise)]
        finally:
            pages[-1].run("for (var k in (window.__sockets || {})) window.__sockets[k].disconnect();")
        assert errors == [], "console errors: " + json.dumps(errors, indent=1)
    elif pages:
        try:
            pages[-1].run("for (var k in (window.__sockets || {})) window.__sockets[k].disconnect();")
        except Exception:
            pass


@pytest.fixture
def page(make_page, server):
    return make_page(server)


def pytest_configure(config):
    config.addinivalue_line("markers", "allow_console_errors: the test expects the browser to log errors")
