"""Every expectation of the official socket.io-protocol server test-suite, one test each.

The suite (socketio/socket.io-protocol, test-suite/test-suite.js, Socket.IO v5 over
Engine.IO v4) drives a server with 300 ms heartbeats, a 200 ms ping time-out, a 1 MB payload
limit, a connect time-out, and two namespaces that send the client its CONNECT auth back as an
"auth" event; "/" answers "message" with "message-back" and acknowledges "message-with-ack".
ProtocolSuiteServer is that application written the obvious way with our public API.
docs/socketio.md ("Conformance with the official test-suites") maps each `it(...)` of the
suite to the test below; Tests/engineio-interop/suite_client.py says how the steps differ from
the suite's (no sleeps).
"""

import json
import os
import sys

import pytest
import requests

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "engineio-interop"))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "browser"))

from server_process import REPO_ROOT, ServerProcess  # noqa: E402
from suite_client import (NODE_CLOSE_RACE, NODE_SERVES_ANY_EIO, Endpoint, NodeReference, closes, in_parallel, node_reference_available,  # noqa: E402
                          packets_without_pings, receive, refused_or_closed, upgrade)

# Flaskish always; Node's socket.io too when the shared peer is on this machine.
SERVERS = ["flaskish"] + (["node-reference"] if node_reference_available() else [])


def suite_server_binary():
    bin_path = os.environ.get("FLASKISH_BIN_PATH") or os.path.join(
        os.environ.get("FLASKISH_REPO_ROOT", REPO_ROOT), ".build", "debug")
    return os.path.join(bin_path, "ProtocolSuiteServer")


@pytest.fixture(scope="module", params=SERVERS)
def sio(request):
    reference = request.param == "node-reference"
    process = NodeReference() if reference else ServerProcess([suite_server_binary()]).start()
    yield Endpoint(process.port, "socket.io", reference=reference)
    process.stop()


def connected(sio):
    """A WebSocket session connected to "/", its CONNECT reply and "auth" event read."""
    ws = sio.websocket()
    assert ws.recv().startswith("0")
    ws.send("40")
    assert receive(ws).startswith("40")
    assert receive(ws) == '42["auth",{}]'
    return ws


def assert_open_packet(value, upgrades):
    assert set(value) == {"sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload"}
    assert isinstance(value["sid"], str)
    assert value["upgrades"] == upgrades
    assert (value["pingInterval"], value["pingTimeout"], value["maxPayload"]) == (300, 200, 1_000_000)


# Engine.IO protocol, handshake

def test_sio_polling_handshake_opens_a_session(sio):
    assert_open_packet(sio.open_polling_session()[0], ["websocket"])


def test_sio_polling_handshake_without_or_with_a_bad_eio_is_400(sio):
    assert sio.get("transport=polling").status_code == 400
    assert sio.get("EIO=abc&transport=polling").status_code == 400


def test_sio_polling_handshake_without_or_with_a_bad_transport_is_400(sio):
    assert sio.get("EIO=4").status_code == 400
    assert sio.get("EIO=4&transport=abc").status_code == 400


def test_sio_polling_handshake_by_post_or_put_is_400(sio):
    assert sio.post("EIO=4&transport=polling", "").status_code == 400
    assert requests.put(sio.http + "?EIO=4&transport=polling", timeout=20).status_code == 400


def test_sio_websocket_handshake_opens_a_session(sio):
    ws = sio.websocket()
    try:
        frame = ws.recv()
        assert frame.startswith("0")
        assert_open_packet(json.loads(frame[1:]), [])
    finally:
        ws.close()


@pytest.mark.not_against_reference(NODE_SERVES_ANY_EIO)
def test_sio_websocket_without_or_with_a_bad_eio_is_refused(sio):
    assert refused_or_closed(sio, "transport=websocket")
    assert refused_or_closed(sio, "EIO=abc&transport=websocket")


