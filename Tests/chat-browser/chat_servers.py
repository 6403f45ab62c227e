"""The chat servers under test: which commands, how their port is read, how they are restarted.

Kept apart from conftest.py so that tests can import it by a name no other suite uses.
"""

import collections
import os
import re
import shlex
import subprocess
import sys
import threading
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.environ.get("FLASKISH_REPO_ROOT") or os.path.normpath(os.path.join(HERE, "..", ".."))
STARTUP_TIMEOUT = 60   # the Swift debug build may be slow to start on a busy machine

PORT_LINE = re.compile(rb"^\s*PORT\s+(\d+)")
BANNER_LINE = re.compile(rb"Running on https?://[^\s:]+:(\d+)")


def server_specs():
    """(id, command) pairs: the servers every test runs against."""
    custom = os.environ.get("CHAT_SERVER_CMD")
    if custom:
        return [("custom", shlex.split(custom))]
    specs = {
        "python": [sys.executable, os.path.join(REPO, "docs", "python", "app.py"), "--port", "0"],
        "swift": [os.path.join(os.environ.get("FLASKISH_BIN_PATH") or os.path.join(REPO, ".build", "debug"),
                               "ChatDemo"), "--port", "0"],
    }
    wanted = [name.strip() for name in os.environ.get("CHAT_SERVERS", "python,swift").split(",") if name.strip()]
    unknown = [name for name in wanted if name not in specs]
    if unknown:
        raise pytest.UsageError("CHAT_SERVERS: unknown server(s) %s; known: %s" % (unknown, sorted(specs)))
    return [(name, specs[name]) for name in wanted]


def with_port(command, port):
    """The command with its `--port 0` / `--port=0` replaced by `port`."""
    result = list(command)
    for index, argument in enumerate(result):
        if argument == "--port" and index + 1 < len(result):
            result[index + 1] = str(port)
            return result
        if argument.startswith("--port="):
            result[index] = "--port=%d" % port
            return result
    return result + ["--port", str(port)]


class ChatServer:
    """One chat server process; `start(port)` again after `stop()` restarts it on that port."""

    def __init__(self, name, command):
        self.name = name
        self.command = command
        self.process = None
        self.port = None
        self.output = collections.deque(maxlen=200)  # the last lines of both streams, for failures

    def start(self, port=0):
        self.process = subprocess.Popen(with_port(self.command, port), cwd=REPO, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        found = []
        for stream in (self.process.stdout, self.process.stderr):
            threading.Thread(target=self._read, args=(stream, found), daemon=True).start()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not found:
            if self.process.poll() is not None:
                raise RuntimeError("%s server exited early (%s):\n%s" % (self.name, self.process.returncode, self.logs()))
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("%s server did not announce its port:\n%s" % (self.name, self.logs()))
            time.sleep(0.05)
        self.port = found[0]
        return self

    def _read(self, stream, found):
        # Keeps draining to the end so a chatty server never blocks on a full pipe.
        for line in stream:
            self.output.append(line.decode("utf-8", "replace").rstrip())
            if not found:
                match = PORT_LINE.match(line) or BANNER_LINE.search(line)
                if match:
                    found.append(int(match.group(1)))

    @property
    def url(self):
        return "http://127.0.0.1:%d/" % self.port

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def logs(self):
        return "\n".join(self.output)
