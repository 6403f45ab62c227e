"""The /guarded namespace of Tests/socketio-interop on the python-socketio reference server.

Flaskish's SocketIOTestServer (GuardedNamespace.swift) does this with connection middleware,
event middleware, a catch-all and ``call``. python-socketio has no middleware, so the connect
handler and the handlers give the answers middleware would; the wire is the same.
"""

import threading

import socketio

NAMESPACE = "/guarded"


def install(sio):
    @sio.on("connect", namespace=NAMESPACE)
    def connect(sid, environ, auth):
        if not isinstance(auth, dict) or auth.get("token") != "letmein":
            raise socketio.exceptions.ConnectionRefusedError("stopped by middleware", {"namespace": NAMESPACE})

    def refusal(event):
        return {"message": "forbidden", "data": {"event": event}}

    @sio.on("admin_reset", namespace=NAMESPACE)
    def admin_reset(sid, *args):
        return refusal("admin_reset")

    @sio.on("*", namespace=NAMESPACE)
    def catch_all(event, sid, *args):
        if event.startswith("admin_"):
            return refusal(event)
        return [event, *args]

    @sio.on("ask", namespace=NAMESPACE)
    def ask(sid, data):
        # python-socketio's call() refuses to run with async_handlers off (as this server is):
        # the same exchange with an emit callback, on a background task.
        def worker():
            done = threading.Event()
            answers = []

            def answered(*answer):
                answers.append(list(answer))
                done.set()

            sio.emit(data.get("event", "question"), "what?", to=sid, namespace=NAMESPACE, callback=answered)
            if done.wait(data.get("timeout", 20)):
                sio.emit("asked", {"answer": answers[0]}, to=sid, namespace=NAMESPACE)
            else:
                sio.emit("asked", {"timeout": True}, to=sid, namespace=NAMESPACE)

        sio.start_background_task(worker)
