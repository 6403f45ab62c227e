import Flaskish
import Synchronization

extension SocketIO {
    /// Emits `event` to the client `sid` and waits for its acknowledgement, returning the
    /// values it answered with.
    ///
    /// Safe to call from a handler of that very client: acknowledgements are not queued
    /// behind handlers.
    ///
    /// Flask-SocketIO: `socketio.call(event, *args, to=, namespace=, timeout=60)`.
    /// - Throws: ``SocketIOTimeoutError`` (`missing == [sid]`) when no acknowledgement came
    ///   within `timeout` seconds, at once when `sid` is not connected.
    public func call(
        _ event: String, _ arguments: any SocketIOValueConvertible..., to sid: String, namespace: String = "/",
        timeout: Double = 60
    ) async throws -> [SocketIOValue] {
        try await call(event, arguments: arguments.map(\.socketIOValue), to: sid, namespace: namespace, timeout: timeout)
    }

    /// ``call(_:_:to:namespace:timeout:)`` with the arguments as an array.
    public func call(
        _ event: String, arguments: [SocketIOValue], to sid: String, namespace: String = "/", timeout: Double = 60
    ) async throws -> [SocketIOValue] {
        let answers = try await emitCollectingAcks(event, arguments, namespace: namespace, rooms: [sid], skip: [], timeout: timeout)
        guard let values = answers[sid] else { throw SocketIOTimeoutError(event: event, timeout: timeout, missing: [sid]) }
        return values
    }

    /// Emits `event` to every client of `namespace` (or of the room or sid `to`) and waits
    /// up to `timeout` seconds for all their acknowledgements; returns each one's answer by sid
    /// (empty when nobody was addressed).
    ///
    /// `includeSelf: false` leaves out the client whose event is being handled, `skipSid`
    /// another one, as in ``emit(_:_:to:room:namespace:includeSelf:skipSid:callback:)``.
    ///
    /// ```swift
    /// do {
    ///     let votes = try await socketio.emitWithAck("vote?", "lunch", to: "team", timeout: 10)
    /// } catch let error as SocketIOTimeoutError {
    ///     print("no answer from", error.missing, "- got", error.answers)
    /// }
    /// ```
    ///
    /// Node: `await io.to(room).timeout(ms).emitWithAck(event, ...args)`; Flask-SocketIO has
    /// no broadcast `call`.
    /// - Throws: ``SocketIOTimeoutError`` listing the sids that did not answer in time (those
    ///   gone before the event reached them included) and the answers that did arrive;
    ///   ``SocketIOPacketError/invalidNamespace(_:)``.
    public func emitWithAck(
        _ event: String, _ arguments: any SocketIOValueConvertible..., to: String? = nil, room: String? = nil,
        namespace: String = "/", includeSelf: Bool = true, skipSid: String? = nil, timeout: Double
    ) async throws -> [String: [SocketIOValue]] {
        try await emitWithAck(event, arguments: arguments.map(\.socketIOValue), to: to, room: room, namespace: namespace,
                              includeSelf: includeSelf, skipSid: skipSid, timeout: timeout)
    }

    /// ``emitWithAck(_:_:to:room:namespace:includeSelf:skipSid:timeout:)`` with the arguments as an array.
    public func emitWithAck(
        _ event: String, arguments: [SocketIOValue], to: String? = nil, room: String? = nil,
        namespace: String = "/", includeSelf: Bool = true, skipSid: String? = nil, timeout: Double
    ) async throws -> [String: [SocketIOValue]] {
        var skip: Set<String> = []
        if let skipSid { skip.insert(skipSid) }
        if !includeSelf, let context = SocketIOEventContext.current { skip.insert(context.sid) }
        return try await emitCollectingAcks(event, arguments, namespace: namespace, rooms: (to ?? room).map { [$0] },
                                            skip: skip, timeout: timeout)
    }

    /// Sends `event` with its own ack id to each addressed socket and gathers the answers.
    /// Acks still owed when the wait ends are withdrawn, so a late answer finds nothing and
    /// a client that never answers holds no callback.
    private func emitCollectingAcks(
        _ event: String, _ arguments: [SocketIOValue], namespace: String, rooms: [String]?, skip: Set<String>,
        timeout: Double
    ) async throws -> [String: [SocketIOValue]] {
        _ = try SocketIOPacket.event(event, arguments, namespace: namespace)  // a bad namespace fails before anything is sent
        let sids = server.adapter.participants(namespace: namespace, in: rooms, skip: skip)
        let collector = AckCollector(expecting: Set(sids))
        var owed: [(client: SocketIOClientConnection, id: Int)] = []
        var reachable = 0
        for sid in sids {
            guard let client = server.client(of: sid, namespace: namespace),
                  let id = client.registerAck(namespace: namespace, { values in collector.answer(sid, values) }) else { continue }
            owed.append((client, id))
            reachable += 1
            client.receive(EncodedSocketIOPacket(try SocketIOPacket.event(event, arguments, namespace: namespace, id: id)))
        }
        if reachable > 0 {
            _ = await collector.waitForAll(seconds: Self.waitableSeconds(timeout))
        }
        for (client, id) in owed { _ = client.takeAck(id: id, namespace: namespace) }
        try Task.checkCancellation()
        let (answers, missing) = collector.outcome
        guard missing.isEmpty else { throw SocketIOTimeoutError(event: event, timeout: timeout, missing: missing, answers: answers) }
        return answers
    }

    /// `timeout` as something `Task.sleep` accepts: negative and NaN wait not at all, and
    /// the wait is capped at a year.
    private static func waitableSeconds(_ timeout: Double) -> Double {
        guard timeout > 0 else { return 0 }
        return min(timeout, 365 * 24 * 3600)
    }
}

/// Emits `event` to the current client (or `to`) and waits for its acknowledgement.
///
/// Flask-SocketIO: `flask_socketio.call(event, *args, to=, namespace=, timeout=60)`.
/// - Throws: ``SocketIOContextError`` outside a handler, ``SocketIOTimeoutError``.
public func call(
    _ event: String, _ arguments: any SocketIOValueConvertible..., to: String? = nil, namespace: String? = nil,
    timeout: Double = 60
) async throws -> [SocketIOValue] {
    let context = try SocketIOEventContext.required("call")
    return try await context.socketio.call(event, arguments: arguments.map(\.socketIOValue), to: to ?? context.sid,
                                           namespace: namespace ?? context.namespace, timeout: timeout)
}

/// The context ``call(_:_:to:namespace:timeout:)`` with the arguments as an array.
///
/// - Throws: ``SocketIOContextError`` outside a handler, ``SocketIOTimeoutError``.
public func call(
    _ event: String, arguments: [SocketIOValue], to: String? = nil, namespace: String? = nil, timeout: Double = 60
) async throws -> [SocketIOValue] {
    let context = try SocketIOEventContext.required("call")
    return try await context.socketio.call(event, arguments: arguments, to: to ?? context.sid,
                                           namespace: namespace ?? context.namespace, timeout: timeout)
}
