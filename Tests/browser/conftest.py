"""Fixtures for the browser tests: a Socket.IO server process under test and headless Chromium.

The server under test is a command, by default the python-socketio reference server
next to this file. Set SOCKETIO_TEST_SERVER to run the same tests against another
server, e.g. ``SOCKETIO_TEST_SERVER=".build/debug/BrowserTestServer"``. The command
gets ``--port N`` appended (0 = any free port) and must print ``PORT <n>`` on stdout
once it listens on 127.0.0.1:<n>; README.md lists what it must serve.
"""

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

# Never let Selenium Manager look for drivers or browsers online: we name both.
os.environ.setdefault("SE_OFFLINE", "true")

HERE = os.path.dirname(os.path.abspath(__file__))
CHROMIUM = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
STARTUP_TIMEOUT = 30
WAIT_TIMEOUT = 20  # generous: the machine is small and shared


def server_command():
    custom = os.environ.get("SOCKETIO_TEST_SERVER")
    if custom:
        return shlex.split(custom)
    return [sys.executable, os.path.join(HERE, "reference_server.py")]


class ServerProcess:
    """One run of the server under test; `start` again on the same port to 'restart'."""

    def __init__(self):
        self.process = None
        self.port = None
        self.log = tempfile.TemporaryFile()

    def start(self, port=0):
        self.process = subprocess.Popen(server_command() + ["--port", str(port)], stdout=subprocess.PIPE,
                                        stderr=self.log, stdin=subprocess.DEVNULL)
        found = []

        def read_port():
            for line in self.process.stdout:
                match = re.match(rb"\s*PORT\s+(\d+)", line)
                if match:
                    found.append(int(match.group(1)))
                    break
            # Keep draining so a chatty server never blocks on a full pipe.
            for _ in self.process.stdout:
                pass

        threading.Thread(target=read_port, daemon=True).start()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not found:
            if self.process.poll() is not None:
                raise RuntimeError("server exited early:\n" + self.logs())
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("server did not print its port:\n" + self.logs())
            time.sleep(0.05)
        self.port = found[0]
        return self

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port

    def pause(self):
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)  # a stopped process cannot die of SIGTERM
            self.process.kill()
            self.process.wait(timeout=10)

    def logs(self):
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")[-4000:]


@pytest.fixture(scope="module")
def server():
    """A server shared by a module's tests (they do not restart or pause it)."""
    process = ServerProcess().start()
    yield process
    process.stop()


@pytest.fixture
def own_server():
    """A server for one test, which may kill, restart or pause it."""
    process = ServerProcess()
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

    def make(server_process):
        page = Page(driver, server_process.url).load()
        pages.append(page)
        return page

    yield make
    if pages and not request.node.get_closest_marker("allow_console_errors"):
        try:
            errors = pages[-1].severe_logs()
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
