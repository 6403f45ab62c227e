"""Issue #11, case 3: WebSocket pings from a client that never reads.

Every ping asks for a pong; a client that never reads lets the pongs pile up. Before the fix pongs
bypassed the outbound limit: two such connections grew RSS by 1.9 GB in 25 s, until the Engine.IO
heartbeat noticed. DESIGN.md: the outbound queue per connection (control frames included) is
bounded at 4 MiB; at the limit the loop stops reading (back-pressure) and a peer that makes no
progress for SEND_TIMEOUT is closed. Run with FLASK_SEND_TIMEOUT=TEST_SEND_TIMEOUT, the offenders
must be cut within that plus a margin, memory stay bounded, and others be served throughout.
"""

import threading
import time

from conftest import (PING_FLOOD_RSS_BOUND_PER_CONNECTION, PROBE_TIMEOUT, TEST_SEND_TIMEOUT, TIMEOUT_MARGIN, pumped,
                      watched)
from hostile_clients import WebSocketClient, ping_frames, probe_join, pump
from hostile_server import MiB
from hostile_wire import TEXT

OFFENDERS = 2
SMALL_RECEIVE_BUFFER = 16 * 1024
# Time for the server to fill its queue and the kernel buffers before "no progress" starts: a few
# MiB of pongs, under a second even for the debug build.
FILL_ALLOWANCE = 3.0


def test_ping_flood_from_a_client_that_never_reads_is_cut(start_server):
    server = start_server(FLASK_SEND_TIMEOUT=TEST_SEND_TIMEOUT)
    offenders = [WebSocketClient(server.port, rcvbuf=SMALL_RECEIVE_BUFFER) for _ in range(OFFENDERS)]
    for offender in offenders:  # the Engine.IO open packet is the last thing they ever read
        opcode, payload = offender.next_message(time.monotonic() + PROBE_TIMEOUT)
        assert opcode == TEXT and payload.startswith(b"0{"), payload[:100]
        assert server.holds_connection(offender.local_port), "cannot see the offender's connection in /proc"
    chunk = ping_frames(500)
    bound = OFFENDERS * PING_FLOOD_RSS_BOUND_PER_CONNECTION
    results = [None] * OFFENDERS
    cut_after = {}

    with watched(server, bound, probe_join) as (memory, prober):
        started = time.monotonic()
        deadline = started + FILL_ALLOWANCE + TEST_SEND_TIMEOUT + TIMEOUT_MARGIN
        stop = threading.Event()

        def flood(index):
            results[index] = pump(offenders[index].sock, chunk, deadline, memory.exceeded, stop)

        senders = [threading.Thread(target=flood, args=(index,), daemon=True) for index in range(OFFENDERS)]
        for sender in senders:
            sender.start()
        while len(cut_after) < OFFENDERS and time.monotonic() < deadline and server.alive():
            for offender in offenders:
                if offender.local_port not in cut_after and not server.holds_connection(offender.local_port):
                    cut_after[offender.local_port] = round(time.monotonic() - started, 2)
            stop.wait(0.1)
        stop.set()
        for sender in senders:
            sender.join(30)
    for offender in offenders:
        offender.close()
    flooded = pumped("pingers", results)

    assert server.alive(), "ChatDemo died under the ping flood: %s" % server.settled_description()
    assert memory.peak_growth < bound, "%s, bound +%d MiB; %s" % (memory.describe(), bound // MiB, flooded)
    assert len(cut_after) == OFFENDERS, (
        "offenders still connected %.0f s after they stopped reading (send timeout %d s); cut: %s; %s; %s" % (
            deadline - started, TEST_SEND_TIMEOUT, cut_after, flooded, memory.describe()))
    assert not prober.failures, "a joining client was not served during the ping flood: %s" % prober.describe()
    probe_join(server.port, timeout=PROBE_TIMEOUT)
