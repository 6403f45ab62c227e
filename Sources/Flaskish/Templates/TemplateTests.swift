/// Jinja's built-in tests (`value is name(args)`), Jinja's `tests.py`.
enum TemplateTests {
    typealias Builtin = @Sendable (TemplateRenderer, TemplateValue, TemplateArguments) throws -> Bool

    private static func other(_ args: TemplateArguments) throws -> TemplateValue {
        guard let value = args.positional.first ?? args.keyword.first?.value else {
            throw TemplateRuntimeError("TypeError", "test takes exactly one argument")
        }
        return value
    }

    private static func compare(_ op: CompareOperator) -> Builtin {
        { _, value, args in try TemplateOperators.compare(op, value, try other(args)) }
    }

    private static func isInteger(_ v: TemplateValue) -> Bool {
        switch v {
        case .int, .bigInt: true
        default: false
        }
    }

    static let builtins: [String: Builtin] = [
        "defined": { _, v, _ in !v.isUndefined },
        "undefined": { _, v, _ in v.isUndefined },
        "none": { _, v, _ in v == .none && !v.isUndefined },
        "boolean": { _, v, _ in if case .bool = v { true } else { false } },
        "true": { _, v, _ in v == .bool(true) && { if case .bool = v { true } else { false } }() },
        "false": { _, v, _ in v == .bool(false) && { if case .bool = v { true } else { false } }() },
        "even": { r, v, _ in
            if case .bigInt(let n) = v { return n.modulo(2).isZero }
            guard let i = TemplateOperators.integer(try r.defined(v)) else { return (v.numericValue ?? 1).truncatingRemainder(dividingBy: 2) == 0 }
            return i % 2 == 0
        },
        "odd": { r, v, _ in
            if case .bigInt(let n) = v { return !n.modulo(2).isZero }
            guard let i = TemplateOperators.integer(try r.defined(v)) else { return abs((v.numericValue ?? 0).truncatingRemainder(dividingBy: 2)) == 1 }
            return i % 2 != 0
        },
        "divisibleby": { r, v, args in
            let divisor = try other(args)
            if let divisible = try TemplateBigIntegers.divisible(try r.defined(v), by: divisor) { return divisible }
            guard case .int(let d) = divisor, let i = TemplateOperators.integer(try r.defined(v)) else {
                guard let a = v.numericValue, let b = divisor.numericValue, b != 0 else {
                    throw TemplateRuntimeError("ZeroDivisionError", "division by zero")
                }
                return a.truncatingRemainder(dividingBy: b) == 0
            }
            guard d != 0 else { throw TemplateRuntimeError("ZeroDivisionError", "integer division or modulo by zero") }
            return i % d == 0
        },
        "string": { _, v, _ in v.stringContent != nil },
        "number": { _, v, _ in v.numericValue != nil },
        "integer": { _, v, _ in isInteger(v) },
        "float": { _, v, _ in if case .double = v { true } else { false } },
        "mapping": { _, v, _ in if case .dict = v { true } else { false } },
        "sequence": { _, v, _ in
            switch v {
            case .list, .tuple, .dict, .string, .markup: true
            default: false
            }
        },
        "iterable": { _, v, _ in
            switch v {
            case .list, .tuple, .dict, .string, .markup, .undefined: return true
            case .object(let o): return o.iterationItems != nil
            default: return false
            }
        },
        "callable": { _, v, _ in
            if case .callable = v { return true }
            if case .object(let o) = v { return o is LoopContext || o is TemplateJoiner }
            return false
        },
        "sameas": { _, v, args in
            let o = try other(args)
            switch (v, o) {
            case (.none, .none): return true
            case (.bool(let a), .bool(let b)): return a == b
            case (.int(let a), .int(let b)): return a == b && (-5...256).contains(a)
            case (.callable(let a), .callable(let b)): return a === b
            case (.object(let a), .object(let b)): return a === b
            // Python interns equal string literals, and a string read twice is the same object.
            case (.string(let a), .string(let b)): return a == b
            // Python identity: the same list object, which here means the same array storage
            // (a value read twice); two literals or copies that were changed are distinct.
            case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)): return sameStorage(a, b)
            case (.dict(let a), .dict(let b)): return sameStorage(a.keys, b.keys)
            default: return false
            }
        },
        "escaped": { _, v, _ in v.isMarkup },
        "lower": { r, v, _ in let s = try r.str(v); return s.contains { $0.isCased } && s.lowercased() == s },
        "upper": { r, v, _ in let s = try r.str(v); return s.contains { $0.isCased } && s.uppercased() == s },
        "in": { _, v, args in try TemplateOperators.contains(try other(args), v) },
        "filter": { r, v, _ in v.stringContent.map { r.config.filters[$0] != nil || TemplateFilters.builtins[$0] != nil } ?? false },
        "test": { r, v, _ in v.stringContent.map { r.config.tests[$0] != nil || TemplateTests.builtins[$0] != nil } ?? false },
        "eq": compare(.equal), "equalto": compare(.equal), "==": compare(.equal),
        "ne": compare(.notEqual), "!=": compare(.notEqual),
        "lt": compare(.less), "lessthan": compare(.less), "<": compare(.less),
        "le": compare(.lessEqual), "<=": compare(.lessEqual),
        "gt": compare(.greater), "greaterthan": compare(.greater), ">": compare(.greater),
        "ge": compare(.greaterEqual), ">=": compare(.greaterEqual),
    ]

    /// True when two non-empty arrays share their storage (empty arrays all share one).
    static func sameStorage(_ a: [TemplateValue], _ b: [TemplateValue]) -> Bool {
        guard !a.isEmpty, a.count == b.count else { return false }
        return a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in pa.baseAddress == pb.baseAddress } }
    }
}
