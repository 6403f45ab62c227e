"""Fixtures for the scale-out suite: a redis-server of the test's own, cluster members on it
(Flaskish's ScaleoutServer and Flask-SocketIO's twin flask_server.py), python-socketio clients.

redis-server (Debian package, see apt-packages.txt) is started by each test on a free port,
never as a system service, and killed at the end. The Flaskish binaries come from
``$FLASKISH_BIN_PATH`` (or ``.build/debug`` under ``$FLASKISH_REPO_ROOT``).
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import pytest
import redis as redis_py
import socketio

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO_ROOT, "Tests", "browser"))
from server_process import ServerProcess  # noqa: E402

TIMEOUT = 30  # generous: the machine is small and shared
FLASKISH = "flaskish"
FLASK = "flask"


def bin_path():
    path = os.environ.get("FLASKISH_BIN_PATH")
    return path or os.path.join(os.environ.get("FLASKISH_REPO_ROOT", REPO_ROOT), ".build", "debug")


def python():
    return os.environ.get("FLASKISH_PYTHON", sys.executable)


def free_port():
    """A port nobody listens on now (redis-server cannot bind port 0 and report it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """One redis-server on a free loopback port; `kill` and `start` again to restart it."""

    def __init__(self):
        self.directory = tempfile.mkdtemp(prefix="flaskish-scaleout-redis-")
        self.port = None
        self.process = None

    def start(self):
        executable = shutil.which("redis-server") or "/usr/bin/redis-server"
        if not os.path.exists(executable):
            raise RuntimeError("redis-server is not installed (see Tests/scaleout/apt-packages.txt)")
        attempts = 1 if self.port else 5  # a restart keeps its port
        for _ in range(attempts):
            port = self.port or free_port()
            process = subprocess.Popen(
                [executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                 "--dir", self.directory, "--daemonize", "no"],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            log = []
            for line in process.stdout:
                log.append(line.decode("utf-8", "replace"))
                if b"Ready to accept connections" in line:
                    break
            else:
                process.wait(timeout=10)
                continue  # exited: most likely the port was taken meanwhile
            threading.Thread(target=lambda: [None for _ in process.stdout], daemon=True).start()
            self.port, self.process = port, process
            return self
        raise RuntimeError("redis-server did not start:\n" + "".join(log[-20:]))

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    @property
    def url(self):
        return "redis://127.0.0.1:%d/0" % self.port

    def client(self):
        return redis_py.Redis(host="127.0.0.1", port=self.port, socket_timeout=TIMEOUT)

    def wait_for_subscribers(self, channel, count, timeout=TIMEOUT):
        """Waits until `count` connections subscribe to `channel` (every member listens)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                numsub = dict(self.client().pubsub_numsub(channel)).get(channel.encode(), 0)
            except redis_py.exceptions.ConnectionError:
                numsub = -1
            if numsub >= count:
                return
            if time.monotonic() > deadline:
                raise AssertionError("%s has %d subscribers, expected %d" % (channel, numsub, count))
            time.sleep(0.05)

    def cleanup(self):
        self.kill()
        shutil.rmtree(self.directory, ignore_errors=True)


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    yield server
    server.cleanup()


def member_command(kind, redis_url, channel, name):
    if kind == FLASKISH:
        binary = os.path.join(bin_path(), "ScaleoutServer")
        return [binary, "--message-queue", redis_url, "--channel", channel, "--name", name]
    return [python(), os.path.join(HERE, "flask_server.py"), "--message-queue", redis_url, "--channel", channel,
            "--name", name]


class Cluster:
    """Servers of one channel on one Redis, started one by one; every one listens before use."""

    def __init__(self, redis_server):
        self.redis = redis_server
        self.channel = "flask-socketio-" + uuid.uuid4().hex[:8]
        self.members = []
        self.clients = []

    def start(self, kind, name=None):
        member = ServerProcess(member_command(kind, self.redis.url, self.channel, name or kind)).start()
        self.members.append(member)
        self.redis.wait_for_subscribers(self.channel, len(self.members))
        return member

    def client(self, member, transports=("websocket",)):
        client = RecordingClient()
        client.connect(member.url, transports=list(transports))
        self.clients.append(client)
        return client

    def emit_write_only(self, kind, event, data, to=None):
        """Publishes one emit with a write-only emitter (Flaskish's or Flask-SocketIO's)."""
        command = member_command(kind, self.redis.url, self.channel, "emitter")
        command = [part for part in command if part not in ("--name", "emitter")]
        command += ["--emit", event, "--data", data] + (["--to", to] if to else [])
        subprocess.run(command, check=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)

    def stop(self):
        for client in self.clients:
            client.disconnect()
        for member in self.members:
            member.stop()


@pytest.fixture
def cluster(redis_server):
    cluster = Cluster(redis_server)
    yield cluster
    cluster.stop()


class RecordingClient(socketio.Client):
    """A python-socketio client that records every event and answers `question` with an ACK."""

    def __init__(self):
        super().__init__(reconnection=False)
        self.events = []
        self.condition = threading.Condition()
        self.disconnected = threading.Event()
        self.on("*", self._record)
        self.on("question", lambda question: "yes: %s" % question)
        self.on("disconnect", lambda *reason: self.disconnected.set())

    def _record(self, event, *args):
        with self.condition:
            self.events.append((event, args[0] if len(args) == 1 else list(args)))
            self.condition.notify_all()

    def received(self, event):
        with self.condition:
            return [data for name, data in self.events if name == event]

    def wait_for(self, event, count=1, timeout=TIMEOUT):
        """The first `count` payloads of `event`, once they arrived; fails after `timeout`."""
        with self.condition:
            self.condition.wait_for(lambda: len([1 for name, _ in self.events if name == event]) >= count, timeout)
            payloads = [data for name, data in self.events if name == event]
        assert len(payloads) >= count, "got %d %r events, expected %d: %r" % (len(payloads), event, count, self.events)
        return payloads[:count]

    def wait_until(self, predicate, timeout=TIMEOUT):
        """Waits until `predicate(events)` holds; fails after `timeout`."""
        with self.condition:
            assert self.condition.wait_for(lambda: predicate(self.events), timeout), "events: %r" % self.events

    def ask(self, event, *args):
        return self.call(event, args if len(args) != 1 else args[0], timeout=TIMEOUT)

    def whoami(self):
        return self.call("whoami", timeout=TIMEOUT)
