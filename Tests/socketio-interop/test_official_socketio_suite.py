"""Every expectation of the official socket.io-protocol server test-suite, one test each.

The suite (socketio/socket.io-protocol, test-suite/test-suite.js, Socket.IO v5 over
Engine.IO v4) drives a server with 300 ms heartbeats, a 200 ms ping time-out, a 1 MB payload
limit, a connect time-out, and two namespaces that send the client its CONNECT auth back as an
"auth" event; "/" answers "message" with "message-back" and acknowledges "message-with-ack".
ProtocolSuiteServer is that application written the obvious way with our public API.
docs/socketio.md ("Conformance with the official test-suites") maps each `it(...)` of the
suite to the test below; Tests/engineio-interop/suite_client.py says how the steps differ from
the suite's (no sleeps). Rows 1–16 of that map repeat the Engine.IO suite's expectations; the
checks they share with it are written once, in Tests/engineio-interop/engineio_checks.py.
"""

import contextlib
import json
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "engineio-interop"))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "browser"))

from server_process import REPO_ROOT, ServerProcess  # noqa: E402
from suite_client import (NODE_CLOSE_RACE, NODE_SERVES_ANY_EIO, Endpoint, NodeReference, closes,  # noqa: E402
                          node_reference_available, receive, refused_or_closed)
import engineio_checks as check  # noqa: E402
from engineio_checks import opened_websocket, upgraded_session  # noqa: E402

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


@contextlib.contextmanager
def connected(sio):
    """A WebSocket session connected to "/", its CONNECT reply and "auth" event read."""
    with opened_websocket(sio) as ws:
        ws.send("40")
        assert receive(ws).startswith("40")
        assert receive(ws) == '42["auth",{}]'
        yield ws


def connects_to_main(ws):
    """Sends CONNECT to "/" over `ws` and tells whether the answer comes there."""
    ws.send("40")
    return receive(ws).startswith("40")


# Engine.IO protocol, handshake

def test_sio_polling_handshake_opens_a_session(sio):
    check.polling_handshake_opens_a_session(sio)


def test_sio_polling_handshake_without_or_with_a_bad_eio_is_400(sio):
    check.polling_handshake_without_or_with_a_bad_eio_is_400(sio)


def test_sio_polling_handshake_without_or_with_a_bad_transport_is_400(sio):
    check.polling_handshake_without_or_with_a_bad_transport_is_400(sio)


def test_sio_polling_handshake_by_post_or_put_is_400(sio):
    check.polling_handshake_by_post_or_put_is_400(sio)


def test_sio_websocket_handshake_opens_a_session(sio):
    check.websocket_handshake_opens_a_session(sio)


@pytest.mark.not_against_reference(NODE_SERVES_ANY_EIO)
def test_sio_websocket_without_or_with_a_bad_eio_is_refused(sio):
    check.websocket_without_or_with_a_bad_eio_is_refused(sio)


def test_sio_websocket_without_or_with_a_bad_transport_is_refused(sio):
    check.websocket_without_or_with_a_bad_transport_is_refused(sio)


# Engine.IO protocol, heartbeat

def test_sio_polling_server_pings_and_client_pongs(sio):
    check.polling_server_pings_and_client_pongs(sio)


def test_sio_polling_session_without_pong_is_closed(sio):
    check.polling_session_without_pong_is_closed(sio)


def test_sio_websocket_server_pings_and_client_pongs(sio):
    check.websocket_server_pings_and_client_pongs(sio)


def test_sio_websocket_session_without_pong_is_closed(sio):
    check.websocket_session_without_pong_is_closed(sio)


# Engine.IO protocol, close

@pytest.mark.not_against_reference(NODE_CLOSE_RACE)
def test_sio_polling_close_packet_ends_the_session_and_releases_the_held_get(sio):
    check.polling_close_packet_ends_the_session_and_releases_the_held_get(sio)


def test_sio_websocket_close_packet_ends_the_session(sio):
    check.websocket_close_packet_ends_the_session(sio)


# Engine.IO protocol, upgrade

def test_sio_upgrade_from_polling_to_websocket(sio):
    with upgraded_session(sio) as (_, ws):
        # The session works over the WebSocket: it connects to "/" there.
        assert connects_to_main(ws)


def test_sio_polling_after_upgrade_is_refused(sio):
    with upgraded_session(sio) as (sid, ws):
        assert connects_to_main(ws)  # answered over the WebSocket, so the UPGRADE was handled first
        assert sio.poll(sid).status_code == 400


