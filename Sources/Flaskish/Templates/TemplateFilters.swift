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
        return { item in
            var value = item
            for part in parts { value = try r.getItem(value, part) }
            if let defaultValue, value.isUndefined { value = defaultValue }
            if lowercase, case .string(let s) = value { return .string(s.lowercased()) }
            return value
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

    /// A stable sort with Python ordering.
    static func sorted(_ items: [TemplateValue], key: (TemplateValue) throws -> TemplateValue, reverse: Bool) throws -> [TemplateValue] {
        var keyed = try items.enumerated().map { (key: try key($0.element), index: $0.offset, value: $0.element) }
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
        return keyed.map(\.value)
    }
}
