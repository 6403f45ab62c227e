#!/usr/bin/env python3
"""Chat soak: many clients chatting over WebSocket against ChatDemo; every message must reach every
other client exactly once and in its sender's order (issue #11: "the soak keeps holding").

    python Benchmarks/soak/soak.py              CI size: 50 clients x 15 s, 1 message/s each
    python Benchmarks/soak/soak.py --full       the full soak: 200 clients x 3 min, 0.25 message/s each
    SOAK_FULL=1 python Benchmarks/soak/soak.py  the same as --full
    options: --clients N --seconds S --rate R (messages per second per client) --port P (a server
             already running on 127.0.0.1:P instead of a fresh `$FLASKISH_BIN_PATH/ChatDemo --port 0`)

Each client connects with the Engine.IO websocket transport, joins as `c<index>`, then sends
`c<index>:<n>` (n = 0, 1, 2...) at random intervals averaging 1/rate, with an ack. ChatDemo
broadcasts each message to everyone but its sender. Once sending stops, every client must have got
every other client's messages, each once, in order, and every ack must be {ok: true}. The last line
is a JSON summary; the exit status is 1 when anything was lost, duplicated, reordered or refused.
Tests/hostile/test_soak.py runs the CI size; the full size is run by hand.
"""

import argparse
import asyncio
import base64
import json
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "Tests", "hostile"))

from hostile_server import MiB, ServerProcess  # noqa: E402
from hostile_wire import (EIO_MESSAGE, EIO_OPEN, EIO_PING, EIO_PONG, SIO_ACK, SIO_CONNECT, SIO_EVENT,  # noqa: E402
                          TEXT, FrameReader, client_frame, parse_sio, sio_event)

CI_SIZE = dict(clients=50, seconds=15.0, rate=1.0)
FULL_SIZE = dict(clients=200, seconds=180.0, rate=0.25)
HOST = "127.0.0.1"
SETUP_TIMEOUT = 60.0   # connecting and joining everyone, on a busy machine
ACK_TIMEOUT = 30.0
DRAIN_TIMEOUT = 30.0   # after the last send, for the last broadcasts to arrive
CONNECT_BATCH = 50     # clients connecting at once


class SoakClient:
    """One chatting client and the bookkeeping of what it received."""

    def __init__(self, index, problems):
        self.nick = "c%d" % index
        self.problems = problems
        self.sent = 0
        self.acks = {}
        self.next_ack_id = 0
        self.ack_tasks = []
        self.next_expected = {}  # sender nick -> next sequence number expected from it
        self.received = 0
        self.target = None       # messages to receive in all, known once sending has stopped
        self.complete = asyncio.Event()
        self.closed = False
        self.frames = FrameReader()
        loop = asyncio.get_running_loop()
        self.opened, self.connected = loop.create_future(), loop.create_future()

    async def start(self, port):
        self.reader, self.writer = await asyncio.open_connection(HOST, port)
        key = base64.b64encode(os.urandom(16)).decode()
        self.writer.write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: %s:%d\r\n"
                           "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n" % (HOST, port, key)).encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 101"):
            raise RuntimeError("%s: WebSocket refused: %r" % (self.nick, head[:200]))
        self.reading = asyncio.create_task(self.read_loop())
        await self.opened
        self.send(EIO_MESSAGE + SIO_CONNECT)
        await self.connected
        reply = await self.call("join", self.nick)
        if not (reply and reply[0].get("ok")):
            raise RuntimeError("%s: join refused: %r" % (self.nick, reply))

    def send(self, text):
        self.writer.write(client_frame(TEXT, text))

    async def call(self, event, *args):
        ack_id = self.next_ack_id
        self.next_ack_id += 1
        self.acks[ack_id] = asyncio.get_running_loop().create_future()
        self.send(sio_event(event, *args, ack_id=ack_id))
        await self.writer.drain()
        return await asyncio.wait_for(self.acks[ack_id], ACK_TIMEOUT)

    async def read_loop(self):
        try:
            while True:
                data = await self.reader.read(1 << 16)
                if not data:
                    break
                for opcode, payload in self.frames.feed(data):
                    if opcode == TEXT:
                        self.on_packet(payload.decode("utf-8"))
        except (ConnectionError, OSError):
            pass
        except Exception as error:  # a malformed packet: reported, and this client stops
            self.problems.append("%s: %s: %s" % (self.nick, type(error).__name__, error))
        self.closed = True
        for future in [self.opened, self.connected, *self.acks.values()]:
            if not future.done():
                future.set_exception(ConnectionError("%s: the server closed the connection" % self.nick))

    def on_packet(self, text):
        if text == EIO_PING:
            self.send(EIO_PONG)
        elif text.startswith(EIO_OPEN):
            self.opened.set_result(json.loads(text[1:]))
        elif text.startswith(EIO_MESSAGE):
            kind, ack_id, data = parse_sio(text)
            if kind == SIO_CONNECT and not self.connected.done():
                self.connected.set_result(data)
            elif kind == SIO_ACK and ack_id in self.acks:
                self.acks.pop(ack_id).set_result(data)
            elif kind == SIO_EVENT and data[0] == "message":
                self.on_message(data[1])

    def on_message(self, message):
        sender, _, number = message["text"].partition(":")
        sequence = int(number)
        if sender == self.nick:
            self.problems.append("%s got its own message %d back" % (self.nick, sequence))
            return
        expected = self.next_expected.get(sender, 0)
        if sequence < expected:
            self.problems.append("%s got %s:%d twice or late (expected %d)" % (self.nick, sender, sequence, expected))
            return
        if sequence > expected:
            self.problems.append("%s missed %s:%d..%d (got %d)" % (self.nick, sender, expected, sequence - 1, sequence))
        self.next_expected[sender] = sequence + 1
        self.received += 1
        self.check_complete()

    def check_complete(self):
        if self.target is not None and self.received >= self.target:
            self.complete.set()

    async def chat(self, until, rate):
        while True:
            await asyncio.sleep(min(random.expovariate(rate), max(0.0, until - time.monotonic())))
            if time.monotonic() >= until:
                return
            self.ack_tasks.append(asyncio.create_task(self.send_message("%s:%d" % (self.nick, self.sent))))
            self.sent += 1

    async def send_message(self, text):
        try:
            reply = await self.call("message", text)
        except (asyncio.TimeoutError, ConnectionError) as error:
            self.problems.append("%s: no ack for %s (%s)" % (self.nick, text, type(error).__name__))
            return
        if not (reply and reply[0].get("ok")):
            self.problems.append("%s: %s refused: %r" % (self.nick, text, reply))


