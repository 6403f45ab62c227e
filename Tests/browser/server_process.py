"""Launching the Socket.IO test servers, shared by Tests/browser and Tests/socketio-interop.

Two servers implement the application in README.md (next to this file):

- ``python reference``: reference_server.py, python-socketio, a real Socket.IO v4 server;
- ``flaskish``: ``SocketIOTestServer``, the same application on Flaskish's own Socket.IO
  server, found in ``$FLASKISH_BIN_PATH`` (the debug products folder ``scripts/test``
  exports) or else in ``.build/debug`` under ``$FLASKISH_REPO_ROOT``.

``SOCKETIO_TEST_SERVER="<command>"`` replaces both with one other server (id ``custom``).
Each command gets ``--port N`` appended (0 = any free port) and prints ``PORT <n>`` once it
listens on 127.0.0.1:<n>.

Import it from another suite's conftest.py after putting this folder on ``sys.path``.
"""

import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
STARTUP_TIMEOUT = 30
REFERENCE = "python reference"
FLASKISH = "flaskish"


def flaskish_server_binary():
    bin_path = os.environ.get("FLASKISH_BIN_PATH")
    if not bin_path:
        bin_path = os.path.join(os.environ.get("FLASKISH_REPO_ROOT", REPO_ROOT), ".build", "debug")
    return os.path.join(bin_path, "SocketIOTestServer")


def server_commands():
    """The servers under test, by name: each a command without its ``--port`` argument."""
    custom = os.environ.get("SOCKETIO_TEST_SERVER")
    if custom:
        return {"custom": shlex.split(custom)}
    return {
        REFERENCE: [sys.executable, os.path.join(HERE, "reference_server.py")],
        FLASKISH: [flaskish_server_binary()],
    }


class ServerProcess:
    """One server under test; `start` again on the same port to 'restart' it."""

    def __init__(self, command, startup_timeout=STARTUP_TIMEOUT):
        self.command = list(command)
        self.startup_timeout = startup_timeout
        self.process = None
        self.port = None
        self.log = tempfile.TemporaryFile()

    def start(self, port=0):
        if not os.path.exists(self.command[0]) and os.path.sep in self.command[0]:
            raise RuntimeError("server binary %s is missing: build it with `swift build`" % self.command[0])
        self.process = subprocess.Popen(self.command + ["--port", str(port)], stdout=subprocess.PIPE,
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
        deadline = time.monotonic() + self.startup_timeout
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
        """Kills the server at once (as a crash would), so its clients see the connection drop."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)  # a stopped process cannot die of SIGTERM
            self.process.kill()
            self.process.wait(timeout=10)

    def logs(self):
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")[-4000:]
