"""python-socketio's clients (sync and asyncio) against the Socket.IO test servers.

Each test runs with both client kinds against both servers (see conftest.py): Flaskish's
SocketIOTestServer, and the python-socketio reference, which shows what a real server does.
"""

import pytest
import socketio
from server_process import FLASKISH, ServerProcess, server_commands

WAIT = 20  # seconds, as in conftest.py (not imported: Tests/browser has a conftest too)

VALUES = {
    "string": "h\u00e9llo \U0001F600 \u001e end",
    "empty string": "",
    "int": 42,
    "negative": -7,
    "float": 3.25,
    "true": True,
    "null": None,
    "object": {"a": [1, 2], "b": {"c": None}, "d": "x"},
    "list": [1, "two", 3.0, [4], {"five": 5}],
    "bytes": b"\x00\x01\x02\xfe\xff",
    "empty bytes": b"",
    "nested bytes": {"file": b"\x01\x02", "list": ["x", b"\x03"], "n": 7},
    "large bytes": bytes(i % 251 for i in range(200_000)),
}


def message_of(error_data):
    """The message of a CONNECT_ERROR's data: a `{message, data}` object, or a bare string."""
    data = error_data[0] if error_data else None
    return data.get("message") if isinstance(data, dict) else data


# MARK: connecting


def test_connects_to_the_main_namespace_with_auth(make_peer, server):
    peer = make_peer().connect(server.url, auth={"token": "anything"})
    assert peer.connected
    assert isinstance(peer.sid(), str) and peer.sid()
    assert peer.inbox.wait("connect") == [()]
    assert peer.call("echo", "hi") == ("hi",)


def test_connects_to_chat_with_good_auth(make_peer, server):
    peer = make_peer(namespaces=["/chat"]).connect(server.url, namespaces=["/chat"], auth={"token": "secret"})
    assert peer.inbox.wait("/chat:connect") == [()]
    assert peer.sid("/chat")
    assert peer.call("echo", ("x", 1), namespace="/chat") == ("chat", "x", 1)


def test_one_connection_carries_both_namespaces(make_peer, server):
    peer = make_peer(namespaces=["/", "/chat"]).connect(server.url, namespaces=["/", "/chat"],
                                                          auth={"token": "secret"})
    assert peer.sid("/") != peer.sid("/chat")
    assert peer.call("echo", "main") == ("main",)
    assert peer.call("echo", "other", namespace="/chat") == ("chat", "other")


@pytest.mark.parametrize("auth", [{"token": "wrong"}, None, {}], ids=["wrong token", "no auth", "empty object"])
def test_refused_auth_gives_the_servers_message_and_data(make_peer, server, auth):
    peer = make_peer(namespaces=["/chat"])
    with pytest.raises(socketio.exceptions.ConnectionError) as raised:
        peer.connect(server.url, namespaces=["/chat"], auth=auth)
    assert "/chat" in str(raised.value)
    errors = peer.inbox.wait("/chat:connect_error")
    assert errors == [({"message": "unauthorized", "data": {"code": 401}},)]
    assert not peer.connected
    assert peer.inbox.get("/chat:connect") == []


def test_auth_that_is_not_an_object_is_refused(make_peer, server):
    # The Socket.IO protocol wants an object: Flaskish, as the JavaScript server, closes the
    # connection on such a CONNECT; python-socketio hands it to the handler, which refuses it.
    peer = make_peer(namespaces=["/chat"])
    with pytest.raises(socketio.exceptions.ConnectionError):
        peer.connect(server.url, namespaces=["/chat"], auth="secret")
    assert not peer.connected
    assert peer.inbox.get("/chat:connect") == []


def test_unknown_namespace_is_a_connection_error(make_peer, server, is_flaskish):
    peer = make_peer(namespaces=["/nowhere"])
    with pytest.raises(socketio.exceptions.ConnectionError) as raised:
        peer.connect(server.url, namespaces=["/nowhere"])
    assert "/nowhere" in str(raised.value)
    message = message_of(peer.inbox.wait("/nowhere:connect_error")[0])
    # python-socketio answers "Unable to connect"; Flaskish, as the JavaScript server, "Invalid namespace".
    assert message == ("Invalid namespace" if is_flaskish else "Unable to connect")


def test_query_string_reaches_the_server(make_peer, server):
    peer = make_peer().connect(server.url + "/?token=abc&n=1")
    query = peer.call("get_query")[0]
    assert "token=abc" in query and "n=1" in query and "EIO=4" in query


# MARK: events and acks


