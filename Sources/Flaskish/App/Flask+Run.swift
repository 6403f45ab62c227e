#if canImport(Glibc)
import Glibc
#endif
import CFlaskishSystem
import Dispatch
import Foundation

extension Flask {
    /// Starts serving in the background and returns the running server (port 0 picks a
    /// free port: read it from `server.port`). Stop it with `server.stop()`.
    ///
    /// Flask: no direct twin; `app.run()` without blocking, as tests and embedders need.
    public func serve(host: String = "127.0.0.1", port: Int = 0, configuration: Server.Configuration? = nil) throws -> Server {
        signal(SIGPIPE, SIG_IGN)
        _ = frozen
        let settings = configuration ?? serverConfiguration()
        // The server holds the app strongly: an app kept only in a local variable must live
        // as long as the server that answers for it.
        return try Server(host: host, port: port, configuration: settings, logSink: { [logger] in logger.info($0) }) {
            connection, server in
            HTTPConnectionHandler(server: server, responder: { await self.handle($0) },
                                  local: server.loopStates[connection.loop.index])
        }
    }

    /// Serves the app until SIGINT (Ctrl-C) or SIGTERM, then shuts down gracefully: stops
    /// accepting, lets in-flight requests finish, and returns.
    ///
    /// The command line is read first (``cli``, Flask's `flask` command): `--help`, `routes`
    /// and the app's own commands run and exit, a usage error exits with status 2, and
    /// `--reload` (or `--debug`) supervises rebuilds (docs/deployment.md lists the commands).
    ///
    /// Host and port come, first to last, from the `--host`/`--port` command-line flags, the
    /// `FLASK_RUN_HOST`/`FLASK_RUN_PORT` environment variables, the arguments here, and
    /// the defaults `127.0.0.1:5000`.
    ///
    /// `configuration` sets the engine in code (event loops, worker threads, limits, time-outs);
    /// nil takes it from `app.config` as ``serve(host:port:configuration:)`` does. Given, it is
    /// used as is: `app.config` keys such as `MAX_CONTENT_LENGTH` no longer apply, so start from
    /// `Server.Configuration()` and set what you need.
    ///
    /// Flask: `app.run(host=None, port=None, debug=None)` / `flask run --host --port`.
    public func run(host: String? = nil, port: Int? = nil, debug: Bool? = nil, configuration: Server.Configuration? = nil) {
        // The command line (CLI/Flask+CLI.swift): `--help`, `routes`, the app's commands and
        // usage errors end the process there; `--reload` hands over to the reloader.
        let options = commandLineOptions(host: host, port: port, debug: debug)
        if let debug = options.debug { self.debug = debug }
        let termination = TerminationSignal()
        let server: Server
        do {
            server = try serve(host: options.host, port: options.port, configuration: configuration)
        } catch {
            FileHandle.standardError.write(Data("Error: could not start the server on \(options.host):\(options.port): \(error)\n".utf8))
            exit(1)
        }
        let shownHost = options.host.contains(":") ? "[\(options.host)]" : options.host
        let banner = """
         * Serving Flaskish app '\(name)'
         * Debug mode: \(self.debug ? "on" : "off")
         * Running on http://\(shownHost):\(server.port)
        Press CTRL+C to quit

        """
        FileHandle.standardError.write(Data(banner.utf8))
        termination.wait()
        FileHandle.standardError.write(Data(" * Shutting down\n".utf8))
        server.stop()
    }

