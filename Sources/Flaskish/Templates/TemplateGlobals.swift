/// Jinja's default globals: `range`, `dict`, `namespace`, `cycler`, `joiner`, `lipsum`.
enum TemplateGlobals {
    /// The scope of the built-ins with the configuration's globals over them, which a render's
    /// per-render globals and context sit on. Made once per configuration and shared by its
    /// renders, on any thread: nothing assigns in it (a render's assignments go to its own
    /// levels) and the values are what every render would have built anyway.
    static func scope(for config: TemplateConfiguration) -> TemplateScope {
        var globals = builtins(maxRangeLength: config.limits.maxRangeLength)
        for (k, v) in config.globals { globals[k] = v }
        return TemplateSymbols.scope(globals, parent: nil)
    }

    static func builtins(maxRangeLength: Int) -> [String: TemplateValue] {
        [
            "range": .callable(TemplateCallable(name: "range") { args in try range(args, limit: maxRangeLength) }),
            "dict": .callable(TemplateCallable(name: "dict", makeDict)),
            "namespace": .callable(TemplateCallable(name: "namespace") { args in
                var dict = TemplateDict()
                if let first = args.positional.first, case .dict(let d) = first { dict = d }
                for (k, v) in args.keyword { dict[k] = v }
                return .object(TemplateNamespace(dict))
            }),
            "cycler": .callable(TemplateCallable(name: "cycler") { args in
                guard !args.positional.isEmpty else { throw TemplateRuntimeError("RuntimeError", "at least one item has to be provided") }
                return .object(TemplateCycler(args.positional))
            }),
            "joiner": .callable(TemplateCallable(name: "joiner") { args in
                .object(TemplateJoiner(args.value(0, "sep") ?? .string(", ")))
            }),
            "lipsum": .callable(TemplateCallable(name: "lipsum") { args in
                try TemplateLimits.check(args.value(0, "n").flatMap(TemplateOperators.integer) ?? 5, "lipsum count", limit: maxRangeLength)
                return lipsum(args)
            }),
        ]
    }

    /// Python's `range(stop)` / `range(start, stop[, step])`, materialized as a list.
    static func range(_ args: TemplateArguments, limit: Int) throws -> TemplateValue {
        let numbers = try args.positional.map { value -> Int in
            guard let i = TemplateOperators.integer(value) else {
                throw TemplateRuntimeError("TypeError", "'\(value.typeName)' object cannot be interpreted as an integer")
            }
            return i
        }
        let (start, stop, step): (Int, Int, Int)
        switch numbers.count {
        case 1: (start, stop, step) = (0, numbers[0], 1)
        case 2: (start, stop, step) = (numbers[0], numbers[1], 1)
        case 3: (start, stop, step) = (numbers[0], numbers[1], numbers[2])
        default: throw TemplateRuntimeError("TypeError", "range expected 1 to 3 arguments, got \(numbers.count)")
        }
        guard step != 0 else { throw TemplateRuntimeError("ValueError", "range() arg 3 must not be zero") }
        // Counted in Double: Int arithmetic on extreme bounds would overflow.
        let span = step > 0 ? Double(stop) - Double(start) : Double(start) - Double(stop)
        let count = max(0, (span / Double(step.magnitude)).rounded(.up))
        guard count <= Double(limit) else {
            throw TemplateLimitError(limit: "maxRangeLength", value: limit, message: "range() of \(count) items is too long")
        }
        return .list(stride(from: start, to: stop, by: step).map { .int($0) })
    }

    /// A deterministic stand-in for Jinja's random `lipsum`: `n` paragraphs of placeholder text.
    static func lipsum(_ args: TemplateArguments) -> TemplateValue {
        let count = args.value(0, "n").flatMap(TemplateOperators.integer) ?? 5
        let html = args.value(1, "html")?.isTruthy ?? true
        let paragraph = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua."
        let paragraphs = [String](repeating: paragraph, count: max(0, count))
        if html { return .markup(paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n")) }
        return .string(paragraphs.joined(separator: "\n\n"))
    }
}

extension TemplateGlobals {
    /// Python's `dict(mapping_or_pairs, **kwargs)`.
    static func makeDict(_ args: TemplateArguments) throws -> TemplateValue {
        guard args.positional.count <= 1 else {
            throw TemplateRuntimeError("TypeError", "dict expected at most 1 argument, got \(args.positional.count)")
        }
        var dict = TemplateDict()
        switch args.positional.first {
        case .dict(let d)?: dict = d
        case .list(let pairs)?, .tuple(let pairs)?:
            // Each item a key/value pair.
            for (index, pair) in pairs.enumerated() {
                guard let items = pair.pairItems, items.count == 2 else {
                    throw TemplateRuntimeError("ValueError", "dictionary update sequence element #\(index) has the wrong length")
                }
                dict[items[0]] = items[1]
            }
        case let other?: throw TemplateRuntimeError("TypeError", "'\(other.typeName)' object is not iterable")
        case nil: break
        }
        for (k, v) in args.keyword { dict[k] = v }
        return .dict(dict)
    }
}

extension TemplateValue {
    /// The items of a list, tuple or string (a pair for `dict(...)`), else nil.
    fileprivate var pairItems: [TemplateValue]? {
        switch self {
        case .list(let items), .tuple(let items): items
        case .string(let s), .markup(let s): s.unicodeScalars.map { .string(String($0)) }
        default: nil
        }
    }
}
