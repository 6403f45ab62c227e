"""The /ws echo route against the Python `websockets` client (RFC 6455 behaviour)."""

import pytest
from websockets.exceptions import ConnectionClosedError
from websockets.frames import Frame, Opcode
from websockets.sync.client import connect

from conftest import MAX_MESSAGE_SIZE

WAIT = 20


def ws(server, **kwargs):
    return connect(server.ws_url + "/ws", open_timeout=WAIT, close_timeout=WAIT, max_size=None, **kwargs)


def test_echo_text_and_binary(server):
    with ws(server) as client:
        client.send("hello ☃")
        assert client.recv(timeout=WAIT) == "hello ☃"
        client.send(b"\x00\xff")
        assert client.recv(timeout=WAIT) == b"\x00\xff"


def test_fragmented_message_is_reassembled(server):
    with ws(server) as client:
        client.send(["frag", "men", "ted"])
        assert client.recv(timeout=WAIT) == "fragmented"
        client.send([b"\x01", b"\x02\x03"])
        assert client.recv(timeout=WAIT) == b"\x01\x02\x03"


def test_ping_is_answered(server):
    with ws(server) as client:
        pong = client.ping(b"payload")
        assert pong.wait(WAIT)


@pytest.mark.parametrize("code", [1000, 1001, 4000])
def test_close_code_is_echoed(server, code):
    with ws(server) as client:
        client.close(code=code, reason="bye")
        assert client.close_code == code
        assert client.protocol.close_rcvd.code == code


def test_invalid_utf8_closes_with_1007(server):
    with ws(server) as client:
        # Bypass the client's own encoding to put invalid UTF-8 in a text frame.
        with client.protocol_mutex:
            client.protocol.send_frame(Frame(Opcode.TEXT, b"\xc3\x28"))
            client.send_data()
        with pytest.raises(ConnectionClosedError):
            client.recv(timeout=WAIT)
        assert client.protocol.close_rcvd.code == 1007


def test_message_at_the_limit_passes_and_past_it_closes_with_1009(server):
    with ws(server) as client:
        client.send(b"x" * MAX_MESSAGE_SIZE)
        assert len(client.recv(timeout=WAIT)) == MAX_MESSAGE_SIZE
    with ws(server) as client:
        client.send(b"x" * (MAX_MESSAGE_SIZE + 1))
        with pytest.raises(ConnectionClosedError):
            client.recv(timeout=WAIT)
        assert client.protocol.close_rcvd.code == 1009
