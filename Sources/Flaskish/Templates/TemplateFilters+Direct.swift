/// The built-in filters a compiled filter site calls directly.
///
/// ``TemplateFilters/builtins`` holds closures in a dictionary: a call through one passes
/// four reabstraction thunks (the dictionary stores closures at their most general
/// abstraction) and a retain of its context. A site whose filter is one of these resolves it
/// to a case when the template is compiled, and a `switch` calls the very function the
/// dictionary holds. A user filter of the same name still wins at render time (checked by
/// ``FilterExpr`` before either path).
enum DirectFilter {
    case upper, lower, capitalize, title, trim, replace, truncate, format, string
    case first, last, list, join, length, select, reject, selectattr, rejectattr
    case defaultValue, escape, safe

    /// The case for built-in filter `name`, or nil when it has none (the dictionary's closure is used).
    init?(_ name: String) {
        switch name {
        case "upper": self = .upper
        case "lower": self = .lower
        case "capitalize": self = .capitalize
        case "title": self = .title
        case "trim": self = .trim
        case "replace": self = .replace
        case "truncate": self = .truncate
        case "format": self = .format
        case "string": self = .string
        case "first": self = .first
        case "last": self = .last
        case "list": self = .list
        case "join": self = .join
        case "length", "count": self = .length
        case "select": self = .select
        case "reject": self = .reject
        case "selectattr": self = .selectattr
        case "rejectattr": self = .rejectattr
        case "default", "d": self = .defaultValue
        case "e", "escape": self = .escape
        case "safe": self = .safe
        default: return nil
        }
    }

    /// Applies the filter: what `TemplateFilters.builtins[name]` does, without its thunks.
    func apply(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        switch self {
        case .upper: try TemplateFilters.upper(r, v, args)
        case .lower: try TemplateFilters.lower(r, v, args)
        case .capitalize: try TemplateFilters.capitalize(r, v, args)
        case .title: try TemplateFilters.title(r, v, args)
        case .trim: try TemplateFilters.trim(r, v, args)
        case .replace: try TemplateFilters.replace(r, v, args)
        case .truncate: try TemplateFilters.truncate(r, v, args)
        case .format: try TemplateFilters.format(r, v, args)
        case .string: try TemplateFilters.string(r, v, args)
        case .first: try TemplateFilters.first(r, v, args)
        case .last: try TemplateFilters.last(r, v, args)
        case .list: try TemplateFilters.list(r, v, args)
        case .join: try TemplateFilters.join(r, v, args)
        case .length: try TemplateFilters.length(r, v, args)
        case .select: .list(try TemplateFilters.selectOrReject(r, v, args, attribute: false, keep: true))
        case .reject: .list(try TemplateFilters.selectOrReject(r, v, args, attribute: false, keep: false))
        case .selectattr: .list(try TemplateFilters.selectOrReject(r, v, args, attribute: true, keep: true))
        case .rejectattr: .list(try TemplateFilters.selectOrReject(r, v, args, attribute: true, keep: false))
        case .defaultValue: try TemplateFilters.defaultFilter(r, v, args)
        case .escape: try TemplateFilters.escape(r, v, args)
        case .safe: try TemplateFilters.safe(r, v, args)
        }
    }
}

/// Filters that end an `{{ … }}`: the last filter writes its text straight into the output.
extension TemplateRenderer {
    /// Writes `{{ value|f(args) }}`, or `{{ value|f(args)|e }}` when `escapeFilter` is that
    /// trailing `|e`, for a built-in `f` with a ``DirectFilter`` case: the same bytes as
    /// evaluating the filter and writing its value (Markup as is; anything else escaped when
    /// autoescaping or under `|e`), without building the string and the value when `f` is a
    /// text filter (`title`, `lower`, `upper`, `truncate`, `join` of strings). A user filter of
    /// either name takes the general path.
    func writeFiltered(_ filter: FilterExpr, _ direct: DirectFilter, _ scope: TemplateScope, escapeFilter: FilterExpr?) throws {
        if hasUserFilters, config.filters[filter.name] != nil || escapeFilter.map({ config.filters[$0.name] != nil }) == true {
            let result = try filter.evaluate(self, scope)
            if let escapeFilter { try writeEscaped(result, escapeFilter) } else { try write(result) }
            return
        }
        let value = try filter.base?.evaluate(self, scope) ?? filterInput ?? .none
        let args = try filter.arguments.evaluate(self, scope)
        try filter.checkArguments(args)
        let escaping = escapeFilter != nil || autoescape
        switch direct {
        case .title:
            let text = try str(value)
            if !TemplateText.appendCaseMappedASCII(text, .title, escaping: escaping, to: &out) {
                appendText(TemplateText.title(text), isMarkup: false, escaping: escaping)
            }
            return
        case .lower, .upper:
            let s = try TemplateFilters.softString(self, value)
            let text = s.pythonString
            let markupEscaping = escaping && !s.isMarkup
            if !TemplateText.appendCaseMappedASCII(text, direct == .lower ? .lower : .upper, escaping: markupEscaping, to: &out) {
                appendText(direct == .lower ? TemplateText.lower(text) : TemplateText.upper(text), isMarkup: s.isMarkup, escaping: escaping)
            }
            return
        case .truncate:
            let t = try TemplateFilters.truncation(self, value, args)
            var text = t.text
            let cut = t.cut ?? text.utf8.count
            text.withUTF8 { bytes in
                let head = UnsafeBufferPointer(rebasing: bytes[..<cut])
                if t.isMarkup || !escaping { out.append(contentsOf: head) } else { TemplateEscaping.appendEscaped(utf8: head, to: &out) }
            }
            guard t.cut != nil else { return }
            // Markup's `end` is escaped into the Markup; a plain string's with the whole.
            appendText(t.end, isMarkup: t.isMarkup ? t.endIsMarkup : false, escaping: t.isMarkup ? true : escaping)
            return
        case .join:
            if case .list(let items) = value, args.value(1, "attribute") == nil,
                case .string(let separator) = args.value(0, "d") ?? .string(""), items.allSatisfy(\.isPlainString)
            {
                // `join` gives a plain string here; escaping it whole is escaping each piece.
                for (index, item) in items.enumerated() {
                    if index > 0 { appendText(separator, isMarkup: false, escaping: escaping) }
                    if case .string(let s) = item { appendText(s, isMarkup: false, escaping: escaping) }
                }
                return
            }
        default: break
        }
        let result = try direct.apply(self, value, args)
        if let escapeFilter { try writeEscaped(result, escapeFilter) } else { try write(result) }
    }

    /// Appends text that is a filter's result: as is when it is Markup or nothing escapes.
    @inline(__always)
    private func appendText(_ text: String, isMarkup: Bool, escaping: Bool) {
        if escaping && !isMarkup { TemplateEscaping.appendEscaped(text, to: &out) } else { TemplateByteOutput.append(text, to: &out) }
    }
}

extension TemplateValue {
    /// A `str` (not Markup).
    fileprivate var isPlainString: Bool {
        if case .string = self { return true }
        return false
    }
}
