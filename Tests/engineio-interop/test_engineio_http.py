"""Engine.IO error answers and CORS over plain HTTP (requests) and websocket-client."""

import threading

import pytest
import requests
import websocket

WAIT = 20


def get(server, query, **kwargs):
    return requests.get(server.url + "/socket.io/?" + query, timeout=WAIT, **kwargs)


def handshake(server):
    reply = get(server, "EIO=4&transport=polling")
    assert reply.status_code == 200
    assert reply.text.startswith('0{"sid":"')
    return reply.text.split('"')[3]


@pytest.mark.parametrize("query,code", [
    ("EIO=3&transport=polling", 5),
    ("transport=polling", 5),
    ("EIO=4&transport=smoke", 0),
    ("EIO=4&transport=polling&sid=unknown", 1),
])
def test_error_answers(server, query, code):
    reply = get(server, query)
    assert reply.status_code == 400
    assert reply.json()["code"] == code


def test_bad_handshake_method(server):
    reply = requests.post(server.url + "/socket.io/?EIO=4&transport=polling", data="4x", timeout=WAIT)
    assert reply.status_code == 400
    assert reply.json() == {"code": 2, "message": "Bad handshake method"}


def test_bad_payload_is_a_bad_request(server):
    sid = handshake(server)
    reply = requests.post(server.url + "/socket.io/?EIO=4&transport=polling&sid=" + sid, data="zzz", timeout=WAIT)
    assert reply.status_code == 400
    assert reply.json()["code"] == 3


def test_forbidden_origin(server):
    reply = get(server, "EIO=4&transport=polling", headers={"Origin": "https://evil.example"})
    assert reply.status_code == 403
    assert reply.json()["code"] == 4


def test_same_origin_gets_cors_headers(server):
    origin = server.url
    reply = get(server, "EIO=4&transport=polling", headers={"Origin": origin})
    assert reply.status_code == 200
    assert reply.headers["Access-Control-Allow-Origin"] == origin
    assert reply.headers["Access-Control-Allow-Credentials"] == "true"


def test_cross_site_websocket_is_refused(server):
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(server.ws_url + "/socket.io/?EIO=4&transport=websocket",
                                    origin="https://evil.example", timeout=WAIT)
    assert refused.value.status_code == 403


def test_upgrade_by_hand_releases_the_pending_poll(server):
    sid = handshake(server)
    result = {}

    def poll():
        result["poll"] = get(server, "EIO=4&transport=polling&sid=" + sid).text

    poller = threading.Thread(target=poll)
    poller.start()
    ws = websocket.create_connection(server.ws_url + "/socket.io/?EIO=4&transport=websocket&sid=" + sid, timeout=WAIT)
    ws.send("2probe")
    assert ws.recv() == "3probe"
    poller.join(WAIT)
    assert result["poll"] in ("6", "2")  # noop, or a ping that was already due
    ws.send("5")
    ws.send("4upgraded")
    for _ in range(10):
        reply = ws.recv()
        if reply == "2":
            ws.send("3")
            continue
        assert reply == "4upgraded"
        break
    else:
        pytest.fail("no echo over the upgraded WebSocket")
    ws.close()
