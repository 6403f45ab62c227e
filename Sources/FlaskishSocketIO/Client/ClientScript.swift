import Flaskish
import Foundation

/// Our browser client, as bytes, served at `/socket.io/socket.io.js`.
enum ClientScript {
    /// The file name under the Socket.IO path, as the JavaScript server serves its client.
    static let fileName = "socket.io.js"

    /// The script's bytes, read once from the module's resources.
    static let bytes: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "socket.io", withExtension: "js"),
              let data = try? Data(contentsOf: url)
        else { return Array("console.error('Flaskish: socket.io.js resource missing');".utf8) }
        return [UInt8](data)
    }()

    /// The script as a JavaScript response.
    static func response() -> Response {
        Response(bytes: bytes, contentType: "application/javascript; charset=utf-8")
    }

    /// Answers GET and HEAD of `/<path>/socket.io.js` on `app` with the script, before the
    /// app's routes (the Engine.IO middleware only takes the path itself, so the file would
    /// otherwise be a 404). Flask-SocketIO serves no client; the JavaScript server does.
    static func install(on app: Flask, path: String) {
        let scriptPath = "/" + path + "/" + fileName
        app.use { request, next in
            guard request.path == scriptPath, request.method == .GET || request.method == .HEAD else {
                return try await next(request)
            }
            return response()
        }
    }
}
