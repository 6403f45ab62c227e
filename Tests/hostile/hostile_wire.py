"""Wire codecs for the hostile suite: WebSocket frames (client side), Engine.IO v4 and
Socket.IO v5 text packets, HTTP/1.1 responses. No I/O here: bytes in, values out.

Written for this suite (RFC 6455, the engine.io-protocol and socket.io-protocol specs, RFC 9112);
small on purpose, and only as lenient as a test client needs to be.
"""

import json
import os
import struct

# WebSocket opcodes (RFC 6455 section 5.2).
CONTINUATION, TEXT, BINARY, CLOSE, PING, PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA


def mask_payload(payload, key):
    """XORs `payload` with the 4-byte `key` repeated (RFC 6455 section 5.3), fast for big payloads."""
    if not payload:
        return b""
    size = len(payload)
    repeated = (key * (size // 4 + 1))[:size]
    return (int.from_bytes(payload, "little") ^ int.from_bytes(repeated, "little")).to_bytes(size, "little")


def client_frame(opcode, payload, fin=True, key=None):
    """One masked client-to-server frame."""
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    key = os.urandom(4) if key is None else key
    first = (0x80 if fin else 0) | opcode
    size = len(payload)
    if size < 126:
        head = struct.pack("!BB", first, 0x80 | size)
    elif size < 1 << 16:
        head = struct.pack("!BBH", first, 0x80 | 126, size)
    else:
        head = struct.pack("!BBQ", first, 0x80 | 127, size)
    return head + key + mask_payload(payload, key)


class FrameReader:
    """Reassembles server-to-client frames into messages: feed bytes, take (opcode, payload) pairs.

    Control frames come out as they arrive, even between the fragments of a data message."""

    def __init__(self):
        self.buffer = bytearray()
        self.fragments = None  # (opcode, [payload, ...]) of a message still being received

    def feed(self, data):
        self.buffer += data
        messages = []
        while True:
            frame = self._next_frame()
            if frame is None:
                return messages
            fin, opcode, payload = frame
            if opcode >= CLOSE:
                messages.append((opcode, payload))
            elif opcode == CONTINUATION:
                if self.fragments is None:
                    raise ValueError("continuation frame without a message")
                self.fragments[1].append(payload)
                if fin:
                    messages.append((self.fragments[0], b"".join(self.fragments[1])))
                    self.fragments = None
            elif fin:
                messages.append((opcode, payload))
            else:
                self.fragments = (opcode, [payload])

    def _next_frame(self):
        buffer = self.buffer
        if len(buffer) < 2:
            return None
        fin, opcode = buffer[0] & 0x80, buffer[0] & 0x0F
        masked, size = buffer[1] & 0x80, buffer[1] & 0x7F
        offset = 2
        if size == 126:
            if len(buffer) < 4:
                return None
            size, offset = struct.unpack_from("!H", buffer, 2)[0], 4
        elif size == 127:
            if len(buffer) < 10:
                return None
            size, offset = struct.unpack_from("!Q", buffer, 2)[0], 10
        key = b""
        if masked:  # servers must not mask; tolerated so the failure message is ours, not a crash
            key, offset = bytes(buffer[offset:offset + 4]), offset + 4
        if len(buffer) < offset + size:
            return None
        payload = bytes(buffer[offset:offset + size])
        del buffer[:offset + size]
        return bool(fin), opcode, mask_payload(payload, key) if masked else payload


# ---------------------------------------------------------------- Engine.IO v4 / Socket.IO v5

EIO_OPEN, EIO_CLOSE, EIO_PING, EIO_PONG, EIO_MESSAGE, EIO_UPGRADE, EIO_NOOP = "0123456"
SIO_CONNECT, SIO_DISCONNECT, SIO_EVENT, SIO_ACK, SIO_CONNECT_ERROR = "01234"
POLLING_SEPARATOR = "\x1e"


def sio_event(event, *args, ack_id=None):
    """The Engine.IO text of a Socket.IO EVENT on the main namespace: `42[...]` or `42<id>[...]`."""
    return "42" + ("" if ack_id is None else str(ack_id)) + json.dumps([event, *args], separators=(",", ":"))


def parse_sio(text):
    """An Engine.IO MESSAGE carrying a Socket.IO packet -> (type, ack_id or None, data or None).

    Only the main namespace and text packets; anything else raises ValueError."""
    if len(text) < 2 or text[0] != EIO_MESSAGE:
        raise ValueError("not an Engine.IO message: %r" % text[:80])
    kind, rest = text[1], text[2:]
    if rest.startswith("/"):
        raise ValueError("namespaced packet: %r" % text[:80])
    digits = 0
    while digits < len(rest) and rest[digits].isdigit():
        digits += 1
    ack_id = int(rest[:digits]) if digits else None
    body = rest[digits:]
    return kind, ack_id, json.loads(body) if body else None


def split_polling_payload(body):
    """A long-polling body -> its Engine.IO packets."""
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    return [packet for packet in text.split(POLLING_SEPARATOR) if packet]


def nested_json(depth, kind="array"):
    """`depth` levels of nesting around the number 1: [[[1]]] or {"a":{"a":1}}."""
    if kind == "array":
        return "[" * depth + "1" + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


# ---------------------------------------------------------------- HTTP/1.1 responses

class HTTPResponseReader:
    """Splits a byte stream into HTTP/1.1 responses: feed bytes, take (status, headers, body) triples.

    Bodies are delimited by Content-Length or chunked coding; `finish()` at end of stream
    completes a body delimited by the close. Responses to HEAD are not supported (not needed)."""

    def __init__(self):
        self.buffer = bytearray()
        self.head = None  # (status, headers) of the response whose body is awaited

    def feed(self, data):
        self.buffer += data
        responses = []
        while True:
            response = self._next()
            if response is None:
                return responses
            responses.append(response)

    def finish(self):
        """End of stream: a close-delimited body in progress is complete."""
        if self.head is not None and self._framing(self.head[1]) == "close":
            status, headers = self.head
            self.head, body = None, bytes(self.buffer)
            self.buffer.clear()
            return [(status, headers, body)]
        return []

    def _next(self):
        if self.head is None:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return None
            lines = bytes(self.buffer[:end]).decode("latin-1").split("\r\n")
            del self.buffer[:end + 4]
            status = int(lines[0].split(" ", 2)[1])
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            self.head = (status, headers)
        status, headers = self.head
        framing = self._framing(headers)
        if framing == "close":
            return None
        if framing == "chunked":
            body = self._chunked_body()
            if body is None:
                return None
        else:
            if len(self.buffer) < framing:
                return None
            body = bytes(self.buffer[:framing])
            del self.buffer[:framing]
        self.head = None
        return status, headers, body

    @staticmethod
    def _framing(headers):
        if "chunked" in headers.get("transfer-encoding", "").lower():
            return "chunked"
        if "content-length" in headers:
            return int(headers["content-length"])
        return "close"

    def _chunked_body(self):
        """The whole chunked body if it has fully arrived (consumed), else None (nothing consumed)."""
        position, parts = 0, []
        while True:
            line_end = self.buffer.find(b"\r\n", position)
            if line_end < 0:
                return None
            size = int(bytes(self.buffer[position:line_end]).split(b";")[0], 16)
            position = line_end + 2
            if size == 0:
                trailer_end = self.buffer.find(b"\r\n\r\n", position - 2)
                if trailer_end < 0:
                    return None
                del self.buffer[:trailer_end + 4]
                return b"".join(parts)
            if len(self.buffer) < position + size + 2:
                return None
            parts.append(bytes(self.buffer[position:position + size]))
            position += size + 2
