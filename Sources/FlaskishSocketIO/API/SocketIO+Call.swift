import Flaskish
import Synchronization

/// The client did not acknowledge a ``SocketIO/call(_:_:to:namespace:timeout:)`` in time.
///
/// python-socketio: `socketio.exceptions.TimeoutError`.
public struct SocketIOTimeoutError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The event that was not acknowledged.
    public let event: String
    /// The seconds waited.
    public let timeout: Double

    public var description: String { "The client did not acknowledge \"\(event)\" within \(timeout) s" }
}

extension SocketIO {
    /// Emits `event` to the client `sid` and waits for its acknowledgement, returning the
    /// values it answered with.
    ///
    /// Safe to call from a handler of that very client: acknowledgements are not queued
    /// behind handlers.
    ///
    /// Flask-SocketIO: `socketio.call(event, *args, to=, namespace=, timeout=60)`.
    /// - Throws: ``SocketIOTimeoutError`` when no acknowledgement came within `timeout`
    ///   seconds (also when `sid` is not connected, as in python-socketio).
    public func call(
        _ event: String, _ arguments: any SocketIOValueConvertible..., to sid: String, namespace: String = "/",
        timeout: Double = 60
    ) async throws -> [SocketIOValue] {
        try await call(event, arguments.map(\.socketIOValue), to: sid, namespace: namespace, timeout: timeout)
    }

    func call(_ event: String, _ arguments: [SocketIOValue], to sid: String, namespace: String, timeout: Double) async throws -> [SocketIOValue] {
        let waiter = AckWaiter()
        try server.emit(event, arguments, namespace: namespace, to: [sid], callback: { values in waiter.fulfill(values) })
        return try await withThrowingTaskGroup(of: [SocketIOValue].self) { group in
            group.addTask { try await waiter.wait() }
            group.addTask {
                try await Task.sleep(for: .seconds(timeout))
                throw SocketIOTimeoutError(event: event, timeout: timeout)
            }
            defer { group.cancelAll() }
            guard let values = try await group.next() else { throw SocketIOTimeoutError(event: event, timeout: timeout) }
            return values
        }
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
    return try await context.socketio.call(event, arguments.map(\.socketIOValue), to: to ?? context.sid,
                                           namespace: namespace ?? context.namespace, timeout: timeout)
}

/// One acknowledgement awaited by one task; whichever of the answer and a cancellation
/// comes first settles it.
private final class AckWaiter: Sendable {
    private enum State {
        case waiting(CheckedContinuation<[SocketIOValue], any Error>?)
        case answered([SocketIOValue])
        case failed(any Error)
        case settled
    }

    private let state = Mutex(State.waiting(nil))

    func fulfill(_ values: [SocketIOValue]) { settle(.answered(values)) }

    func wait() async throws -> [SocketIOValue] {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let ready = state.withLock { state -> Result<[SocketIOValue], any Error>? in
                    switch state {
                    case .answered(let values): state = .settled; return .success(values)
                    case .failed(let error): state = .settled; return .failure(error)
                    case .waiting, .settled: state = .waiting(continuation); return nil
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            settle(.failed(CancellationError()))
        }
    }

    private func settle(_ outcome: State) {
        let continuation = state.withLock { state -> CheckedContinuation<[SocketIOValue], any Error>? in
            switch state {
            case .waiting(let continuation?):
                state = .settled
                return continuation
            case .waiting(nil):
                state = outcome
                return nil
            case .answered, .failed, .settled:
                return nil
            }
        }
        switch outcome {
        case .answered(let values): continuation?.resume(returning: values)
        case .failed(let error): continuation?.resume(throwing: error)
        case .waiting, .settled: break
        }
    }
}
