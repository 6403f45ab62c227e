import Flaskish
import Synchronization

// The WebSocket transport of an Engine.IO session: attaching the socket (the transport itself,
// or an upgrade's probe) and turning its messages and its close into session steps.

extension EngineIOSocket {
    /// Makes `webSocket` this session's WebSocket (the transport, or an upgrade's probe).
    /// Loop thread of the WebSocket, before its first message.
    func attach(_ webSocket: WebSocket) {
        let attached = state.withLock { state -> Bool in
            // The session may have ended between the upgrade request and its 101.
            guard !state.session.isClosed else { return false }
            state.webSocket = webSocket
            return true
        }
        guard attached else {
            webSocket.close()
            return
        }
        // A paused session stays paused on its new transport.
        applyReceiving(to: webSocket.connection)
        // The WebSocket is captured strongly: the handler drops both callbacks when the
        // connection closes, which ends the cycle.
        webSocket.onMessage = { [relay, webSocket] message in
            relay.socket?.webSocketReceived(message, on: webSocket)
        }
        webSocket.onClose = { [relay, webSocket] code in
            relay.socket?.webSocketClosed(webSocket, code: code)
        }
    }

    private func webSocketReceived(_ message: WebSocketMessage, on webSocket: WebSocket) {
        let frame: EngineIOPacket.WebSocketFrame
        switch message {
        case .text(let text): frame = .text(text)
        case .binary(let bytes): frame = .binary(bytes)
        default: return
        }
        let inbound = state.withLock { state -> [Inbound] in
            guard state.webSocket === webSocket else { return [] }
            var inbound: [Inbound] = []
            perform(state.session.handleWebSocketMessage(frame, now: .now), state: &state, pending: nil, inbound: &inbound)
            return inbound
        }
        // On the loop thread: a receiver that fills up pauses this very connection before
        // its next read.
        dispatch(inbound)
    }

    private func webSocketClosed(_ webSocket: WebSocket, code: WebSocketCloseCode) {
        let inbound = state.withLock { state -> [Inbound] in
            guard state.webSocket === webSocket else { return [] }
            state.webSocket = nil
            let failed = code == .protocolError || code == .invalidPayload || code == .messageTooBig
            var inbound: [Inbound] = []
            perform(state.session.handleWebSocketClosed(error: failed, now: .now), state: &state, pending: nil, inbound: &inbound)
            return inbound
        }
        dispatch(inbound)
    }

    /// The connection of the attached WebSocket (transport or probe), if any.
    var attachedConnection: Connection? { state.withLock { $0.webSocket?.connection } }
}
