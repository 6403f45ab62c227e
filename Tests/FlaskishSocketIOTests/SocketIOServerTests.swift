import Flaskish
import Testing
@testable import FlaskishSocketIO

/// Protocol flows on the wire, through a fake Engine.IO transport.
struct SocketIOServerTests {
    @Test func connectAnswersWithAFreshSidDistinctFromTheEngineSid() async {
        let socketio = SocketIO()
        socketio.onConnect {}
        let a = RawPeer(socketio), b = RawPeer(socketio)
        await a.send("0")
        let answer = a.texts()
        #expect(answer.count == 1)
        let sid = answer.first.flatMap(RawPeer.sid(fromConnect:))
        #expect(answer.first == #"0{"sid":"\#(sid ?? "")"}"#)
        #expect(sid?.count == 20)
        #expect(sid != a.transport.sid)
        let other = await b.connect()
        #expect(other != nil && other != sid)
    }

    @Test func namespaceConnectPassesTheAuthPayload() async {
        let socketio = SocketIO()
        let auths = Recorder<SocketIOValue?>()
        socketio.onConnect(namespace: "/chat") { auth in auths.record(auth) }
        let peer = RawPeer(socketio)
        await peer.send(#"0/chat,{"token":"abc"}"#)
        let answer = peer.texts()
        #expect(answer.count == 1 && answer[0].hasPrefix(#"0/chat,{"sid":""#))
        #expect(auths.values == [["token": "abc"]])
    }

    @Test func connectWithoutAuthGivesNil() async {
        let socketio = SocketIO()
        let auths = Recorder<SocketIOValue?>()
        socketio.onConnect { auth in auths.record(auth) }
        await RawPeer(socketio).send("0")
        #expect(auths.values == [nil])
    }

    @Test func unknownNamespaceGetsConnectErrorInvalidNamespace() async {
        let socketio = SocketIO()
        socketio.on("x") {}
        let peer = RawPeer(socketio)
        await peer.send("0/nope,")
        #expect(peer.texts() == [#"4/nope,{"message":"Invalid namespace"}"#])
    }

    @Test func namespaceWithOnlyEventHandlersAcceptsConnections() async {
        let socketio = SocketIO()
        socketio.on("x", namespace: "/games") {}
        #expect(await RawPeer(socketio).connect("/games") != nil)
    }

    @Test func connectionRefusedErrorBecomesConnectErrorWithMessageAndData() async {
        let socketio = SocketIO()
        let disconnects = Recorder<DisconnectReason>()
        socketio.onConnect { throw ConnectionRefusedError("unauthorized", ["reason": "bad token"]) }
        socketio.onDisconnect { reason in disconnects.record(reason) }
        let peer = RawPeer(socketio)
        await peer.send("0")
        #expect(peer.texts() == [#"4{"data":{"reason":"bad token"},"message":"unauthorized"}"#])
        socketio.server.engineDisconnected(peer.transport, reason: .transportClose)
        await peer.idle()
        #expect(disconnects.values.isEmpty)
    }

    @Test func connectHandlerReturningFalseIsRejectedByServer() async {
        let socketio = SocketIO()
        socketio.onConnect { false }
        let peer = RawPeer(socketio)
        await peer.send("0")
        #expect(peer.texts() == [#"4{"message":"Connection rejected by server"}"#])
        await peer.send(#"2["after"]"#)
        #expect(peer.texts().isEmpty)
    }

    @Test func handlerReturnValueIsTheAck() async {
        let socketio = SocketIO()
        socketio.on("add") { data in (data["a"]?.intValue ?? 0) + 1 }
        let peer = RawPeer(socketio)
        await peer.connect()
        await peer.send(#"21["add",{"a":41}]"#)
        #expect(peer.texts() == ["31[42]"])
    }

    @Test func voidHandlerAcksEmptyWhenAskedAndNotOtherwise() async {
        let socketio = SocketIO()
        socketio.on("ping") {}
        let peer = RawPeer(socketio)
        await peer.connect()
        await peer.send(#"27["ping"]"#)
        await peer.send(#"2["ping"]"#)
        #expect(peer.texts() == ["37[]"])
    }

    @Test func ackInANamespaceCarriesIt() async {
        let socketio = SocketIO()
        socketio.on("echo", namespace: "/chat") { data in data }
        let peer = RawPeer(socketio)
        await peer.connect("/chat")
        await peer.send(#"2/chat,12["echo","hi"]"#)
        #expect(peer.texts() == [#"3/chat,12["hi"]"#])
    }

    @Test func unhandledEventSendsNoAck() async {
        let socketio = SocketIO()
        socketio.onConnect {}
        let peer = RawPeer(socketio)
        await peer.connect()
        await peer.send(#"23["nobody"]"#)
        #expect(peer.texts().isEmpty)
    }

    @Test func eventsBeforeConnectAreIgnored() async {
        let socketio = SocketIO()
        let seen = Recorder<SocketIOValue>()
        socketio.on("e") { data in seen.record(data) }
        let peer = RawPeer(socketio)
        await peer.send(#"2["e",1]"#)
        await peer.send(#"2/other,["e",1]"#)
        #expect(seen.values.isEmpty)
        #expect(peer.texts().isEmpty)
    }

    @Test func binaryEventAndBinaryAck() async {
        let socketio = SocketIO()
        socketio.on("upload") { data in data }
        let peer = RawPeer(socketio)
        await peer.connect()
        await peer.send(#"51-1["upload",{"_placeholder":true,"num":0}]"#)
        #expect(peer.received().isEmpty)
        await peer.send(binary: [1, 2, 3])
        #expect(peer.received() == [.text(#"61-1[{"_placeholder":true,"num":0}]"#), .binary([1, 2, 3])])
    }

    @Test func serverEmitWithCallbackGetsTheClientsAckInTheEventContext() async {
        let socketio = SocketIO(Flask())
        let answers = Recorder<[SocketIOValue]>()
        let sids = Recorder<String?>()
        socketio.on("start") {
            try emit("question", "ready?") { values in
                sids.record(request.sid)
                answers.record(values)
            }
        }
        let peer = RawPeer(socketio)
        let sid = await peer.connect()
        await peer.send(#"2["start"]"#)
        #expect(peer.texts() == [#"21["question","ready?"]"#])
        await peer.send(#"31["yes",2]"#)
        #expect(await answers.next() == ["yes", 2])
        #expect(await sids.next() == sid)
        await peer.send(#"31["again"]"#)
        #expect(answers.values.count == 1)
    }

    @Test func clientBinaryAckReachesTheCallback() async throws {
        let socketio = SocketIO()
        socketio.onConnect {}
        let answers = Recorder<[SocketIOValue]>()
        let peer = RawPeer(socketio)
        let sid = try #require(await peer.connect())
        try socketio.emit("file?", to: sid) { values in answers.record(values) }
        #expect(peer.texts() == [#"21["file?"]"#])
        await peer.send(#"61-1[{"_placeholder":true,"num":0}]"#)
        await peer.send(binary: [9, 8])
        #expect(await answers.next() == [.binary([9, 8])])
    }

    @Test func clientDisconnectPacketRunsTheHandlerWithClientDisconnect() async {
        let socketio = SocketIO()
        let reasons = Recorder<DisconnectReason>()
        let seen = Recorder<SocketIOValue>()
        socketio.onDisconnect { reason in reasons.record(reason) }
        socketio.on("e") { data in seen.record(data) }
        let peer = RawPeer(socketio)
        let sid = await peer.connect()
        await peer.send("1")
        #expect(reasons.values == [.clientDisconnect])
        #expect(!socketio.server.isConnected(sid: sid ?? "", namespace: "/"))
        await peer.send(#"2["e",1]"#)
        #expect(seen.values.isEmpty)
    }

    @Test func serverDisconnectSendsDisconnectAndRunsTheHandler() async {
        let socketio = SocketIO()
        let reasons = Recorder<DisconnectReason>()
        socketio.onDisconnect(namespace: "/chat") { reason in reasons.record(reason) }
        socketio.on("kick", namespace: "/chat") { try disconnect() }
        let peer = RawPeer(socketio)
        await peer.connect("/chat")
        await peer.send(#"2/chat,["kick"]"#)
        #expect(peer.texts() == ["1/chat,"])
        #expect(reasons.values == [.serverDisconnect])
    }

    @Test(arguments: [DisconnectReason.pingTimeout, .transportClose, .transportError, .clientDisconnect])
    func engineDisconnectReachesEveryNamespaceWithItsReason(reason: DisconnectReason) async {
        let socketio = SocketIO()
        let seen = Recorder<String>()
        socketio.onDisconnect { r in seen.record("/ \(r)") }
        socketio.onDisconnect(namespace: "/chat") { r in seen.record("/chat \(r)") }
        let peer = RawPeer(socketio)
        await peer.connect()
        await peer.connect("/chat")
        socketio.server.engineDisconnected(peer.transport, reason: reason)
        await peer.idle()
        #expect(seen.values.sorted() == ["/ \(reason)", "/chat \(reason)"])
    }

    @Test func disconnectPacketRightBeforeTheTransportClosesKeepsItsReason() async {
        let socketio = SocketIO()
        let seen = Recorder<String>()
        socketio.onDisconnect { r in seen.record("/ \(r)") }
        socketio.onDisconnect(namespace: "/chat") { r in seen.record("/chat \(r)") }
        let peer = RawPeer(socketio)
        await peer.connect()
        await peer.connect("/chat")
        // As python-socketio's client leaves: DISCONNECT, then the Engine.IO close at once.
        socketio.server.engineMessage(peer.transport, .text("1"))
        socketio.server.engineDisconnected(peer.transport, reason: .transportClose)
        await peer.idle()
        #expect(seen.values == ["/ client disconnect", "/chat transport close"])
    }

    @Test(arguments: ["9", "", #"2["connect"]"#, "2[1]", "2{", "51-[]", "0/a,b", "4{}"])
    func malformedPacketDisconnectsThatClientOnly(bad: String) async {
        let socketio = SocketIO()
        let reasons = Recorder<String>()
        socketio.onDisconnect { reason in reasons.record(reason.rawValue) }
        socketio.on("say") { data in try send(data, broadcast: true) }
        let bad1 = RawPeer(socketio), good = RawPeer(socketio)
        await bad1.connect()
        await good.connect()
        await bad1.send(bad)
        #expect(bad1.transport.isClosed)
        #expect(reasons.values == ["parse error"])
        await good.send(#"2["say","still here"]"#)
        #expect(good.texts() == [#"2["message","still here"]"#])
        #expect(bad1.texts().isEmpty)
    }

    @Test func textWhileAwaitingAttachmentsDisconnects() async {
        let socketio = SocketIO()
        socketio.on("up") { _ in }
        let peer = RawPeer(socketio)
        await peer.connect()
        await peer.send(#"51-["up",{"_placeholder":true,"num":0}]"#)
        await peer.send(#"2["up"]"#)
        #expect(peer.transport.isClosed)
    }

    @Test func handlersOfOneClientRunInArrivalOrder() async {
        let socketio = SocketIO()
        let order = Recorder<Int>()
        socketio.on("n") { data in
            // Suspend a varying number of times: a concurrent runner would reorder these.
            for _ in 0..<((data.intValue ?? 0) % 3) { await Task.yield() }
            order.record(data.intValue ?? -1)
        }
        let peer = RawPeer(socketio)
        await peer.connect()
        for n in 0..<60 { socketio.server.engineMessage(peer.transport, .text(#"2["n",\#(n)]"#)) }
        await peer.idle()
        #expect(order.values == Array(0..<60))
    }

    @Test func differentClientsRunInParallel() async {
        let socketio = SocketIO()
        let gate = Recorder<Bool>()
        let done = Recorder<String>()
        // A waits for B's event: with one global queue this would never finish.
        socketio.on("wait") { _ = await gate.next(); done.record("a") }
        socketio.on("open") { gate.record(true); done.record("b") }
        let a = RawPeer(socketio), b = RawPeer(socketio)
        await a.connect()
        await b.connect()
        socketio.server.engineMessage(a.transport, .text(#"2["wait"]"#))
        await b.send(#"2["open"]"#)
        await a.idle()
        #expect(Set(done.values) == ["a", "b"])
    }

    @Test func handlersHaveARequestContextEvenWithoutAnApp() async {
        let socketio = SocketIO()
        let sids = Recorder<String?>()
        socketio.on("e") { sids.record(request.sid) }
        let peer = RawPeer(socketio)
        let sid = await peer.connect()
        await peer.send(#"2["e"]"#)
        #expect(sids.values == [sid])
    }

    @Test func eachNamespaceHasItsOwnSid() async {
        let socketio = SocketIO()
        socketio.onConnect {}
        socketio.onConnect(namespace: "/chat") {}
        let peer = RawPeer(socketio)
        let root = await peer.connect()
        let chat = await peer.connect("/chat")
        #expect(root != nil && chat != nil && root != chat)
    }

    @Test func repeatedConnectKeepsTheSameSid() async {
        let socketio = SocketIO()
        socketio.onConnect {}
        let peer = RawPeer(socketio)
        let first = await peer.connect()
        let second = await peer.connect()
        #expect(first == second)
    }
}
