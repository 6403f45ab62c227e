"""The Engine.IO expectations both official suites make, written once.

socketio/socket.io-protocol's test-suite repeats most of engine.io-protocol's (handshake,
heartbeat, close, upgrade) against its Socket.IO server. test_official_engineio_suite.py and
Tests/socketio-interop/test_official_socketio_suite.py keep one test per `it(...)` of their own
suite, as docs/socketio.md maps them, and those tests call the check here; the two servers are
configured alike (300 ms heartbeats, a 200 ms ping time-out, a 1 MB payload limit). `endpoint`
is a suite_client.Endpoint.
"""

import contextlib
import json

import requests

from suite_client import WAIT, closes, in_parallel, packets_without_pings, refused_or_closed, upgrade


def assert_open_packet(value, upgrades):
    assert set(value) == {"sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload"}
    assert isinstance(value["sid"], str)
    assert value["upgrades"] == upgrades
    assert (value["pingInterval"], value["pingTimeout"], value["maxPayload"]) == (300, 200, 1_000_000)


@contextlib.contextmanager
def opened_websocket(endpoint):
    """A WebSocket session whose OPEN packet has been read; closed on leaving."""
    with contextlib.closing(endpoint.websocket()) as ws:
        assert ws.recv().startswith("0")
        yield ws


@contextlib.contextmanager
def upgraded_session(endpoint):
    """A polling session upgraded to WebSocket: (its sid, the WebSocket), closed on leaving."""
    sid = endpoint.open_polling_session()[0]["sid"]
    with contextlib.closing(upgrade(endpoint, sid)) as ws:
        yield sid, ws


# handshake

def polling_handshake_opens_a_session(endpoint):
    assert_open_packet(endpoint.open_polling_session()[0], ["websocket"])


def polling_handshake_without_or_with_a_bad_eio_is_400(endpoint):
    assert endpoint.get("transport=polling").status_code == 400
    assert endpoint.get("EIO=abc&transport=polling").status_code == 400


def polling_handshake_without_or_with_a_bad_transport_is_400(endpoint):
    assert endpoint.get("EIO=4").status_code == 400
    assert endpoint.get("EIO=4&transport=abc").status_code == 400


def polling_handshake_by_post_or_put_is_400(endpoint):
    assert endpoint.post("EIO=4&transport=polling", "").status_code == 400
    assert requests.put(endpoint.http + "?EIO=4&transport=polling", timeout=WAIT).status_code == 400


def websocket_handshake_opens_a_session(endpoint):
    with contextlib.closing(endpoint.websocket()) as ws:
        frame = ws.recv()
        assert frame.startswith("0")
        assert_open_packet(json.loads(frame[1:]), [])


def websocket_without_or_with_a_bad_eio_is_refused(endpoint):
    assert refused_or_closed(endpoint, "transport=websocket")
    assert refused_or_closed(endpoint, "EIO=abc&transport=websocket")


def websocket_without_or_with_a_bad_transport_is_refused(endpoint):
    assert refused_or_closed(endpoint, "EIO=4")
    assert refused_or_closed(endpoint, "EIO=4&transport=abc")


# heartbeat

def polling_server_pings_and_client_pongs(endpoint):
    sid = endpoint.open_polling_session()[0]["sid"]
    for _ in range(3):
        polled = endpoint.poll(sid)
        assert (polled.status_code, polled.text) == (200, "2")
        pushed = endpoint.push(sid, "3")
        assert pushed.status_code == 200, pushed.text


def polling_session_without_pong_is_closed(endpoint):
    """Returns the sid of the ended session."""
    sid = endpoint.open_polling_session()[0]["sid"]
    # The suite sleeps pingInterval + pingTimeout and expects 400. We keep polling without
    # ever answering the PING: the session must end, every later request being 400.
    statuses = []
    for _ in range(10):
        statuses.append(endpoint.poll(sid).status_code)
        if statuses[-1] == 400:
            break
    assert statuses[-1] == 400, statuses
    return sid


def websocket_server_pings_and_client_pongs(endpoint):
    with opened_websocket(endpoint) as ws:
        for _ in range(3):
            assert ws.recv() == "2"
            ws.send("3")


def websocket_session_without_pong_is_closed(endpoint):
    with contextlib.closing(endpoint.websocket()) as ws:
        assert closes(ws, answer_pings=False)


# close

def polling_close_packet_ends_the_session_and_releases_the_held_get(endpoint):
    sid = endpoint.open_polling_session()[0]["sid"]
    held, closed = in_parallel(lambda: endpoint.poll(sid), lambda: endpoint.push(sid, "1"))
    assert closed.status_code == 200
    assert (held.status_code, packets_without_pings(held.text)) == (200, ["6"])
    assert endpoint.poll(sid).status_code == 400


def websocket_close_packet_ends_the_session(endpoint):
    with opened_websocket(endpoint) as ws:
        ws.send("1")
        assert closes(ws)
