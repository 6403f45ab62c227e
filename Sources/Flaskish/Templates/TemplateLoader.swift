import Foundation

/// The source of one template as a loader returns it (Jinja's `get_source` triple).
public struct TemplateSource: Sendable {
    /// The template text.
    ///
    /// Jinja: the `source` of `get_source`'s triple.
    public var source: String
    /// The file it came from, if any (for messages).
    ///
    /// Jinja: the `filename` of `get_source`'s triple.
    public var filename: String?
    /// Returns true while the cached parse is still current (Jinja's `uptodate`); nil means always.
    public var isUpToDate: (@Sendable () -> Bool)?

    /// A source.
    ///
    /// Jinja: the `(source, filename, uptodate)` triple.
    public init(source: String, filename: String? = nil, isUpToDate: (@Sendable () -> Bool)? = nil) {
        self.source = source
        self.filename = filename
        self.isUpToDate = isUpToDate
    }
}

/// Finds template sources by name (Jinja's `BaseLoader`).
public protocol TemplateLoader: Sendable {
    /// The source of `name`; throws ``TemplateNotFound`` when absent.
    func source(for name: String) throws -> TemplateSource
    /// Where this loader looks, for ``TemplateNotFound`` messages.
    var searchDescription: [String] { get }
}

/// Splits a template name into path segments, refusing `..` (Jinja's `split_template_path`).
func splitTemplatePath(_ name: String) -> [String]? {
    var pieces: [String] = []
    for piece in name.split(separator: "/", omittingEmptySubsequences: true) {
        if piece == ".." { return nil }
        if piece != "." { pieces.append(String(piece)) }
    }
    return pieces
}

/// Loads templates from directories, first match wins (Jinja's `FileSystemLoader`).
/// The cached template is reloaded when the file's modification time changes.
public struct FileSystemLoader: TemplateLoader {
    /// Directories searched in order.
    ///
    /// Jinja: `FileSystemLoader.searchpath`.
    public let searchPaths: [String]

    /// A loader over `searchPaths`.
    ///
    /// Jinja: `FileSystemLoader(searchpath)`.
    public init(_ searchPaths: [String]) { self.searchPaths = searchPaths }

    /// A loader over `searchPaths` (labelled form).
    ///
    /// Jinja: `FileSystemLoader(searchpath=…)`.
    public init(searchPaths: [String]) { self.searchPaths = searchPaths }

    /// Where this loader looks, for `TemplateNotFound` messages.
    public var searchDescription: [String] { searchPaths }

    /// The source of `name`, or ``TemplateNotFound``.
    ///
    /// Jinja: `FileSystemLoader.get_source`.
    public func source(for name: String) throws -> TemplateSource {
        guard let pieces = splitTemplatePath(name) else { throw TemplateNotFound(name: name, searchPath: searchPaths) }
        for directory in searchPaths {
            let path = ([directory] + pieces).joined(separator: "/")
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let modified = Self.modificationDate(path)
            return TemplateSource(source: String(decoding: data, as: UTF8.self), filename: path) {
                Self.modificationDate(path) == modified
            }
        }
        throw TemplateNotFound(name: name, searchPath: searchPaths)
    }

    private static func modificationDate(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}

/// Templates held in memory by name (Jinja's `DictLoader`).
public struct DictionaryLoader: TemplateLoader {
    /// Sources by template name.
    ///
    /// Jinja: `DictLoader.mapping`.
    public let templates: [String: String]

    /// A loader over `templates`.
    ///
    /// Jinja: `DictLoader(mapping)`.
    public init(_ templates: [String: String]) { self.templates = templates }

    /// Where this loader looks, for `TemplateNotFound` messages.
    public var searchDescription: [String] { ["<dictionary of \(templates.count) templates>"] }

    /// The source of `name`, or ``TemplateNotFound``.
    ///
    /// Jinja: `DictLoader.get_source`.
    public func source(for name: String) throws -> TemplateSource {
        guard let source = templates[name] else { throw TemplateNotFound(name: name, searchPath: searchDescription) }
        return TemplateSource(source: source, filename: nil)
    }
}

/// Tries several loaders in order (Jinja's `ChoiceLoader`; Flask searches the app's
/// `templates/` then each blueprint's).
public struct ChoiceLoader: TemplateLoader {
    /// Loaders tried in order.
    ///
    /// Jinja: `ChoiceLoader.loaders`.
    public let loaders: [any TemplateLoader]

    /// A loader over `loaders`.
    ///
    /// Jinja: `ChoiceLoader(loaders)`.
    public init(_ loaders: [any TemplateLoader]) { self.loaders = loaders }

    /// Where this loader looks, for `TemplateNotFound` messages.
    public var searchDescription: [String] { loaders.flatMap(\.searchDescription) }

    /// The source of `name`, or ``TemplateNotFound``.
    ///
    /// Jinja: `ChoiceLoader.get_source`.
    public func source(for name: String) throws -> TemplateSource {
        for loader in loaders {
            if let found = try? loader.source(for: name) { return found }
        }
        throw TemplateNotFound(name: name, searchPath: searchDescription)
    }
}
