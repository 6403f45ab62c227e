/// A `multipart/form-data` body to send from tests: fields and files.
///
/// ```swift
/// var body = MultipartBody(fields: [("title", "Cat")])
/// body.addFile("photo", filename: "cat.png", contentType: "image/png", data: png)
/// let response = await client.post("/upload", multipart: body)
/// ```
///
/// Flask: `client.post(path, data={"title": "Cat", "photo": (io.BytesIO(png), "cat.png")})`.
public struct MultipartBody: Sendable {
    /// The delimiter between parts, without the leading dashes.
    public var boundary: String
    /// The parts, in order.
    public var parts: [MultipartPart] = []

    /// A body with `fields` (sent first) and `files`, each file under its `name`.
    ///
    /// Flask: the test client's `data={"field": "x", "file": (io.BytesIO(b"…"), "a.txt")}`.
    public init(fields: [(String, String)] = [], files: [FileStorage] = [], boundary: String? = nil) {
        self.boundary = boundary ?? "FlaskishBoundary" + String(UInt64.random(in: .min ... .max), radix: 16)
        for (name, value) in fields { addField(name, value) }
        for file in files {
            addFile(file.name, filename: file.filename ?? "", contentType: file.contentType, data: file.data)
        }
    }

    /// Appends a text field.
    ///
    /// Flask: a `"name": "value"` entry of the test client's `data`.
    public mutating func addField(_ name: String, _ value: String) {
        parts.append(MultipartPart(name: name, data: Array(value.utf8)))
    }

    /// Appends a file; its `Content-Type` is `application/octet-stream` unless given.
    ///
    /// Flask: a `"name": (io.BytesIO(data), filename, content_type)` entry of the test client's `data`.
    public mutating func addFile(_ name: String, filename: String, contentType: String? = nil, data: [UInt8]) {
        parts.append(MultipartPart(name: name, filename: filename,
                                   contentType: contentType ?? "application/octet-stream", data: data))
    }

    /// `multipart/form-data; boundary=…`.
    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// The body's bytes (RFC 7578); names and filenames escape `"`, CR and LF as HTML forms do.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        for part in parts {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.escape(part.name))\""
            if let filename = part.filename { head += "; filename=\"\(Self.escape(filename))\"" }
            head += "\r\n"
            if let contentType = part.contentType { head += "Content-Type: \(contentType)\r\n" }
            head += "\r\n"
            out += Array(head.utf8)
            out += part.data
            out += Array("\r\n".utf8)
        }
        out += Array("--\(boundary)--\r\n".utf8)
        return out
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "%22"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
