"""ChatDemo as a cluster: two chat processes on one redis-server behave as one chat.

Two ChatDemo processes, and one ChatDemo with one docs/python/app.py (the mixed cluster), each
started with --message-queue on the test's own redis-server; python-socketio clients on each
check that messages cross once and in order, that online counts agree and that a newcomer on
either process gets the same history, and that a stopped process takes its nicknames away."""

import json
import os
import sys
import threading

import pytest
import socketio

from conftest import REPO_ROOT, TIMEOUT, bin_path, python

sys.path.insert(0, os.path.join(REPO_ROOT, "Tests", "chat-browser"))
from chat_servers import ChatServer  # noqa: E402

CHANNEL = "flask-socketio"  # the default of both SocketIO(messageQueue:) and Flask-SocketIO
HISTORY_KEYS = {"id", "nick", "text", "time"}


def chat_command(kind, redis_url, from_environment=False):
    """The chat server's command, told the queue by --message-queue or by MESSAGE_QUEUE (set
    through env(1), which execs the server: no environment of this process changes)."""
    if kind == "swift":
        command = [os.path.join(bin_path(), "ChatDemo")]
    else:
        command = [python(), os.path.join(REPO_ROOT, "docs", "python", "app.py")]
    if from_environment:
        return ["env", "MESSAGE_QUEUE=" + redis_url] + command + ["--port", "0"]
    return ["env", "-u", "MESSAGE_QUEUE"] + command + ["--message-queue", redis_url, "--port", "0"]


class ChatClient(socketio.Client):
    """A python-socketio client of the chat recording `message` and `presence` events."""

    def __init__(self):
        super().__init__(reconnection=False)
        self.events = []
        self.condition = threading.Condition()
        for event in ("message", "presence"):
            self.on(event, lambda data, event=event: self._record(event, data))

    def _record(self, event, data):
        with self.condition:
            self.events.append((event, data))
            self.condition.notify_all()

    def payloads(self, event):
        with self.condition:
            return [data for name, data in self.events if name == event]

    def wait_until(self, predicate, what):
        with self.condition:
            assert self.condition.wait_for(lambda: predicate(self), TIMEOUT), "%s; events: %r" % (what, self.events)

    def join(self, nick):
        reply = self.call("join", nick, timeout=TIMEOUT)
        assert reply["ok"], reply
        return reply

    def say(self, text):
        reply = self.call("message", text, timeout=TIMEOUT)
        assert reply["ok"] and reply["id"], reply
        return reply


@pytest.fixture
def chat_cluster(redis_server):
    servers, clients = [], []

    def start(kind, from_environment=False):
        """A chat server of the cluster, told the queue by --message-queue or MESSAGE_QUEUE."""
        server = ChatServer(kind, chat_command(kind, redis_server.url, from_environment)).start()
        servers.append(server)
        # python-socketio subscribes on its first client (Flaskish at start-up): one that
        # connects and never joins makes every member listen before the test's traffic.
        connect(server)
        redis_server.wait_for_subscribers(CHANNEL, len(servers))
        return server

    def connect(server):
        client = ChatClient()
        client.connect(server.url, transports=["websocket"], wait_timeout=TIMEOUT)
        clients.append(client)
        return client

    yield start, connect
    for client in clients:
        client.disconnect()
    for server in servers:
        server.stop()


@pytest.mark.parametrize("kinds", [("swift", "swift"), ("swift", "python"), ("python", "swift"), ("python", "python")],
                         ids=["swift+swift", "swift+python", "python+swift", "python+python"])
