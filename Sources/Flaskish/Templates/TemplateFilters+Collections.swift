/// Sequence filters: length, first/last, sort, unique, join, batch/slice, groupby, map/select.
extension TemplateFilters {
    static let collections: [String: Builtin] = [
        "length": length, "count": length,
        "first": first, "last": last, "list": list,
        "reverse": { r, v, _ in
            if let s = v.stringContent { return keepingMarkup(v, String(String.UnicodeScalarView(s.unicodeScalars.reversed()))) }
            guard let items = try? r.iterate(v) else {
                if case .undefined(let what) = v { throw UndefinedError(what) }
                throw TemplateRuntimeError("FilterArgumentError", "argument must be iterable")
            }
            return .list(items.reversed())
        },
        "sort": { r, v, args in
            let caseSensitive = bool(args, 1, "case_sensitive")
            let key = multiAttributeGetter(r, args.value(2, "attribute"), lowercase: !caseSensitive)
            return .list(try sorted(try r.iterate(v), key: key, reverse: bool(args, 0, "reverse")))
        },
        "unique": { r, v, args in
            let key = attributeGetter(r, args.value(1, "attribute"), lowercase: !bool(args, 0, "case_sensitive"))
            var seen = Set<TemplateValue>()
            var result: [TemplateValue] = []
            for item in try r.iterate(v) where seen.insert(try key(item)).inserted { result.append(item) }
            return .list(result)
        },
        "min": { r, v, args in try extreme(r, v, args, wantMax: false) },
        "max": { r, v, args in try extreme(r, v, args, wantMax: true) },
        "sum": { r, v, args in
            let key = attributeGetter(r, args.value(0, "attribute"))
            var total = args.value(1, "start") ?? .int(0)
            // `start + Undefined` fails as Undefined's `__radd__` does.
            for item in try r.iterate(v) {
                total = try TemplateOperators.binary(.add, total, try r.defined(try key(item)), limit: r.config.limits.maxRangeLength,
                    maxIntegerBits: r.config.limits.maxIntegerBits)
            }
            return total
        },
        "join": join,
        "batch": { r, v, args in
            // Jinja's loop as written: a batch is emitted when it is full before the next item is
            // added, so `batch(0)` gives one empty batch then everything, a negative size one batch.
            let size = try int(args, 0, "linecount", 1)
            try TemplateLimits.check(size, "batch size", limit: r.config.limits.maxRangeLength)
            let fill = args.value(1, "fill_with").flatMap { $0 == .none ? nil : $0 }
            var batches: [TemplateValue] = []
            var current: [TemplateValue] = []
            for item in try r.iterate(v) {
                if current.count == size { batches.append(.list(current)); current = [] }
                current.append(item)
            }
            if !current.isEmpty {
                if let fill, current.count < size { current += [TemplateValue](repeating: fill, count: size - current.count) }
                batches.append(.list(current))
            }
            return .list(batches)
        },
        "slice": { r, v, args in
            let slices = try int(args, 0, "slices", 1)
            guard slices > 0 else { throw TemplateRuntimeError("ValueError", "slices must be positive") }
            try TemplateLimits.check(slices, "slice count", limit: r.config.limits.maxRangeLength)
            let fill = args.value(1, "fill_with").flatMap { $0 == .none ? nil : $0 }
            let items = try r.iterate(v)
            let perSlice = items.count / slices
            let withExtra = items.count % slices
            var offset = 0
            var result: [TemplateValue] = []
            for number in 0..<slices {
                let start = offset + number * perSlice
                if number < withExtra { offset += 1 }
                let end = offset + (number + 1) * perSlice
                var part = Array(items[min(start, items.count)..<min(end, items.count)])
                if let fill, number >= withExtra { part.append(fill) }
                result.append(.list(part))
            }
            return .list(result)
        },
        "groupby": { r, v, args in
            try groupBy(r, v, attribute: args.value(0, "attribute"), defaultValue: args.value(1, "default"),
                        caseSensitive: bool(args, 2, "case_sensitive"))
        },
        "map": { r, v, args in
            let items = try r.iterate(v)
            if args.positional.isEmpty, let attribute = args["attribute"] {
                let getter = attributeGetter(r, attribute, defaultValue: args["default"])
                return .list(try items.map(getter))
            }
            guard let name = args.positional.first?.stringContent else {
                throw TemplateRuntimeError("FilterArgumentError", "map requires a filter argument")
            }
            let rest = TemplateArguments(Array(args.positional.dropFirst()), keyword: args.keyword)
            return .list(try items.map { try r.applyFilter(name, $0, rest) })
        },
        "select": { r, v, args in .list(try selectOrReject(r, v, args, attribute: false, keep: true)) },
        "reject": { r, v, args in .list(try selectOrReject(r, v, args, attribute: false, keep: false)) },
        "selectattr": { r, v, args in .list(try selectOrReject(r, v, args, attribute: true, keep: true)) },
        "rejectattr": { r, v, args in .list(try selectOrReject(r, v, args, attribute: true, keep: false)) },
        "dictsort": { r, v, args in
            guard case .dict(let dict) = try r.defined(v) else { throw TemplateRuntimeError("TypeError", "dictsort expects a mapping") }
            let caseSensitive = bool(args, 0, "case_sensitive")
            let byValue: Bool
            switch args.value(1, "by")?.pythonString ?? "key" {
            case "key": byValue = false
            case "value": byValue = true
            default: throw TemplateRuntimeError("FilterArgumentError", "You can only sort by either \"key\" or \"value\"")
            }
            // The (key, value) pairs sorted on one side of each, case-folded by default.
            let keys = dict.keys, values = dict.values
            let sortKeys = byValue ? values : keys
            let reverse = bool(args, 2, "reverse")
            let order = try SortKeys(sortKeys, caseFolded: !caseSensitive)?.order(reverse: reverse)
                ?? generalOrder(caseSensitive ? sortKeys : sortKeys.map(caseFolded), reverse: reverse)
            return .list(order.map { .tuple([keys[$0], values[$0]]) })
        },
        "items": { r, v, _ in
            if case .undefined = v { _ = try r.iterate(v); return .list([]) }
            guard case .dict(let dict) = v else { throw TemplateRuntimeError("TypeError", "Can only get item pairs from a mapping.") }
            return .list(dict.pairs.map { .tuple([$0.0, $0.1]) })
        },
        "attr": { r, v, args in
            guard let name = args.value(0, "name")?.stringContent else { return .undefined("attr requires a name") }
            switch v {
            case .object(let o): return o.attribute(name) ?? .undefined("\(TemplateRenderer.describeOwner(v)) has no attribute '\(name)'")
            case .callable(let c):
                if let found = c.attributes[name] { return found }
            case .dict:
                if TemplateMethods.isDictMethod(name) { return TemplateMethods.bound(v, name) }
            case .string, .markup:
                if TemplateMethods.isStringMethod(name) { return TemplateMethods.bound(v, name) }
            case .undefined(let what): throw UndefinedError(what)
            default: break
            }
            return .undefined("\(TemplateRenderer.describeOwner(v)) has no attribute '\(name)'")
        },
    ]

