"""Every expectation of the official engine.io-protocol server test-suite, one test each.

The suite (socketio/engine.io-protocol, test-suite/test-suite.js, Engine.IO v4) drives an
echoing Engine.IO server with 300 ms heartbeats, a 200 ms ping time-out and a 1 MB payload
limit. EngineIOTestServer, started here with exactly those settings, is that server written
with EngineIOServer's public API. docs/socketio.md ("Conformance with the official
test-suites") maps each `it(...)` of the suite to the test below; suite_client.py says how the
steps differ from the suite's (no sleeps). The expectations the socket.io-protocol suite repeats
are written once, in engineio_checks.py.
"""

import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "browser"))

from server_process import REPO_ROOT, ServerProcess  # noqa: E402  (not conftest: its name is not unique)
from suite_client import (NODE_CLOSE_RACE, NODE_SERVES_ANY_EIO, SEPARATOR, Endpoint, NodeReference,  # noqa: E402
                          closes, in_parallel, node_reference_available, packets_without_pings, receive,
                          refused_or_closed)
import engineio_checks as check  # noqa: E402
from engineio_checks import opened_websocket, upgraded_session  # noqa: E402


def engine_server_binary():
    bin_path = os.environ.get("FLASKISH_BIN_PATH") or os.path.join(
        os.environ.get("FLASKISH_REPO_ROOT", REPO_ROOT), ".build", "debug")
    return os.path.join(bin_path, "EngineIOTestServer")


# Flaskish always; Node's engine.io too when the shared peer is on this machine.
SERVERS = ["flaskish"] + (["node-reference"] if node_reference_available() else [])


@pytest.fixture(scope="module", params=SERVERS)
def engine(request):
    if request.param == "node-reference":
        process = NodeReference()
        yield Endpoint(process.port, "engine.io", reference=True)
    else:
        process = ServerProcess([engine_server_binary(), "--ping-interval", "300", "--ping-timeout", "200",
                                 "--max-message-size", "1000000"]).start()
        yield Endpoint(process.port, "socket.io")
    process.stop()


# handshake, HTTP long-polling

def test_polling_handshake_opens_a_session(engine):
    check.polling_handshake_opens_a_session(engine)


def test_polling_handshake_without_or_with_a_bad_eio_is_400(engine):
    check.polling_handshake_without_or_with_a_bad_eio_is_400(engine)


def test_polling_handshake_without_or_with_a_bad_transport_is_400(engine):
    check.polling_handshake_without_or_with_a_bad_transport_is_400(engine)


def test_polling_handshake_by_post_or_put_is_400(engine):
    check.polling_handshake_by_post_or_put_is_400(engine)


# handshake, WebSocket

def test_websocket_handshake_opens_a_session(engine):
    check.websocket_handshake_opens_a_session(engine)


@pytest.mark.not_against_reference(NODE_SERVES_ANY_EIO)
def test_websocket_without_or_with_a_bad_eio_is_refused(engine):
    check.websocket_without_or_with_a_bad_eio_is_refused(engine)


def test_websocket_without_or_with_a_bad_transport_is_refused(engine):
    check.websocket_without_or_with_a_bad_transport_is_refused(engine)


# message, HTTP long-polling

@pytest.mark.parametrize("payload", ["4hello", "4test1\x1e4test2\x1e4test3", "4hello\x1ebAQIDBA=="],
                         ids=["one-text-packet", "several-text-packets", "text-and-binary-packets"])
def test_polling_payload_is_echoed(engine, payload):
    sid = engine.open_polling_session()[0]["sid"]
    pushed = engine.push(sid, payload)
    assert (pushed.status_code, pushed.text) == (200, "ok")
    polled = engine.poll(sid)
    assert polled.status_code == 200
    assert packets_without_pings(polled.text) == payload.split(SEPARATOR)


def test_polling_invalid_packet_closes_the_session(engine):
    sid = engine.open_polling_session()[0]["sid"]
    pushed = engine.push(sid, "abc")
    # The suite lets the POST's own answer go (Node's is 200); Flaskish's is 400.
    assert engine.reference or pushed.status_code == 400
    assert engine.poll(sid).status_code == 400


def test_polling_duplicate_get_closes_the_session(engine):
    sid = engine.open_polling_session()[0]["sid"]
    # Whichever GET the server sees second is the duplicate: it is refused, and the one held
    # is answered with a CLOSE packet. The suite staggers them by 5 ms; we accept either order.
    first, second = in_parallel(lambda: engine.poll(sid), lambda: engine.poll(sid))
    answered = sorted([first, second], key=lambda response: response.status_code)
    assert answered[0].status_code == 200
    assert packets_without_pings(answered[0].text) == ["1"]
    assert answered[1].status_code in (400, 500)
    assert engine.poll(sid).status_code == 400


# message, WebSocket

def test_websocket_text_packet_is_echoed(engine):
    with opened_websocket(engine) as ws:
        ws.send("4hello")
        assert receive(ws) == "4hello"


def test_websocket_binary_packet_is_echoed(engine):
    with opened_websocket(engine) as ws:
        ws.send_binary(bytes([1, 2, 3, 4]))
        assert receive(ws) == bytes([1, 2, 3, 4])


def test_websocket_invalid_packet_closes_the_session(engine):
    with opened_websocket(engine) as ws:
        ws.send("abc")
        # Pings are answered so only the invalid packet can be why the session ends.
        assert closes(ws, answer_pings=True)


# heartbeat

def test_polling_server_pings_and_client_pongs(engine):
    check.polling_server_pings_and_client_pongs(engine)


def test_polling_session_without_pong_is_closed(engine):
    sid = check.polling_session_without_pong_is_closed(engine)
    assert engine.push(sid, "3").status_code == 400


def test_websocket_server_pings_and_client_pongs(engine):
    check.websocket_server_pings_and_client_pongs(engine)


def test_websocket_session_without_pong_is_closed(engine):
    check.websocket_session_without_pong_is_closed(engine)


# close

@pytest.mark.not_against_reference(NODE_CLOSE_RACE)
def test_polling_close_packet_ends_the_session_and_releases_the_held_get(engine):
    check.polling_close_packet_ends_the_session_and_releases_the_held_get(engine)


def test_websocket_close_packet_ends_the_session(engine):
    check.websocket_close_packet_ends_the_session(engine)


# upgrade

def test_upgrade_from_polling_to_websocket(engine):
    sid = engine.open_polling_session()[0]["sid"]
    ws = engine.websocket("EIO=4&transport=websocket&sid=" + sid)
    try:
        ws.send("2probe")
        assert receive(ws) == "3probe"
        polled = engine.poll(sid)  # a poll during the upgrade is ended with a NOOP
        assert polled.status_code == 200
        assert packets_without_pings(polled.text) == ["6"]
        ws.send("5")
        ws.send("4hello")
        assert receive(ws) == "4hello"
    finally:
        ws.close()


def echoes(ws, message):
    """Sends `message` and tells whether it comes back: the WebSocket carries the session."""
    ws.send(message)
    return receive(ws) == message


def test_polling_after_upgrade_is_refused(engine):
    with upgraded_session(engine) as (sid, ws):
        # The echo proves the UPGRADE was handled before the GET (the suite does not wait).
        assert echoes(ws, "4first")
        assert engine.poll(sid).status_code == 400
        assert echoes(ws, "4hello")


def test_second_websocket_after_upgrade_is_refused(engine):
    with upgraded_session(engine) as (sid, ws):
        assert echoes(ws, "4first")
        assert refused_or_closed(engine, "EIO=4&transport=websocket&sid=" + sid)
        assert echoes(ws, "4hello")
