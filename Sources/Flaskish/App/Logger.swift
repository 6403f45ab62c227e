#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The app's logger: level-filtered lines on standard error, as Flask's default handler.
///
/// The level comes from the app's `LOG_LEVEL` setting (`"DEBUG"`, `"info"`, `10`, or a
/// `Logger.Level`), read on every message so it can change while the app runs; without one,
/// debug mode logs everything and otherwise `info` and above are written.
///
/// Flask: `app.logger` (a `logging.Logger`; `app.logger.setLevel(...)`).
public struct Logger: Sendable {
    /// How serious a message is, with Python's `logging` numbers.
    ///
    /// Python: `logging.DEBUG` … `logging.CRITICAL`.
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        /// Details for finding problems. Python: `logging.DEBUG`.
        case debug = 10
        /// Normal events (requests served). Python: `logging.INFO`.
        case info = 20
        /// Something unexpected the app survived. Python: `logging.WARNING`.
        case warning = 30
        /// A request failed. Python: `logging.ERROR`.
        case error = 40
        /// The app may not go on. Python: `logging.CRITICAL`.
        case critical = 50

        /// Less serious first.
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }

        /// The level named in any case (`WARN` too), or for a number the least serious level
        /// at or above it, as Python compares levels (numbers above 50 give `critical`).
        ///
        /// Python: `logging.getLevelName` / `Logger.setLevel("INFO")`.
        public init?(_ setting: any Sendable) {
            switch setting {
            case let level as Level:
                self = level
            case let number as Int:
                // Python drops messages below the number: 25 keeps warnings, not infos.
                self = Level.allCases.first { $0.rawValue >= number } ?? .critical
            case let name as String:
                if let number = Int(name) { self.init(number) } else {
                    switch name.uppercased() {
                    case "DEBUG": self = .debug
                    case "INFO": self = .info
                    case "WARNING", "WARN": self = .warning
                    case "ERROR": self = .error
                    case "CRITICAL", "FATAL": self = .critical
                    default: return nil
                    }
                }
            default:
                return nil
            }
        }
    }

    /// The logger's name (the app's).
    ///
    /// Flask: `app.logger.name`.
    public let name: String
    private let config: Config?
    private let output: @Sendable (String) -> Void
    private let handlers = Handlers()

    /// The handlers added with `addHandler`, shared by every copy of the logger.
    private final class Handlers: Sendable {
        let list = Mutex<[@Sendable (Level, String) -> Void]>([])
    }

    /// A logger called `name` that writes `info` and above to standard error.
    ///
    /// Python: `logging.getLogger(name)`.
    public init(name: String) { self.init(name: name, config: nil) }

    /// A logger whose level follows `config` (`LOG_LEVEL`, `DEBUG`) and whose lines go to `output`.
    package init(name: String, config: Config?, output: @escaping @Sendable (String) -> Void = Logger.standardError) {
        self.name = name
        self.config = config
        self.output = output
    }

    /// The least serious level written now: `LOG_LEVEL`, else `debug` in debug mode, else `info`.
    ///
    /// Flask: `app.logger.getEffectiveLevel()` (Flask sets DEBUG when `app.debug`).
    public var level: Level {
        if let setting = config?["LOG_LEVEL"], let level = Level(setting) { return level }
        return config?.get("DEBUG", as: Bool.self) == true ? .debug : .info
    }

    /// True when a message at `level` would be written.
    ///
    /// Flask: `app.logger.isEnabledFor(level)`.
    public func isEnabled(for level: Level) -> Bool { level >= self.level }

    /// Writes `message` when `level` is at least `threshold` (the logger's `level` when nil).
    ///
    /// Flask: `app.logger.log(level, message)`.
    public func log(_ level: Level, _ message: String, threshold: Level? = nil) {
        guard level >= (threshold ?? self.level) else { return }
        output("[\(String(describing: level).uppercased())] \(name): \(message)\n")
        for handler in handlers.list.withLock({ $0 }) { handler(level, message) }
    }

    /// Also hands every message the logger writes to `handler`, with its level (a file, a
    /// log service, a test that checks what was logged). Messages below `level` reach no
    /// handler.
    ///
    /// ```swift
    /// app.logger.addHandler { level, message in sendToLogService("\(level): \(message)") }
    /// ```
    ///
    /// Flask: `app.logger.addHandler(handler)`.
    public func addHandler(_ handler: @escaping @Sendable (Level, String) -> Void) {
        handlers.list.withLock { $0.append(handler) }
    }

    /// Logs at debug level. Flask: `app.logger.debug`.
    public func debug(_ message: String) { log(.debug, message) }
    /// Logs at info level. Flask: `app.logger.info`.
    public func info(_ message: String) { log(.info, message) }
    /// Logs at warning level. Flask: `app.logger.warning`.
    public func warning(_ message: String) { log(.warning, message) }
    /// Logs at error level. Flask: `app.logger.error`.
    public func error(_ message: String) { log(.error, message) }
    /// Logs at critical level. Flask: `app.logger.critical`.
    public func critical(_ message: String) { log(.critical, message) }

    /// One write(2) per line, so lines from different threads never interleave.
    package static let standardError: @Sendable (String) -> Void = { line in
        _ = line.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    }
}