    /// `separator.join(items)` when every item is a plain string, else nil.
    static func joinStrings(_ items: [TemplateValue], separator: String) -> String? {
        // One item is itself: no copy.
        if items.count == 1, case .string(let s) = items[0] { return s }
        var size = separator.utf8.count * max(0, items.count - 1)
        for item in items {
            guard case .string(let s) = item else { return nil }
            size += s.utf8.count
        }
        var out = ""
        out.reserveCapacity(size)
        for (index, item) in items.enumerated() {
            if index > 0 { out += separator }
            if case .string(let s) = item { out += s }
        }
        return out
    }

    static func first(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        if case .list(let items) = v { return items.first ?? .undefined("No first item, sequence was empty.") }
        return try r.iterate(v).first ?? .undefined("No first item, sequence was empty.")
    }

    static func last(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        if case .undefined = v { return .undefined("No last item, sequence was empty.") }
        // `reversed()` walks a Markup through its `__getitem__`, so its last character stays Markup.
        if case .markup(let s) = v, let c = s.unicodeScalars.last { return .markup(String(c)) }
        return try r.iterate(v).last ?? .undefined("No last item, sequence was empty.")
    }

    static func list(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        .list(try r.iterate(v))
    }

    static func join(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        // Strings joined by a plain string: the same text on every path below, built in one go.
        if case .list(let items) = v, args.value(1, "attribute") == nil, case .string(let sep) = args.value(0, "d") ?? .string(""),
            let joined = joinStrings(items, separator: sep)
        {
            return .string(joined)
        }
        let getter = attributeGetter(r, args.value(1, "attribute"))
        let separator = args.value(0, "d") ?? .string("")
        let items = try r.iterate(v).map(getter)
        if !r.autoescape {
            return .string(try items.map { try r.str($0) }.joined(separator: separator.pythonString))
        }
        // A safe separator is MarkupSafe's `Markup.join`: every item is escaped (Markup kept).
        if case .markup(let sep) = separator {
            return .markup(try items.map { $0.isMarkup ? $0.pythonString : TemplateEscaping.escape(try r.str($0)) }.joined(separator: sep))
        }
        if items.contains(where: \.isMarkup) {
            let sep = TemplateEscaping.escapeValue(separator).pythonString
            return .markup(try items.map { $0.isMarkup ? $0.pythonString : TemplateEscaping.escape(try r.str($0)) }.joined(separator: sep))
        }
        return .string(try items.map { try r.str($0) }.joined(separator: separator.pythonString))
    }

