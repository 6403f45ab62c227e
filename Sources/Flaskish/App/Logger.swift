#if canImport(Glibc)
import Glibc
#endif

/// The app's logger: level-filtered lines on standard error, as Flask's default handler.
///
/// Flask: `app.logger` (a `logging.Logger`).
public struct Logger: Sendable {
    /// How serious a message is.
    public enum Level: Int, Sendable, Comparable {
        case debug = 10, info = 20, warning = 30, error = 40, critical = 50
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    /// The logger's name (the app's).
    public let name: String

    /// A logger called `name`.
    public init(name: String) { self.name = name }

    /// Writes `message` when `level` is at least the app's level (`LOG_LEVEL`, default info).
    public func log(_ level: Level, _ message: String, threshold: Level = .info) {
        guard level >= threshold else { return }
        let line = "[\(String(describing: level).uppercased())] \(name): \(message)\n"
        // One write(2) per line, so lines from different threads never interleave.
        _ = line.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    }

    /// Logs at debug level. Flask: `app.logger.debug`.
    public func debug(_ message: String) { log(.debug, message) }
    /// Logs at info level. Flask: `app.logger.info`.
    public func info(_ message: String) { log(.info, message) }
    /// Logs at warning level. Flask: `app.logger.warning`.
    public func warning(_ message: String) { log(.warning, message) }
    /// Logs at error level. Flask: `app.logger.error`.
    public func error(_ message: String) { log(.error, message) }
}
