"""Fixtures for the python-socketio client tests: the servers under test and the clients.

The servers are those of Tests/browser/server_process.py (shared with the browser tests):
Flaskish's SocketIOTestServer and, to show the tests expect what a real Socket.IO server
does, the python-socketio reference. Every test runs against each, with the sync
``socketio.Client`` and the asyncio ``socketio.AsyncClient``, both driven through one small
blocking facade (`Peer`) so each test is written once.
"""

import asyncio
import collections
import os
import sys
import threading

import pytest
import socketio

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "browser"))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "engineio-interop"))

from server_process import FLASKISH, ServerProcess, server_commands  # noqa: E402
from suite_client import pytest_collection_modifyitems, pytest_configure  # noqa: E402,F401  (pytest hooks)

WAIT = 20  # seconds; generous, the machine is small and shared
SERVERS = server_commands()


@pytest.fixture(scope="module", params=list(SERVERS))
def server_name(request):
    """Which server is under test: each test runs once per server."""
    return request.param


@pytest.fixture(scope="module")
def server(server_name):
    """A server shared by a module's tests (they do not restart it)."""
    process = ServerProcess(SERVERS[server_name]).start()
    yield process
    process.stop()


@pytest.fixture
def own_server(server_name):
    """A server for one test, which may kill and restart it."""
    process = ServerProcess(SERVERS[server_name])
    yield process
    process.stop()


@pytest.fixture
def is_flaskish(server_name):
    return server_name == FLASKISH


class Inbox:
    """What a client received, by key, with blocking waits (handlers run on other threads)."""

    def __init__(self):
        self.condition = threading.Condition()
        self.items = collections.defaultdict(list)

    def add(self, key, value):
        with self.condition:
            self.items[key].append(value)
            self.condition.notify_all()

    def get(self, key):
        with self.condition:
            return list(self.items[key])

    def wait(self, key, count=1, timeout=WAIT):
        """Waits until `key` holds `count` values and returns them all."""
        with self.condition:
            if not self.condition.wait_for(lambda: len(self.items[key]) >= count, timeout):
                raise AssertionError("timed out waiting for %d x %r; got %r" % (count, key, dict(self.items)))
            return list(self.items[key])


class Peer:
    """One python-socketio client behind a blocking API, sync or asyncio underneath.

    `record(event)` stores each arrival of `event` in `inbox` (as a tuple of its arguments);
    `connect`/`disconnect` events (with the reason) and `connect_error` are recorded from
    the start for every namespace passed as `namespaces`.
    """

    def __init__(self, kind, namespaces=("/",), **options):
        self.kind = kind
        self.inbox = Inbox()
        self.loop = None
        options = dict(dict(reconnection_delay=0.2, reconnection_delay_max=1, randomization_factor=0), **options)
        if kind == "async":
            self.loop = asyncio.new_event_loop()
            self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
            self.thread.start()

            async def make():
                return socketio.AsyncClient(**options)
            self.client = self.run(make())
        else:
            self.client = socketio.Client(**options)
        for namespace in namespaces:
            self.record_lifecycle(namespace)

    def run(self, coroutine, timeout=WAIT):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def record_lifecycle(self, namespace):
        prefix = "" if namespace == "/" else namespace + ":"
        self.client.on("connect", lambda: self.inbox.add(prefix + "connect", ()), namespace=namespace)
        self.client.on("disconnect", lambda reason: self.inbox.add(prefix + "disconnect", reason), namespace=namespace)
        self.client.on("connect_error", lambda *data: self.inbox.add(prefix + "connect_error", data),
                       namespace=namespace)

    def record(self, event, namespace="/"):
        self.client.on(event, lambda *args: self.inbox.add(event, args), namespace=namespace)

    def on(self, event, handler, namespace="/"):
        self.client.on(event, handler, namespace=namespace)

    def connect(self, url, **options):
        options.setdefault("wait_timeout", WAIT)
        if self.loop:
            self.run(self.client.connect(url, **options), timeout=WAIT * 2)
        else:
            self.client.connect(url, **options)
        return self

    def emit(self, event, data=None, namespace="/", callback=None):
        if self.loop:
            self.run(self.client.emit(event, data, namespace=namespace, callback=callback))
        else:
            self.client.emit(event, data, namespace=namespace, callback=callback)

    def call(self, event, data=None, namespace="/", timeout=WAIT):
        """Emits with a callback and returns the ack's arguments, always as a tuple."""
        done = threading.Event()
        answers = []

        def acked(*args):
            answers.append(args)
            done.set()

        self.emit(event, data, namespace=namespace, callback=acked)
        if not done.wait(timeout):
            raise AssertionError("no ack for %r within %s s" % (event, timeout))
        return answers[0]

    def call_native(self, event, data=None, namespace="/", timeout=WAIT):
        """python-socketio's own `call` (blocking emit-with-ack)."""
        if self.loop:
            return self.run(self.client.call(event, data, namespace=namespace, timeout=timeout), timeout=timeout + 5)
        return self.client.call(event, data, namespace=namespace, timeout=timeout)

    def disconnect(self):
        """Disconnects once the client has finished sending what it queued.

        python-engineio's writer leaves its loop as soon as `disconnect()` flips the state,
        so a DISCONNECT queued while a previous polling POST is still in flight is never sent
        and the server, seeing nothing, reports "ping timeout" later. Draining the queue first
        (its `join` returns after the writer's last POST completed) keeps that client-side
        race out of assertions about what the server reports.
        """
        queue = self.client.eio.queue if self.client.connected else None
        if self.loop:
            if queue is not None:
                self.run(asyncio.wait_for(queue.join(), WAIT), timeout=WAIT + 5)
            self.run(self.client.disconnect())
        else:
            if queue is not None:
                with queue.all_tasks_done:
                    queue.all_tasks_done.wait_for(lambda: queue.unfinished_tasks == 0, timeout=WAIT)
            self.client.disconnect()

    def sid(self, namespace="/"):
        return self.client.get_sid(namespace)

    def transport(self):
        return self.client.transport()

    @property
    def connected(self):
        return self.client.connected

    def close(self):
        try:
            if self.loop:
                self.run(self.client.shutdown())
            else:
                self.client.shutdown()
        finally:
            if self.loop:
                self.loop.call_soon_threadsafe(self.loop.stop)
                self.thread.join(WAIT)
                self.loop.close()


@pytest.fixture(params=["sync", "async"])
def kind(request):
    return request.param


@pytest.fixture
def make_peer(kind):
    """Makes clients of the test's kind; every one is shut down after the test."""
    peers = []

    def make(**options):
        peer = Peer(kind, **options)
        peers.append(peer)
        return peer

    yield make
    for peer in peers:
        peer.close()

