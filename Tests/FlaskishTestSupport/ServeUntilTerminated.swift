#if canImport(Glibc)
import Glibc
#endif
import Flaskish
import Foundation

/// The value after `flag` in `arguments` (`--host 0.0.0.0` → `"0.0.0.0"`), or nil when the flag
/// is absent or last.
package func commandLineValue(_ flag: String, in arguments: [String] = CommandLine.arguments) -> String? {
    guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

/// The integer after `flag` in `arguments` (`--port 8000` → 8000), or nil when the flag is absent,
/// last, or not followed by a number.
package func commandLineInteger(_ flag: String, in arguments: [String] = CommandLine.arguments) -> Int? {
    commandLineValue(flag, in: arguments).flatMap { Int($0) }
}

/// The `main` of the test-server executables the pytest suites start (Tests/browser,
/// Tests/engineio-interop, Tests/interop, Tests/cors-differential): serves `app`, prints
/// `PORT <n>` on stdout once it accepts connections, waits for SIGINT or SIGTERM, stops the
/// server (in-flight requests get 2 s) and exits 0. If the server cannot start, it says why
/// on stderr and exits 1.
///
/// `host` and `port` default to the `--host`/`--port` flags in `arguments`, then to
/// `127.0.0.1` and port 0 (any free port, which the suites read from the `PORT` line).
/// `configuration` nil takes the engine settings from `app.config`, as `app.serve` does.
///
/// Flask: the twins call `app.run()`/`make_server(...).serve_forever()`; the `PORT` line is
/// this project's own handshake with its pytest fixtures.
package func serveUntilTerminated(
    _ app: Flask, host: String? = nil, port: Int? = nil, configuration: Server.Configuration? = nil,
    arguments: [String] = CommandLine.arguments
) -> Never {
    let program = arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "server"
    let host = host ?? commandLineValue("--host", in: arguments) ?? "127.0.0.1"
    let port = port ?? commandLineInteger("--port", in: arguments) ?? 0
    // Caught from before the PORT line, so a test that stops the server at once is not lost.
    let termination = TerminationSignal()
    let server: Server
    do {
        server = try app.serve(host: host, port: port, configuration: configuration)
    } catch {
        FileHandle.standardError.write(Data("\(program): could not serve on \(host):\(port): \(error)\n".utf8))
        exit(1)
    }
    // FileHandle writes straight to the descriptor: the line is not held in a stdio buffer
    // while the fixture waits for it on a pipe.
    FileHandle.standardOutput.write(Data("PORT \(server.port)\n".utf8))
    termination.wait()
    server.stop(timeout: .seconds(2))
    exit(0)
}
