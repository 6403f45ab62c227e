import Flaskish

// Request routing (Engine.IO v4 "Transports", python-engineio `Server.handle_request`):
//
//   any method    Origin not allowed                       → 403 code 4
//   OPTIONS       CORS preflight                           → 200
//   EIO ≠ 4                                                → 400 code 5
//   transport ∉ {polling, websocket}                       → 400 code 0
//   no sid        GET polling: new session, open packet;   GET websocket: upgrade, new session
//                 other method                             → 400 code 2
//   sid           unknown                                  → 400 code 1
//                 GET polling: poll; POST polling: payload; GET websocket: upgrade probe
//                 other method                             → 400 code 2

extension EngineIOServer {
    /// Answers one request to the Engine.IO path.
    func handle(_ request: Request) async -> Response {
        let origin = request.headers["Origin"]
        if let origin, !options.corsAllowedOrigins.allows(origin: origin, host: request.headers["Host"]) {
            log("Engine.IO: refused a request from origin \(origin): it is not in corsAllowedOrigins")
            return Self.errorResponse(.forbidden.with(message: "\(origin) is not an accepted origin (see corsAllowedOrigins)"))
        }
        var response = await route(request)
        if let origin, response.upgrade == nil {
            response.headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: origin)
            response.headers.replaceOrAdd(name: "Access-Control-Allow-Credentials", value: "true")
            if request.method == .OPTIONS {
                response.headers.replaceOrAdd(name: "Access-Control-Allow-Methods", value: "OPTIONS, GET, POST")
                if let asked = request.headers["Access-Control-Request-Headers"] {
                    response.headers.replaceOrAdd(name: "Access-Control-Allow-Headers", value: asked)
                }
            }
        }
        return response
    }

    private func route(_ request: Request) async -> Response {
        if request.method == .OPTIONS { return Response("", contentType: EngineIOPayload.contentType) }
        guard request.args["EIO"] == "4" else { return Self.errorResponse(.unsupportedProtocolVersion) }
        guard let transportName = request.args["transport"],
              let transport = EngineIOSession.Transport(rawValue: transportName) else {
            return Self.errorResponse(.unknownTransport)
        }
        guard let sid = request.args["sid"] else {
            guard request.method == .GET else { return Self.errorResponse(.badHandshakeMethod) }
            return transport == .polling ? await openPollingSession(request) : openWebSocketSession(request)
        }
        guard let socket = socket(sid: sid) else {
            if transport == .polling, request.method == .GET, let answer = takeUndeliveredClose(sid: sid) {
                return Self.pollResponse(answer.pollingText)
            }
            return Self.errorResponse(.unknownSessionID)
        }
        switch (transport, request.method) {
        case (.polling, .GET):
            return await socket.respond(isPoll: true, request: request) { $0.handlePoll(now: .now) }
        case (.polling, .POST):
            return await post(request, to: socket)
        case (.websocket, .GET):
            return upgrade(request, socket: socket)
        default:
            return Self.errorResponse(.badHandshakeMethod)
        }
    }

    // MARK: Polling

    private func openPollingSession(_ request: Request) async -> Response {
        let socket = EngineIOSocket(sid: EngineIOSessionID.generate(), transport: .polling, request: request, server: self)
        register(socket)
        return await socket.respond(isPoll: true) { $0.open(now: .now) }
    }

    private func post(_ request: Request, to socket: EngineIOSocket) async -> Response {
        let body = request.data
        guard body.count <= options.maxHttpBufferSize else {
            log("Engine.IO: session \(socket.sid) sent \(body.count) bytes, more than maxHttpBufferSize (\(options.maxHttpBufferSize))")
            return await socket.respond(isPoll: false) { session in
                session.handlePost(decoded: .failure(.payloadTooLarge(limit: session.configuration.maxPayload)), now: .now)
            }
        }
        return await socket.respond(isPoll: false, holdingAnswer: true) { session in
            body.withUnsafeBytes { session.handlePost(body: $0, now: .now) }
        }
    }

    // MARK: WebSocket

    private func openWebSocketSession(_ request: Request) -> Response {
        guard WebSocketHandshake.isUpgradeRequest(request.headers) else { return Self.errorResponse(.badRequest) }
        return WebSocketUpgrade.response(for: request, configuration: webSocketConfiguration) { [self] webSocket in
            let socket = EngineIOSocket(sid: EngineIOSessionID.generate(), transport: .websocket, request: request, server: self)
            socket.attach(webSocket)
            register(socket)
            socket.run { $0.open(now: .now) }
        }
    }

    private func upgrade(_ request: Request, socket: EngineIOSocket) -> Response {
        guard WebSocketHandshake.isUpgradeRequest(request.headers) else { return Self.errorResponse(.badRequest) }
        do {
            _ = try WebSocketHandshake.validate(method: request.method, headers: request.headers)
        } catch {
            return WebSocketUpgrade.refusal(error)
        }
        var refusal: EngineIOError?
        socket.run { session in
            let actions = session.handleWebSocketUpgradeRequest(now: .now)
            for case .rejectRequest(let error) in actions { refusal = error }
            return actions.filter { if case .rejectRequest = $0 { false } else { true } }
        }
        if let refusal { return Self.errorResponse(refusal) }
        return WebSocketUpgrade.response(for: request, configuration: webSocketConfiguration) { webSocket in
            socket.attach(webSocket)
        }
    }

    private var webSocketConfiguration: WebSocketConfiguration {
        var configuration = WebSocketConfiguration()
        configuration.maxMessageSize = options.maxHttpBufferSize
        return configuration
    }

    // MARK: Responses

    /// A 200 polling answer with `body` (a payload, or `ok` for a POST).
    static func pollResponse(_ body: String) -> Response {
        Response(body, contentType: EngineIOPayload.contentType)
    }

    /// The JSON error answer (`{"code":3,"message":"Bad request"}`), 400 or 403.
    static func errorResponse(_ error: EngineIOError) -> Response {
        Response(error.body, status: error.status, contentType: EngineIOError.contentType)
    }
}