    static func length(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        switch v {
        case .string(let s), .markup(let s): return .int(TemplateText.scalarCount(s))
        case .list(let a), .tuple(let a): return .int(a.count)
        case .dict(let d): return .int(d.count)
        case .undefined: return .int(try r.iterate(v).count)
        case .object(let o): if let items = o.iterationItems { return .int(items.count) }
        default: break
        }
        throw TemplateRuntimeError("TypeError", "object of type '\(v.typeName)' has no len()")
    }

    private static func extreme(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments, wantMax: Bool) throws -> TemplateValue {
        let key = attributeGetter(r, args.value(1, "attribute"), lowercase: !bool(args, 0, "case_sensitive"))
        var best: (TemplateValue, TemplateValue)?
        for item in try r.iterate(v) {
            let k = try key(item)
            if let current = best {
                let c = try TemplateOperators.order(k, current.0)
                if wantMax ? c > 0 : c < 0 { best = (k, item) }
            } else {
                best = (k, item)
            }
        }
        return best?.1 ?? .undefined("No aggregated item, sequence was empty.")
    }

    static func selectOrReject(_ r: TemplateRenderer, _ v: TemplateValue, _ args: TemplateArguments, attribute: Bool, keep: Bool) throws -> [TemplateValue] {
        var positional = args.positional[...]
        var getter: (TemplateValue) throws -> TemplateValue = { $0 }
        if attribute {
            guard let name = positional.first else { throw TemplateRuntimeError("TypeError", "Missing parameter for attribute name") }
            getter = attributeGetter(r, name)
            positional = positional.dropFirst()
        }
        let testName = positional.first?.stringContent
        let testArgs = TemplateArguments(Array(positional.dropFirst()), keyword: args.keyword)
        return try r.iterate(v).filter { item in
            let value = try getter(item)
            let passed = try testName.map { try r.applyTest($0, value, testArgs) } ?? (try r.truth(value))
            return passed == keep
        }
    }

    /// Jinja's `groupby`: the items sorted by the attribute (case-folded by default), then one
    /// `(grouper, list)` per run of equal keys, the grouper as the group's first item has it.
    ///
    /// Each item's attribute is read once (Jinja reads it when sorting, again when grouping
    /// and once more per group for the grouper; reading has no side effect), and the
    /// case-folded key derived from it.
    private static func groupBy(_ r: TemplateRenderer, _ v: TemplateValue, attribute: TemplateValue?, defaultValue: TemplateValue?,
                                caseSensitive: Bool) throws -> TemplateValue {
        let items = try r.iterate(v)
        let getter = attributeGetter(r, attribute, defaultValue: defaultValue)
        let originals = try items.map(getter)
        let order: [Int]
        // Keys that pack are equal when their packed forms are; others as Python's `==`.
        let sameKey: (Int, Int) -> Bool
        if let packed = SortKeys(originals, caseFolded: !caseSensitive) {
            order = packed.order(reverse: false)
            sameKey = packed.same
        } else {
            let keys = caseSensitive ? originals : originals.map(caseFolded)
            order = try generalOrder(keys, reverse: false)
            sameKey = { keys[$0] == keys[$1] }
        }
        var groups: [TemplateValue] = []
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && sameKey(order[start], order[end]) { end += 1 }
            let members = order[start..<end].map { items[$0] }
            groups.append(.object(GroupTuple(grouper: originals[order[start]], list: members)))
            start = end
        }
        return .list(groups)
    }
}
