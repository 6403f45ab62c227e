import Flaskish
import Foundation

/// Our browser client, served at `/<path>/socket.io.js` (python-engineio's `static_files`
/// idea, without a CDN: the chat works offline).
enum ClientScript {
    /// Where the script lives among the module's resources.
    static let url: URL? = Bundle.module.url(forResource: "socket.io", withExtension: "js")

    /// The script's bytes, read once; a console error in its place if the resource is missing.
    static let bytes: [UInt8] = {
        guard let url, let data = try? Data(contentsOf: url)
        else { return Array("console.error('Flaskish: socket.io.js resource missing');".utf8) }
        return [UInt8](data)
    }()

    /// Registers the route. Served like a static file (ETag, `Last-Modified`, 304, ranges),
    /// so a browser revalidates instead of downloading it on every page load.
    static func install(on app: Flask, path: String) {
        app.route("/" + path + "/socket.io.js", methods: [.GET], endpoint: "socketio.client_script") { _ in
            guard let url else { return Response(bytes: bytes, contentType: mimetype) }
            return try sendFile(url.path, mimetype: mimetype)
        }
    }

    private static let mimetype = "text/javascript; charset=utf-8"
}
