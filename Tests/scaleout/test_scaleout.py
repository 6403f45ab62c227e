"""Flaskish processes and Flask-SocketIO processes on one Redis channel act as one Socket.IO
server: broadcasts, room emits, emits to a sid, room changes and disconnects of remote sids,
acks of remote emits, write-only emitters, bad channel messages and a Redis restart."""

import threading
import time

import pytest
from server_process import ServerProcess

from conftest import FLASK, FLASKISH, member_command

# Who serves the emitting client (A) and who serves the receiving one (B). Flaskish takes part
# in every pair; Flask-SocketIO with itself is the baseline the others are compared with.
PAIRS = [(FLASKISH, FLASKISH), (FLASKISH, FLASK), (FLASK, FLASKISH)]
PAIR_IDS = ["flaskish-flaskish", "flaskish-flask", "flask-flaskish"]


def two_members(cluster, pair):
    a = cluster.start(pair[0], name="A")
    b = cluster.start(pair[1], name="B")
    return a, b


@pytest.mark.parametrize("pair", PAIRS, ids=PAIR_IDS)
def test_broadcast_reaches_every_process_once(cluster, pair):
    a, b = two_members(cluster, pair)
    sender, local_peer, remote = cluster.client(a), cluster.client(a), cluster.client(b, transports=("polling",))
    assert sender.ask("broadcast", "hello") == "sent"
    assert sender.ask("broadcast", "end") == "sent"
    for client in (sender, local_peer, remote):
        messages = client.wait_for("broadcast_message", 2)
        assert [m["message"] for m in messages] == ["hello", "end"]
        assert {m["from"] for m in messages} == {"A"}
    # Nothing arrives twice (a process ignores its own messages on the channel).
    assert sender.ask("broadcast", "last") == "sent"
    for client in (sender, local_peer, remote):
        client.wait_for("broadcast_message", 3)
        assert [m["message"] for m in client.received("broadcast_message")] == ["hello", "end", "last"]


@pytest.mark.parametrize("pair", PAIRS, ids=PAIR_IDS)
def test_binary_payloads_cross_processes(cluster, pair):
    a, b = two_members(cluster, pair)
    sender, remote = cluster.client(a), cluster.client(b, transports=("polling",))
    payload = bytes(range(256)) * 4
    assert sender.ask("broadcast", {"blob": payload, "name": "bytes"}) == "sent"
    for client in (sender, remote):
        message = client.wait_for("broadcast_message")[0]["message"]
        assert message == {"blob": payload, "name": "bytes"}


@pytest.mark.parametrize("pair", PAIRS, ids=PAIR_IDS)
def test_one_senders_order_is_kept_across_processes(cluster, pair):
    a, b = two_members(cluster, pair)
    sender, remote = cluster.client(a), cluster.client(b)
    assert sender.ask("burst", 300) == "sent"
    for client in (sender, remote):
        assert [m["n"] for m in client.wait_for("seq", 300)] == list(range(300))


@pytest.mark.parametrize("pair", PAIRS, ids=PAIR_IDS)
def test_room_emit_reaches_members_on_other_processes_only(cluster, pair):
    a, b = two_members(cluster, pair)
    sender, outsider, member = cluster.client(a), cluster.client(a), cluster.client(b)
    assert member.ask("join", "lobby") == "joined"
    assert sender.ask("to_room", "lobby", "for the lobby") == "sent"
    assert sender.ask("broadcast", "marker") == "sent"
    assert [m["message"] for m in member.wait_for("room_message")] == ["for the lobby"]
    for client in (sender, outsider, member):
        client.wait_for("broadcast_message")
    assert sender.received("room_message") == [] and outsider.received("room_message") == []


@pytest.mark.parametrize("pair", PAIRS, ids=PAIR_IDS)
def test_emit_to_a_sid_on_another_process(cluster, pair):
    a, b = two_members(cluster, pair)
    sender, target = cluster.client(a), cluster.client(b)
    assert sender.ask("to_sid", target.whoami()["sid"], "psst") == "sent"
    assert [m["message"] for m in target.wait_for("direct_message")] == ["psst"]
    assert sender.received("direct_message") == []


@pytest.mark.parametrize("pair", PAIRS, ids=PAIR_IDS)
def test_room_membership_of_a_remote_sid_changes(cluster, pair):
    a, b = two_members(cluster, pair)
    sender, target = cluster.client(a), cluster.client(b)
    sid = target.whoami()["sid"]
    # enter_room for a sid that lives on B, asked on A.
    assert sender.ask("enter_room_of", sid, "vip") == "asked"
    assert sender.ask("to_room", "vip", "welcome") == "sent"
    assert [m["message"] for m in target.wait_for("room_message")] == ["welcome"]
    # leave_room, likewise; then the room no longer reaches it.
    assert sender.ask("leave_room_of", sid, "vip") == "asked"
    assert sender.ask("to_room", "vip", "gone") == "sent"
    assert sender.ask("broadcast", "marker") == "sent"
    target.wait_for("broadcast_message")
    assert [m["message"] for m in target.received("room_message")] == ["welcome"]
    # close_room empties the room in every process.
    assert target.ask("join", "closing") == "joined"
    assert sender.ask("close_room", "closing") == "closed"
    assert sender.ask("to_room", "closing", "after close") == "sent"
    assert sender.ask("broadcast", "marker 2") == "sent"
    target.wait_for("broadcast_message", 2)
    assert [m["message"] for m in target.received("room_message")] == ["welcome"]


