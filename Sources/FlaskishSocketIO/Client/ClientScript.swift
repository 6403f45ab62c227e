import Foundation

/// Our browser client, as bytes, served at `/socket.io/socket.io.js`.
enum ClientScript {
    /// The script's bytes, read once from the module's resources.
    static let bytes: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "socket.io", withExtension: "js"),
              let data = try? Data(contentsOf: url)
        else { return Array("console.error('Flaskish: socket.io.js resource missing');".utf8) }
        return [UInt8](data)
    }()
}