    /// The engine's settings from `config` (limits, timeouts, workers).
    func serverConfiguration() -> Server.Configuration {
        var settings = Server.Configuration()
        settings.limits.maxBodyBytes = config.get("MAX_CONTENT_LENGTH", as: Int.self)
        if let value = config.get("MAX_REQUEST_LINE", as: Int.self) { settings.limits.maxRequestLineLength = value }
        if let value = config.get("MAX_HEADER_BYTES", as: Int.self) { settings.limits.maxHeaderBytes = value }
        if let value = config.get("MAX_HEADER_COUNT", as: Int.self) { settings.limits.maxHeaderCount = value }
        if let value = config.get("KEEP_ALIVE_TIMEOUT", as: Double.self) { settings.keepAliveTimeoutMilliseconds = Int(value * 1000) }
        if let value = config.get("REQUEST_HEAD_TIMEOUT", as: Double.self) { settings.requestHeadTimeoutMilliseconds = Int(value * 1000) }
        if let value = config.get("BODY_READ_TIMEOUT", as: Double.self) { settings.bodyReadTimeoutMilliseconds = Int(value * 1000) }
        if let value = config.get("SEND_TIMEOUT", as: Double.self) { settings.sendTimeoutMilliseconds = Int(value * 1000) }
        if let value = config.get("MAX_OUTBOUND_BYTES", as: Int.self) { settings.maxOutboundBytes = value }
        if let value = config.get("OUTBOUND_HIGH_WATER_MARK", as: Int.self) { settings.outboundHighWaterMark = value }
        if let value = config.get("MAX_PIPELINED_BYTES", as: Int.self) { settings.maxPipelinedBytes = value }
        if let value = config.get("WORKER_THREADS", as: Int.self) { settings.workerThreads = value }
        if let value = config.get("ACCESS_LOG", as: Bool.self) { settings.accessLog = value }
        return settings
    }
}

/// Where `run()` listens, resolved from flags, environment, code and defaults.
struct RunOptions: Equatable {
    var host: String
    var port: Int
    var debug: Bool?

    static func resolve(host: String?, port: Int?, debug: Bool?, arguments: [String], environment: [String: String]) -> RunOptions {
        var options = RunOptions(host: host ?? "127.0.0.1", port: port ?? 5000, debug: debug)
        if let envHost = environment["FLASK_RUN_HOST"], !envHost.isEmpty { options.host = envHost }
        if let envPort = environment["FLASK_RUN_PORT"].flatMap({ Int($0) }) { options.port = envPort }
        if let envDebug = environment["FLASK_DEBUG"] { options.debug = ["1", "true", "yes"].contains(envDebug.lowercased()) }
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            func value() -> String? {
                if let equals = argument.firstIndex(of: "=") { return String(argument[argument.index(after: equals)...]) }
                index += 1
                return index < arguments.count ? arguments[index] : nil
            }
            if argument == "--host" || argument.hasPrefix("--host=") || argument == "-h" {
                if let host = value() { options.host = host }
            } else if argument == "--port" || argument.hasPrefix("--port=") || argument == "-p" {
                if let port = value().flatMap({ Int($0) }) { options.port = port }
            } else if argument == "--debug" {
                options.debug = true
            } else if argument == "--no-debug" {
                options.debug = false
            }
            index += 1
        }
        return options
    }
}

/// Blocks until SIGINT or SIGTERM arrives.
func waitForTerminationSignal() {
    TerminationSignal().wait()
}

/// SIGINT/SIGTERM caught from the moment it is made, so a signal sent right after the banner
/// is printed (before the program waits) is not lost. `package` so the test-server executables
/// (FlaskishTestSupport's `serveUntilTerminated`) wait the same way `run()` does.
///
/// A plain signal handler (in CFlaskishSystem), not a Dispatch signal source: on Linux a
/// source's handler is installed later, on Dispatch's manager thread, and a SIGTERM sent in
/// between (a loaded machine, a supervisor stopping its app right after the banner) met
/// SIG_IGN and was lost, leaving the server running.
///
/// Flask: no twin (Werkzeug's server stops on Python's KeyboardInterrupt).
package final class TerminationSignal: Sendable {
    /// Starts catching SIGINT and SIGTERM (their default action, ending the process, is off from here on).
    package init() {
        cflaskish_catch_termination_signals()
    }

    /// Returns once a signal has arrived (including one that arrived before the call).
    package func wait() {
        _ = cflaskish_wait_for_termination_signal()
    }
}
