/// An option flask-cors takes as "a string or a list of strings" (`origins`, `allow_headers`,
/// `expose_headers`): `"*"`, `"http://a.com"` or `["http://a.com", "https://.*\\.b\\.com"]`.
///
/// The two forms differ only where flask-cors makes them differ: a list of exposed headers is
/// sent sorted (`["X-B", "X-A"]` → `X-A, X-B`), a single string verbatim.
///
/// flask-cors: a `str` or an iterable of `str`.
public struct CORSList: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    enum Form: Sendable, Hashable {
        case single(String)
        case list([String])
    }

    let form: Form

    /// One string.
    public init(_ value: String) { form = .single(value) }
    /// A list of strings.
    public init(_ values: [String]) { form = .list(values) }
    /// One string, written as a literal.
    public init(stringLiteral value: String) { self.init(value) }
    /// A list, written as an array literal.
    public init(arrayLiteral elements: String...) { self.init(elements) }

    /// The entries: the string alone, or the list (flask-cors's `ensure_iterable`).
    public var items: [String] {
        switch form {
        case .single(let value): [value]
        case .list(let values): values
        }
    }

    /// The value as one header field: the string as given, or the list sorted by code point
    /// and joined with `, ` (flask-cors's `flexible_str`).
    var joined: String {
        switch form {
        case .single(let value): value
        case .list(let values): PythonText.sorted(values).joined(separator: ", ")
        }
    }
}
