import Flaskish

/// The multipart/form-data body parser and the boundary parameter reader.
enum FuzzMultipart {
    static func run(_ input: UnsafeRawBufferPointer) {
        let bytes = Array(input)
        // The first line, when short, doubles as a Content-Type for the boundary reader.
        if let newline = bytes.firstIndex(of: 0x0A), newline < 200 {
            _ = MultipartFormParser.boundary(fromContentType: String(decoding: bytes[..<newline], as: UTF8.self))
        }
        let parser = MultipartFormParser(boundary: "fuzzBoundary", maxParts: 16, maxPartHeaderBytes: 256)
        let first = Result { () throws(MultipartError) in try parser.parse(bytes) }
        let second = Result { () throws(MultipartError) in try parser.parse(bytes) }
        Fuzz.check(first == second, "multipart", "two parses of one body differ")
    }
}