def test_sio_websocket_without_or_with_a_bad_transport_is_refused(sio):
    assert refused_or_closed(sio, "EIO=4")
    assert refused_or_closed(sio, "EIO=4&transport=abc")


# Engine.IO protocol, heartbeat

def test_sio_polling_server_pings_and_client_pongs(sio):
    sid = sio.open_polling_session()[0]["sid"]
    for _ in range(3):
        polled = sio.poll(sid)
        assert (polled.status_code, polled.text) == (200, "2")
        pushed = sio.push(sid, "3")
        assert pushed.status_code == 200, pushed.text


def test_sio_polling_session_without_pong_is_closed(sio):
    sid = sio.open_polling_session()[0]["sid"]
    statuses = []
    for _ in range(10):
        statuses.append(sio.poll(sid).status_code)
        if statuses[-1] == 400:
            break
    assert statuses[-1] == 400, statuses


def test_sio_websocket_server_pings_and_client_pongs(sio):
    ws = sio.websocket()
    try:
        assert ws.recv().startswith("0")
        for _ in range(3):
            assert ws.recv() == "2"
            ws.send("3")
    finally:
        ws.close()


def test_sio_websocket_session_without_pong_is_closed(sio):
    ws = sio.websocket()
    try:
        assert closes(ws, answer_pings=False)
    finally:
        ws.close()


# Engine.IO protocol, close

@pytest.mark.not_against_reference(NODE_CLOSE_RACE)
def test_sio_polling_close_packet_ends_the_session_and_releases_the_held_get(sio):
    sid = sio.open_polling_session()[0]["sid"]
    held, closed = in_parallel(lambda: sio.poll(sid), lambda: sio.push(sid, "1"))
    assert closed.status_code == 200
    assert (held.status_code, packets_without_pings(held.text)) == (200, ["6"])
    assert sio.poll(sid).status_code == 400


def test_sio_websocket_close_packet_ends_the_session(sio):
    ws = sio.websocket()
    try:
        assert ws.recv().startswith("0")
        ws.send("1")
        assert closes(ws)
    finally:
        ws.close()


# Engine.IO protocol, upgrade

def test_sio_upgrade_from_polling_to_websocket(sio):
    sid = sio.open_polling_session()[0]["sid"]
    ws = upgrade(sio, sid)
    try:
        # The session works over the WebSocket: it connects to "/" there.
        ws.send("40")
        assert receive(ws).startswith("40")
    finally:
        ws.close()


def test_sio_polling_after_upgrade_is_refused(sio):
    sid = sio.open_polling_session()[0]["sid"]
    ws = upgrade(sio, sid)
    try:
        ws.send("40")  # answered over the WebSocket, so the UPGRADE was handled first
        assert receive(ws).startswith("40")
        assert sio.poll(sid).status_code == 400
    finally:
        ws.close()


def test_sio_second_websocket_after_upgrade_is_refused(sio):
    sid = sio.open_polling_session()[0]["sid"]
    ws = upgrade(sio, sid)
    try:
        ws.send("40")
        assert receive(ws).startswith("40")
        assert refused_or_closed(sio, "EIO=4&transport=websocket&sid=" + sid)
    finally:
        ws.close()


# Socket.IO protocol, connect

@pytest.mark.parametrize("sent, prefix, auth", [
    ("40", "40", '42["auth",{}]'),
    ('40{"token":"123"}', "40", '42["auth",{"token":"123"}]'),
    ("40/custom,", "40/custom,", '42/custom,["auth",{}]'),
    ('40/custom,{"token":"abc"}', "40/custom,", '42/custom,["auth",{"token":"abc"}]'),
], ids=["main", "main-with-payload", "custom", "custom-with-payload"])
def test_connect_reply_comes_first_then_the_auth_event(sio, sent, prefix, auth):
    ws = sio.websocket()
    try:
        assert ws.recv().startswith("0")
        ws.send(sent)
        reply = receive(ws)
        assert reply.startswith(prefix)
        handshake = json.loads(reply[len(prefix):])
        assert set(handshake) == {"sid"} and isinstance(handshake["sid"], str)
        assert receive(ws) == auth
    finally:
        ws.close()


