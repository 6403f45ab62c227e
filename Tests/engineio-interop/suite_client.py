"""Raw Engine.IO v4 client steps for the tests that mirror the official server test-suites.

socketio/engine.io-protocol and socketio/socket.io-protocol ship a mocha suite
(test-suite/test-suite.js) that talks to a server with fetch and bare WebSockets. Our tests
say the same things in Python with requests and websocket-client, against our servers
configured as the suite expects. Two deliberate differences, both for a small shared machine:
no sleeps (we wait for events with generous time-outs) and, where a test is not about the
heartbeat, a PING ("2") the server sends meanwhile is answered and skipped instead of being
taken for the awaited message.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import threading

import requests
import websocket

WAIT = 20  # seconds; generous, the machine is small and shared
SEPARATOR = "\x1e"  # between packets of a polling payload (Engine.IO v4)


class Endpoint:
    """One server's Engine.IO endpoint: `base` is http://127.0.0.1:<port>/<path>/."""

    def __init__(self, port, path, reference=False):
        self.reference = reference  # Node's server, run to check the tests rather than Flaskish
        self.http = "http://127.0.0.1:%d/%s/" % (port, path)
        self.ws = "ws://127.0.0.1:%d/%s/" % (port, path)

    def get(self, query):
        return requests.get(self.http + "?" + query, timeout=WAIT)

    def post(self, query, body):
        return requests.post(self.http + "?" + query, data=body.encode(), timeout=WAIT)

    def session_url(self, sid):
        return self.http + "?EIO=4&transport=polling&sid=" + sid

    def open_polling_session(self):
        """Handshake over polling; returns (the OPEN packet's JSON, the response)."""
        response = self.get("EIO=4&transport=polling")
        assert response.status_code == 200, response.text
        assert response.text.startswith("0"), response.text
        return json.loads(response.text[1:]), response

    def poll(self, sid):
        return requests.get(self.session_url(sid), timeout=WAIT)

    def push(self, sid, body):
        return requests.post(self.session_url(sid), data=body.encode(), timeout=WAIT)

    def websocket(self, query="EIO=4&transport=websocket"):
        return websocket.create_connection(self.ws + "?" + query, timeout=WAIT)


def packets_without_pings(payload):
    """The packets of a polling payload, minus server PINGs that a slow test may have let in."""
    return [packet for packet in payload.split(SEPARATOR) if packet != "2"]


def receive(ws, answer_pings=True):
    """The next WebSocket frame; with `answer_pings`, PINGs are answered and skipped."""
    while True:
        frame = ws.recv()
        if answer_pings and frame == "2":
            ws.send("3")
            continue
        return frame


def closes(ws, answer_pings=False):
    """True once the server closes `ws` (within WAIT); frames meanwhile are read and dropped."""
    try:
        while True:
            frame = ws.recv()
            if frame in ("", None):
                return True
            if answer_pings and frame == "2":
                ws.send("3")
    except websocket.WebSocketConnectionClosedException:
        return True
    except websocket.WebSocketTimeoutException:
        return False
    except OSError:
        return True


NODE_SERVES_ANY_EIO = ("Node's engine.io serves a WebSocket without a valid EIO (the suite starts it but asserts "
                       "nothing); Flaskish refuses it")
NODE_CLOSE_RACE = ("Node answers a GET that reaches it after the client's CLOSE with 400, and this test cannot order "
                   "the two without a sleep; Flaskish owes that GET a NOOP either way")


def refused_or_closed(endpoint, query):
    """A WebSocket request the server must not serve: refused at the handshake, or closed."""
    try:
        ws = endpoint.websocket(query)
    except websocket.WebSocketBadStatusException:
        return True
    try:
        return closes(ws)
    finally:
        ws.close()


def in_parallel(*calls):
    """Runs each call on its own thread; returns their results (exceptions are re-raised)."""
    results = [None] * len(calls)
    errors = []

    def run(index, call):
        try:
            results[index] = call()
        except Exception as error:  # noqa: BLE001 (re-raised below)
            errors.append(error)

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT * 2)
    if errors:
        raise errors[0]
    return results


def upgrade(endpoint, sid):
    """Upgrades a polling session to WebSocket (probe, then UPGRADE); returns the socket."""
    ws = endpoint.websocket("EIO=4&transport=websocket&sid=" + sid)
    ws.send("2probe")
    assert receive(ws) == "3probe"
    ws.send("5")
    return ws


# The official Node.js servers the suites' READMEs describe (Engine.IO on /engine.io/, Socket.IO
# on /socket.io/), from the shared test peer ../shared/peers/node-socketio (never part of the
# product). Running the same tests against them shows the tests expect what the reference does.
NODE_SUITES = os.environ.get("FLASKISH_NODE_SUITES") or os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "..", "shared", "peers",
    "node-socketio", "suites.js")


def node_reference_available():
    return shutil.which("node") is not None and os.path.exists(NODE_SUITES)


class NodeReference:
    """`node suites.js --port 0`, stopped with SIGTERM; `port` once it listens."""

    def __init__(self):
        self.process = subprocess.Popen(["node", NODE_SUITES, "--host", "127.0.0.1", "--port", "0"],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        line = self.process.stdout.readline().decode()
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        if not match:
            self.stop()
            raise RuntimeError("the Node reference did not start: " + line)
        self.port = int(match.group(1))
        threading.Thread(target=self.process.stdout.read, daemon=True).start()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


# Expectations the Node reference cannot meet (its own documented behaviour, see
# docs/socketio.md) are not generated against it, rather than reported as skipped. These are
# pytest hooks: the conftest.py of both suites imports them.
def pytest_configure(config):
    config.addinivalue_line("markers", "not_against_reference(reason): a check of ours the Node reference does not make")


def pytest_collection_modifyitems(config, items):
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        against_reference = callspec is not None and "node-reference" in callspec.params.values()
        (dropped if against_reference and item.get_closest_marker("not_against_reference") else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
