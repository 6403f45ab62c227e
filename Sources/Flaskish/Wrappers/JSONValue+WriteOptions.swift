/// How ``JSONValue/serialized(options:)`` lays out its text: the knobs of Python's `json.dumps`
/// that Flask and python-socketio turn.
///
/// The presets reproduce, byte for byte, what those libraries send:
/// - ``jsonify``: Flask's `jsonify` body outside debug mode.
/// - ``compact``: the same without the final newline (the default): for JSON inside other text.
/// - ``jsonifyDebug``: Flask's `jsonify` body in debug mode.
/// - ``socketIO``: python-socketio's packet payloads.
/// - ``pythonDefault``: a bare `json.dumps(obj)`.
///
/// Python: the keyword arguments of `json.dumps`.
public struct JSONWriteOptions: Sendable, Hashable {
    /// Write object members ordered by key (by Unicode code point, as Python compares `str`).
    /// When false, members come in the dictionary's order, which is unspecified: ``JSONValue``
    /// keeps no insertion order. Python: `sort_keys`.
    public var sortKeys: Bool
    /// Escape every non-ASCII character as `\uXXXX` (astral ones as a surrogate pair), and DEL
    /// as `\u007f`. Python: `ensure_ascii`.
    public var ensureASCII: Bool
    /// Spaces per nesting level; `nil` writes everything on one line. Python: `indent`.
    public var indent: Int?
    /// Written between elements (before the newline, when indenting). Python: `separators[0]`.
    public var itemSeparator: String
    /// Written between a key and its value. Python: `separators[1]`.
    public var keySeparator: String
    /// Appended after the document; Flask's `jsonify` adds `"\n"`.
    public var terminator: String

    /// Options spelled out; the defaults are a bare `json.dumps(obj)`.
    public init(
        sortKeys: Bool = false, ensureASCII: Bool = true, indent: Int? = nil,
        itemSeparator: String = ", ", keySeparator: String = ": ", terminator: String = ""
    ) {
        self.sortKeys = sortKeys
        self.ensureASCII = ensureASCII
        self.indent = indent
        self.itemSeparator = itemSeparator
        self.keySeparator = keySeparator
        self.terminator = terminator
    }

    /// Flask's `jsonify` outside debug mode: `json.dumps(obj, separators=(",", ":"),
    /// sort_keys=True, ensure_ascii=True) + "\n"`.
    public static let jsonify = JSONWriteOptions(
        sortKeys: true, itemSeparator: ",", keySeparator: ":", terminator: "\n")

    /// Flask's `jsonify` body without its final newline: compact, sorted, ASCII-only.
    /// Python: `json.dumps(obj, separators=(",", ":"), sort_keys=True)`.
    public static let compact = JSONWriteOptions(sortKeys: true, itemSeparator: ",", keySeparator: ":")

    /// Flask's `jsonify` in debug mode: `json.dumps(obj, indent=2, sort_keys=True) + "\n"`.
    /// With `indent`, Python's item separator is `","` (no trailing space before the newline).
    public static let jsonifyDebug = JSONWriteOptions(
        sortKeys: true, indent: 2, itemSeparator: ",", keySeparator: ": ", terminator: "\n")

    /// python-socketio's packet payloads: `json.dumps(data, separators=(",", ":"))`, not sorted.
    public static let socketIO = JSONWriteOptions(itemSeparator: ",", keySeparator: ":")

    /// A bare `json.dumps(obj)`: `", "` and `": "` separators, unsorted, ASCII-only.
    public static let pythonDefault = JSONWriteOptions()
}