def test_connect_to_an_unknown_namespace_is_refused(sio):
    ws = sio.websocket()
    try:
        assert ws.recv().startswith("0")
        ws.send("40/random")
        assert receive(ws) == '44/random,{"message":"Invalid namespace"}'
    finally:
        ws.close()


def test_invalid_handshake_packet_closes_the_connection(sio):
    ws = sio.websocket()
    try:
        assert ws.recv().startswith("0")
        ws.send("4abc")
        assert closes(ws, answer_pings=True)
    finally:
        ws.close()


def test_no_connect_packet_closes_the_connection_after_the_connect_timeout(sio):
    ws = sio.websocket()
    try:
        assert ws.recv().startswith("0")
        # Pings are answered, so it is the connect time-out (3 s here), not the heartbeat,
        # that must end the session.
        assert closes(ws, answer_pings=True)
    finally:
        ws.close()


# Socket.IO protocol, disconnect

def test_disconnect_from_main_namespace_keeps_the_engineio_session(sio):
    ws = connected(sio)
    try:
        ws.send("41")
        # The suite's expectation: the next packet is the server's PING, not a close.
        assert ws.recv() == "2"
    finally:
        ws.close()


def test_disconnect_from_custom_namespace_keeps_main(sio):
    ws = connected(sio)
    try:
        ws.send("40/custom")
        assert receive(ws).startswith("40/custom,")
        assert receive(ws) == '42/custom,["auth",{}]'
        ws.send("41/custom")
        ws.send('42["message","message to main namespace"]')
        assert receive(ws) == '42["message-back","message to main namespace"]'
    finally:
        ws.close()


# Socket.IO protocol, message

def test_plain_text_event_is_answered(sio):
    ws = connected(sio)
    try:
        ws.send('42["message",1,"2",{"3":[true]}]')
        assert receive(ws) == '42["message-back",1,"2",{"3":[true]}]'
    finally:
        ws.close()


def test_binary_event_is_answered_with_its_attachments(sio):
    ws = connected(sio)
    try:
        ws.send('452-["message",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]')
        ws.send_binary(bytes([1, 2, 3]))
        ws.send_binary(bytes([4, 5, 6]))
        assert receive(ws) == '452-["message-back",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]'
        assert receive(ws) == bytes([1, 2, 3])
        assert receive(ws) == bytes([4, 5, 6])
    finally:
        ws.close()


def test_plain_text_event_with_ack_is_acknowledged(sio):
    ws = connected(sio)
    try:
        ws.send('42456["message-with-ack",1,"2",{"3":[false]}]')
        assert receive(ws) == '43456[1,"2",{"3":[false]}]'
    finally:
        ws.close()


def test_binary_event_with_ack_is_acknowledged_with_its_attachments(sio):
    ws = connected(sio)
    try:
        ws.send('452-789["message-with-ack",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]')
        ws.send_binary(bytes([1, 2, 3]))
        ws.send_binary(bytes([4, 5, 6]))
        assert receive(ws) == '462-789[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]'
        assert receive(ws) == bytes([1, 2, 3])
        assert receive(ws) == bytes([4, 5, 6])
    finally:
        ws.close()


@pytest.mark.parametrize("packet", ["4abc", "42{}", '42abc["message-with-ack",1,"2",{"3":[false]}]'],
                         ids=["unknown-packet-type", "payload-not-an-array", "ack-id-not-a-number"])
def test_invalid_packet_closes_the_connection(sio, packet):
    ws = connected(sio)
    try:
        ws.send(packet)
        assert closes(ws, answer_pings=True)
    finally:
        ws.close()