@pytest.mark.parametrize("value", list(VALUES.values()), ids=list(VALUES))
def test_server_acks_client_emits_with_every_kind_of_value(make_peer, server, value):
    peer = make_peer().connect(server.url)
    assert peer.call("echo", (value,)) == (value,)  # a tuple, so None is sent as an argument


@pytest.mark.parametrize("value", list(VALUES.values()), ids=list(VALUES))
def test_server_emits_events_with_every_kind_of_value(make_peer, server, value):
    peer = make_peer()
    peer.record("reflected")
    peer.connect(server.url)
    peer.emit("reflect", (value,))
    assert peer.inbox.wait("reflected") == [(value,)]


def test_several_arguments_both_ways(make_peer, server):
    peer = make_peer()
    peer.record("reflected")
    peer.connect(server.url)
    arguments = ("a", 1, {"k": [True, None]}, b"\x00\xff", [b"\x01"])
    assert peer.call("echo", arguments) == arguments
    peer.emit("reflect", arguments)
    assert peer.inbox.wait("reflected") == [arguments]
    assert peer.call("echo") == ()


def test_binary_event_and_ack(make_peer, server):
    peer = make_peer()
    peer.record("bin")
    peer.connect(server.url)
    payload = bytes(range(256)) * 3
    assert peer.call("bin_echo", payload) == (payload, len(payload))
    assert peer.inbox.wait("bin") == [({"payload": payload, "size": len(payload)},)]


def test_native_call_returns_the_ack(make_peer, server):
    peer = make_peer().connect(server.url)
    assert peer.call_native("echo", "called") == "called"
    assert tuple(peer.call_native("echo", ("x", 2))) == ("x", 2)


def test_call_without_ack_times_out(make_peer, server):
    peer = make_peer().connect(server.url)
    with pytest.raises(socketio.exceptions.TimeoutError):
        peer.call_native("never_acked", 1, timeout=1)
    assert peer.call("echo", "still here") == ("still here",)


def test_server_emit_with_callback_gets_the_clients_ack(make_peer, server):
    peer = make_peer()
    peer.on("question", lambda question: (question + "!", 42, b"\x07"))
    peer.record("client_acked")
    peer.connect(server.url)
    peer.emit("ask_client", "why")
    assert peer.inbox.wait("client_acked") == [(["why!", 42, b"\x07"],)]


def test_a_burst_of_emits_is_acked_once_each(make_peer, server):
    # Only completeness: python-engineio's clients run each incoming message on its own
    # thread or task, so the order acks reach the callbacks is not the order they were sent
    # in. Order is checked by the browser tests (test_many_emits_arrive_once_and_in_order).
    peer = make_peer().connect(server.url)
    for i in range(100):
        peer.emit("echo", i, callback=lambda value: peer.inbox.add("acks", value))
    assert sorted(peer.inbox.wait("acks", count=100)) == list(range(100))
    assert peer.call("echo", "after") == ("after",)
    assert len(peer.inbox.get("acks")) == 100


# MARK: rooms and broadcasts


def test_room_messages_reach_only_the_room(make_peer, server):
    inside, outside = make_peer(), make_peer()
    for peer in (inside, outside):
        peer.record("room_message")
        peer.connect(server.url)
    assert inside.call("join", "r") == ("joined r",)
    assert outside.call("to_room", ("r", "hello room")) == ("sent",)
    assert inside.inbox.wait("room_message") == [({"room": "r", "message": "hello room"},)]
    # Emitted before the ack was sent: had `outside` been a recipient, it would have it by now.
    assert outside.inbox.get("room_message") == []


@pytest.mark.parametrize("include_self", [True, False], ids=["including self", "excluding self"])
def test_broadcast(make_peer, server, include_self):
    sender, other = make_peer(), make_peer()
    for peer in (sender, other):
        peer.record("broadcast_message")
        peer.connect(server.url)
    assert sender.call("broadcast", ({"news": [1, b"\x02"]}, include_self)) == ("sent",)
    assert other.inbox.wait("broadcast_message") == [({"news": [1, b"\x02"]},)]
    if include_self:
        assert sender.inbox.wait("broadcast_message") == [({"news": [1, b"\x02"]},)]
    else:
        assert sender.call("echo", "round trip") == ("round trip",)
        assert sender.inbox.get("broadcast_message") == []


# MARK: disconnecting


def watcher(make_peer, server):
    peer = make_peer()
    peer.record("peer_disconnected")
    peer.connect(server.url)
    assert peer.call("watch_disconnects") == ("watching",)
    return peer


