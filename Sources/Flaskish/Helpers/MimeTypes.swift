/// File name → media type, for `sendFile` and static files.
///
/// The table holds the common web types with the answers Python's `mimetypes.guess_type`
/// gives on a Debian machine (which Werkzeug's `send_file` asks), plus `.map` as JSON.
///
/// Flask: `mimetypes.guess_type(download_name)` inside `werkzeug.utils.send_file`.
enum MimeTypes {
    /// Media types by lower-cased extension.
    static let byExtension: [String: String] = [
        "html": "text/html", "htm": "text/html", "css": "text/css", "js": "text/javascript",
        "mjs": "text/javascript", "json": "application/json", "map": "application/json",
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "jpe": "image/jpeg", "gif": "image/gif", "webp": "image/webp", "avif": "image/avif",
        "ico": "image/vnd.microsoft.icon", "bmp": "image/bmp", "woff": "font/woff", "woff2": "font/woff2",
        "ttf": "font/ttf", "otf": "font/otf", "txt": "text/plain", "md": "text/markdown", "csv": "text/csv",
        "wasm": "application/wasm", "xml": "application/xml", "pdf": "application/pdf",
        "zip": "application/zip", "tar": "application/x-tar", "mp3": "audio/mpeg", "mp4": "video/mp4",
        "webm": "video/webm", "ogg": "audio/ogg", "wav": "audio/x-wav",
    ]

    /// Compression suffixes: they name a `Content-Encoding`, and the type comes from the rest
    /// of the name (`a.tar.gz` is a gzip-encoded tar).
    static let encodings: [String: String] = ["gz": "gzip", "Z": "compress", "bz2": "bzip2", "xz": "xz", "br": "br"]

    /// Short forms that stand for two suffixes (Python's `suffix_map`).
    static let suffixAliases: [String: String] = ["tgz": "tar.gz", "taz": "tar.gz", "tz": "tar.gz", "tbz2": "tar.bz2", "txz": "tar.xz"]

    /// The media type and content encoding for `filename`; either may be nil.
    ///
    /// Python: `mimetypes.guess_type(filename)`.
    static func guess(_ filename: String) -> (type: String?, encoding: String?) {
        var base = Substring(filename.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        guard var ext = extensionOf(base) else { return (nil, nil) }
        if let alias = suffixAliases[String(ext)] ?? suffixAliases[ext.lowercased()] {
            base = base.dropLast(ext.count) + alias
            ext = extensionOf(base) ?? ext
        }
        var encoding: String?
        if let found = encodings[String(ext)] ?? encodings[ext.lowercased()] {
            encoding = found
            base = base.dropLast(ext.count + 1)
            guard let inner = extensionOf(base) else { return (nil, encoding) }
            ext = inner
        }
        return (byExtension[String(ext)] ?? byExtension[ext.lowercased()], encoding)
    }

    /// The `Content-Type` for `mimetype`: text types and a few XML and script types get
    /// `; charset=utf-8`, as Werkzeug's `get_content_type` adds it.
    static func contentType(for mimetype: String) -> String {
        let charsetTypes: Set<String> = [
            "application/ecmascript", "application/javascript", "application/sql", "application/xml",
            "application/xml-dtd", "application/xml-external-parsed-entity",
        ]
        guard mimetype.hasPrefix("text/") || charsetTypes.contains(mimetype) || mimetype.hasSuffix("+xml") else {
            return mimetype
        }
        return mimetype + "; charset=utf-8"
    }

    /// The text after the last dot, unless the dot starts the name (`.bashrc` has none).
    private static func extensionOf(_ name: Substring) -> Substring? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...]
        return ext.isEmpty ? nil : ext
    }
}
