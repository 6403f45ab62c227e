/// Ordered, case-insensitive, multi-value HTTP header fields.
///
/// Order and duplicates are kept (`Set-Cookie` is sent once per cookie); lookups ignore ASCII
/// case, as RFC 9110 §5.1 asks.
///
/// Flask: `request.headers` / `response.headers` (Werkzeug's `Headers`).
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// One field as received or to be sent.
    public typealias Field = (name: String, value: String)

    @usableFromInline var fields: [Field]
    /// Whether the subscript presents repeated fields as one value (request headers, as a WSGI
    /// environ holds them); response headers keep Werkzeug `Headers`' first-value reading.
    @usableFromInline var joinsRepeatedFields = false

    /// An empty set of fields.
    public init() { fields = [] }

    /// Fields in the given order.
    public init(_ fields: [(String, String)]) {
        self.fields = fields.map { (name: $0.0, value: $0.1) }
    }

    /// Fields written as a dictionary literal, in source order.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// A copy whose subscript reads a repeated field as its values joined with `,` (Werkzeug's
    /// presentation of request headers); the fields themselves are unchanged.
    ///
    /// Werkzeug: `EnvironHeaders` over what the server put in the environ.
    public func presentingRepeatsJoined() -> HTTPHeaders {
        var copy = self
        copy.joinsRepeatedFields = true
        return copy
    }

    /// The number of fields, duplicates counted.
    public var count: Int { fields.count }
    /// True when there are no fields.
    public var isEmpty: Bool { fields.isEmpty }

    /// The value of `name`, or nil. Setting replaces every field of that name (nil removes
    /// them).
    ///
    /// On response headers (and any built in code) this is the first value, as Werkzeug's
    /// `Headers`. On a request's headers (``presentingRepeatsJoined()``) a field sent several
    /// times reads as its values joined with `,`, as Werkzeug's server folds them into the
    /// WSGI environ; `Content-Type` and `Content-Length` read as the last one sent there.
    /// ``values(for:)`` keeps the separate values.
    ///
    /// Flask: `headers.get(name)` and `headers[name] = value`.
    public subscript(name: String) -> String? {
        get {
            guard let first = fields.firstIndex(where: { Self.equalsIgnoringCase($0.name, name) }) else { return nil }
            // The common case, a field sent once, costs no allocation.
            guard joinsRepeatedFields,
                  fields[(first + 1)...].contains(where: { Self.equalsIgnoringCase($0.name, name) }) else {
                return fields[first].value
            }
            let all = values(for: name)
            if Self.equalsIgnoringCase(name, "Content-Type") || Self.equalsIgnoringCase(name, "Content-Length") {
                return all.last
            }
            return all.joined(separator: ",")
        }
        set {
            guard let newValue else { remove(name); return }
            replaceOrAdd(name: name, value: newValue)
        }
    }

    /// Every value of `name`, in order.
    ///
    /// Flask: `headers.getlist(name)`.
    public func values(for name: String) -> [String] {
        fields.compactMap { Self.equalsIgnoringCase($0.name, name) ? $0.value : nil }
    }

    /// True when a field called `name` is present.
    public func contains(_ name: String) -> Bool {
        fields.contains { Self.equalsIgnoringCase($0.name, name) }
    }

    /// Appends a field, keeping any existing ones of the same name.
    ///
    /// Flask: `headers.add(name, value)`.
    public mutating func add(name: String, value: String) {
        fields.append((name: name, value: value))
    }

    /// Replaces the first field of that name and drops the others, or appends it.
    ///
    /// Flask: `headers.set(name, value)`.
    public mutating func replaceOrAdd(name: String, value: String) {
        if let index = fields.firstIndex(where: { Self.equalsIgnoringCase($0.name, name) }) {
            fields[index].value = value
            var i = fields.count - 1
            while i > index {
                if Self.equalsIgnoringCase(fields[i].name, name) { fields.remove(at: i) }
                i -= 1
            }
        } else {
            fields.append((name: name, value: value))
        }
    }

    /// Removes every field called `name`.
    public mutating func remove(_ name: String) {
        fields.removeAll { Self.equalsIgnoringCase($0.name, name) }
    }

    /// True when a comma-separated header (`Connection`, `Transfer-Encoding`) lists `token`.
    public func containsToken(_ token: String, in name: String) -> Bool {
        for value in values(for: name) {
            for part in value.split(separator: ",") {
                let trimmed = part.trimmingASCIIWhitespace()
                if Self.equalsIgnoringCase(trimmed, token) { return true }
            }
        }
        return false
    }

    /// The fields in arrival order, repeats included.
    ///
    /// Werkzeug: iterating `Headers` (name, value pairs).
    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// Equal when both hold the same fields in the same order, names compared without case.
    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// ASCII case-insensitive comparison without allocating lowercased copies.
    @inlinable
    public static func equalsIgnoringCase<A: StringProtocol, B: StringProtocol>(_ a: A, _ b: B) -> Bool {
        let au = a.utf8, bu = b.utf8
        guard au.count == bu.count else { return false }
        for (x, y) in zip(au, bu) where x != y {
            let lx = (x >= 65 && x <= 90) ? x | 0x20 : x
            let ly = (y >= 65 && y <= 90) ? y | 0x20 : y
            if lx != ly { return false }
        }
        return true
    }

    /// False when `value` holds CR, LF or NUL: such a value set by user code would split the
    /// response, so the serializer refuses it.
    public static func isValidFieldValue(_ value: String) -> Bool {
        !value.utf8.contains { $0 == 13 || $0 == 10 || $0 == 0 }
    }

    /// False when `name` is empty or holds anything outside RFC 9110's `token` characters.
    public static func isValidFieldName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy(isTokenByte)
    }

    /// RFC 9110 §5.6.2 `tchar`.
    @inlinable
    public static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
             UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
             UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces and tabs (HTTP's OWS).
    func trimmingASCIIWhitespace() -> Substring {
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" { s.removeFirst() }
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}
