"""Issue #11, case 5: browser tabs closed while their long-poll GET is held.

Before the fix, end of stream on a connection with a request in flight was ignored and epoll kept
reporting it: 20 such polls spun a core at 100% until the next ping released them (22 of 30 s).
Issue #11: with a request in flight the connection stops asking for readability; a held long-poll
is released and its Engine.IO session treated as a transport close, so the Socket.IO session ends
at once (the chat tells the others who left) and the server goes back to idle.
"""

import socket
import time

import pytest

from conftest import IDLE_CPU_SHARE, IDLE_DEADLINE, IDLE_WINDOW, PROBE_TIMEOUT
from hostile_clients import PollingClient, hold_polls, probe_join

POLLERS = 20
# A closed transport ends its session at once; this is slack for a busy machine. The heartbeat
# (ping interval 25 s + ping timeout 20 s) must not be what ends them.
SESSION_END_DEADLINE = 10.0


@pytest.mark.parametrize("how", ["close", "half-close"])
def test_abandoned_long_polls_neither_spin_nor_linger(start_server, how):
    server = start_server()
    # The pollers connect to Socket.IO but do not join the chat: a join would make each session's
    # end broadcast a "left" notice to the other pollers, and that notice could answer a poll in
    # the instant between its client hanging up and the server reading the hang-up. A poll so
    # answered is no longer held, and its session rightly waits for the next poll (the ping
    # timeout ends it, as in Node); the test is about held polls.
    pollers = []
    for index in range(POLLERS):
        poller = PollingClient(server.port, timeout=PROBE_TIMEOUT)
        poller.connect_namespace()
        pollers.append(poller)
    held = hold_polls(pollers)
    for sock in held:
        if how == "close":
            sock.close()
        else:
            sock.shutdown(socket.SHUT_WR)  # the request is complete; we will read no more either
    abandoned_at = time.monotonic()
    try:
        idle, shares = server.wait_until_idle(IDLE_CPU_SHARE, IDLE_WINDOW, abandoned_at + IDLE_DEADLINE)
        deadline = max(time.monotonic(), abandoned_at + SESSION_END_DEADLINE)
        still_open = list(pollers)
        while still_open and time.monotonic() < deadline:
            still_open = [poller for poller in still_open if poller.session_open()]
            if still_open:
                time.sleep(0.2)  # polling an outside observable; the deadline bounds it
        assert server.alive(), "ChatDemo died: %s" % server.settled_description()
        problems = []
        if not idle:
            problems.append("CPU busy after %d long-polls were abandoned: shares of a core per %.0f s window %s" % (
                POLLERS, IDLE_WINDOW, shares))
        if still_open:
            problems.append("%d of %d abandoned sessions still open %.0f s later: %s..." % (
                len(still_open), POLLERS, time.monotonic() - abandoned_at, [p.sid for p in still_open][:3]))
        assert not problems, "(%s) " % how + "; ".join(problems)
        probe_join(server.port, timeout=PROBE_TIMEOUT)
    finally:
        for sock in held:
            sock.close()
