"""The server under attack: one `$FLASKISH_BIN_PATH/ChatDemo --port 0` process per test, and
what the suite measures of it from /proc: resident memory, CPU time, open descriptors, and
whether it still holds a given TCP connection.
"""

import collections
import os
import re
import subprocess
import threading
import time

from hostile_background import Background

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.environ.get("FLASKISH_REPO_ROOT") or os.path.normpath(os.path.join(HERE, "..", ".."))
STARTUP_TIMEOUT = 60  # the debug build on a busy, shared machine
BANNER = re.compile(rb"Running on https?://[^\s]+:(\d+)")
PORT_LINE = re.compile(rb"^\s*PORT\s+(\d+)", re.MULTILINE)
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
MiB = 1024 * 1024


def chatdemo_binary():
    bin_path = os.environ.get("FLASKISH_BIN_PATH") or os.path.join(REPO, ".build", "debug")
    return os.path.join(bin_path, "ChatDemo")


class ServerProcess:
    """One ChatDemo process; its output (stdout and stderr, merged) is drained and its tail kept."""

    def __init__(self, environment=None, command=None):
        self.command = command or [chatdemo_binary(), "--port", "0"]
        self.environment = dict(os.environ, **(environment or {}))
        self.process = None
        self.port = None
        self.tail = collections.deque(maxlen=64)  # last output chunks, for failure messages
        self._head = bytearray()  # output until the port is known

    def start(self):
        if not os.path.exists(self.command[0]):
            raise RuntimeError("%s is missing: run `swift build` and set FLASKISH_BIN_PATH" % self.command[0])
        self.process = subprocess.Popen(self.command, cwd=REPO, env=self.environment, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        found = threading.Event()
        threading.Thread(target=self._drain, args=(found,), daemon=True).start()
        if not found.wait(STARTUP_TIMEOUT):
            self.stop()
            raise RuntimeError("ChatDemo did not announce its port:\n" + self.logs())
        if self.port is None:
            raise RuntimeError("ChatDemo exited early (%s):\n%s" % (self.process.poll(), self.logs()))
        return self

    def _drain(self, found):
        # Big reads, nothing parsed once the port is known: a flooded server prints a line per
        # event and must never block on a full pipe, nor cost this process much CPU.
        stream = self.process.stdout.fileno()
        while True:
            chunk = os.read(stream, 1 << 16)
            if not chunk:
                break
            self.tail.append(chunk)
            if self.port is None:
                self._head += chunk
                match = BANNER.search(self._head) or PORT_LINE.search(self._head)
                if match:
                    self.port = int(match.group(1))
                    found.set()
        found.set()

    @property
    def pid(self):
        return self.process.pid

    def alive(self):
        return self.process.poll() is None

    def exit_description(self):
        code = self.process.poll()
        if code is None:
            return "running"
        return "killed by signal %d" % -code if code < 0 else "exited with status %d" % code

    def settled_description(self, wait=3.0):
        """`exit_description` once a dying process has had `wait` seconds to be reaped."""
        try:
            self.process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            pass
        return self.exit_description()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def logs(self, limit=3000):
        """The output's tail, without the chat's `Message: ...` line per message (a flood prints
        thousands), long lines cut."""
        lines = b"".join(self.tail).decode("utf-8", "replace").splitlines()
        kept = [line[:300] for line in lines if not line.startswith("Message: ")]
        return ("(%d `Message:` lines left out)\n" % (len(lines) - len(kept)) + "\n".join(kept))[-limit:]

    # ------------------------------------------------------------------ measurements

    def rss(self):
        """Resident memory in bytes (VmRSS), or 0 once the process is gone."""
        try:
            with open("/proc/%d/status" % self.pid) as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except (FileNotFoundError, ProcessLookupError):
            pass
        return 0

    def cpu_seconds(self):
        """User plus system CPU time of all threads so far."""
        with open("/proc/%d/stat" % self.pid) as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime (fields 14, 15)

    def fd_count(self):
        return len(os.listdir("/proc/%d/fd" % self.pid))

    def socket_inodes(self):
        inodes = set()
        for name in os.listdir("/proc/%d/fd" % self.pid):
            try:
                target = os.readlink("/proc/%d/fd/%s" % (self.pid, name))
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(int(target[8:-1]))
        return inodes

    def holds_connection(self, client_port):
        """Whether the server still has a descriptor on its end of the connection from `client_port`."""
        held = self.socket_inodes()
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            try:
                with open(table) as lines:
                    next(lines)
                    for line in lines:
                        fields = line.split()
                        local_port = int(fields[1].rsplit(":", 1)[1], 16)
                        remote_port = int(fields[2].rsplit(":", 1)[1], 16)
                        if local_port == self.port and remote_port == client_port and int(fields[9]) in held:
                            return True
            except FileNotFoundError:
                continue
        return False

    def cpu_window(self, seconds):
        """The share of one core the server used over the next `seconds` (a measurement, not a wait)."""
        cpu, wall = self.cpu_seconds(), time.monotonic()
        time.sleep(seconds)
        return (self.cpu_seconds() - cpu) / (time.monotonic() - wall)

    def wait_until_idle(self, max_share, window, deadline):
        """Measures back-to-back windows until one is under `max_share` of a core or `deadline`
        (time.monotonic()) passes; returns (idle, shares measured)."""
        shares = []
        while True:
            shares.append(round(self.cpu_window(window), 3))
            if shares[-1] < max_share:
                return True, shares
            if time.monotonic() + window > deadline or not self.alive():
                return False, shares


class RSSMonitor(Background):
    """Samples the server's RSS in the background; `peak_growth` is the highest RSS seen minus the
    baseline. Past `abort_growth` it sets `exceeded`, which attackers watch to stop early, so a
    server that fails the bound is not left to eat the (shared) machine's memory."""

    def __init__(self, server, abort_growth, interval=0.05):
        super().__init__()
        self.server = server
        self.abort_growth = abort_growth
        self.interval = interval
        self.baseline = server.rss()
        self.peak = self.baseline
        self.exceeded = threading.Event()

    def __exit__(self, *exc):
        super().__exit__(*exc)
        self._sample()

    def _sample(self):
        self.peak = max(self.peak, self.server.rss())
        if self.peak - self.baseline > self.abort_growth:
            self.exceeded.set()

    def run(self):
        while not self.stopping.wait(self.interval):
            self._sample()

    @property
    def peak_growth(self):
        return self.peak - self.baseline

    def describe(self):
        return "RSS %.1f MiB before, peak %.1f MiB (+%.1f MiB)%s" % (
            self.baseline / MiB, self.peak / MiB, self.peak_growth / MiB,
            ", attack stopped early past +%.0f MiB" % (self.abort_growth / MiB) if self.exceeded.is_set() else "")
