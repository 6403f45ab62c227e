"""Blocking loopback clients for the hostile suite: a raw WebSocket, a Socket.IO client on top of
it, an Engine.IO long-polling client, plain HTTP, and the two background helpers every attack
uses: `pump` (write as fast as the server takes it) and `Prober` (a well-behaved client served
throughout the attack).
"""

import base64
import collections
import errno
import http.client
import json
import os
import select
import socket
import time

from hostile_background import Background
from hostile_wire import (CLOSE, EIO_MESSAGE, EIO_NOOP, EIO_OPEN, EIO_PING, EIO_PONG, PING, SIO_ACK, SIO_CONNECT,
                          SIO_CONNECT_ERROR, SIO_DISCONNECT, SIO_EVENT, TEXT, FrameReader, HTTPResponseReader,
                          client_frame, parse_sio, sio_event, split_polling_payload)

HOST = "127.0.0.1"
ENGINE_PATH = "/socket.io/?EIO=4&transport=websocket"


class Closed(Exception):
    """The server ended the connection (close frame, Engine.IO close, or end of stream)."""


def connect(port, rcvbuf=None, timeout=10):
    """A TCP connection to the server; `rcvbuf` shrinks our receive buffer (set before connecting,
    so the window advertised to the server stays small: a client that never reads then stalls
    the server's output after a few KiB instead of megabytes)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    sock.settimeout(timeout)
    sock.connect((HOST, port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def remaining(deadline):
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("deadline passed")
    return left


class WebSocketClient:
    """One WebSocket connection, handshake done; frames in and out, nothing hidden."""

    def __init__(self, port, path=ENGINE_PATH, rcvbuf=None, timeout=10):
        self.sock = connect(port, rcvbuf, timeout)
        self.local_port = self.sock.getsockname()[1]
        self.reader = FrameReader()
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(("GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % (path, HOST, port, key))
                          .encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise Closed("connection closed during the WebSocket handshake: %r" % head[:300])
            head += chunk
        head, rest = head.split(b"\r\n\r\n", 1)
        if not head.startswith(b"HTTP/1.1 101"):
            raise AssertionError("WebSocket handshake refused: %r" % head[:300])
        self.pending = self.reader.feed(rest)

    def send_text(self, text):
        self.sock.sendall(client_frame(TEXT, text))

    def next_message(self, deadline):
        """The next message or control frame (opcode, payload); raises Closed at end of stream and
        TimeoutError at `deadline`."""
        while not self.pending:
            self.sock.settimeout(remaining(deadline))
            try:
                chunk = self.sock.recv(1 << 16)
            except socket.timeout:
                raise TimeoutError("no WebSocket message before the deadline") from None
            except (ConnectionResetError, BrokenPipeError) as error:
                raise Closed("connection reset: %s" % error) from None
            if not chunk:
                raise Closed("end of stream")
            self.pending = self.reader.feed(chunk)
        return self.pending.pop(0)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


class SocketIOClient:
    """A Socket.IO client on the main namespace over the Engine.IO websocket transport."""

    def __init__(self, port, rcvbuf=None, timeout=10):
        deadline = time.monotonic() + timeout
        self.ws = WebSocketClient(port, rcvbuf=rcvbuf, timeout=timeout)
        self.local_port = self.ws.local_port
        self.events = collections.deque(maxlen=1000)  # (event, args) that came while we waited for an ack
        self.next_ack_id = 0
        opening = self.next_packet(deadline)
        if not opening.startswith(EIO_OPEN):
            raise AssertionError("expected the Engine.IO open packet, got %r" % opening[:200])
        self.handshake = json.loads(opening[1:])
        self.ws.send_text(EIO_MESSAGE + SIO_CONNECT)
        kind, _, data = parse_sio(self.next_packet(deadline))
        if kind != SIO_CONNECT:
            raise AssertionError("Socket.IO CONNECT refused: %r" % data)
        self.sid = data["sid"]

    def next_packet(self, deadline):
        """The next Engine.IO text packet; pings are answered on the way, closes raise Closed."""
        while True:
            opcode, payload = self.ws.next_message(deadline)
            if opcode == CLOSE:
                raise Closed("close frame %r" % payload[:60])
            if opcode != TEXT:
                continue
            text = payload.decode("utf-8")
            if text == EIO_PING:
                self.ws.send_text(EIO_PONG)
                continue
            if text.startswith("1"):
                raise Closed("Engine.IO close packet")
            return text

    def emit(self, event, *args):
        self.ws.send_text(sio_event(event, *args))

    def call(self, event, *args, timeout=10):
        """Emits with an ack id and returns the ack's arguments; Closed if the server disconnects us."""
        ack_id = self.send_call(event, *args)
        return self.wait_ack(ack_id, time.monotonic() + timeout)

    def send_call(self, event, *args):
        ack_id = self.next_ack_id
        self.next_ack_id += 1
        self.ws.send_text(sio_event(event, *args, ack_id=ack_id))
        return ack_id

    def wait_ack(self, ack_id, deadline):
        while True:
            kind, packet_id, data = parse_sio(self.next_packet(deadline))
            if kind == SIO_ACK and packet_id == ack_id:
                return data
            if kind in (SIO_DISCONNECT, SIO_CONNECT_ERROR):
                raise Closed("Socket.IO disconnect from the server: %r" % (data,))
            if kind == SIO_EVENT:
                self.events.append((data[0], data[1:]))

    def close(self):
        self.ws.close()


