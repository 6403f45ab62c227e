/// Builds the sender's Socket.IO EVENT packets into one reused buffer:
/// `42["message","<seq>:<ns>"]` (text) or `42["message",{"seq":<seq>,"t":<ns>,"pad":"…"}]`
/// (JSON), with optional padding to test larger messages.
struct MessageWriter {
    enum Kind: String {
        case text
        case json
    }

    let kind: Kind
    let padding: Int
    private(set) var packet: [UInt8] = []

    init(kind: Kind, padding: Int) {
        self.kind = kind
        self.padding = padding
        packet.reserveCapacity(64 + padding)
    }

    /// Fills `packet` for message `sequence` sent at `sentAt` (monotonic ns).
    mutating func build(sequence: Int, sentAt: UInt64) {
        packet.removeAll(keepingCapacity: true)
        append(#"42["message","#)
        switch kind {
        case .text:
            append("\"")
            appendDecimal(UInt64(sequence))
            append(":")
            appendDecimal(sentAt)
            if padding > 0 {
                append(":")
                appendPadding()
            }
            append("\"]")
        case .json:
            append(#"{"seq":"#)
            appendDecimal(UInt64(sequence))
            append(#","t":"#)
            appendDecimal(sentAt)
            if padding > 0 {
                append(#","pad":""#)
                appendPadding()
                append("\"")
            }
            append("}]")
        }
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { packet.append(contentsOf: $0) }
    }

    private mutating func appendPadding() {
        for _ in 0..<padding { packet.append(UInt8(ascii: "x")) }
    }

    private mutating func appendDecimal(_ value: UInt64) {
        var divisor: UInt64 = 1
        while value / divisor >= 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            packet.append(UInt8(truncatingIfNeeded: rest / divisor) + 0x30)
            rest %= divisor
            divisor /= 10
        }
    }
}
