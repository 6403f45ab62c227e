/// Turns one variable part of a URL into a value and back: Werkzeug's `BaseConverter`.
///
/// A rule names its converter in `<name(arguments):variable>`; the map looks `name` up in its
/// ``ConverterRegistry`` and calls ``init(arguments:)`` once, when the rule is made. Register your
/// own as Flask does with `app.url_map.converters['list'] = ListConverter`:
///
/// ```swift
/// struct ListConverter: RouteConverter {
///     init(arguments: ConverterArguments) throws {}
///     func match(_ segment: Substring) -> RouteValue? { .string(String(segment)) }
/// }
/// map.converters["list"] = ListConverter.self
/// ```
///
/// Matching needs no regular expression: the map hands each candidate text to ``match(_:)``,
/// and `nil` means "not this rule, try the others" (Werkzeug's `ValidationError`).
public protocol RouteConverter: Sendable {
    /// Makes the converter from the arguments written in the rule; throw to refuse them (the rule
    /// then fails with ``RuleError``).
    init(arguments: ConverterArguments) throws

    /// The value for this text, already percent-decoded, or nil when it does not fit.
    ///
    /// The text never contains `/` unless ``matchesSlashes`` is true. Werkzeug splits this between
    /// `regex` and `to_python`.
    func match(_ segment: Substring) -> RouteValue?

    /// The URL form of a value given to `urlFor`: checks it and percent-encodes it (Werkzeug's
    /// `to_url`). Throw to refuse the value; the map then tries the endpoint's next rule.
    /// The default encodes like `BaseConverter.to_url`, keeping `/` and `!$&'()*+,:;=@`.
    func toURL(_ value: String) throws -> String

    /// Order among variable parts at the same place: lower is tried first (int and float 50,
    /// string, any and uuid 100, path 200). Static text always comes before any converter.
    var weight: Int { get }

    /// True when the value may span several segments, as `path` does (Werkzeug: a regex with
    /// `/`, `part_isolating = False`). The rest of the rule after it is then matched as one text.
    var matchesSlashes: Bool { get }
}

extension RouteConverter {
    /// Werkzeug's `BaseConverter.weight`.
    public var weight: Int { 100 }
    /// Most converters match inside one segment.
    ///
    /// Werkzeug: the inverse of `BaseConverter.part_isolating`.
    public var matchesSlashes: Bool { false }
    /// Werkzeug's `BaseConverter.to_url`: percent-encode, keeping `/` and the path-safe marks.
    public func toURL(_ value: String) throws -> String { URLMap.Quoting.quotePath(value) }
}

/// Why a converter refused a value when building a URL.
///
/// Werkzeug: the `ValidationError` a converter raises to refuse a value.
public struct RouteConverterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the value.
    public let message: String
    /// Makes an error with its message.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// The converters a map knows by name: Werkzeug's `Map.converters`, which starts as
/// `DEFAULT_CONVERTERS` (`default`, `string`, `any`, `path`, `int`, `float`, `uuid`).
public struct ConverterRegistry: Sendable {
    private var types: [String: any RouteConverter.Type]

    /// Werkzeug's seven built-in converters.
    public static let `default` = ConverterRegistry(builtIns: [
        "default": UnicodeConverter.self,
        "string": UnicodeConverter.self,
        "any": AnyConverter.self,
        "path": PathConverter.self,
        "int": IntegerConverter.self,
        "float": FloatConverter.self,
        "uuid": UUIDConverter.self,
    ])

    private init(builtIns: [String: any RouteConverter.Type]) {
        types = builtIns
    }

    /// The converter type registered under `name`; assign to add or replace one, nil to remove it.
    ///
    /// Werkzeug: `Map.converters[name]`.
    public subscript(name: String) -> (any RouteConverter.Type)? {
        get { types[name] }
        set { types[name] = newValue }
    }

    /// The registered names, sorted.
    ///
    /// Werkzeug: `Map.converters.keys()`.
    public var names: [String] { types.keys.sorted() }
}
