"""python-engineio's own client against the Swift Engine.IO server."""

import queue
import threading
import time

import engineio
import pytest
import requests
from engineio import packet

from conftest import PING_INTERVAL_MS, PING_TIMEOUT_MS

WAIT = 20  # seconds: generous, the machine is small and shared

TRANSPORTS = {
    "polling": ["polling"],
    "websocket": ["websocket"],
    "upgraded": ["polling", "websocket"],
}


class RecordingClient(engineio.Client):
    """A client that queues what it receives and remembers why it disconnected."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.messages = queue.Queue()
        self.disconnected = threading.Event()
        self.disconnect_reason = None
        self.on("message", self.messages.put)
        self.on("disconnect", self._on_disconnect)

    def _on_disconnect(self, reason=None):
        self.disconnect_reason = reason
        self.disconnected.set()

    def next_message(self):
        return self.messages.get(timeout=WAIT)


class SilentClient(RecordingClient):
    """A client that stops answering the server's pings."""

    def _receive_packet(self, pkt):
        if pkt.packet_type == packet.PING:
            return
        super()._receive_packet(pkt)


def disconnect_reasons(server):
    text = requests.get(server.url + "/disconnects", timeout=WAIT).text
    return dict(line.split(" ", 1) for line in text.splitlines() if line)


def wait_for_reason(server, sid):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        reason = disconnect_reasons(server).get(sid)
        if reason:
            return reason
        time.sleep(0.05)
    return None


@pytest.fixture(params=sorted(TRANSPORTS))
def connected(request, server):
    client = RecordingClient()
    client.connect(server.url, transports=TRANSPORTS[request.param], engineio_path="socket.io")
    yield request.param, client
    if client.state == "connected":
        client.disconnect()


def test_connects_on_the_expected_transport(connected):
    name, client = connected
    assert client.sid
    assert client.transport() == ("polling" if name == "polling" else "websocket")


def test_text_and_binary_messages_both_ways(connected):
    _, client = connected
    client.send("hello")
    assert client.next_message() == "hello"
    client.send(b"\x00\x01\xfe\xff")
    assert client.next_message() == b"\x00\x01\xfe\xff"
    client.send("ünïcödé \u2603 🎉")
    assert client.next_message() == "ünïcödé \u2603 🎉"


def test_many_messages_keep_their_order(connected):
    _, client = connected
    # Batches of ten: the server takes any number of packets per POST, but the echoes come
    # back in one GET, and python-engineio's *client* refuses a payload of more than 16
    # packets (its max_decode_packets).
    for batch in range(5):
        for i in range(10):
            client.send("m%d-%d" % (batch, i))
        assert [client.next_message() for _ in range(10)] == ["m%d-%d" % (batch, i) for i in range(10)]


def test_survives_three_heartbeats(connected):
    _, client = connected
    time.sleep(3.5 * PING_INTERVAL_MS / 1000 + 0.2)
    assert client.state == "connected"
    client.send("still here")
    assert client.next_message() == "still here"


def test_client_close_is_clean(connected, server):
    name, client = connected
    sid = client.sid
    client.disconnect()
    reason = wait_for_reason(server, sid)
    if name == "polling":
        assert reason == "client disconnect"
    else:
        # The client queues its close packet and closes the WebSocket at once, so either
        # may reach the server first.
        assert reason in ("client disconnect", "transport close")


def test_server_close_reaches_the_client(connected, server):
    _, client = connected
    sid = client.sid
    client.send("close me")
    assert client.disconnected.wait(WAIT)
    assert client.disconnect_reason == client.reason.SERVER_DISCONNECT
    assert wait_for_reason(server, sid) == "server disconnect"


@pytest.mark.parametrize("transports", [["polling"], ["websocket"]])
def test_client_whose_pongs_stop_is_dropped_after_ping_timeout(server, transports):
    client = SilentClient()
    client.connect(server.url, transports=transports, engineio_path="socket.io")
    sid = client.sid
    started = time.monotonic()
    assert wait_for_reason(server, sid) == "ping timeout"
    # Dropped after one interval and one time-out, not before.
    assert time.monotonic() - started >= (PING_INTERVAL_MS + PING_TIMEOUT_MS) / 1000 * 0.8
    client.disconnect(abort=True)


def test_broadcast_reaches_clients_on_every_transport(server):
    clients = []
    try:
        for transports in TRANSPORTS.values():
            for _ in range(3):
                client = RecordingClient()
                client.connect(server.url, transports=transports, engineio_path="socket.io")
                clients.append(client)
        count = int(requests.get(server.url + "/broadcast", params={"text": "to everyone"}, timeout=WAIT).text)
        assert count >= len(clients)
        assert [client.next_message() for client in clients] == ["to everyone"] * len(clients)
    finally:
        for client in clients:
            client.disconnect()