def test_two_processes_are_one_chat(chat_cluster, redis_server, kinds):
    start, connect = chat_cluster
    a, b = start(kinds[0]), start(kinds[1], from_environment=True)

    alice = connect(a)
    assert alice.join("alice")["online"] == 1
    bob = connect(b)
    joined = bob.join("bob")
    assert joined["online"] == 2 and joined["history"] == []
    # Presence crosses the processes with the cluster-wide count.
    alice.wait_until(lambda c: {"event": "join", "nick": "bob", "online": 2} in c.payloads("presence"),
                     "alice never saw bob join")

    # Messages from A reach B once and in order, with the ids A acknowledged.
    sent = [alice.say("hello %d from A" % n) for n in range(5)]
    bob_reply = bob.say("and hello from B")
    alice.wait_until(lambda c: any(m["text"] == "and hello from B" for m in c.payloads("message")),
                     "alice never got bob's message")
    # bob's own message was sent after alice's five were acknowledged (so stored and published):
    # when alice has it, bob has had alice's five for as long; a sixth from alice closes the list.
    last = alice.say("last from A")
    bob.wait_until(lambda c: any(m["id"] == last["id"] for m in c.payloads("message")), "bob never got the last")
    got = bob.payloads("message")
    assert [m["id"] for m in got] == [r["id"] for r in sent] + [last["id"]]  # once each, in order
    assert [m["text"] for m in got][:2] == ["hello 0 from A", "hello 1 from A"]
    assert all(m["nick"] == "alice" for m in got)
    assert [m["nick"] for m in alice.payloads("message")] == ["bob"]  # the sender is not echoed

    # A newcomer gets the same history whichever process it lands on.
    carol = connect(b)
    on_b = carol.join("carol")
    dave = connect(a)
    on_a = dave.join("dave")
    expected_ids = [r["id"] for r in sent] + [bob_reply["id"], last["id"]]
    assert [m["id"] for m in on_b["history"]] == expected_ids
    assert on_a["history"] == on_b["history"]
    assert (on_b["online"], on_a["online"]) == (3, 4)
    # Swift and Python write the same JSON: every entry has exactly the four keys.
    entries = redis_server.client().lrange("chat:history", 0, -1)
    assert [set(json.loads(entry)) for entry in entries] == [HISTORY_KEYS] * len(expected_ids)

    # Leaving: everyone, on both processes, sees the same count.
    bob.disconnect()
    leave = {"event": "leave", "nick": "bob", "online": 3}
    for client in (alice, carol, dave):
        client.wait_until(lambda c: leave in c.payloads("presence"), "no leave notice for bob")

    # A stopped process takes its clients out of the shared count; the other keeps its own.
    b.stop()
    assert set(redis_server.client().hvals("chat:nicknames")) == {b"alice", b"dave"}
    assert connect(a).join("erin")["online"] == 3


def test_history_is_trimmed_to_fifty_across_processes(chat_cluster, redis_server):
    start, connect = chat_cluster
    a, b = start("swift"), start("python")
    on_a, on_b = connect(a), connect(b)
    on_a.join("ana")
    on_b.join("bia")
    ids = [(on_a if n % 2 else on_b).say("message %d" % n)["id"] for n in range(55)]
    newcomer = connect(a).join("caio")
    assert [m["id"] for m in newcomer["history"]] == ids[-50:]
    assert redis_server.client().llen("chat:history") == 50


@pytest.mark.parametrize("transports", [("polling",), ("polling", "websocket")], ids=["polling", "polling-then-upgrade"])
def test_chat_behind_nginx_ip_hash(chat_cluster, transports):
    """docs/scaling.md's nginx set-up in front of two ChatDemo processes: a browser-like client
    that starts with long-polling stays on one process, and chats with both."""
    import test_nginx  # a module, not its names: pytest must not collect its tests here again

    start, connect = chat_cluster
    a, b = start("swift"), start("swift")
    nginx = test_nginx.Nginx(a.port, b.port).start()
    try:
        on_a, on_b = connect(a), connect(b)
        on_a.join("ana")
        on_b.join("bia")
        proxied = ChatClient()
        proxied.connect(nginx.url, transports=list(transports), wait_timeout=TIMEOUT)
        try:
            assert proxied.join("nina")["online"] == 3
            # Many round trips of one session: every one must reach the process holding it.
            ids = [proxied.say("through nginx %d" % n)["id"] for n in range(10)]
            for client in (on_a, on_b):
                client.wait_until(lambda c: [m["id"] for m in c.payloads("message")] == ids,
                                  "the proxied client's messages did not reach both processes once, in order")
            last = on_b.say("back to nina")
            proxied.wait_until(lambda c: last["id"] in [m["id"] for m in c.payloads("message")],
                               "nina never got bia's message")
        finally:
            proxied.disconnect()
    finally:
        nginx.stop()
