import Flaskish
import Foundation

/// Our browser client, served at `/<path>/socket.io.js`, as the JavaScript server serves its
/// own (Flask-SocketIO serves none): the chat then works with no CDN and no internet.
enum ClientScript {
    /// The file name under the Socket.IO path.
    static let fileName = "socket.io.js"

    /// Where the script lives among the module's resources.
    static let url: URL? = Bundle.module.url(forResource: "socket.io", withExtension: "js")

    /// The script's bytes, read once; a console error in its place if the resource is missing.
    static let bytes: [UInt8] = {
        guard let url, let data = try? Data(contentsOf: url)
        else { return Array("console.error('Flaskish: socket.io.js resource missing');".utf8) }
        return [UInt8](data)
    }()

    private static let mimetype = "application/javascript; charset=utf-8"

    /// Registers `GET /<path>/socket.io.js` (HEAD comes with it). A route rather than a
    /// middleware, so other requests pay nothing for it and other methods on that path still
    /// reach the app's own routes; served like a static file (ETag, `Last-Modified`, 304) so
    /// a browser revalidates instead of downloading it on every page load.
    static func install(on app: Flask, path: String) {
        app.route("/" + path + "/" + fileName, methods: [.GET], endpoint: "socketio.client_script") { _ in
            guard let url else { return Response(bytes: bytes, contentType: mimetype) }
            return try sendFile(url.path, mimetype: mimetype)
        }
    }
}
