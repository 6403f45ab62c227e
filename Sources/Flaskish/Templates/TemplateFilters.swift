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
        // The items of one list tend to be dicts of one layout: each step remembers where the
        // last dict kept its key and tries that position first (a hint, checked, so any dict
        // works), instead of searching or hashing on every item.
        let hints = PathHints(count: parts.count)
        return { item in
            var value = item
            for i in parts.indices {
                if case .dict(let dict) = value, case .string(let key) = parts[i],
                    let position = dict.position(ofString: key, hint: hints.positions[i])
                {
                    if position != hints.positions[i] { hints.positions[i] = position }
                    value = dict.value(at: position)
                } else {
                    value = try r.getItem(value, parts[i])
                }
            }
            if let defaultValue, value.isUndefined { value = defaultValue }
            return lowercase ? caseFolded(value) : value
        }
    }

    /// Several comma-separated attributes make a tuple key (Jinja's `make_multi_attrgetter`).
    static func multiAttributeGetter(_ r: TemplateRenderer, _ attribute: TemplateValue?, lowercase: Bool) -> (TemplateValue) throws -> TemplateValue {
        guard let text = attribute?.stringContent, text.contains(",") else {
            return attributeGetter(r, attribute, lowercase: lowercase)
        }
        let getters = text.split(separator: ",").map { attributeGetter(r, .string(String($0)), lowercase: lowercase) }
        return { item in .list(try getters.map { try $0(item) }) }
    }
}

/// Where each step of an attribute path found its key in the last dict (``TemplateFilters/attributeGetter(_:_:lowercase:defaultValue:)``).
///
/// Unchecked exclusivity: a captured `var` would pay a dynamic access check on every item.
/// The getter that owns this is made for one filter call and runs on the render's thread, never
/// reentrantly (reading an attribute does not call back into the same getter).
final class PathHints {
    @exclusivity(unchecked) var positions: [Int]

    init(count: Int) { positions = [Int](repeating: 0, count: count) }
}
