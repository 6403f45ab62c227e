import FlaskishTestSupport
import Flaskish

/// One request over a real socket to a live server, with any method, headers and body.
func liveRequest(
    _ method: String, _ path: String, port: Int, headers: [(String, String)] = [], body: [UInt8] = []
) throws -> RawHTTPClient.Reply {
    let client = try RawHTTPClient(port: port)
    var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
    for (name, value) in headers { head += "\(name): \(value)\r\n" }
    if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
    head += "\r\n"
    client.send(Array(head.utf8) + body)
    return try client.readResponse(head: method == "HEAD")
}

extension RawHTTPClient.Reply {
    /// Every value of a header, in order.
    func headers(_ name: String) -> [String] {
        headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1)
    }
}
