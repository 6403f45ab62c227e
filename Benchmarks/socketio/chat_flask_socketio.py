"""The chat fan-out server in Flask-SocketIO, the reference Flaskish is measured against.

Same behaviour as FlaskishChat/main.swift: every `message` event is sent back to every
connected client, the sender included (`send(msg, broadcast=True)`, include_self defaults
to True). `--mode` picks Flask-SocketIO's async_mode; `--message-queue redis://…` makes the
process one member of a cluster (Flask-SocketIO's `message_queue`, as cluster.sh uses it); the
process prints `PORT <n>` once it is about to listen, then serves until SIGTERM. Logging is off
so the terminal is not the bottleneck.
"""

import argparse
import sys


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=("threading", "gevent", "eventlet"), default="threading")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--message-queue", default=None, help="redis:// URL of the cluster's queue")
    return parser.parse_args()


def main():
    args = parse_arguments()
    # gevent and eventlet must patch the standard library before anything else imports it.
    if args.mode == "gevent":
        from gevent import monkey

        monkey.patch_all()
    elif args.mode == "eventlet":
        import eventlet

        eventlet.monkey_patch()

    import logging

    from flask import Flask
    from flask_socketio import SocketIO, send

    app = Flask(__name__)
    socketio = SocketIO(
        app,
        async_mode=args.mode,
        cors_allowed_origins="*",
        message_queue=args.message_queue,
        logger=False,
        engineio_logger=False,
    )

    @socketio.on("message")
    def message(msg):
        send(msg, broadcast=True)

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    print(f"PORT {args.port}", flush=True)
    extra = {}
    if args.mode == "threading":
        # The Werkzeug development server, as `socketio.run` uses it; allow_unsafe_werkzeug
        # only silences its production warning.
        extra["allow_unsafe_werkzeug"] = True
    elif args.mode == "gevent":
        extra["log_output"] = False
    elif args.mode == "eventlet":
        extra["log_output"] = False
    socketio.run(app, host=args.host, port=args.port, debug=False, use_reloader=False, **extra)
    return 0


if __name__ == "__main__":
    sys.exit(main())
