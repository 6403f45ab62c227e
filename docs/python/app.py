"""Real-time chat with Flask and Socket.IO — the Python original of Flaskish's ChatDemo.

The tutorial this mirrors ("Chat em Tempo Real com Flask e Socket.IO") fits in a dozen
lines: an app, CORS, a SocketIO, one route rendering index.html, and a `message` handler
that prints each message and broadcasts it with `send(msg, broadcast=True)`. This file
keeps that shape, block for block, and grows the chat that Sources/ChatDemo/main.swift
also serves: nicknames, presence, the last 50 messages, typing, acks and input limits.
Both servers share ONE front end, Sources/ChatDemo/templates and Sources/ChatDemo/static.
The page speaks the browser's language (English or Portuguese): translations.py holds one
dictionary of strings per language, twin of Sources/ChatDemo/Translations.swift.

    pip install flask flask-socketio flask-cors
    python app.py                  # http://127.0.0.1:5000
    python app.py --port 0         # any free port; prints "PORT <n>" once it accepts
    python app.py --message-queue redis://127.0.0.1:6379/0 --port 5001
                                   # one process of a cluster (pip install redis); also MESSAGE_QUEUE=…

The event protocol (also documented at the top of static/js/chat.js):

    client -> server
      join(nickname)       ack {ok: true, nick, history: [message...], online}
                               or {ok: false, error}
      message(text)        ack {ok: true, id, time} or {ok: false, error};
                               a client that never joined gets the tutorial's behaviour:
                               its bare string is broadcast as is
      typing(bool)         no ack
    server -> client
      message  {id, nick, text, time}   (or a bare string, from a client that never joined)
      presence {event: "join" | "leave", nick, online}
      typing   {nick, typing}
"""

# 1. Imports
import argparse
import os
import signal
import socket
import sys
import threading
import time
import uuid

from flask import Flask, render_template, request, send_file
from flask_cors import CORS
from flask_socketio import SocketIO, emit, send

from chat_store import ChatStore, command_line_option
from translations import TRANSLATIONS, language, translate

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
CHAT_DEMO = os.path.join(REPO, "Sources", "ChatDemo")
CLIENT_JS = os.path.join(REPO, "Sources", "FlaskishSocketIO", "Client", "socket.io.js")

# The limits, the same in main.swift and chat.js. Lengths count Unicode code points
# (Python's len, Swift's unicodeScalars.count, JavaScript's Array.from(text).length).
MAX_MESSAGE_LENGTH = 500
MAX_NICKNAME_LENGTH = 32
HISTORY_SIZE = 50

# 2. The app: the tutorial's Flask(__name__), pointed at the Swift target's folders
app = Flask(__name__,
            template_folder=os.path.join(CHAT_DEMO, "templates"),
            static_folder=os.path.join(CHAT_DEMO, "static"))
# FLASK_SEND_TIMEOUT=2, FLASK_MAX_OUTBOUND_BYTES=…: settings from the environment
app.config.from_prefixed_env()

# 3. CORS and Socket.IO. With --message-queue redis://… (or MESSAGE_QUEUE) this process is
#    one of a cluster: emits reach the other processes' clients through Redis.
CORS(app)
message_queue = command_line_option("--message-queue") or os.environ.get("MESSAGE_QUEUE")
socketio = SocketIO(app, cors_allowed_origins="*", message_queue=message_queue)

# 4. The chat's state: nicknames and the last messages, kept by chat_store.py in memory,
#    or in Redis when the processes are a cluster, so that they all agree.
chat = ChatStore(message_queue, HISTORY_SIZE)


# 5. The page, in the browser's language: index.html gets that language's strings
#    (translations.py). And the Socket.IO client, which Flask-SocketIO does not serve.
@app.route("/")
def index():
    lang = language(request)
    page = render_template("index.html", lang=lang, t=TRANSLATIONS[lang])
    # The page depends on Accept-Language: a cache must not hand one language to everybody.
    return page, {"Vary": "Accept-Language"}


