import Foundation

/// One uploaded file of a multipart form.
///
/// ```swift
/// app.post("/upload") { req in
///     guard let file = try req.files["avatar"] else { throw abort(400) }
///     try file.save(to: "/tmp/\(file.filename ?? "upload")")
///     return "\(file.data.count) bytes"
/// }
/// ```
///
/// Flask: Werkzeug's `FileStorage` (`filename`, `content_type`, `headers`, `read()`, `save()`).
public struct FileStorage: Sendable, Equatable {
    /// The form field the file came in. Werkzeug: `FileStorage.name`.
    public var name: String
    /// The filename the client sent, unsanitized (empty when no file was chosen); pass it
    /// through a `secureFilename`-style check before using it as a path.
    /// Werkzeug: `FileStorage.filename`.
    public var filename: String?
    /// The part's `Content-Type`, as sent. Werkzeug: `FileStorage.content_type`.
    public var contentType: String?
    /// Every header of the part. Werkzeug: `FileStorage.headers`.
    public var headers: HTTPHeaders
    /// The file's content. Werkzeug: `FileStorage.read()`.
    public var data: [UInt8]

    /// A file from its parts.
    ///
    /// Werkzeug: `FileStorage(stream, filename, name, content_type, headers=…)`.
    public init(name: String = "", filename: String?, contentType: String? = nil,
                headers: HTTPHeaders = [:], data: [UInt8]) {
        self.name = name
        self.filename = filename
        self.contentType = contentType
        self.headers = headers
        self.data = data
    }

    /// The content type without parameters, lower-cased (`image/png`); empty when none.
    ///
    /// Werkzeug: `FileStorage.mimetype`.
    public var mimetype: String { contentType.map { parseMediaType($0).type } ?? "" }

    /// Writes the content to `path`, replacing what is there.
    ///
    /// Werkzeug: `FileStorage.save(dst)`.
    public func save(to path: String) throws {
        try Data(data).write(to: URL(fileURLWithPath: path))
    }
}

/// Uploaded files by field name, in the order received; a name may repeat.
///
/// Flask: `request.files` (a Werkzeug `MultiDict` of `FileStorage`).
public struct FileMultiDict: Sendable, Equatable, Sequence {
    /// One field name and its file.
    public typealias Element = (key: String, value: FileStorage)

    private var items: [(key: String, value: FileStorage)] = []

    /// No files.
    public init() {}

    /// The first file sent under `key`, or nil. Flask: `request.files.get("avatar")`.
    public subscript(key: String) -> FileStorage? {
        for item in items where item.key == key { return item.value }
        return nil
    }

    /// Every file sent under `key`, in order. Flask: `request.files.getlist("photos")`.
    public func getAll(_ key: String) -> [FileStorage] { items.compactMap { $0.key == key ? $0.value : nil } }

    /// The distinct field names, in first-seen order. Flask: `request.files.keys()`.
    public var keys: [String] {
        var seen = Set<String>()
        return items.compactMap { seen.insert($0.key).inserted ? $0.key : nil }
    }

    /// True when a file came under `key`. Flask: `"avatar" in request.files`.
    public func contains(_ key: String) -> Bool { items.contains { $0.key == key } }

    /// The number of files. Flask: `len(request.files)` counts names; this counts files.
    public var count: Int { items.count }
    /// True when no file was sent.
    ///
    /// Werkzeug: `not request.files`.
    public var isEmpty: Bool { items.isEmpty }

    /// Appends a file, keeping earlier ones. Flask: `MultiDict.add`.
    public mutating func add(_ key: String, _ file: FileStorage) { items.append((key: key, value: file)) }

    /// Iterates the `(name, file)` pairs in order.
    public func makeIterator() -> IndexingIterator<[(key: String, value: FileStorage)]> { items.makeIterator() }

    /// Same files under the same names, in the same order.
    public static func == (lhs: FileMultiDict, rhs: FileMultiDict) -> Bool {
        lhs.items.count == rhs.items.count && zip(lhs.items, rhs.items).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
