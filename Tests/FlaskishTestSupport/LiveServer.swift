import Flaskish

/// Runs `body` against `app` served on a free loopback port, and always stops the server.
package func withLiveServer<T>(
    _ app: Flask, host: String = "127.0.0.1", configure: (inout Server.Configuration) -> Void = { _ in },
    _ body: (Int) async throws -> T
) async throws -> T {
    var configuration = Server.Configuration()
    configuration.accessLog = false
    configure(&configuration)
    let server = try app.serve(host: host, port: 0, configuration: configuration)
    do {
        let result = try await body(server.port)
        server.stop()
        return result
    } catch {
        server.stop()
        throw error
    }
}
