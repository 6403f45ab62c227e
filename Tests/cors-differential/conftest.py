"""Servers for the differential suite: each configuration served twice, by Flask with flask-cors
(werkzeug's threaded server, in this process) and by the CORSDifferentialApp executable.

The executable is looked up in $FLASKISH_BIN_PATH (set by scripts/test), else in the repository's
.build/debug. Only one configuration's pair of servers runs at a time: the tests are ordered by
configuration, and asking for another stops the previous pair.
"""

import logging
import os
import re
import subprocess
import tempfile
import threading
import time

import pytest
from werkzeug.serving import make_server

import flask_apps

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.environ.get("FLASKISH_REPO_ROOT") or os.path.dirname(os.path.dirname(HERE))
STARTUP_TIMEOUT = 30

logging.getLogger("werkzeug").setLevel(logging.ERROR)


def swift_binary():
    folder = os.environ.get("FLASKISH_BIN_PATH") or os.path.join(REPO_ROOT, ".build", "debug")
    path = os.path.join(folder, "CORSDifferentialApp")
    if not os.access(path, os.X_OK):
        pytest.fail("CORSDifferentialApp not found at %s: run `swift build` first (or set FLASKISH_BIN_PATH)" % path)
    return path


class FlaskServer:
    def __init__(self, config):
        app = flask_apps.make_app(config)
        app.logger.disabled = True  # /boom logs a traceback on every request otherwise
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = "http://127.0.0.1:%d" % self.server.server_port

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class SwiftServer:
    def __init__(self, config):
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen([swift_binary(), "--config", config, "--port", "0"],
                                        stdout=subprocess.PIPE, stderr=self.log, stdin=subprocess.DEVNULL)
        found = []

        def read_port():
            for line in self.process.stdout:
                match = re.match(rb"PORT (\d+)", line)
                if match:
                    found.append(int(match.group(1)))
                    break

        threading.Thread(target=read_port, daemon=True).start()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not found:
            if self.process.poll() is not None:
                raise RuntimeError("CORSDifferentialApp --config %s exited early:\n%s" % (config, self.logs()))
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("CORSDifferentialApp --config %s did not print its port" % config)
            time.sleep(0.02)
        self.url = "http://127.0.0.1:%d" % found[0]

    def logs(self):
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class ServerPairs:
    def __init__(self):
        self.config = None
        self.pair = None

    def get(self, config):
        if config != self.config:
            self.close()
            self.pair = (FlaskServer(config), SwiftServer(config))
            self.config = config
        return self.pair

    def close(self):
        if self.pair:
            for server in self.pair:
                server.stop()
        self.pair = None
        self.config = None


@pytest.fixture(scope="session")
def server_pairs():
    pairs = ServerPairs()
    yield pairs
    pairs.close()
