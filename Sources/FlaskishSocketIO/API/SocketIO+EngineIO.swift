import Flaskish

extension EngineIOSocket: SocketIOTransport {
    /// Socket.IO handlers of this client run on the app's worker pool.
    public var executor: (any TaskExecutor)? { request.workerPool }

    /// Sends the messages in one step of the Engine.IO session (one job on the loop).
    public func send(_ messages: [SocketIOTransportMessage]) {
        send(messages.map { message -> EngineIOMessage in
            switch message {
            case .text(let text): .text(text)
            case .binary(let bytes): .binary(bytes)
            }
        })
    }
}

extension EngineIOSocket: SocketIOFlowControl {}

extension SocketIO {
    /// Serves Socket.IO on the app: an Engine.IO server under `/<path>/` whose sockets feed
    /// the Socket.IO protocol server, and our browser client at `/<path>/socket.io.js`.
    func installEngine(on app: Flask) {
        ClientScript.install(on: app, path: options.path)
        var engineOptions = EngineIOServerOptions()
        engineOptions.path = "/" + options.path + "/"
        engineOptions.pingInterval = .milliseconds(Int(options.pingInterval * 1000))
        engineOptions.pingTimeout = .milliseconds(Int(options.pingTimeout * 1000))
        engineOptions.maxHttpBufferSize = options.maxHttpBufferSize
        engineOptions.corsAllowedOrigins = options.corsAllowedOrigins
        let engine = EngineIOServer(app: app, options: engineOptions)
        // Synchronous, in arrival order: Socket.IO decodes each message where it arrives
        // and queues only what has a handler, on the client's bounded queue.
        engine.setReceiver(EngineIOServer.Receiver(
            opened: { [server] socket in server.engineConnected(socket) },
            message: { [server] socket, message in
                switch message {
                case .text(let text): server.engineMessage(socket, .text(text))
                case .binary(let bytes): server.engineMessage(socket, .binary(bytes))
                }
            },
            closed: { [server] socket, reason in server.engineDisconnected(socket, reason: reason) }))
    }
}
