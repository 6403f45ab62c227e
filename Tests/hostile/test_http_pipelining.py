"""Issue #11, case 4: pipelined requests from a client that never reads the answers.

Before the fix the engine went back to reading after every answer whatever was still unsent, and
removed answers from the front of an ever-growing buffer: +311 MiB and 13 s of CPU in 15 s for one
connection. nginx: +0 MiB. DESIGN.md / issue #11: the next request is not read while the previous
answer is queued past a high-water mark, so TCP pushes back on the client.
"""

import time

from conftest import ATTACK_SECONDS, IDLE_WINDOW, PIPELINING_RSS_BOUND, PROBE_TIMEOUT, settled, watched
from hostile_clients import connect, probe_page, pump
from hostile_server import MiB

SMALL_RECEIVE_BUFFER = 4096
REQUEST = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: hostile-pipeliner\r\n\r\n"


def test_pipelining_without_reading_is_bounded(start_server):
    server = start_server()
    offender = connect(server.port, rcvbuf=SMALL_RECEIVE_BUFFER)
    try:
        with watched(server, PIPELINING_RSS_BOUND, probe_page) as (memory, prober):
            sent, error = pump(offender, REQUEST * 100, time.monotonic() + ATTACK_SECONDS, memory.exceeded)
        written = "the pipeliner wrote %.2f MiB (%d requests, %s)" % (
            sent / MiB, sent // len(REQUEST), error or "no error")
        assert server.alive(), "ChatDemo died: %s; %s" % (server.settled_description(), written)
        assert memory.peak_growth < PIPELINING_RSS_BOUND, "%s, bound +%d MiB; %s" % (
            memory.describe(), PIPELINING_RSS_BOUND // MiB, written)
        # The offender is still connected and still not reading: nothing is left to do but wait.
        idle, shares = settled(server)
        assert idle, "CPU busy after the pipeliner stopped writing: shares of a core per %.0f s window %s; %s" % (
            IDLE_WINDOW, shares, written)
        assert not prober.failures, "the chat page was not served during the attack: %s" % prober.describe()
        assert prober.results, "no page load completed during the attack"
        probe_page(server.port, timeout=PROBE_TIMEOUT)
    finally:
        offender.close()
