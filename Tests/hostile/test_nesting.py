"""Issue #11, case 1: one Socket.IO event whose JSON argument is nested very deep.

The debug build crashed (SIGSEGV) at ~250 levels: the JSON decoder recursed on a worker thread
with a small stack. Whatever the depth, the server must stay up, keep serving others, and answer
the offender with an error (an ack refusing the message) or a disconnect; never with silence.
DESIGN.md: JSON nesting limit 512, "safe on the stack it runs on"; past it, 400 / disconnect.
"""

import time

import pytest

from conftest import PROBE_TIMEOUT
from hostile_clients import Closed, PollingClient, SocketIOClient, http_request, probe_join, probe_page
from hostile_wire import EIO_CLOSE, EIO_MESSAGE, SIO_ACK, SIO_CONNECT_ERROR, SIO_DISCONNECT, nested_json, parse_sio

ANSWER_TIMEOUT = 15.0


def nested_event(depth, kind, ack_id):
    return '42%d["message",%s]' % (ack_id, nested_json(depth, kind))


def check_answer(reply):
    """An ack is an acceptable answer only if it refuses the message (it is not text)."""
    assert isinstance(reply, list) and reply and isinstance(reply[0], dict) and reply[0].get("ok") is False, \
        "the nested message was acked as accepted: %r" % (str(reply)[:300],)


def check_server_survived(server):
    try:
        probe_join(server.port, timeout=PROBE_TIMEOUT)
        probe_page(server.port, timeout=PROBE_TIMEOUT)
    except Exception as error:
        pytest.fail("another client is no longer served (%s: %s); ChatDemo %s" % (
            type(error).__name__, error, server.settled_description()))
    assert server.alive(), "ChatDemo died: %s" % server.exit_description()


@pytest.mark.parametrize("depth,kind", [(250, "array"), (600, "array"), (100_000, "array"), (100_000, "object")],
                         ids=["array-250", "array-600", "array-100000", "object-100000"])
def test_deeply_nested_event_over_websocket(start_server, depth, kind):
    server = start_server()
    offender = SocketIOClient(server.port)
    assert offender.call("join", "deep")[0]["ok"] is True
    bystander = SocketIOClient(server.port)
    try:
        ack_id = offender.send_call("message", "placeholder")  # a normal message first: the path works
        offender.wait_ack(ack_id, time.monotonic() + ANSWER_TIMEOUT)
        offender.ws.send_text(nested_event(depth, kind, ack_id + 1))
        try:
            check_answer(offender.wait_ack(ack_id + 1, time.monotonic() + ANSWER_TIMEOUT))
            outcome = "refused by ack"
        except Closed as closed:
            outcome = "disconnected (%s)" % closed
        except TimeoutError:
            pytest.fail("no answer to a %d-deep event within %.0f s (server %s)" % (
                depth, ANSWER_TIMEOUT, server.exit_description()))
        check_server_survived(server)
        # The client connected before the attack is still served too.
        assert bystander.call("join", "bystander", timeout=PROBE_TIMEOUT)[0]["ok"] is True, outcome
    finally:
        offender.close()
        bystander.close()


def test_deeply_nested_event_over_long_polling(start_server):
    server = start_server()
    offender = PollingClient(server.port)
    offender.join("deep-poller")
    try:
        answer_over_polling(server, offender)
    except ConnectionError as error:
        pytest.fail("the offender's request failed (%s: %s); ChatDemo %s" % (
            type(error).__name__, error, server.settled_description()))
    except TimeoutError:
        pytest.fail("no answer to a 100000-deep event over polling within %.0f s" % ANSWER_TIMEOUT)
    check_server_survived(server)


def answer_over_polling(server, offender):
    status, body = http_request(server.port, "POST", offender.path,
                                body=nested_event(100_000, "array", 1).encode(), timeout=ANSWER_TIMEOUT)
    if status == 200:
        # Accepted for decoding: the answer comes on the next polls (a refusing ack, or the end).
        deadline = time.monotonic() + ANSWER_TIMEOUT
        answered = False
        while not answered:
            assert time.monotonic() < deadline, "no answer to a 100000-deep event over polling"
            status, body = http_request(server.port, "GET", offender.path, timeout=ANSWER_TIMEOUT)
            if status != 200:
                break  # the session is gone: the offender was disconnected
            for packet in body.decode("utf-8", "replace").split("\x1e"):
                if packet == EIO_CLOSE:
                    answered = True
                elif packet.startswith(EIO_MESSAGE):
                    kind, ack_id, data = parse_sio(packet)
                    if kind == SIO_ACK and ack_id == 1:
                        check_answer(data)
                        answered = True
                    elif kind in (SIO_DISCONNECT, SIO_CONNECT_ERROR):
                        answered = True
    else:
        assert 400 <= status < 500, "a 100000-deep POST answered %d: %r" % (status, body[:200])
