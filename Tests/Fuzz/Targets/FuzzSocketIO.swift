import Flaskish
import FlaskishSocketIO

/// The Socket.IO packet decoder with binary attachments, and its encoder.
enum FuzzSocketIO {
    private static let limits = SocketIOLimits(maxAttachments: 8, maxAttachmentBytes: 4096)

    /// The input as Engine.IO messages: split on 0x1E; the first piece is a text message, and
    /// each later piece is binary when it starts with 0x00 (the marker dropped), text otherwise.
    private static func messages(_ input: UnsafeRawBufferPointer) -> [(binary: Bool, bytes: [UInt8])] {
        input.split(separator: 0x1E, omittingEmptySubsequences: false).enumerated().map { index, piece in
            if index > 0, piece.first == 0 { return (true, Array(piece.dropFirst())) }
            return (false, Array(piece))
        }
    }

    static func run(_ input: UnsafeRawBufferPointer) {
        var decoder = SocketIOPacketDecoder(limits: limits)
        for message in messages(input) {
            let packet: SocketIOPacket?
            do throws(SocketIOPacketError) {
                packet = message.binary
                    ? try decoder.decode(binary: message.bytes)
                    : try decoder.decode(textBytes: message.bytes)
            } catch {
                Fuzz.check(!decoder.isAwaitingAttachments, "socketio", "not reset after \(error)")
                continue
            }
            if let packet { checkRoundTrip(packet) }
        }
    }

    /// Encoding a decoded packet and decoding that again gives the same packet.
    private static func checkRoundTrip(_ packet: SocketIOPacket) {
        if let data = packet.data, !FuzzJSON.isFinite(data) { return }
        let (text, attachments) = packet.encode()
        var decoder = SocketIOPacketDecoder(limits: SocketIOLimits(maxAttachments: .max, maxAttachmentBytes: .max))
        do throws(SocketIOPacketError) {
            var again = try decoder.decode(text: text)
            for attachment in attachments { again = try decoder.decode(binary: attachment) }
            Fuzz.check(again == packet, "socketio", "round trip of \(packet) gives \(String(describing: again))")
        } catch {
            Fuzz.check(false, "socketio", "round trip of \(packet): \(error) on \(text.debugDescription)")
        }
    }
}
