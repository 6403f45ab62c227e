"""Socket.IO middleware, catch-all handlers and server-side call, with python-socketio's clients.

The /guarded namespace (Tests/browser/README.md) is served by Flaskish with connection
middleware (socketio.use), event middleware (socketio.useEvents), a catch-all
(on("*")) and call(); the python-socketio reference gives the same answers from its handlers.
"""

import asyncio
import threading

import pytest
import socketio

WAIT = 20  # seconds, as in conftest.py
GUARDED = "/guarded"


def guarded_peer(make_peer, server, token="letmein"):
    peer = make_peer(namespaces=[GUARDED])
    peer.connect(server.url, namespaces=[GUARDED], auth={"token": token})
    return peer


@pytest.mark.parametrize("auth", [{"token": "wrong"}, None], ids=["wrong token", "no auth"])
def test_connection_middleware_refuses_with_message_and_data(make_peer, server, auth):
    peer = make_peer(namespaces=[GUARDED])
    with pytest.raises(socketio.exceptions.ConnectionError):
        peer.connect(server.url, namespaces=[GUARDED], auth=auth)
    errors = peer.inbox.wait("/guarded:connect_error")
    assert errors == [({"message": "stopped by middleware", "data": {"namespace": GUARDED}},)]
    assert not peer.connected
    assert peer.inbox.get("/guarded:connect") == []


def test_connection_middleware_lets_the_right_token_in(make_peer, server):
    peer = guarded_peer(make_peer, server)
    assert peer.inbox.wait("/guarded:connect") == [()]
    assert peer.sid(GUARDED)


def test_event_middleware_rejects_before_the_handler_and_answers_the_ack(make_peer, server):
    peer = guarded_peer(make_peer, server)
    # admin_reset has a handler, which must not run; admin_other has none.
    assert peer.call("admin_reset", namespace=GUARDED) == ({"message": "forbidden", "data": {"event": "admin_reset"}},)
    assert peer.call("admin_other", 1, namespace=GUARDED) == ({"message": "forbidden", "data": {"event": "admin_other"}},)
    # Other events pass the middleware.
    assert peer.call("hello", namespace=GUARDED) == (["hello"],)


def test_catch_all_gets_the_event_name_and_every_argument(make_peer, server):
    peer = guarded_peer(make_peer, server)
    assert peer.call("anything", {"a": [1, None]}, namespace=GUARDED) == (["anything", {"a": [1, None]}],)
    assert peer.call("several", (1, "two", True), namespace=GUARDED) == (["several", 1, "two", True],)


def test_server_call_returns_the_clients_answer(make_peer, server):
    peer = guarded_peer(make_peer, server)
    peer.on("question", lambda data: ("yes", data), namespace=GUARDED)
    peer.record("asked", namespace=GUARDED)
    peer.emit("ask", {"event": "question", "timeout": WAIT}, namespace=GUARDED)
    assert peer.inbox.wait("asked") == [({"answer": ["yes", "what?"]},)]


def test_server_call_times_out_and_a_late_answer_is_harmless(make_peer, server, kind):
    peer = guarded_peer(make_peer, server)
    release = threading.Event()
    if kind == "async":
        async def slow(data):
            await asyncio.get_running_loop().run_in_executor(None, release.wait, WAIT)
            return "late"
    else:
        def slow(data):
            release.wait(WAIT)
            return "late"
    peer.on("slow_question", slow, namespace=GUARDED)
    peer.on("question", lambda data: "in time", namespace=GUARDED)
    peer.record("asked", namespace=GUARDED)
    try:
        # The client holds its answer until the server has reported the time-out.
        peer.emit("ask", {"event": "slow_question", "timeout": 1}, namespace=GUARDED)
        assert peer.inbox.wait("asked") == [({"timeout": True},)]
    finally:
        release.set()
    # The late answer reaches no one; the next call still gets its own.
    peer.emit("ask", {"event": "question", "timeout": WAIT}, namespace=GUARDED)
    assert peer.inbox.wait("asked", 2)[1] == ({"answer": ["in time"]},)
