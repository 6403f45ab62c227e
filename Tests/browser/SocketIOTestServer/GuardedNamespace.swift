import Flaskish
import FlaskishSocketIO

/// The `/guarded` namespace of Tests/socketio-interop (reference_guarded.py is its python-socketio
/// twin): connection middleware, event middleware, a catch-all and `call`, as an app uses them.
func installGuardedNamespace(_ socketio: SocketIO) {
    // Connection middleware: the right token or a CONNECT_ERROR with message and data.
    socketio.use(namespace: "/guarded") { client in
        guard client.auth?["token"]?.stringValue == "letmein" else {
            throw ConnectionRefusedError("stopped by middleware", ["namespace": .string(client.namespace)])
        }
    }
    // Event middleware: every `admin_*` event is refused before any handler sees it.
    socketio.useEvents(namespace: "/guarded") { event in
        if event.name.hasPrefix("admin_") {
            throw EventRejectedError("forbidden", ["event": .string(event.name)])
        }
    }
    socketio.onConnect(namespace: "/guarded") {}
    socketio.on("admin_reset", namespace: "/guarded") { "reset done, which the middleware never lets happen" }
    // Flask-SocketIO's catch-all: the event name, then the arguments.
    socketio.onArguments("*", namespace: "/guarded") { arguments in SocketIOValue.array(arguments) }
    // Asks the client `event` ("what?") with `call` and reports its answer, or the time-out.
    socketio.on("ask", namespace: "/guarded") { data in
        let event = data["event"]?.stringValue ?? "question"
        do {
            let answer = try await call(event, "what?", timeout: data["timeout"]?.doubleValue ?? 20)
            try emit("asked", ["answer": SocketIOValue.array(answer)])
        } catch is SocketIOTimeoutError {
            try emit("asked", ["timeout": true])
        }
    }
}
