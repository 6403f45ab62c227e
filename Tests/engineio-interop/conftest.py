"""Fixtures for the Engine.IO interop tests: the Swift EngineIOTestServer under test.

The binary is ``$FLASKISH_BIN_PATH/EngineIOTestServer`` (``swift build --show-bin-path``);
it gets ``--port 0`` and short heartbeats and prints ``PORT <n>`` once it listens on
127.0.0.1:<n>. It echoes Engine.IO messages on /socket.io/ and WebSocket messages on /ws.
"""

import os
import signal
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "browser"))

from server_process import ServerProcess as LaunchedServer  # noqa: E402  (shared launch code)
from suite_client import pytest_collection_modifyitems, pytest_configure  # noqa: E402,F401  (pytest hooks)

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


class ServerProcess(LaunchedServer):
    """One run of EngineIOTestServer, started at once on a free port."""

    def __init__(self, *extra):
        command = [server_binary(), "--ping-interval", str(PING_INTERVAL_MS), "--ping-timeout", str(PING_TIMEOUT_MS),
                   "--max-message-size", str(MAX_MESSAGE_SIZE), *extra]
        super().__init__(command, startup_timeout=STARTUP_TIMEOUT)
        self.start()

    @property
    def ws_url(self):
        return "ws://127.0.0.1:%d" % self.port

    def stop(self):
        """Stops the server the way an operator would (SIGTERM), killing it if it hangs."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                super().stop()


@pytest.fixture(scope="module")
def server():
    process = ServerProcess()
    yield process
    process.stop()

