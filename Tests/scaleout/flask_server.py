"""The Flask-SocketIO twin of ScaleoutServer (Tests/scaleout/ScaleoutServer/main.swift).

    flask_server.py --message-queue URL [--channel C] [--name N] [--port P]
        serves on 127.0.0.1:P (0 = any) and prints ``PORT <n>`` once it accepts connections.
    flask_server.py --message-queue URL [--channel C] --emit EVENT --data JSON [--to ROOM]
        Flask-SocketIO's write-only emitter: ``SocketIO(message_queue=...)`` without an app.
"""

import argparse
import json
import sys

from flask import Flask, request
from flask_socketio import SocketIO, close_room, disconnect, emit, join_room, leave_room

parser = argparse.ArgumentParser()
parser.add_argument("--message-queue", required=True)
parser.add_argument("--channel", default="flask-socketio")
parser.add_argument("--name", default="flask")
parser.add_argument("--port", type=int, default=0)
parser.add_argument("--emit")
parser.add_argument("--data", default="null")
parser.add_argument("--to")
parser.add_argument("--namespace", default="/")
args = parser.parse_args()

if args.emit:
    emitter = SocketIO(message_queue=args.message_queue, channel=args.channel)
    emitter.emit(args.emit, json.loads(args.data), to=args.to, namespace=args.namespace)
    sys.exit(0)

name = args.name
app = Flask(__name__)
socketio = SocketIO(app, message_queue=args.message_queue, channel=args.channel, async_mode="threading",
                    cors_allowed_origins="*")


@socketio.on("whoami")
def whoami():
    return {"server": name, "sid": request.sid}


@socketio.on("join")
def on_join(room):
    join_room(room)
    return "joined"


@socketio.on("leave")
def on_leave(room):
    leave_room(room)
    return "left"


@socketio.on("broadcast")
def on_broadcast(message):
    emit("broadcast_message", {"from": name, "message": message}, broadcast=True)
    return "sent"


@socketio.on("to_room")
def on_to_room(room, message):
    emit("room_message", {"from": name, "message": message}, to=room)
    return "sent"


@socketio.on("to_sid")
def on_to_sid(sid, message):
    socketio.emit("direct_message", {"from": name, "message": message}, to=sid)
    return "sent"


@socketio.on("enter_room_of")
def on_enter_room_of(sid, room):
    join_room(room, sid=sid)
    return "asked"


@socketio.on("leave_room_of")
def on_leave_room_of(sid, room):
    leave_room(room, sid=sid)
    return "asked"


@socketio.on("close_room")
def on_close_room(room):
    close_room(room)
    return "closed"


@socketio.on("kick")
def on_kick(sid):
    disconnect(sid=sid)
    return "kicked"


@socketio.on("burst")
def on_burst(count):
    for index in range(count):
        emit("seq", {"from": name, "n": index}, broadcast=True)
    return "sent"


@socketio.on("ask")
def on_ask(sid, question):
    asker = request.sid

    def got_answer(*answer):
        socketio.emit("answer", list(answer), to=asker)

    socketio.emit("question", question, to=sid, callback=got_answer)


if __name__ == "__main__":
    from werkzeug.serving import make_server

    # python-socketio subscribes lazily, on its first client; subscribe now so the fixture can
    # wait for this process to be on the channel before any test traffic.
    socketio.server.manager_initialized = True
    socketio.server.manager.initialize()
    server = make_server("127.0.0.1", args.port, app, threaded=True)
    print("PORT %d" % server.server_port, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
