import Flaskish
import FlaskishTestSupport
import Testing
@testable import FlaskishSocketIO

/// The connect flow over real sockets, as the official socket.io-protocol server test-suite
/// (`test-suite/test-suite.js`) expects it: the namespace's CONNECT reply first, then what
/// the connect handler emitted; CONNECT_ERROR and nothing else on a refusal; no CONNECT at
/// all → the session is closed after `connectTimeout`. Also Flask-SocketIO's `always_connect`.
struct SocketIOConnectFlowTests {
    /// The test-suite's server: every connection is greeted with an `auth` event echoing
    /// its auth payload; `message` is echoed back as `message-back`. `/refuse` emits, then
    /// refuses; `/quiet` accepts silently.
    static func suiteApp(alwaysConnect: Bool = false, connectTimeout: Double = SocketIO.defaultConnectTimeout) -> (Flask, SocketIO) {
        let app = Flask("suite")
        let socketio = SocketIO(app, connectTimeout: connectTimeout, alwaysConnect: alwaysConnect)
        for namespace in ["/", "/custom"] {
            // Unowned: the extension holds its handlers, so a strong capture would be a cycle.
            socketio.onConnect(namespace: namespace) { [unowned socketio] auth in
                try emit("auth", auth ?? .object([:]))
                // A namespace-wide broadcast from the handler reaches the newcomer too, after its CONNECT.
                try socketio.emit("welcome", namespace: namespace)
            }
            socketio.onArguments("message", namespace: namespace) { [unowned socketio] arguments in
                guard let sid = request.sid else { return }
                try socketio.server.emit("message-back", arguments, namespace: namespace, to: [sid])
            }
        }
        socketio.onConnect(namespace: "/refuse") {
            try emit("secret", "never seen")
            throw ConnectionRefusedError("go away", ["code": 7])
        }
        socketio.onConnect(namespace: "/quiet") {}
        return (app, socketio)
    }

    static func isConnect(_ text: String?, namespace: String = "/") -> Bool {
        let prefix = namespace == "/" ? "40{\"sid\":\"" : "40\(namespace),{\"sid\":\""
        return text?.hasPrefix(prefix) == true
    }

    // MARK: WebSocket