async def soak(port, clients, seconds, rate, log=print):
    """Runs the soak against a server on `port`; returns a summary dict (`problems` empty when it held)."""
    problems = []
    chatters = [SoakClient(index, problems) for index in range(clients)]
    started = time.monotonic()
    for first in range(0, clients, CONNECT_BATCH):
        await asyncio.wait_for(asyncio.gather(*(client.start(port) for client in chatters[first:first + CONNECT_BATCH])),
                               SETUP_TIMEOUT)
    log("%d clients joined in %.1f s; chatting for %.0f s at %.2f message/s each" % (
        clients, time.monotonic() - started, seconds, rate))
    until = time.monotonic() + seconds
    await asyncio.gather(*(client.chat(until, rate) for client in chatters))
    await asyncio.gather(*(task for client in chatters for task in client.ack_tasks))
    total_sent = sum(client.sent for client in chatters)
    for client in chatters:
        client.target = total_sent - client.sent
        client.check_complete()
    try:
        await asyncio.wait_for(asyncio.gather(*(client.complete.wait() for client in chatters)), DRAIN_TIMEOUT)
    except asyncio.TimeoutError:
        short = [(client.nick, client.target - client.received) for client in chatters if not client.complete.is_set()]
        problems.append("%d clients still missing messages %.0f s after the last send, e.g. %s" % (
            len(short), DRAIN_TIMEOUT, short[:5]))
    closed = [client.nick for client in chatters if client.closed]
    if closed:
        problems.append("%d clients were disconnected: %s" % (len(closed), closed[:5]))
    for client in chatters:
        client.writer.close()
        client.reading.cancel()
    return {"clients": clients, "seconds": seconds, "rate": rate, "sent": total_sent,
            "expected_deliveries": total_sent * (clients - 1),
            "deliveries": sum(client.received for client in chatters),
            "problems": problems[:20], "problem_count": len(problems)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", default=os.environ.get("SOAK_FULL") == "1")
    parser.add_argument("--clients", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--rate", type=float)
    parser.add_argument("--port", type=int, help="a running server on 127.0.0.1 instead of a fresh ChatDemo")
    arguments = parser.parse_args()
    size = dict(FULL_SIZE if arguments.full else CI_SIZE)
    for name in size:
        if getattr(arguments, name) is not None:
            size[name] = getattr(arguments, name)
    server = None if arguments.port else ServerProcess().start()
    port = arguments.port or server.port
    try:
        before = server.rss() if server else 0
        cpu_before = server.cpu_seconds() if server else 0
        summary = asyncio.run(soak(port, size["clients"], size["seconds"], size["rate"]))
        if server:
            summary["server_alive"] = server.alive()
            if server.alive():
                summary["server_rss_mib"] = [round(before / MiB, 1), round(server.rss() / MiB, 1)]
                summary["server_cpu_seconds"] = round(server.cpu_seconds() - cpu_before, 1)
            else:
                summary["problems"].append("ChatDemo died: " + server.settled_description())
    finally:
        if server:
            server.stop()
    print(json.dumps(summary))
    held = not summary["problems"] and summary["deliveries"] == summary["expected_deliveries"] > 0
    print("soak %s: %d of %d deliveries" % ("held" if held else "FAILED", summary["deliveries"],
                                            summary["expected_deliveries"]))
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