def departures(watching, sid):
    """Waits for the server's report that `sid` left and returns its reason."""
    def reasons():
        return [args[0]["reason"] for args in watching.inbox.get("peer_disconnected") if args[0]["sid"] == sid]
    count = 1
    while True:
        watching.inbox.wait("peer_disconnected", count=count)
        if reasons():
            return reasons()
        count += 1


def test_server_initiated_disconnect(make_peer, server):
    watching = watcher(make_peer, server)
    peer = make_peer().connect(server.url)
    sid = peer.sid()
    peer.emit("please_disconnect")
    assert peer.inbox.wait("disconnect") == ["server disconnect"]
    assert departures(watching, sid) == ["server disconnect"]
    assert not peer.connected


@pytest.mark.parametrize("transports", [["polling"], ["websocket"], ["polling", "websocket"]],
                         ids=["polling", "websocket", "upgraded"])
def test_client_initiated_disconnect(make_peer, server, transports):
    watching = watcher(make_peer, server)
    peer = make_peer().connect(server.url, transports=transports)
    sid = peer.sid()
    peer.disconnect()
    assert peer.inbox.wait("disconnect") == ["client disconnect"]
    reasons = departures(watching, sid)
    if transports == ["polling"]:
        assert reasons == ["client disconnect"]
    else:
        # python-engineio's client closes the WebSocket before its writer has sent the
        # DISCONNECT and close packets, which then follow the Close frame. RFC 6455 lets a
        # server drop frames after a Close (Flaskish does); simple-websocket still reads them.
        # So over a WebSocket the server may see either reason, depending on that race.
        assert reasons in (["client disconnect"], ["transport close"])


def test_leaving_one_namespace_keeps_the_other(make_peer, server):
    peer = make_peer(namespaces=["/", "/chat"]).connect(server.url, namespaces=["/", "/chat"],
                                                          auth={"token": "secret"})
    peer.emit("please_disconnect")
    assert peer.inbox.wait("disconnect") == ["server disconnect"]
    assert peer.call("echo", "still", namespace="/chat") == ("chat", "still")
    assert peer.inbox.get("/chat:disconnect") == []
    peer.disconnect()
    assert peer.inbox.wait("/chat:disconnect") == ["client disconnect"]


def test_reconnects_after_the_server_restarts(make_peer, own_server):
    own_server.start()
    peer = make_peer().connect(own_server.url)
    first = peer.sid()
    port = own_server.port
    own_server.stop()
    reason = peer.inbox.wait("disconnect")[0]
    assert reason in ("transport error", "transport close")
    own_server.start(port)
    peer.inbox.wait("connect", count=2, timeout=WAIT * 2)
    assert peer.sid() != first
    assert peer.call("echo", "back") == ("back",)


# MARK: transports


@pytest.mark.parametrize("transports, expected", [
    (["polling"], "polling"),
    (["websocket"], "websocket"),
    (["polling", "websocket"], "websocket"),
], ids=["polling only", "websocket only", "polling upgraded to websocket"])
def test_transports(make_peer, server, transports, expected):
    peer = make_peer()
    peer.record("bin")
    peer.on("question", lambda question: question * 2)
    peer.record("client_acked")
    peer.connect(server.url, transports=transports)
    assert peer.transport() == expected
    assert peer.call("echo", ("x", {"y": [1]})) == ("x", {"y": [1]})
    assert peer.call("bin_echo", b"\x00\x01") == (b"\x00\x01", 2)
    assert peer.inbox.wait("bin") == [({"payload": b"\x00\x01", "size": 2},)]
    peer.emit("ask_client", "ab")
    assert peer.inbox.wait("client_acked") == [(["abab"],)]
    assert peer.transport() == expected


# MARK: bursts over polling


@pytest.fixture(scope="module")
def flaskish_server():
    """Flaskish alone: python-engineio's server refuses a POST of more than 16 packets
    (its max_decode_packets), which is the behaviour this test shows Flaskish does not have."""
    commands = server_commands()
    process = ServerProcess(commands.get(FLASKISH) or next(iter(commands.values()))).start()
    yield process
    process.stop()


def test_a_thousand_emits_in_a_burst_over_polling_arrive_all_and_in_order(make_peer, flaskish_server):
    # python-engineio's client writes every packet it has queued in one POST, so a burst
    # becomes POSTs of hundreds of packets; the server takes them whole, in order, and
    # holds the POST's answer while the client's handler queue is full.
    peer = make_peer().connect(flaskish_server.url, transports=["polling"])
    for i in range(1000):
        peer.emit("tally", i)
    assert peer.call("tally_log") == (list(range(1000)),)
    assert peer.connected
    assert peer.transport() == "polling"
