"""Issue #11, case 2: event floods from clients that read everything.

Two joined clients send Socket.IO events as fast as TCP lets them (raw frames, `42["message",...]`,
or an event nobody handles) for ATTACK_SECONDS while reading and discarding all they get. Before
the fix, the queue between the event loop and the handlers was unbounded: +2.8 GB in 14 s, then a
minute at 1.5 cores running handlers for sockets long gone. With per-client back-pressure (DESIGN.md:
~128 packets waiting for one client's handlers, then the loop stops reading that client), memory
stays bounded, CPU falls to idle soon after the flooders leave, and others keep being answered.
"""

import threading
import time

import pytest

from conftest import ATTACK_SECONDS, EVENT_FLOOD_RSS_BOUND, IDLE_WINDOW, PROBE_TIMEOUT, pumped, settled, watched
from hostile_clients import SocketIOClient, drain, event_frames, probe_join, pump
from hostile_server import MiB
from hostile_wire import sio_event

FLOODERS = 2
FRAMES_PER_WRITE = 100
# Long, so every event a server keeps costs memory: the chat takes messages of up to 500
# characters; an event nobody handles may carry anything up to the 1 MB message limit.
ARGUMENTS = {"message": "flood " * 66, "no-such-event": "unheard " * 2048}


@pytest.mark.parametrize("event", ["message", "no-such-event"])
def test_event_flood_is_bounded_and_leaves_no_work_behind(start_server, event):
    server = start_server()
    flooders = []
    for index in range(FLOODERS):
        flooder = SocketIOClient(server.port)
        assert flooder.call("join", "flooder%d" % index)[0]["ok"] is True
        flooders.append(flooder)
    chunk = event_frames(FRAMES_PER_WRITE, sio_event(event, ARGUMENTS[event]))
    stop_reading = threading.Event()
    readers = [threading.Thread(target=drain, args=(flooder.ws.sock, stop_reading), daemon=True)
               for flooder in flooders]
    results = [None] * FLOODERS

    def flood(index, until, memory):
        results[index] = pump(flooders[index].ws.sock, chunk, until, memory.exceeded)

    with watched(server, EVENT_FLOOD_RSS_BOUND, probe_join) as (memory, prober):
        for reader in readers:
            reader.start()
        until = time.monotonic() + ATTACK_SECONDS
        senders = [threading.Thread(target=flood, args=(index, until, memory), daemon=True)
                   for index in range(FLOODERS)]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join(ATTACK_SECONDS + 30)
    stop_reading.set()
    for reader in readers:
        reader.join(10)
    for flooder in flooders:
        flooder.close()
    flooded = pumped("flooders", results)

    assert server.alive(), "ChatDemo died under the flood: %s (%s)" % (server.settled_description(), flooded)
    assert memory.peak_growth < EVENT_FLOOD_RSS_BOUND, "%s, bound +%d MiB; %s; %s" % (
        memory.describe(), EVENT_FLOOD_RSS_BOUND // MiB, flooded, prober.describe())
    idle, shares = settled(server)
    assert idle, "CPU still busy after the flooders left: shares of a core per %.0f s window %s; %s" % (
        IDLE_WINDOW, shares, flooded)
    assert not prober.failures, "a joining client was not served during the flood: %s" % prober.describe()
    assert prober.results, "no probe completed during the flood"
    probe_join(server.port, timeout=PROBE_TIMEOUT)
