import Flaskish

/// The bounds the Socket.IO server enforces on what a peer sends.
///
/// Each Engine.IO message is already bounded by `maxHttpBufferSize`; these bound what one
/// Socket.IO packet may make the decoder hold across messages, how deep its JSON may nest,
/// and how many packets may wait for the client's handlers.
///
/// ```swift
/// let socketio = SocketIO(app, limits: SocketIOLimits(maxQueuedPackets: 64))
/// ```
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
    /// Packets of one client waiting for its handlers (connects, events with a handler,
    /// disconnects) at which the server stops reading that client: its WebSocket is not
    /// read, its POST is not answered (nor the rest of its packets taken) until half of
    /// them have started. Nothing is dropped or reordered. Events without a handler and
    /// acknowledgements never wait, so they do not count.
    ///
    /// Neither python-socketio nor Node bounds this queue.
    public var maxQueuedPackets: Int
    /// The same bound in bytes (a packet's text and attachments); whichever is reached
    /// first pauses the client. A single packet larger than this still passes.
    public var maxQueuedBytes: Int

    /// The default ``maxAttachments``: 100.
    public static let defaultMaxAttachments = 100
    /// The default ``maxAttachmentBytes``: 16 MiB, Flaskish's default `MAX_CONTENT_LENGTH`.
    public static let defaultMaxAttachmentBytes = 16 * 1024 * 1024

    /// The default ``maxQueuedPackets``: 128.
    public static let defaultMaxQueuedPackets = 128
    /// The default ``maxQueuedBytes``: 1 MiB.
    public static let defaultMaxQueuedBytes = 1 << 20

    /// Limits with the given bounds.
    public init(
        maxAttachments: Int = SocketIOLimits.defaultMaxAttachments,
        maxAttachmentBytes: Int = SocketIOLimits.defaultMaxAttachmentBytes,
        json: JSONLimits = JSONLimits(),
        maxQueuedPackets: Int = SocketIOLimits.defaultMaxQueuedPackets,
        maxQueuedBytes: Int = SocketIOLimits.defaultMaxQueuedBytes
    ) {
        self.maxAttachments = maxAttachments
        self.maxAttachmentBytes = maxAttachmentBytes
        self.json = json
        self.maxQueuedPackets = maxQueuedPackets
        self.maxQueuedBytes = maxQueuedBytes
    }
}
