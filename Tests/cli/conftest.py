"""Fixtures for the cli suite: the CLITestApp and ChatDemo binaries and the real `flask` command.

Binaries come from $FLASKISH_BIN_PATH (set by scripts/test), else .build/debug; `flask` from
the Python that runs pytest ($FLASKISH_PYTHON's venv under scripts/test).
"""
import os
import re
import subprocess
import sys
import threading

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.environ.get("FLASKISH_REPO_ROOT") or os.path.dirname(os.path.dirname(HERE))
STARTUP_TIMEOUT = 60  # generous: the machine is small and shared


def binary(name):
    folder = os.environ.get("FLASKISH_BIN_PATH") or os.path.join(REPO_ROOT, ".build", "debug")
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        pytest.fail(f"{path} is missing: run `swift build` first (scripts/test does)")
    return path


def run_binary(name, *arguments, env=None):
    """Runs a command that ends by itself; returns (status, stdout, stderr)."""
    environment = dict(os.environ)
    environment.update(env or {})
    done = subprocess.run([binary(name), *arguments], capture_output=True, text=True, timeout=STARTUP_TIMEOUT,
                          env=environment, stdin=subprocess.DEVNULL)
    return done.returncode, done.stdout, done.stderr


def run_flask(*arguments):
    """The real `flask` command on routes_app.py."""
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "routes_app", *arguments], cwd=HERE,
                          capture_output=True, text=True, timeout=STARTUP_TIMEOUT, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    return done.stdout


class ServingProcess:
    """A binary started with `run`-style arguments, serving until stopped; reads its banner port."""

    def __init__(self, name, *arguments, env=None):
        environment = dict(os.environ)
        environment.update(env or {})
        self.process = subprocess.Popen([binary(name), *arguments], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                                        env=environment)
        self.banner = []
        found = threading.Event()
        self.port = None

        def read():
            for line in self.process.stderr:
                self.banner.append(line)
                match = re.search(r"Running on http://\S+:(\d+)", line)
                if match and self.port is None:
                    self.port = int(match.group(1))
                    found.set()

        threading.Thread(target=read, daemon=True).start()
        if not found.wait(STARTUP_TIMEOUT):
            self.stop()
            pytest.fail(f"{name} printed no banner: {''.join(self.banner)}")

    def stop(self):
        self.process.terminate()
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return None
