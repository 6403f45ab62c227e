"""The reloader (`--reload`), run as the real ChatDemo binary on a throw-away copy of a package.

The binary and its resource folders are copied into <tmp>/.build/debug beside a Package.swift
and a Sources/ChatDemo/templates copy, so the supervisor watches <tmp>, never the repository.
`swift` is a stand-in script first on PATH: it fails when a source contains BROKEN (printing a
compiler-style error) and succeeds otherwise, so restarts are tested without a real build.
Benchmarks/reload/measure_reload.py measures real rebuilds.
"""
import os
import re
import select
import shutil
import signal
import stat
import subprocess
import threading
import time

import pytest
import requests

from conftest import STARTUP_TIMEOUT, binary

FAKE_SWIFT = """#!/bin/sh
echo "swift $*" >> "$(dirname "$0")/calls.log"
if grep -rq BROKEN "$PWD/Sources"; then
    echo "$PWD/Sources/ChatDemo/main.swift:1:1: error: cannot find 'BROKEN' in scope"
    exit 1
fi
echo "Build of product 'ChatDemo' complete!"
"""


class Supervisor:
    def __init__(self, root, *arguments):
        environment = dict(os.environ)
        environment["PATH"] = f"{root}/bin:{environment['PATH']}"
        self.lines = []
        self.changed = threading.Condition()
        self.process = subprocess.Popen([f"{root}/.build/debug/ChatDemo", *arguments], cwd=root, env=environment,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                        text=True)
        threading.Thread(target=self._read, daemon=True).start()
        banner = self.wait_for(r"restarts keep port (\d+)")
        self.port = int(banner.group(1))
        self.wait_for(r"Running on http://127\.0\.0\.1:(\d+)")

    def _read(self):
        for line in self.process.stderr:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()

    def wait_for(self, pattern, after=0, timeout=STARTUP_TIMEOUT):
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                for line in self.lines[after:]:
                    match = re.search(pattern, line)
                    if match:
                        return match
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    pytest.fail(f"no line matching {pattern!r} in: {''.join(self.lines)}")
                self.changed.wait(remaining)

    def count(self, pattern):
        with self.changed:
            return sum(1 for line in self.lines if re.search(pattern, line))

    def stop(self):
        self.process.terminate()
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return None


def page(port):
    return requests.get(f"http://127.0.0.1:{port}/", timeout=30).text


@pytest.fixture
def package(tmp_path):
    bin_dir = os.path.dirname(binary("ChatDemo"))
    build = tmp_path / ".build" / "debug"
    build.mkdir(parents=True)
    shutil.copy2(binary("ChatDemo"), build / "ChatDemo")
    for name in os.listdir(bin_dir):
        if name.endswith(".resources"):
            shutil.copytree(os.path.join(bin_dir, name), build / name)
    (tmp_path / "Package.swift").write_text("// a stand-in: the reloader only looks for this file\n")
    sources = tmp_path / "Sources" / "ChatDemo"
    shutil.copytree(build / "Flaskish_ChatDemo.resources" / "templates", sources / "templates")
    (sources / "main.swift").write_text("// main\n")
    (tmp_path / "bin").mkdir()
    fake = tmp_path / "bin" / "swift"
    fake.write_text(FAKE_SWIFT)
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    return tmp_path


def test_a_template_change_shows_without_a_rebuild(package):
    supervisor = Supervisor(package, "--reload", "--port", "0")
    try:
        assert "reload-probe" not in page(supervisor.port)
        template = package / "Sources" / "ChatDemo" / "templates" / "index.html"
        before = len(supervisor.lines)
        template.write_text(template.read_text() + "<!-- reload-probe -->\n")
        supervisor.wait_for(r"templates/index.html updated in the running app", after=before)
        assert "reload-probe" in page(supervisor.port)
        assert not (package / "bin" / "calls.log").exists()  # no build ran
        assert supervisor.count(r"Serving Flaskish app") == 1  # no restart
    finally:
        assert supervisor.stop() == 0


def test_a_code_change_rebuilds_and_restarts_on_the_same_port(package):
    supervisor = Supervisor(package, "--reload", "--port", "0")
    try:
        before = len(supervisor.lines)
        (package / "Sources" / "ChatDemo" / "main.swift").write_text("// main, changed\n")
        supervisor.wait_for(r"rebuilt and restarted", after=before)
        supervisor.wait_for(r"Running on http://127\.0\.0\.1:(\d+)", after=before)
        assert supervisor.count(rf"Running on http://127\.0\.0\.1:{supervisor.port}\b") == 2
        assert "swift build --product ChatDemo" in (package / "bin" / "calls.log").read_text()
        assert "<title>" in page(supervisor.port)
    finally:
        assert supervisor.stop() == 0


def test_a_failed_build_prints_the_errors_and_keeps_the_old_server(package):
    supervisor = Supervisor(package, "--debug", "--port", "0")  # --debug implies --reload
    try:
        before = len(supervisor.lines)
        (package / "Sources" / "ChatDemo" / "main.swift").write_text("BROKEN\n")
        supervisor.wait_for(r"error: cannot find 'BROKEN' in scope", after=before)
        supervisor.wait_for(r"the build failed", after=before)
        assert supervisor.count(r"Serving Flaskish app") == 1
        assert "<title>" in page(supervisor.port)
    finally:
        assert supervisor.stop() == 0


def test_stopping_the_supervisor_stops_the_app(package):
    supervisor = Supervisor(package, "--reload", "--port", "0")
    port = supervisor.port
    assert supervisor.stop() == 0
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/", timeout=5)


def children_of(pid):
    """The pids whose parent is `pid`, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat_file:
                fields = stat_file.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # it ended meanwhile
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def test_killing_the_supervisor_stops_the_app(package):
    # SIGKILL leaves the supervisor no chance to stop its child: the child must notice by itself
    # (its parent-death signal) and release the port.
    supervisor = Supervisor(package, "--reload", "--port", "0")
    port = supervisor.port
    [app] = children_of(supervisor.process.pid)
    app_handle = os.pidfd_open(app)  # readable once the app process has ended, whoever reaps it
    try:
        supervisor.process.kill()
        supervisor.process.wait(timeout=30)
        ended = select.poll()
        ended.register(app_handle, select.POLLIN)
        assert ended.poll(STARTUP_TIMEOUT * 1000), "the app outlived its supervisor"
        with pytest.raises(requests.ConnectionError):
            requests.get(f"http://127.0.0.1:{port}/", timeout=5)
    finally:
        try:
            # Only when the test failed: never leave it serving. Through the pidfd, so a pid
            # reused meanwhile is never hit.
            signal.pidfd_send_signal(app_handle, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(app_handle)
