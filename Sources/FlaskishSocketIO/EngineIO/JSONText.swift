import Flaskish

/// The little JSON writing the Engine.IO layer needs (handshake and error bodies), kept exact
/// so the bytes match the reference server's.
enum JSONText {
    /// `text` as a JSON string literal, quotes included (RFC 8259 §7).
    static func quoted(_ text: String) -> String {
        // python-engineio writes with json.dumps' default separators but keeps non-ASCII text.
        JSONValue.string(text).serializedString(options: JSONWriteOptions(ensureASCII: false))
    }
}