# ---------------------------------------------------------------- plain HTTP and long-polling

def http_request(port, method, path, body=None, timeout=10):
    """One request on a fresh connection -> (status, body bytes)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers={"Content-Type": "text/plain;charset=UTF-8"}
                           if body is not None else {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class PollingClient:
    """A Socket.IO client on the Engine.IO long-polling transport, one request per connection."""

    def __init__(self, port, timeout=10):
        self.port = port
        self.timeout = timeout
        status, body = http_request(port, "GET", "/socket.io/?EIO=4&transport=polling", timeout=timeout)
        assert status == 200, "polling handshake answered %d: %r" % (status, body[:200])
        opening = split_polling_payload(body)[0]
        assert opening.startswith(EIO_OPEN), "expected the open packet, got %r" % opening[:200]
        self.sid = json.loads(opening[1:])["sid"]
        self.path = "/socket.io/?EIO=4&transport=polling&sid=" + self.sid

    def post(self, *packets):
        status, body = http_request(self.port, "POST", self.path, body="\x1e".join(packets).encode(),
                                    timeout=self.timeout)
        return status

    def poll(self):
        status, body = http_request(self.port, "GET", self.path, timeout=self.timeout)
        assert status == 200, "poll answered %d: %r" % (status, body[:200])
        return split_polling_payload(body)

    def connect_namespace(self):
        """Socket.IO CONNECT to `/`; returns once the server's CONNECT came back."""
        assert self.post(EIO_MESSAGE + SIO_CONNECT) == 200
        self._poll_until(lambda kind, ack_id: kind == SIO_CONNECT)

    def session_open(self):
        """True while the server still knows this Engine.IO session: a noop POST is taken (200),
        not refused as an unknown session (400). A POST is never held, unlike a GET."""
        return self.post(EIO_NOOP) == 200

    def join(self, nick):
        """Socket.IO CONNECT then `join`; returns once the join ack came back."""
        self.connect_namespace()
        assert self.post(sio_event("join", nick, ack_id=0)) == 200
        self._poll_until(lambda kind, ack_id: kind == SIO_ACK and ack_id == 0)

    def _poll_until(self, wanted):
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            for packet in self.poll():
                if packet.startswith(EIO_MESSAGE):
                    kind, ack_id, _ = parse_sio(packet)
                    if wanted(kind, ack_id):
                        return
        raise TimeoutError("polling client %s: expected packet never came" % self.sid)

    def start_poll(self):
        """Sends a long-poll GET on a connection of its own and returns that socket, unread."""
        sock = connect(self.port, timeout=self.timeout)
        sock.sendall(("GET %s HTTP/1.1\r\nHost: %s:%d\r\n\r\n" % (self.path, HOST, self.port)).encode())
        return sock


