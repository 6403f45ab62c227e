"""Issue #11, case 6: clients that ask for a download and never read it.

Before the fix there was no send timeout: such a client kept its connection (and its file) for
ever, and 150 of them exhausted descriptors under `ulimit -n 256`. nginx closes after send_timeout.
DESIGN.md: no progress writing to a peer for SEND_TIMEOUT (default 60 s) -> close, files released;
a WebSocket gets a close frame, then TCP. ChatDemo loads SEND_TIMEOUT from FLASK_SEND_TIMEOUT.

ChatDemo has no large static file, so a "large download" is many pipelined GETs of the 46 KB
Socket.IO client script (/socket.io/socket.io.js): megabytes of answers a client never reads.
"""

import threading
import time

from conftest import PROBE_TIMEOUT, TEST_SEND_TIMEOUT, TIMEOUT_MARGIN
from hostile_clients import Prober, SocketIOClient, connect, drain, probe_page, pump
from hostile_wire import TEXT, client_frame, sio_event

STALLED_CLIENTS = 10
SMALL_RECEIVE_BUFFER = 4096
DOWNLOAD = b"GET /socket.io/socket.io.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
DOWNLOADS_PER_CLIENT = 400  # ~18 MiB of answers each, past every kernel buffer
# Time to fill the server's queue and kernel buffers before "no progress" starts.
FILL_ALLOWANCE = 3.0


def wait_until_released(server, ports, deadline):
    """Polls until the server holds none of the connections from `ports`; returns the ones it still holds."""
    while True:
        held = [port for port in ports if server.holds_connection(port)]
        if not held or time.monotonic() > deadline or not server.alive():
            return held
        time.sleep(0.1)  # polling /proc: there is no event to wait on


def test_stalled_downloads_are_closed_and_their_descriptors_released(start_server):
    server = start_server(FLASK_SEND_TIMEOUT=TEST_SEND_TIMEOUT)
    probe_page(server.port)
    descriptors_before = server.fd_count()
    clients = [connect(server.port, rcvbuf=SMALL_RECEIVE_BUFFER) for _ in range(STALLED_CLIENTS)]
    ports = [client.getsockname()[1] for client in clients]
    try:
        with Prober(lambda: probe_page(server.port, timeout=PROBE_TIMEOUT)) as prober:
            for client in clients:
                client.settimeout(PROBE_TIMEOUT)
                client.sendall(DOWNLOAD * DOWNLOADS_PER_CLIENT)
            started = time.monotonic()
            assert server.holds_connection(ports[0]), "cannot see the stalled connections in /proc"
            deadline = started + FILL_ALLOWANCE + TEST_SEND_TIMEOUT + TIMEOUT_MARGIN
            held = wait_until_released(server, ports, deadline)
        # The probes have stopped: only a leak can keep the count above what it was.
        descriptors_deadline = max(deadline, time.monotonic() + FILL_ALLOWANCE)
        while server.fd_count() > descriptors_before and time.monotonic() < descriptors_deadline:
            time.sleep(0.1)  # polling /proc: there is no event to wait on
        descriptors_after = server.fd_count()
        assert server.alive(), "ChatDemo died: %s" % server.settled_description()
        assert not held, "%d of %d stalled downloads still open %.0f s after they stalled (send timeout %d s)" % (
            len(held), STALLED_CLIENTS, deadline - started, TEST_SEND_TIMEOUT)
        assert descriptors_after <= descriptors_before, "the server holds %d descriptors, %d before the attack" % (
            descriptors_after, descriptors_before)
        assert not prober.failures, "the chat page was not served meanwhile: %s" % prober.describe()
    finally:
        for client in clients:
            client.close()


def test_a_socketio_client_that_stops_reading_is_closed(start_server):
    server = start_server(FLASK_SEND_TIMEOUT=TEST_SEND_TIMEOUT)
    stalled = SocketIOClient(server.port, rcvbuf=SMALL_RECEIVE_BUFFER)
    assert stalled.call("join", "stalled")[0]["ok"] is True
    talker = SocketIOClient(server.port)
    assert talker.call("join", "talker")[0]["ok"] is True
    assert server.holds_connection(stalled.local_port), "cannot see the stalled connection in /proc"
    # The talker's messages are broadcast to the stalled client, which never reads again.
    chunk = client_frame(TEXT, sio_event("message", "x" * 480)) * 100
    stop = threading.Event()
    reading = threading.Thread(target=drain, args=(talker.ws.sock, stop), daemon=True)
    reading.start()
    try:
        started = time.monotonic()
        deadline = started + FILL_ALLOWANCE + TEST_SEND_TIMEOUT + TIMEOUT_MARGIN
        written = []
        sending = threading.Thread(target=lambda: written.append(pump(talker.ws.sock, chunk, deadline, stop)),
                                   daemon=True)
        sending.start()
        held = wait_until_released(server, [stalled.local_port], deadline)
        stop.set()
        sending.join(10)
        assert server.alive(), "ChatDemo died: %s" % server.settled_description()
        assert not held, "a Socket.IO client that stopped reading is still connected %.0f s later " \
            "(send timeout %d s); the talker wrote %s" % (time.monotonic() - started, TEST_SEND_TIMEOUT, written)
        probe_page(server.port, timeout=PROBE_TIMEOUT)
    finally:
        stop.set()
        stalled.close()
        talker.close()

