import Flaskish

/// The bounds the Socket.IO packet decoder enforces on what a peer sends.
///
/// Each Engine.IO message is already bounded by `maxHttpBufferSize`; these bound what one
/// Socket.IO packet may make the decoder hold across messages, and how deep its JSON may nest.
public struct SocketIOLimits: Sendable, Hashable {
    /// The most binary attachments one packet may announce.
    ///
    /// python-socketio only refuses counts of more than 10 digits; we bound the count itself,
    /// since every attachment is buffered until the packet is complete.
    public var maxAttachments: Int
    /// The most attachment bytes one packet may buffer, all attachments together.
    public var maxAttachmentBytes: Int
    /// The bounds for the packet's JSON payload (nesting depth).
    public var json: JSONLimits

    /// The default ``maxAttachments``: 100.
    public static let defaultMaxAttachments = 100
    /// The default ``maxAttachmentBytes``: 16 MiB, Flaskish's default `MAX_CONTENT_LENGTH`.
    public static let defaultMaxAttachmentBytes = 16 * 1024 * 1024

    /// Limits with the given bounds.
    public init(
        maxAttachments: Int = SocketIOLimits.defaultMaxAttachments,
        maxAttachmentBytes: Int = SocketIOLimits.defaultMaxAttachmentBytes,
        json: JSONLimits = JSONLimits()
    ) {
        self.maxAttachments = maxAttachments
        self.maxAttachmentBytes = maxAttachmentBytes
        self.json = json
    }
}
