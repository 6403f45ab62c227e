"""Fixtures for the interop suite: the reference Flask app and its Swift twin, each on a free port.

The Flask app (flask_app.py) runs in this process on Werkzeug's threaded server. The Swift twin is
the InteropApp product: found in $FLASKISH_BIN_PATH (set by scripts/test), else .build/debug; it
prints `PORT <n>` on stdout once it listens.
"""

import logging
import os
import re
import subprocess
import threading

import pytest
from werkzeug.serving import make_server

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.environ.get("FLASKISH_REPO_ROOT") or os.path.dirname(os.path.dirname(HERE))
STARTUP_TIMEOUT = 60  # generous: the machine is small and shared


def interop_binary():
    folder = os.environ.get("FLASKISH_BIN_PATH") or os.path.join(REPO_ROOT, ".build", "debug")
    return os.path.join(folder, "InteropApp")


@pytest.fixture(scope="session")
def flask_port():
    from flask_app import app

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app.logger.setLevel(logging.CRITICAL)  # /error logs a traceback we expect
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.port
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def swift_port():
    binary = interop_binary()
    if not os.path.exists(binary):
        pytest.fail(f"{binary} is missing: run `swift build` first (scripts/test does)")
    process = subprocess.Popen([binary, "--root", HERE], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL)
    found = []

    def read_port():
        for line in process.stdout:
            match = re.match(rb"\s*PORT\s+(\d+)", line)
            if match:
                found.append(int(match.group(1)))
                return

    reader = threading.Thread(target=read_port, daemon=True)
    reader.start()
    reader.join(timeout=STARTUP_TIMEOUT)
    if not found:
        process.kill()
        pytest.fail("InteropApp did not print PORT <n>")
    yield found[0]
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
