"""Reference Socket.IO server for the browser tests: python-socketio, a real v4 server.

Usage: python reference_server.py [--port N]

Binds 127.0.0.1 (port 0 = any free port unless --port is given) and prints
``PORT <n>`` on stdout once it accepts connections. Any server that serves the same
application (see README.md in this folder) can stand in for this one, which is how
the same tests run against Flaskish's own Socket.IO server.

Serves:
  /test.html               a blank page; the tests load the client into it
  /socket.io/socket.io.js  our client, Sources/FlaskishSocketIO/Client/socket.io.js
  /socket.io/              the Socket.IO endpoint
"""

import argparse
import os
import sys

import socketio
import threading
from werkzeug.serving import make_server

import reference_guarded

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLIENT_JS = os.path.join(ROOT, "Sources", "FlaskishSocketIO", "Client", "socket.io.js")
TEST_PAGE = b"<!doctype html><html><head><meta charset='utf-8'><title>test</title></head><body></body></html>"

# Short heartbeats so a stalled server is noticed in seconds, not a minute. Handlers
# run one at a time in arrival order, so tests can check the order the client sent in.
sio = socketio.Server(async_mode="threading", ping_interval=2, ping_timeout=2, async_handlers=False)

# The query string each connection came with, so tests can check `query` arrives.
queries = {}


@sio.event
def connect(sid, environ, auth):
    queries[sid] = environ.get("QUERY_STRING", "")


@sio.event
def disconnect(sid, reason=None):
    queries.pop(sid, None)
    # Tests/socketio-interop: clients in "watchers" learn why another client left.
    sio.emit("peer_disconnected", {"sid": sid, "reason": reason}, to="watchers")


@sio.event
def echo(sid, *args):
    """Acks with exactly the arguments it got (a tuple becomes several ack args)."""
    return args


@sio.event
def bin_echo(sid, data):
    """Acks with the binary it got and also emits it back as a `bin` event."""
    sio.emit("bin", {"payload": data, "size": len(data)}, to=sid)
    return data, len(data)


@sio.event
def ask_client(sid, question):
    """Emits `question` to the client asking for an ack; reports the ack as `client_acked`."""
    sio.emit("question", question, to=sid,
             callback=lambda *answer: sio.emit("client_acked", list(answer), to=sid))


@sio.event
def get_query(sid):
    return queries.get(sid, "")


@sio.event
def join(sid, room):
    sio.enter_room(sid, room)
    return "joined " + room


@sio.event
def to_room(sid, room, message):
    sio.emit("room_message", {"room": room, "message": message}, to=room)
    return "sent"


@sio.event
def please_disconnect(sid):
    sio.disconnect(sid)


# Extra events of Tests/socketio-interop (README.md lists them).

@sio.event
def reflect(sid, *args):
    """Emits `reflected` with the same arguments back to the sender."""
    sio.emit("reflected", args, to=sid)


@sio.event
def broadcast(sid, message, include_self=True):
    sio.emit("broadcast_message", message, skip_sid=None if include_self else sid)
    return "sent"


@sio.event
def watch_disconnects(sid):
    sio.enter_room(sid, "watchers")
    return "watching"


TALLIES = {}
TALLIES_LOCK = threading.Lock()


@sio.event
def tally(sid, value):
    """Records `value` for the sender (no ack)."""
    with TALLIES_LOCK:
        TALLIES.setdefault(sid, []).append(value)


@sio.event
def tally_log(sid):
    """Acks everything the sender sent as `tally`, in the order the handlers ran, and forgets it."""
    with TALLIES_LOCK:
        return TALLIES.pop(sid, [])


# No handler for "never_acked": the server then sends no ACK, which is what
# the timeout tests need.


@sio.on("connect", namespace="/chat")
def chat_connect(sid, environ, auth):
    if not isinstance(auth, dict) or auth.get("token") != "secret":
        raise socketio.exceptions.ConnectionRefusedError("unauthorized", {"code": 401})


@sio.on("echo", namespace="/chat")
def chat_echo(sid, *args):
    return ("chat",) + args


# The /guarded namespace of Tests/socketio-interop (middleware, catch-all, call).
reference_guarded.install(sio)


def static_files(app):
    def wsgi(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/test.html":
            return send(start_response, "text/html; charset=utf-8", TEST_PAGE)
        if path == "/socket.io/socket.io.js":
            with open(CLIENT_JS, "rb") as file:  # read per request: edits show up at once
                return send(start_response, "application/javascript; charset=utf-8", file.read())
        if path == "/favicon.ico":
            start_response("204 No Content", [])
            return [b""]
        return app(environ, start_response)
    return wsgi


def send(start_response, content_type, body):
    start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body))),
                              ("Cache-Control", "no-store")])
    return [body]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = make_server("127.0.0.1", args.port, static_files(socketio.WSGIApp(sio)), threaded=True)
    print("PORT %d" % server.server_port, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