def test_sio_second_websocket_after_upgrade_is_refused(sio):
    with upgraded_session(sio) as (sid, ws):
        assert connects_to_main(ws)
        assert refused_or_closed(sio, "EIO=4&transport=websocket&sid=" + sid)


# Socket.IO protocol, connect

@pytest.mark.parametrize("sent, prefix, auth", [
    ("40", "40", '42["auth",{}]'),
    ('40{"token":"123"}', "40", '42["auth",{"token":"123"}]'),
    ("40/custom,", "40/custom,", '42/custom,["auth",{}]'),
    ('40/custom,{"token":"abc"}', "40/custom,", '42/custom,["auth",{"token":"abc"}]'),
], ids=["main", "main-with-payload", "custom", "custom-with-payload"])
def test_connect_reply_comes_first_then_the_auth_event(sio, sent, prefix, auth):
    with opened_websocket(sio) as ws:
        ws.send(sent)
        reply = receive(ws)
        assert reply.startswith(prefix)
        handshake = json.loads(reply[len(prefix):])
        assert set(handshake) == {"sid"} and isinstance(handshake["sid"], str)
        assert receive(ws) == auth


def test_connect_to_an_unknown_namespace_is_refused(sio):
    with opened_websocket(sio) as ws:
        ws.send("40/random")
        assert receive(ws) == '44/random,{"message":"Invalid namespace"}'


def test_invalid_handshake_packet_closes_the_connection(sio):
    with opened_websocket(sio) as ws:
        ws.send("4abc")
        assert closes(ws, answer_pings=True)


def test_no_connect_packet_closes_the_connection_after_the_connect_timeout(sio):
    with opened_websocket(sio) as ws:
        # Pings are answered, so it is the connect time-out (3 s here), not the heartbeat,
        # that must end the session.
        assert closes(ws, answer_pings=True)


# Socket.IO protocol, disconnect

def test_disconnect_from_main_namespace_keeps_the_engineio_session(sio):
    with connected(sio) as ws:
        ws.send("41")
        # The suite's expectation: the next packet is the server's PING, not a close.
        assert ws.recv() == "2"


def test_disconnect_from_custom_namespace_keeps_main(sio):
    with connected(sio) as ws:
        ws.send("40/custom")
        assert receive(ws).startswith("40/custom,")
        assert receive(ws) == '42/custom,["auth",{}]'
        ws.send("41/custom")
        ws.send('42["message","message to main namespace"]')
        assert receive(ws) == '42["message-back","message to main namespace"]'


# Socket.IO protocol, message

ATTACHMENTS = [bytes([1, 2, 3]), bytes([4, 5, 6])]


def assert_answered_with_the_attachments(ws, sent, answer):
    """Sends the binary packet `sent` with ATTACHMENTS; `answer` must come back with them, in order."""
    ws.send(sent)
    for attachment in ATTACHMENTS:
        ws.send_binary(attachment)
    assert receive(ws) == answer
    for attachment in ATTACHMENTS:
        assert receive(ws) == attachment


def test_plain_text_event_is_answered(sio):
    with connected(sio) as ws:
        ws.send('42["message",1,"2",{"3":[true]}]')
        assert receive(ws) == '42["message-back",1,"2",{"3":[true]}]'


def test_binary_event_is_answered_with_its_attachments(sio):
    with connected(sio) as ws:
        assert_answered_with_the_attachments(
            ws, '452-["message",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]',
            '452-["message-back",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]')


def test_plain_text_event_with_ack_is_acknowledged(sio):
    with connected(sio) as ws:
        ws.send('42456["message-with-ack",1,"2",{"3":[false]}]')
        assert receive(ws) == '43456[1,"2",{"3":[false]}]'


def test_binary_event_with_ack_is_acknowledged_with_its_attachments(sio):
    with connected(sio) as ws:
        assert_answered_with_the_attachments(
            ws, '452-789["message-with-ack",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]',
            '462-789[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]')


@pytest.mark.parametrize("packet", ["4abc", "42{}", '42abc["message-with-ack",1,"2",{"3":[false]}]'],
                         ids=["unknown-packet-type", "payload-not-an-array", "ack-id-not-a-number"])
def test_invalid_packet_closes_the_connection(sio, packet):
    with connected(sio) as ws:
        ws.send(packet)
        assert closes(ws, answer_pings=True)
