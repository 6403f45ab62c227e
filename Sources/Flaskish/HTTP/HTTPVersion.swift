/// The HTTP version of a request or response line. Only 1.0 and 1.1 are spoken.
public struct HTTPVersion: Hashable, Sendable, CustomStringConvertible {
    /// The major version digit.
    public var major: Int
    /// The minor version digit.
    public var minor: Int

    /// A version from its two digits.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// `HTTP/1.0`: no keep-alive unless asked for, no chunked responses.
    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    /// `HTTP/1.1`
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)

    /// `HTTP/1.1` as written on the wire.
    public var description: String { "HTTP/\(major).\(minor)" }
}