# Flask-SocketIO serves no browser client (the tutorial loaded one from a CDN), and its
# middleware answers every URL under /socket.io/ itself, so a route there never runs on
# its own: the small WSGI function below hands just this path to Flask. The Swift
# SocketIO serves the same file built in.
@app.route("/socket.io/socket.io.js")
def socketio_client():
    return send_file(CLIENT_JS, mimetype="text/javascript")


socketio_middleware = app.wsgi_app


def serve_client_then_socketio(environ, start_response):
    if environ.get("PATH_INFO") == "/socket.io/socket.io.js":
        return Flask.wsgi_app(app, environ, start_response)
    return socketio_middleware(environ, start_response)


app.wsgi_app = serve_client_then_socketio


# 6. The event handlers
def refusal(value, what, limit):
    """Why `value` is refused as a message or nickname, or None. Checked here even though
    chat.js checks first: a server never trusts its clients.
    `what` is "nickname" or "message"; the reason is in the language of the client's handshake."""
    lang = language(request)
    if not isinstance(value, str):
        return translate(what + "NotText", lang)
    length = len(value.strip())
    if length == 0:
        return translate(what + "Empty", lang)
    if length > limit:
        return translate(what + "TooLong", lang, length=length, limit=limit)
    return None


@socketio.on("join")
def handle_join(nickname):
    error = refusal(nickname, "nickname", MAX_NICKNAME_LENGTH)
    if error:
        return {"ok": False, "error": error}
    nick = nickname.strip()
    online, past = chat.join(request.sid, nick)
    emit("presence", {"event": "join", "nick": nick, "online": online},
         broadcast=True, include_self=False)
    return {"ok": True, "nick": nick, "history": past, "online": online}


@socketio.on("message")
def handle_message(msg):
    print("Message: " + str(msg))
    error = refusal(msg, "message", MAX_MESSAGE_LENGTH)
    if error:
        return {"ok": False, "error": error}
    nick = chat.nickname(request.sid)
    if nick is None:
        # The tutorial, verbatim: whoever did not join gets their message broadcast as is.
        send(msg, broadcast=True)
        return {"ok": True}
    record = {"id": uuid.uuid4().hex, "nick": nick, "text": msg.strip(),
              "time": int(time.time() * 1000)}
    chat.append(record)
    # The sender already shows its message; the ack confirms it (id and server time).
    send(record, broadcast=True, include_self=False)
    return {"ok": True, "id": record["id"], "time": record["time"]}


@socketio.on("typing")
def handle_typing(is_typing):
    nick = chat.nickname(request.sid)
    if nick is not None:
        emit("typing", {"nick": nick, "typing": bool(is_typing)},
             broadcast=True, include_self=False)


@socketio.on("disconnect")
def handle_disconnect(reason=None):
    nick, online = chat.leave(request.sid)
    if nick is not None:
        emit("presence", {"event": "leave", "nick": nick, "online": online}, broadcast=True)


# 7. Run
def announce_port_when_listening(host, port):
    """Prints "PORT <n>" on stdout once the server accepts connections (for tests)."""
    while True:
        try:
            socket.create_connection((host, port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    print("PORT %d" % port, flush=True)


def free_port(host):
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="The Flask + Socket.IO chat.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000, help="0 picks a free port")
    parser.add_argument("--message-queue", help="redis://… : run as one process of a cluster "
                        "(read above, before the SocketIO is made; also MESSAGE_QUEUE)")
    args = parser.parse_args()
    port = args.port or free_port(args.host)
    threading.Thread(target=announce_port_when_listening, args=(args.host, port), daemon=True).start()
    # allow_unsafe_werkzeug: Flask-SocketIO refuses Werkzeug's development server when no
    # terminal is attached (tests, scripts). This is a demo; the tutorial ran it the same way.
    # SIGTERM ends the server as Ctrl-C does, so that a cluster member takes its clients out
    # of the online count on the way out (a crash cannot: docs/scaling.md).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        socketio.run(app, host=args.host, port=port, allow_unsafe_werkzeug=True)
    finally:
        chat.close()
    sys.exit(0)
