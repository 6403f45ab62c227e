/// Jinja's built-in filters, gathered from the family files
/// (`TemplateFilters+Text`, `+Collections`, `+Numbers`, `+HTML`).
enum TemplateFilters {
    typealias Builtin = @Sendable (TemplateRenderer, TemplateValue, TemplateArguments) throws -> TemplateValue

    static let builtins: [String: Builtin] = {
        var all: [String: Builtin] = [:]
        for family in [text, collections, numbers, html] {
            for (name, filter) in family { all[name] = filter }
        }
        return all
    }()

    /// A string result that stays Markup when the input was Markup (Jinja's `soft_str` idiom).
    static func keepingMarkup(_ input: TemplateValue, _ text: String) -> TemplateValue {
        input.isMarkup ? .markup(text) : .string(text)
    }

    /// Jinja's `soft_str`: Markup stays Markup, everything else becomes `str`.
    static func softString(_ r: TemplateRenderer, _ value: TemplateValue) throws -> TemplateValue {
        switch value {
        case .markup, .string: value
        default: .string(try r.str(value))
        }
    }

    static func int(_ args: TemplateArguments, _ i: Int, _ name: String, _ defaultValue: Int) throws -> Int {
        guard let v = args.value(i, name) else { return defaultValue }
        guard let n = TemplateOperators.integer(v) else {
            if case .double(let d) = v, let i = TemplateOperators.truncatedInt(d) { return i }
            throw TemplateRuntimeError("TypeError", "'\(v.typeName)' object cannot be interpreted as an integer")
        }
        return n
    }

    static func bool(_ args: TemplateArguments, _ i: Int, _ name: String) -> Bool {
        args.value(i, name)?.isTruthy ?? false
    }

    /// Jinja's `make_attrgetter`: `"a.b.0"` follows items/attributes, numbers index.
    static func attributeGetter(_ r: TemplateRenderer, _ attribute: TemplateValue?, lowercase: Bool = false, defaultValue: TemplateValue? = nil)
        -> (TemplateValue) throws -> TemplateValue
    {
        let parts: [TemplateValue]
        switch attribute {
        case nil, .none?: parts = []
        case .int(let i)?: parts = [.int(i)]
        case let a?: parts = a.pythonString.split(separator: ".").map { Int($0).map(TemplateValue.int) ?? .string(String($0)) }
        }
        // One key (`selectattr('active')`, `sort(attribute='name')`) read from dicts: found
        // where the previous row kept it when it is there (the rows of a list share their key
        // order), as `a.b` sites do; anything else through `getItem`.
        if parts.count == 1, case .string(let key) = parts[0] {
            let hint = PositionHint()
            return { item in
                var value: TemplateValue
                if case .dict(let dict) = item, let position = dict.position(ofString: key, hint: hint.position) {
                    hint.position = position
                    value = dict.value(at: position)
                } else {
                    value = try r.getItem(item, parts[0])
                }
                if let defaultValue, value.isUndefined { value = defaultValue }
                if lowercase, case .string(let s) = value { return .string(TemplateText.asciiLower(s) ?? s.lowercased()) }
                return value
            }
        }
        return { item in
            var value = item
            for part in parts { value = try r.getItem(value, part) }
            if let defaultValue, value.isUndefined { value = defaultValue }
            if lowercase, case .string(let s) = value { return .string(TemplateText.asciiLower(s) ?? s.lowercased()) }
            return value
        }
    }

    /// Where an attribute getter found its key in the last dict it read.
    ///
    /// `@exclusivity(unchecked)`: a getter lives for one filter call, on one thread, and
    /// reads and writes the position in separate statements; a stale value is only a slower search.
    private final class PositionHint {
        @exclusivity(unchecked) var position = 0
    }

    /// Several comma-separated attributes make a tuple key (Jinja's `make_multi_attrgetter`).
    static func multiAttributeGetter(_ r: TemplateRenderer, _ attribute: TemplateValue?, lowercase: Bool) -> (TemplateValue) throws -> TemplateValue {
        guard let text = attribute?.stringContent, text.contains(",") else {
            return attributeGetter(r, attribute, lowercase: lowercase)
        }
        let getters = text.split(separator: ",").map { attributeGetter(r, .string(String($0)), lowercase: lowercase) }
        return { item in .list(try getters.map { try $0(item) }) }
    }

    /// A stable sort with Python ordering.
    static func sorted(_ items: [TemplateValue], key: (TemplateValue) throws -> TemplateValue, reverse: Bool) throws -> [TemplateValue] {
        let keys = try items.map(key)
        if let order = sortedOrder(keys, reverse: reverse) { return order.map { items[$0] } }
        var keyed = keys.enumerated().map { (key: $0.element, index: $0.offset) }
        var failure: (any Error)?
        keyed.sort { a, b in
            do {
                // Jinja sorts on one-item key lists, which compare equal Undefineds without ordering them.
                let c = a.key.isUndefined && b.key.isUndefined ? 0 : try TemplateOperators.order(a.key, b.key)
                if c != 0 { return reverse ? c > 0 : c < 0 }
            } catch {
                failure = error
            }
            return a.index < b.index
        }
        if let failure { throw failure }
        return keyed.map { items[$0.index] }
    }

    /// The sorted order of `keys` (indices, ties by position) when they are all ints or all
    /// ASCII strings, else nil. `TemplateOperators.order` orders those the way the two
    /// comparisons here do: ints by value, ASCII text byte by byte (Swift's `<` on ASCII
    /// strings, which is code-point order there), with no error possible.
    private static func sortedOrder(_ keys: [TemplateValue], reverse: Bool) -> [Int]? {
        guard let first = keys.first else { return [] }
        var order = Array(keys.indices)
        switch first {
        case .int:
            var ints: [Int] = []
            ints.reserveCapacity(keys.count)
            for key in keys {
                guard case .int(let i) = key else { return nil }
                ints.append(i)
            }
            order.sort { a, b in ints[a] != ints[b] ? (reverse ? ints[a] > ints[b] : ints[a] < ints[b]) : a < b }
        case .string, .markup:
            var strings: [String] = []
            strings.reserveCapacity(keys.count)
            for key in keys {
                guard let s = key.stringContent, TemplateText.isASCII(s) else { return nil }
                strings.append(s)
            }
            order.sort { a, b in strings[a] != strings[b] ? (reverse ? strings[a] > strings[b] : strings[a] < strings[b]) : a < b }
        default:
            return nil
        }
        return order
    }
}
