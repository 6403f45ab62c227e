/// The limits the HTTP codec enforces on every request, with DESIGN.md's defaults.
///
/// Set through `app.config` (`MAX_CONTENT_LENGTH`, `MAX_REQUEST_LINE`, …) or passed directly
/// to the server.
public struct HTTPLimits: Sendable, Equatable {
    /// The longest request line (method, target, version). Longer → 414.
    public var maxRequestLineLength: Int = 8 * 1024
    /// The largest header block, request line excluded. Larger → 431.
    public var maxHeaderBytes: Int = 16 * 1024
    /// The most header fields. More → 431.
    public var maxHeaderCount: Int = 100
    /// The largest request body; `nil` for no limit. Larger → 413, refused before it is read.
    ///
    /// Flask: `MAX_CONTENT_LENGTH` (Flaskish defaults it to 16 MiB, Flask to none).
    public var maxBodyBytes: Int? = 16 * 1024 * 1024
    /// How many empty lines may precede a request line (RFC 9112 §2.2 asks servers to skip
    /// at least one, for clients that send a stray CRLF after a body). More → 400.
    public var maxLeadingEmptyLines: Int = 4
    /// The longest chunk-size line of a chunked body, extensions included. Longer → 400.
    public var maxChunkLineLength: Int = 1024

    /// The defaults above.
    public init() {}
}
