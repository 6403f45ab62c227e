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
from hostile_clients import PollingClient, SocketIOClient, hold_polls, probe_join
from hostile_wire import SIO_EVENT, parse_sio

POLLERS = 20
# A closed transport ends its session at once; this is slack for a busy machine. The heartbeat
# (ping interval 25 s + ping timeout 20 s) must not be what ends them.
SESSION_END_DEADLINE = 10.0


@pytest.mark.parametrize("how", ["close", "half-close"])
def test_abandoned_long_polls_neither_spin_nor_linger(start_server, how):
    server = start_server()
    observer = SocketIOClient(server.port)
    assert observer.call("join", "observer")[0]["ok"] is True
    pollers = []
    for index in range(POLLERS):
        poller = PollingClient(server.port, timeout=PROBE_TIMEOUT)
        poller.join("poller%d" % index)
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
        left = set()
        expected = {"poller%d" % index for index in range(POLLERS)}
        deadline = max(time.monotonic(), abandoned_at + SESSION_END_DEADLINE)
        try:
            while left != expected:
                kind, _, data = parse_sio(observer.next_packet(deadline))
                if kind == SIO_EVENT and data[0] == "presence" and data[1].get("event") == "leave":
                    left.add(data[1]["nick"])
        except TimeoutError:
            pass
        assert server.alive(), "ChatDemo died: %s" % server.settled_description()
        problems = []
        if not idle:
            problems.append("CPU busy after %d long-polls were abandoned: shares of a core per %.0f s window %s" % (
                POLLERS, IDLE_WINDOW, shares))
        if left != expected:
            problems.append("%d of %d abandoned sessions still open %.0f s later: %s..." % (
                len(expected - left), POLLERS, time.monotonic() - abandoned_at, sorted(expected - left)[:3]))
        assert not problems, "(%s) " % how + "; ".join(problems)
        probe_join(server.port, timeout=PROBE_TIMEOUT)
    finally:
        for sock in held:
            sock.close()
        observer.close()
