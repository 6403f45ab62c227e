#if canImport(Glibc)
import Glibc
#endif

/// Static folders: where they are, the URL they are served at, and the safe joining of a
/// requested path to a folder.
///
/// Flask: `static_folder`, `static_url_path`, `send_static_file`; Werkzeug's `safe_join`.
enum StaticFiles {
    /// `folder` made absolute: kept when it starts with `/`, else put under `rootPath` (or
    /// the working directory).
    static func resolve(_ folder: String, rootPath: String?) -> String {
        if folder.hasPrefix("/") { return folder }
        let root = rootPath ?? currentDirectory()
        return root.hasSuffix("/") ? root + folder : root + "/" + folder
    }

    /// The URL path for a static folder: `explicit` without its trailing slashes, else `/`
    /// and the folder's last component (Flask's `static_url_path` default).
    static func urlPath(_ explicit: String?, folder: String) -> String {
        var path = Substring(explicit ?? "/" + (folder.split(separator: "/").last.map(String.init) ?? ""))
        while path.last == "/" { path.removeLast() }
        return String(path)
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// `directory/path`, or nil when `path` would leave `directory`: Werkzeug's `safe_join`
    /// (after `normpath`, refuse absolute paths and `..`), plus NUL bytes and symbolic links
    /// whose target is outside `directory`, which Werkzeug lets through.
    static func safeJoin(_ directory: String, _ path: String) -> String? {
        guard !path.utf8.contains(0), !directory.utf8.contains(0) else { return nil }
        let normalized = path.isEmpty ? "" : normalizePath(path)
        if normalized.hasPrefix("/") || normalized == ".." || normalized.hasPrefix("../") { return nil }
        let joined = directory.hasSuffix("/") || normalized.isEmpty ? directory + normalized : directory + "/" + normalized
        guard let realFolder = realPath(directory) else { return joined }
        // A path that does not exist cannot escape; stat will answer 404 for it.
        guard let realTarget = realPath(joined) else { return joined }
        let base = realFolder.hasSuffix("/") ? realFolder : realFolder + "/"
        return realTarget.hasPrefix(base) ? joined : nil
    }

    /// Python's `posixpath.normpath`: drops `.` and empty segments and folds `x/..`.
    static func normalizePath(_ path: String) -> String {
        let leadingSlashes = path.prefix { $0 == "/" }.count
        let initial = leadingSlashes == 2 ? "//" : leadingSlashes > 0 ? "/" : ""
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            if part != ".." || (initial.isEmpty && parts.isEmpty) || parts.last == ".." {
                parts.append(part)
            } else if !parts.isEmpty {
                parts.removeLast()
            }
        }
        let result = initial + parts.joined(separator: "/")
        return result.isEmpty ? "." : result
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension AppBuilder {
    /// Registers the route that serves `folder`'s files at `rule` (which ends in
    /// `<path:filename>`), with the app's `SEND_FILE_MAX_AGE_DEFAULT`.
    ///
    /// Flask: the `static` rule `Flask.__init__` and `Blueprint.register` add, served by
    /// `send_static_file`.
    mutating func addStaticRoute(folder: String, rule: String, endpoint: String) {
        addRoute(rule, endpoint: endpoint, methods: nil, strictSlashes: true) { request in
            let filename = try request.viewArgs.get("filename", as: String.self)
            return try sendFromDirectory(folder, filename)
        }
    }
}

extension Flask {
    /// `SEND_FILE_MAX_AGE_DEFAULT` in seconds; nil (Flask's default) sends `no-cache`.
    ///
    /// Flask: `app.get_send_file_max_age(filename)`.
    var sendFileMaxAge: Int? { config.get("SEND_FILE_MAX_AGE_DEFAULT", as: Int.self) }
}