@pytest.mark.parametrize("pair", PAIRS, ids=PAIR_IDS)
def test_disconnect_of_a_remote_sid(cluster, pair):
    a, b = two_members(cluster, pair)
    sender, target = cluster.client(a), cluster.client(b)
    assert sender.ask("kick", target.whoami()["sid"]) == "kicked"
    assert target.disconnected.wait(30)
    assert sender.connected


@pytest.mark.parametrize("pair", PAIRS, ids=PAIR_IDS)
def test_ack_of_a_remote_emit_comes_back(cluster, pair):
    a, b = two_members(cluster, pair)
    asker, target = cluster.client(a), cluster.client(b)
    asker.emit("ask", (target.whoami()["sid"], "ready?"))
    assert asker.wait_for("answer") == [["yes: ready?"]]


@pytest.mark.parametrize("emitter", [FLASKISH, FLASK])
def test_write_only_emitters_reach_both_kinds_of_server(cluster, emitter):
    flaskish, flask = cluster.start(FLASKISH), cluster.start(FLASK)
    on_flaskish, on_flask = cluster.client(flaskish), cluster.client(flask)
    assert on_flask.ask("join", "news") == "joined"
    cluster.emit_write_only(emitter, "announcement", '{"text": "to everyone"}')
    cluster.emit_write_only(emitter, "announcement", '{"text": "to the news room"}', to="news")
    assert on_flask.wait_for("announcement", 2) == [{"text": "to everyone"}, {"text": "to the news room"}]
    assert on_flaskish.wait_for("announcement") == [{"text": "to everyone"}]
    cluster.emit_write_only(emitter, "announcement", '{"text": "marker"}')
    assert on_flaskish.wait_for("announcement", 2)[1] == {"text": "marker"}
    assert len(on_flaskish.received("announcement")) == 2


def test_bad_messages_on_the_channel_are_ignored_and_logged(cluster, redis_server):
    a, b = cluster.start(FLASKISH, "A"), cluster.start(FLASKISH, "B")
    sender, remote = cluster.client(a), cluster.client(b)
    publisher = redis_server.client()
    for garbage in (b"not json", b"[1, 2]", b'{"method": "explode"}', b'{"method": "emit", "data": []}', b"\xff\xfe"):
        publisher.publish(cluster.channel, garbage)
    assert sender.ask("broadcast", "still fine") == "sent"
    assert [m["message"] for m in remote.wait_for("broadcast_message")] == ["still fine"]
    assert "ignoring a bad message on Redis channel" in b.logs()
    assert a.process.poll() is None and b.process.poll() is None


def test_a_redis_restart_is_survived_and_the_cluster_heals(cluster, redis_server):
    a, b = cluster.start(FLASKISH, "A"), cluster.start(FLASKISH, "B")
    sender, local_peer, remote = cluster.client(a), cluster.client(a), cluster.client(b)
    assert sender.ask("broadcast", "before") == "sent"
    remote.wait_for("broadcast_message")

    redis_server.kill()
    # Local delivery goes on while Redis is away.
    assert sender.ask("broadcast", "during") == "sent"
    assert [m["message"] for m in local_peer.wait_for("broadcast_message", 2)] == ["before", "during"]

    redis_server.start()
    redis_server.wait_for_subscribers(cluster.channel, 2)
    assert sender.ask("broadcast", "after") == "sent"
    # "during" was published while Redis was down: it waited in A's queue and left when Redis
    # came back, possibly before B had subscribed again (then it is lost for B, and logged).
    remote.wait_until(lambda events: [data["message"] for name, data in events if name == "broadcast_message"][-1:] == ["after"])
    messages = [m["message"] for m in remote.received("broadcast_message")]
    assert messages in (["before", "after"], ["before", "during", "after"])
    assert a.process.poll() is None and b.process.poll() is None
    assert "restored after" in a.logs()


def test_a_server_started_before_redis_waits_for_it(cluster, redis_server):
    redis_server.kill()
    member = ServerProcess(member_command(FLASKISH, redis_server.url, cluster.channel, "early"))
    cluster.members.append(member)
    # The member retries Redis with back-off and prints its port only once it listens.
    thread = threading.Thread(target=member.start)
    thread.start()
    deadline = time.monotonic() + 30
    while "retrying in" not in member.logs():
        assert time.monotonic() < deadline, member.logs()
        time.sleep(0.05)
    redis_server.start()
    thread.join(60)
    assert member.port, member.logs()
    client = cluster.client(member)
    assert client.ask("broadcast", "up") == "sent"
    assert [m["message"] for m in client.wait_for("broadcast_message")] == ["up"]
    assert "restored after" in member.logs()


def test_a_redis_restart_under_load_crashes_nobody(cluster, redis_server):
    a, b = cluster.start(FLASKISH, "A"), cluster.start(FLASK, "B")
    sender, remote = cluster.client(a), cluster.client(b)
    stop = threading.Event()
    sent = []

    def load():
        # Bounded: at most 200 bursts of 100 broadcasts, until the test says stop.
        for _ in range(200):
            if stop.is_set():
                return
            sent.append(sender.ask("burst", 100))

    thread = threading.Thread(target=load)
    thread.start()
    sender.wait_for("seq", 100)
    redis_server.kill()
    sender.wait_for("seq", len(sender.received("seq")) + 200)  # local delivery goes on
    redis_server.start()
    redis_server.wait_for_subscribers(cluster.channel, 2)
    stop.set()
    thread.join(120)
    assert set(sent) == {"sent"}
    assert a.process.poll() is None and b.process.poll() is None
    assert sender.ask("broadcast", "healed") == "sent"
    remote.wait_until(lambda events: any(name == "broadcast_message" and data["message"] == "healed"
                                         for name, data in events))