    @Test(arguments: [("/", "40", #"42["auth",{}]"#, #"42["welcome"]"#),
                      ("/", #"40{"token":"123"}"#, #"42["auth",{"token":"123"}]"#, #"42["welcome"]"#),
                      ("/custom", "40/custom,", #"42/custom,["auth",{}]"#, #"42/custom,["welcome"]"#),
                      ("/custom", #"40/custom,{"token":"abc"}"#, #"42/custom,["auth",{"token":"abc"}]"#, #"42/custom,["welcome"]"#)])
    func connectReplyComesBeforeWhatTheHandlerEmitted(namespace: String, connect: String, auth: String, welcome: String) async throws {
        let (app, _) = Self.suiteApp()
        try await withLiveServer(app) { port in
            let client = try WireClient(port: port)
            client.send(connect)
            #expect(Self.isConnect(try client.next(), namespace: namespace))
            #expect(try client.next() == auth)
            #expect(try client.next() == welcome)
        }
    }

    @Test func refusedConnectionGetsConnectErrorAndNothingItsHandlerEmitted() async throws {
        let (app, _) = Self.suiteApp()
        try await withLiveServer(app) { port in
            let client = try WireClient(port: port)
            client.send("40/refuse,")
            #expect(try client.next() == #"44/refuse,{"data":{"code":7},"message":"go away"}"#)
            // Anything the refused handler emitted would have come before this reply.
            client.send("40/quiet,")
            #expect(Self.isConnect(try client.next(), namespace: "/quiet"))
        }
    }

    @Test func unknownNamespaceAndInvalidHandshake() async throws {
        let (app, _) = Self.suiteApp()
        try await withLiveServer(app) { port in
            let client = try WireClient(port: port)
            client.send("40/random")
            #expect(try client.next() == #"44/random,{"message":"Invalid namespace"}"#)
            client.send("4abc")
            #expect(try client.ws.readText() == "1" || client.ws.isClosedByServer())
        }
    }

    @Test func disconnectingFromACustomNamespaceKeepsTheMainOne() async throws {
        let (app, _) = Self.suiteApp()
        try await withLiveServer(app) { port in
            let client = try WireClient(port: port)
            client.send("40")
            #expect(Self.isConnect(try client.next()))
            _ = try client.next(); _ = try client.next()
            client.send("40/custom,")
            #expect(Self.isConnect(try client.next(), namespace: "/custom"))
            _ = try client.next(); _ = try client.next()
            client.send("41/custom,")
            client.send(#"42["message","message to main namespace"]"#)
            #expect(try client.next() == #"42["message-back","message to main namespace"]"#)
        }
    }

    @Test func disconnectingFromTheMainNamespaceKeepsTheSession() async throws {
        // The test-suite's "should disconnect from the main namespace": the next frame is a ping.
        let app = Flask("leave")
        let socketio = SocketIO(app, pingInterval: 0.2, pingTimeout: 5)
        socketio.onConnect {}
        try await withLiveServer(app) { port in
            let client = try WireClient(port: port)
            client.send("40")
            #expect(Self.isConnect(try client.next()))
            client.send("41")
            #expect(try client.ws.readText() == "2")
        }
    }

    @Test(arguments: ["/", "/custom"])
    func alwaysConnectSendsConnectFirstAndTurnsARefusalIntoDisconnect(namespace: String) async throws {
        let app = Flask("always")
        let socketio = SocketIO(app, alwaysConnect: true)
        socketio.onConnect(namespace: namespace) { auth in
            try emit("auth", auth ?? .object([:]))
            if auth?["token"]?.stringValue != "ok" { throw ConnectionRefusedError("bad token") }
        }
        let event = namespace == "/" ? "42" : "42\(namespace),"
        let connect = namespace == "/" ? "40" : "40\(namespace),"
        try await withLiveServer(app) { port in
            let accepted = try WireClient(port: port)
            accepted.send(connect + #"{"token":"ok"}"#)
            #expect(Self.isConnect(try accepted.next(), namespace: namespace))
            #expect(try accepted.next() == event + #"["auth",{"token":"ok"}]"#)

            let refused = try WireClient(port: port)
            refused.send(connect)
            #expect(Self.isConnect(try refused.next(), namespace: namespace))
            #expect(try refused.next() == event + #"["auth",{}]"#)
            #expect(try refused.next() == (namespace == "/" ? "41" : "41\(namespace),"))
        }
    }

    // MARK: Polling

    /// The next `count` packets a polling session receives, over as many GETs as it takes.
    static func poll(_ count: Int, target: String, port: Int) throws -> [String] {
        var packets: [String] = []
        while packets.count < count {
            let reply = try EIO.request("GET", target, port: port)
            guard reply.status == 200 else { throw RawHTTPClient.Failure.malformed(reply.text) }
            packets += reply.text.split(separator: "\u{1e}").map(String.init)
        }
        return packets
    }

    @Test(arguments: ["/", "/custom"])
    func connectReplyComesFirstOverPolling(namespace: String) async throws {
        let (app, _) = Self.suiteApp()
        try await withLiveServer(app) { port in
            let (sid, _) = try EIO.handshake(port: port)
            let target = "\(EIO.base)&sid=\(sid)"
            let connect = namespace == "/" ? "40" : "40\(namespace),"
            #expect(try EIO.request("POST", target, port: port, body: connect).text == "ok")
            let packets = try Self.poll(3, target: target, port: port)
            let event = namespace == "/" ? "42" : "42\(namespace),"
            #expect(packets.count == 3)
            #expect(Self.isConnect(packets.first, namespace: namespace))
            #expect(Array(packets.dropFirst()) == [event + #"["auth",{}]"#, event + #"["welcome"]"#])
        }
    }

    @Test func refusedConnectionOverPollingGetsOnlyItsConnectError() async throws {
        let (app, _) = Self.suiteApp()
        try await withLiveServer(app) { port in
            let (sid, _) = try EIO.handshake(port: port)
            let target = "\(EIO.base)&sid=\(sid)"
            #expect(try EIO.request("POST", target, port: port, body: "40/refuse,\u{1e}40/quiet,").text == "ok")
            let packets = try Self.poll(2, target: target, port: port)
            #expect(packets.first == #"44/refuse,{"data":{"code":7},"message":"go away"}"#)
            #expect(packets.count == 2 && Self.isConnect(packets[1], namespace: "/quiet"))
        }
    }

    // MARK: Connect time-out

    @Test func aSessionThatNeverConnectsIsClosedAfterConnectTimeout() async throws {
        let (app, _) = Self.suiteApp(connectTimeout: 0.3)
        try await withLiveServer(app) { port in
            // Connected first, so its own time-out has passed by the time the silent one's has.
            let punctual = try WireClient(port: port)
            punctual.send("40/quiet,")
            #expect(Self.isConnect(try punctual.next(), namespace: "/quiet"))

            let silent = try WireClient(port: port)
            #expect(try silent.next() == "1")
            #expect(try silent.next() == nil)

            let (sid, _) = try EIO.handshake(port: port)
            let polled = try EIO.request("GET", "\(EIO.base)&sid=\(sid)", port: port)
            #expect(polled.text == "1")

            punctual.send(#"42/quiet,["still there?"]"#)
            punctual.send("40")
            #expect(Self.isConnect(try punctual.next()))
        }
    }
}
