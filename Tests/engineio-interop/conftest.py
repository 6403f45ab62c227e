"""Fixtures for the Engine.IO interop tests: the Swift EngineIOTestServer under test.

The binary is ``$FLASKISH_BIN_PATH/EngineIOTestServer`` (``swift build --show-bin-path``);
it gets ``--port 0`` and short heartbeats and prints ``PORT <n>`` once it listens on
127.0.0.1:<n>. It echoes Engine.IO messages on /socket.io/ and WebSocket messages on /ws.
"""

import os
import re
import signal
import subprocess
import tempfile
import threading
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
STARTUP_TIMEOUT = 60
PING_INTERVAL_MS = 300
PING_TIMEOUT_MS = 1500
MAX_MESSAGE_SIZE = 100_000


def server_binary():
    bin_path = os.environ.get("FLASKISH_BIN_PATH")
    if not bin_path:
        root = os.environ.get("FLASKISH_REPO_ROOT", os.path.dirname(os.path.dirname(HERE)))
        bin_path = subprocess.run(["swift", "build", "--show-bin-path"], cwd=root, capture_output=True,
                                  text=True, check=True).stdout.strip()
    return os.path.join(bin_path, "EngineIOTestServer")


class ServerProcess:
    """One run of EngineIOTestServer."""

    def __init__(self, *extra):
        self.log = tempfile.TemporaryFile()
        command = [server_binary(), "--port", "0", "--ping-interval", str(PING_INTERVAL_MS),
                   "--ping-timeout", str(PING_TIMEOUT_MS), "--max-message-size", str(MAX_MESSAGE_SIZE), *extra]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=self.log, stdin=subprocess.DEVNULL)
        found = []

        def read_port():
            for line in self.process.stdout:
                match = re.match(rb"\s*PORT\s+(\d+)", line)
                if match:
                    found.append(int(match.group(1)))
                    break
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

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port

    @property
    def ws_url(self):
        return "ws://127.0.0.1:%d" % self.port

    def logs(self):
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="module")
def server():
    process = ServerProcess()
    yield process
    process.stop()
