import Synchronization
import Testing
@testable import Flaskish

/// `app.logger`'s level: `LOG_LEVEL`, debug mode, and Python's level names and numbers.
struct ConfigLoggerTests {
    /// The lines a logger wrote.
    final class Lines: Sendable {
        private let storage = Mutex<[String]>([])
        func append(_ line: String) { storage.withLock { $0.append(line) } }
        func withLock<T>(_ body: ([String]) -> T) -> T { storage.withLock { body($0) } }
    }

    /// A logger following `config` whose lines are kept for the test.
    func capturingLogger(_ config: Config) -> (Logger, Lines) {
        let lines = Lines()
        return (Logger(name: "demo", config: config, output: { lines.append($0) }), lines)
    }

    @Test func infoAndAboveByDefault() {
        let config = Config()
        let (logger, lines) = capturingLogger(config)
        logger.debug("d")
        logger.info("i")
        logger.warning("w")
        logger.error("e")
        logger.critical("c")
        #expect(lines.withLock { $0 } == ["[INFO] demo: i\n", "[WARNING] demo: w\n", "[ERROR] demo: e\n", "[CRITICAL] demo: c\n"])
        #expect(logger.level == .info)
    }

    @Test func debugModeLogsDebugMessages() {
        let config = Config()
        config["DEBUG"] = true
        let (logger, lines) = capturingLogger(config)
        logger.debug("d")
        #expect(lines.withLock { $0 } == ["[DEBUG] demo: d\n"])
    }

    @Test func logLevelSettingWinsAndIsReadOnEveryMessage() {
        let config = Config()
        config["DEBUG"] = true
        config["LOG_LEVEL"] = "ERROR"
        let (logger, lines) = capturingLogger(config)
        logger.warning("dropped")
        logger.error("kept")
        config["LOG_LEVEL"] = Logger.Level.warning
        logger.warning("now kept")
        #expect(lines.withLock { $0 } == ["[ERROR] demo: kept\n", "[WARNING] demo: now kept\n"])
        #expect(logger.isEnabled(for: .warning) && !logger.isEnabled(for: .info))
    }

    @Test(arguments: [
        ("debug", Logger.Level.debug), ("INFO", .info), ("Warn", .warning), ("WARNING", .warning), ("error", .error),
        ("CRITICAL", .critical), ("fatal", .critical), ("30", .warning), ("25", .warning), ("0", .debug), ("99", .critical),
    ])
    func levelNamesAndNumbers(setting: String, expected: Logger.Level) {
        #expect(Logger.Level(setting) == expected)
    }

    @Test func unknownSettingsAreIgnored() {
        #expect(Logger.Level("loud") == nil)
        #expect(Logger.Level(2.5) == nil)
        let config = Config()
        config["LOG_LEVEL"] = "loud"
        #expect(capturingLogger(config).0.level == .info)
    }

    @Test func prefixedEnvironmentSetsTheLevel() {
        let app = Flask()
        app.config.fromPrefixedEnvironment(environment: ["FLASK_LOG_LEVEL": "DEBUG"])
        #expect(app.logger.level == .debug)
        app.config.fromPrefixedEnvironment(environment: ["FLASK_LOG_LEVEL": "40"])
        #expect(app.logger.level == .error)
    }

    @Test func aStandaloneLoggerUsesInfo() {
        #expect(Logger(name: "x").level == .info)
    }

    @Test func handlersGetEveryWrittenMessageWithItsLevel() {
        let app = Flask("demo")
        let lines = Lines()
        app.logger.addHandler { level, message in lines.append("\(level) \(message)") }
        app.config["LOG_LEVEL"] = "WARNING"
        app.logger.info("quiet")
        app.logger.warning("careful")
        app.logger.error("broken")
        #expect(lines.withLock { $0 } == ["warning careful", "error broken"])
    }
}