def hold_polls(pollers, quiet=2.0, rounds=20):
    """One long-poll GET per poller that the server is holding, as their sockets: a GET answered
    within `quiet` seconds (a packet was waiting) is dropped and sent again. `quiet` is generous:
    on a loaded machine a server with packets waiting can take longer than half a second to answer
    twenty GETs, and a GET taken for held that is answered later is not a held poll at all."""
    sockets = {poller: poller.start_poll() for poller in pollers}
    for _ in range(rounds):
        readable, _, _ = select.select(list(sockets.values()), [], [], quiet)
        if not readable:
            return list(sockets.values())
        for poller, sock in list(sockets.items()):
            if sock in readable:
                sock.close()
                sockets[poller] = poller.start_poll()
    raise AssertionError("the server kept answering long-polls at once; none was held")


# ---------------------------------------------------------------- attack and probe helpers

def pump(sock, chunk, until, *stops):
    """Writes `chunk` over and over as fast as the server takes it, until `until` (monotonic) or one
    of the `stops` events is set, or the connection fails. Returns (bytes written, the error that
    ended it or None). Short send timeouts keep the stop conditions checked while TCP pushes back;
    partial writes are resumed, so the byte stream stays well framed."""
    sent = 0
    view = memoryview(chunk)
    offset = 0
    sock.settimeout(0.2)
    while time.monotonic() < until and not any(stop.is_set() for stop in stops):
        try:
            count = sock.send(view[offset:])
        except socket.timeout:
            continue
        except OSError as error:
            if error.errno in (errno.EAGAIN, errno.EWOULDBLOCK):
                continue
            return sent, error
        sent += count
        offset = (offset + count) % len(chunk)
    return sent, None


def drain(sock, stop):
    """Reads and discards everything until end of stream or `stop` (a flooder that reads all)."""
    sock.settimeout(0.2)
    while not stop.is_set():
        try:
            if not sock.recv(1 << 20):
                return
        except socket.timeout:
            continue
        except OSError:
            return


def probe_join(port, timeout=10):
    """A well-behaved user: connects, joins, gets the join ack, leaves. Returns the seconds it took."""
    started = time.monotonic()
    client = SocketIOClient(port, timeout=timeout)
    try:
        reply = client.call("join", "probe", timeout=max(0.1, timeout - (time.monotonic() - started)))
    finally:
        client.close()
    assert reply and reply[0].get("ok") is True, "join refused: %r" % (reply,)
    return time.monotonic() - started


def probe_page(port, timeout=10):
    """A browser loading the chat page. Returns the seconds it took."""
    started = time.monotonic()
    status, body = http_request(port, "GET", "/", timeout=timeout)
    assert status == 200 and b"<html" in body.lower(), "GET / answered %d" % status
    return time.monotonic() - started


class Prober(Background):
    """Runs `probe()` again and again in the background (one at a time, `interval` apart) while an
    attack runs; each result is (seconds or None, error or None)."""

    join_seconds = 60  # a probe under attack may take its whole time-out

    def __init__(self, probe, interval=1.0):
        super().__init__()
        self.probe = probe
        self.interval = interval
        self.results = []

    def run(self):
        while not self.stopping.is_set():
            try:
                self.results.append((self.probe(), None))
            except Exception as error:  # any failure is a result the test reports
                self.results.append((None, "%s: %s" % (type(error).__name__, error)))
            self.stopping.wait(self.interval)

    @property
    def failures(self):
        return [error for _, error in self.results if error is not None]

    def describe(self):
        times = [seconds for seconds, _ in self.results if seconds is not None]
        return "%d probes, %d failed%s%s" % (
            len(self.results), len(self.failures),
            ", slowest %.2f s" % max(times) if times else "",
            ": " + "; ".join(self.failures[:3]) if self.failures else "")


def ping_frames(count, payload=b"p" * 125):
    """`count` masked WebSocket pings back to back (opcode 9), each asking for a pong as big."""
    key = os.urandom(4)
    return client_frame(PING, payload, key=key) * count


def event_frames(count, text):
    """`count` copies of one Engine.IO/Socket.IO text frame back to back."""
    return client_frame(TEXT, text, key=os.urandom(4)) * count


def read_http_responses(sock, deadline):
    """Reads until end of stream or `deadline`; returns (responses, how it ended)."""
    reader = HTTPResponseReader()
    responses = []
    while True:
        try:
            sock.settimeout(remaining(deadline))
            chunk = sock.recv(1 << 16)
        except (TimeoutError, socket.timeout):
            return responses, "timeout"
        except ConnectionResetError:
            return responses, "reset"
        if not chunk:
            return responses + reader.finish(), "eof"
        responses += reader.feed(chunk)
