// HTTP long-polling (Engine.IO v4 "Transports › HTTP long-polling"): GET receives, POST sends.

extension EngineIOSession {
    /// True when a POST body of `length` bytes may be read at all; the engine answers a
    /// larger one with `EngineIOError.badRequest` and closes the session without reading it.
    package func acceptsPostBody(length: Int) -> Bool {
        length <= configuration.maxPayload
    }

    /// A GET with this sid arrived. Answered at once when packets are buffered, held
    /// otherwise (the engine keeps the request until a `completePoll` action).
    ///
    /// python-engineio: `Socket.handle_get_request`.
    package mutating func handlePoll(now: Instant) -> [Action] {
        guard !isClosed else { return [.rejectRequest(.unknownSessionID)] }
        var actions: [Action] = [.rejectRequest(.unknownSessionID)]
        if expireIfPongOverdue(now: now, into: &actions) { return actions }
        guard transport == .polling else { return [.rejectRequest(.badRequest)] }
        actions = []
        if pollPending {
            // Two GETs at once break packet ordering: refuse this one and end the session.
            actions.append(.rejectRequest(.badRequest))
            end(.transportError, sendingClosePacket: true, into: &actions)
            return actions
        }
        pollPending = true
        if upgrade == .awaitingUpgrade {
            // The client is switching to WebSocket; nothing more travels by polling.
            actions.append(.completePoll(EngineIOPacket.noop.pollingText))
            pollPending = false
        } else if !outbox.isEmpty {
            flushPoll(into: &actions)
        }
        reschedule(into: &actions)
        return actions
    }

    /// The client dropped its waiting GET before it was answered (closed the tab): the
    /// transport closed under the session.
    ///
    /// `answered`: the poll was already answered (data raced the hang-up), but its client had
    /// gone before the answer could reach it: the session ends all the same, or it would wait
    /// for a next poll that never comes until the ping timeout.
    package mutating func handlePollAborted(now: Instant, answered: Bool = false) -> [Action] {
        guard !isClosed, pollPending || answered else { return [] }
        pollPending = false
        var actions: [Action] = []
        end(.transportClose, sendingClosePacket: false, into: &actions)
        return actions
    }

    /// A POST with this sid arrived with `body`.
    ///
    /// python-engineio: `Socket.handle_post_request`.
    package mutating func handlePost(body: UnsafeRawBufferPointer, now: Instant) -> [Action] {
        let decoded: Result<[EngineIOPacket], EngineIOPayload.DecodingError>
        do throws(EngineIOPayload.DecodingError) {
            decoded = .success(try EngineIOPayload.decode(body, limits: configuration.payloadLimits))
        } catch {
            decoded = .failure(error)
        }
        return handlePost(decoded: decoded, now: now)
    }

    /// A POST whose body the engine decoded itself, chunk by chunk, with an
    /// `EngineIOPayloadDecoder(limits: configuration.payloadLimits)`.
    package mutating func handlePost(
        decoded: Result<[EngineIOPacket], EngineIOPayload.DecodingError>, now: Instant
    ) -> [Action] {
        guard !isClosed else { return [.rejectRequest(.unknownSessionID)] }
        var actions: [Action] = [.rejectRequest(.unknownSessionID)]
        if expireIfPongOverdue(now: now, into: &actions) { return actions }
        guard transport == .polling else { return [.rejectRequest(.badRequest)] }
        actions = []
        switch decoded {
        case .failure(let error):
            actions.append(.rejectRequest(error.engineIOError))
            end(.transportError, sendingClosePacket: true, into: &actions)
            return actions
        case .success(let packets):
            actions.append(.acknowledgePost)
            for packet in packets {
                receive(packet, now: now, into: &actions)
                if isClosed { return actions }
            }
        }
        reschedule(into: &actions)
        return actions
    }

    /// A POST with this sid arrived with `body`.
    package mutating func handlePost(body: [UInt8], now: Instant) -> [Action] {
        body.withUnsafeBytes { handlePost(body: $0, now: now) }
    }
}
