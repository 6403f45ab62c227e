"""The suite's own codecs (hostile_wire.py), checked on hand-made bytes fed in every split, so an
attack test never fails (or passes) because of its client."""

import struct

import pytest

from hostile_wire import (CLOSE, PING, TEXT, FrameReader, HTTPResponseReader, client_frame, mask_payload,
                          nested_json, parse_sio, sio_event)


def server_frame(opcode, payload, fin=True):
    head = bytes([(0x80 if fin else 0) | opcode])
    size = len(payload)
    if size < 126:
        head += bytes([size])
    elif size < 1 << 16:
        head += bytes([126]) + struct.pack("!H", size)
    else:
        head += bytes([127]) + struct.pack("!Q", size)
    return head + payload


def feed_split(reader, data, split):
    return reader.feed(data[:split]) + reader.feed(data[split:])


STREAM = (server_frame(TEXT, b"4" + b"x" * 200, fin=False) + server_frame(PING, b"hi")
          + server_frame(0, b"y" * 70_000) + server_frame(CLOSE, b"\x03\xe8"))


@pytest.mark.parametrize("split", [0, 1, 2, 3, 4, 150, 205, 209, 210, 70_000, len(STREAM)])
def test_frames_reassemble_in_any_split(split):
    assert feed_split(FrameReader(), STREAM, split) == [
        (PING, b"hi"), (TEXT, b"4" + b"x" * 200 + b"y" * 70_000), (CLOSE, b"\x03\xe8")]


def test_client_frames_are_masked_and_sized():
    key = b"\x01\x02\x03\x04"
    for size in (0, 125, 126, 65_535, 65_536):
        frame = client_frame(TEXT, b"a" * size, key=key)
        assert frame[0] == 0x81 and frame[1] & 0x80
        assert mask_payload(frame[-size:] if size else b"", key) == b"a" * size


def test_socketio_packets():
    assert sio_event("message", "hi", ack_id=12) == '4212["message","hi"]'
    assert parse_sio('4312[{"ok":true}]') == ("3", 12, [{"ok": True}])
    assert parse_sio('40{"sid":"a"}') == ("0", None, {"sid": "a"})
    assert parse_sio("41") == ("1", None, None)
    assert nested_json(3) == "[[[1]]]" and nested_json(2, "object") == '{"a":{"a":1}}'


RESPONSES = (b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
             b"HTTP/1.1 404 NOT FOUND\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=1\r\nde\r\n0\r\n\r\n"
             b"HTTP/1.1 408 REQUEST TIMEOUT\r\nConnection: close\r\n\r\nbye")


@pytest.mark.parametrize("split", range(0, len(RESPONSES) + 1, 7))
def test_http_responses_in_any_split(split):
    reader = HTTPResponseReader()
    responses = feed_split(reader, RESPONSES, split) + reader.finish()
    assert [(status, body) for status, _, body in responses] == [(200, b"hello"), (404, b"abcde"), (408, b"bye")]
