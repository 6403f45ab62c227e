import Foundation

/// Python's arithmetic, comparison, membership and slicing on template values.
enum TemplateOperators {
    static func typeError(_ op: String, _ l: TemplateValue, _ r: TemplateValue) -> TemplateRuntimeError {
        TemplateRuntimeError("TypeError", "unsupported operand type(s) for \(op): '\(l.typeName)' and '\(r.typeName)'")
    }

    /// Ints (and bools) as Int, for Python's int arithmetic.
    static func integer(_ v: TemplateValue) -> Int? {
        switch v {
        case .int(let i): i
        case .bool(let b): b ? 1 : 0
        default: nil
        }
    }

    /// `l op r`; `limit` bounds repetition (`maxRangeLength`), `maxIntegerBits` integer results.
    static func binary(
        _ op: BinaryOperator, _ l: TemplateValue, _ r: TemplateValue, limit: Int,
        maxIntegerBits: Int = TemplateLimits().maxIntegerBits
    ) throws -> TemplateValue {
        switch op {
        case .add:
            if let a = integer(l), let b = integer(r) {
                let (sum, overflow) = a.addingReportingOverflow(b)
                return overflow ? try TemplateBigIntegers.exact(op, BigInteger(a), BigInteger(b), maxBits: maxIntegerBits) : .int(sum)
            }
            if l.isBigInt || r.isBigInt, let exact = try TemplateBigIntegers.arithmetic(op, l, r, maxBits: maxIntegerBits) { return exact }
            if let a = l.numericValue, let b = r.numericValue { return .double(a + b) }
            switch (l, r) {
            case (.string(let a), .string(let b)): return .string(a + b)
            case (.markup(let a), _): if let b = r.stringContent { return .markup(a + (r.isMarkup ? b : TemplateEscaping.escape(b))) }
            case (.string(let a), .markup(let b)): return .markup(TemplateEscaping.escape(a) + b)
            case (.list(let a), .list(let b)): return .list(a + b)
            case (.tuple(let a), .tuple(let b)): return .tuple(a + b)
            default: break
            }
            if case .list = l, case .tuple = r {
                throw TemplateRuntimeError("TypeError", "can only concatenate list (not \"tuple\") to list")
            }
            throw typeError("+", l, r)
        case .subtract:
            if let a = integer(l), let b = integer(r) {
                let (difference, overflow) = a.subtractingReportingOverflow(b)
                return overflow ? try TemplateBigIntegers.exact(op, BigInteger(a), BigInteger(b), maxBits: maxIntegerBits) : .int(difference)
            }
            if l.isBigInt || r.isBigInt, let exact = try TemplateBigIntegers.arithmetic(op, l, r, maxBits: maxIntegerBits) { return exact }
            if let a = l.numericValue, let b = r.numericValue { return .double(a - b) }
            throw typeError("-", l, r)
        case .multiply:
            if let a = integer(l), let b = integer(r) {
                let (product, overflow) = a.multipliedReportingOverflow(by: b)
                return overflow ? try TemplateBigIntegers.exact(op, BigInteger(a), BigInteger(b), maxBits: maxIntegerBits) : .int(product)
            }
            if l.isBigInt || r.isBigInt, let exact = try TemplateBigIntegers.arithmetic(op, l, r, maxBits: maxIntegerBits) { return exact }
            if let a = l.numericValue, let b = r.numericValue { return .double(a * b) }
            if let (sequence, times) = sequenceAndCount(l, r) {
                let count = max(0, times)
                switch sequence {
                case .string(let s), .markup(let s):
                    let (size, overflow) = s.utf8.count.multipliedReportingOverflow(by: count)
                    guard !overflow, size <= limit * 16 else {
                        throw TemplateLimitError(limit: "maxRangeLength", value: limit, message: "string repetition too large")
                    }
                    let repeated = String(repeating: s, count: count)
                    return sequence.isMarkup ? .markup(repeated) : .string(repeated)
                case .list(let items), .tuple(let items):
                    let (size, overflow) = items.count.multipliedReportingOverflow(by: count)
                    guard !overflow, size <= limit else {
                        throw TemplateLimitError(limit: "maxRangeLength", value: limit, message: "list repetition too large")
                    }
                    let repeated = Array([[TemplateValue]](repeating: items, count: count).joined())
                    if case .tuple = sequence { return .tuple(repeated) }
                    return .list(repeated)
                default: break
                }
            }
            throw typeError("*", l, r)
        case .divide:
            if let a = integer(l), let b = integer(r), b != 0, a.magnitude > 1 << 53 || b.magnitude > 1 << 53 {
                // Not both exact as doubles: divide exactly, round once (Python's int / int).
                return try TemplateBigIntegers.exact(op, BigInteger(a), BigInteger(b), maxBits: maxIntegerBits)
            }
            if l.isBigInt || r.isBigInt, let exact = try TemplateBigIntegers.arithmetic(op, l, r, maxBits: maxIntegerBits) { return exact }
            guard let a = l.numericValue, let b = r.numericValue else { throw typeError("/", l, r) }
            guard b != 0 else { throw TemplateRuntimeError("ZeroDivisionError", "division by zero") }
            return .double(a / b)
        case .floorDivide:
            if let a = integer(l), let b = integer(r) {
                guard b != 0 else { throw TemplateRuntimeError("ZeroDivisionError", "integer division or modulo by zero") }
                if a == .min && b == -1 { return .bigInt(-BigInteger(a)) }
                return .int(floorDivide(a, b))
            }
            if l.isBigInt || r.isBigInt, let exact = try TemplateBigIntegers.arithmetic(op, l, r, maxBits: maxIntegerBits) { return exact }
            guard let a = l.numericValue, let b = r.numericValue else { throw typeError("//", l, r) }
            guard b != 0 else { throw TemplateRuntimeError("ZeroDivisionError", "float floor division by zero") }
            return .double((a / b).rounded(.down))
        case .modulo:
            if let format = l.stringContent {
                let text = try TemplateFormatting.percentFormat(format, r, escaping: l.isMarkup, limit: limit)
                return l.isMarkup ? .markup(text) : .string(text)
            }
            if let a = integer(l), let b = integer(r) {
                guard b != 0 else { throw TemplateRuntimeError("ZeroDivisionError", "integer division or modulo by zero") }
                if b == -1 { return .int(0) }
                return .int(a - floorDivide(a, b) * b)
            }
            if l.isBigInt || r.isBigInt, let exact = try TemplateBigIntegers.arithmetic(op, l, r, maxBits: maxIntegerBits) { return exact }
            guard let a = l.numericValue, let b = r.numericValue else { throw typeError("%", l, r) }
            guard b != 0 else { throw TemplateRuntimeError("ZeroDivisionError", "float modulo") }
            var m = fmod(a, b)
            if m != 0 && (m < 0) != (b < 0) { m += b }
            return .double(m)
        case .power:
            if let a = integer(l), let b = integer(r), b >= 0 {
                if let result = TemplateBigIntegers.intPower(a, b) { return .int(result) }
                return try TemplateBigIntegers.exact(op, BigInteger(a), BigInteger(b), maxBits: maxIntegerBits)
            }
            if integer(l) == 0, let b = integer(r), b < 0 {
                throw TemplateRuntimeError("ZeroDivisionError", "0.0 cannot be raised to a negative power")
            }
            if l.isBigInt || r.isBigInt, let exact = try TemplateBigIntegers.arithmetic(op, l, r, maxBits: maxIntegerBits) { return exact }
            guard let a = l.numericValue, let b = r.numericValue else { throw typeError("** or pow()", l, r) }
            return .double(pow(a, b))
        }
    }

    private static func sequenceAndCount(_ l: TemplateValue, _ r: TemplateValue) -> (TemplateValue, Int)? {
        if let n = integer(r), l.stringContent != nil || isSequence(l) { return (l, n) }
        if let n = integer(l), r.stringContent != nil || isSequence(r) { return (r, n) }
        return nil
    }

    private static func isSequence(_ v: TemplateValue) -> Bool {
        switch v {
        case .list, .tuple: true
        default: false
        }
    }

    /// Python's `a // b` for a non-zero `b`; `Int.min // -1` (which overflows) saturates.
    static func floorDivide(_ a: Int, _ b: Int) -> Int {
        if b == -1 { return a == .min ? .max : -a }
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// A double truncated to Int when it fits, else nil (Swift's `Int(_:)` traps otherwise).
    static func truncatedInt(_ d: Double) -> Int? {
        guard d.isFinite, d > -9.2e18, d < 9.2e18 else { return nil }
        return Int(d)
    }

    static func negate(_ v: TemplateValue) throws -> TemplateValue {
        switch v {
        case .int(let i): return i == .min ? .bigInt(-BigInteger(i)) : .int(-i)
        case .bigInt(let n): return .integer(-n)
        case .bool(let b): return .int(b ? -1 : 0)
        case .double(let d): return .double(-d)
        default: throw TemplateRuntimeError("TypeError", "bad operand type for unary -: '\(v.typeName)'")
        }
    }

    static func compare(_ op: CompareOperator, _ l: TemplateValue, _ r: TemplateValue) throws -> Bool {
        switch op {
        case .equal: return l == r
        case .notEqual: return l != r
        case .isIn: return try contains(r, l)
        case .notIn: return try !contains(r, l)
        case .less: return try order(l, r, op.rawValue) < 0
        case .lessEqual: return try order(l, r, op.rawValue) <= 0
        case .greater: return try order(l, r, op.rawValue) > 0
        case .greaterEqual: return try order(l, r, op.rawValue) >= 0
        }
    }

    /// Python ordering: numbers, strings by code point, sequences lexicographically.
    static func order(_ l: TemplateValue, _ r: TemplateValue, _ op: String = "<") throws -> Int {
        if let a = integer(l), let b = integer(r) { return a < b ? -1 : (a == b ? 0 : 1) }
        // Undefined refuses to be ordered (its `__lt__` raises), but two are equal.
        if case .undefined(let what) = l { throw UndefinedError(what) }
        if case .undefined(let what) = r { throw UndefinedError(what) }
        if let exact = TemplateBigIntegers.order(l, r) { return exact }
        if let a = l.numericValue, let b = r.numericValue { return a < b ? -1 : (a == b ? 0 : 1) }
        if let a = l.stringContent, let b = r.stringContent {
            // UTF-8 byte order is code point order, Python's (Swift's `==` would call canonically
            // equivalent spellings of one text equal).
            return TemplateFilters.utf8Order(a, b)
        }
        switch (l, r) {
        case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)):
            for (x, y) in zip(a, b) where !(x.isUndefined && y.isUndefined) && x != y { return try order(x, y, op) }
            return a.count < b.count ? -1 : (a.count == b.count ? 0 : 1)
        default:
            throw TemplateRuntimeError("TypeError", "'\(op)' not supported between instances of '\(l.typeName)' and '\(r.typeName)'")
        }
    }

    /// `needle in container`.
    static func contains(_ container: TemplateValue, _ needle: TemplateValue) throws -> Bool {
        switch container {
        case .string(let s), .markup(let s):
            guard let n = needle.stringContent else {
                throw TemplateRuntimeError("TypeError", "'in <string>' requires string as left operand, not \(needle.typeName)")
            }
            return n.isEmpty || s.contains(n)
        case .list(let items), .tuple(let items): return items.contains(needle)
        case .dict(let dict): return dict[needle] != nil
        case .undefined: return false
        case .object(let o):
            if let items = o.iterationItems { return items.contains(needle) }
        default: break
        }
        throw TemplateRuntimeError("TypeError", "argument of type '\(container.typeName)' is not iterable")
    }

    /// `value[start:stop:step]` with Python's clamping rules.
    static func slice(_ value: TemplateValue, _ start: TemplateValue?, _ stop: TemplateValue?, _ step: TemplateValue?) throws -> TemplateValue {
        func bound(_ v: TemplateValue?) throws -> Int? {
            guard let v, !(v == .none) else { return nil }
            // Past `Int`, a bound is past either end of any sequence: clamp, as Python does.
            if case .bigInt(let n) = v { return n.isNegative ? .min / 2 : .max / 2 }
            guard let i = integer(v) else { throw TemplateRuntimeError("TypeError", "slice indices must be integers or None") }
            return i
        }
        let stepValue = try bound(step) ?? 1
        guard stepValue != 0 else { throw TemplateRuntimeError("ValueError", "slice step cannot be zero") }
        func indices(_ count: Int) throws -> [Int] {
            func clamp(_ i: Int?, _ defaultValue: Int) -> Int {
                guard var i else { return defaultValue }
                if i < 0 { i += count }
                if stepValue > 0 { return min(max(i, 0), count) }
                return min(max(i, -1), count - 1)
            }
            let from = clamp(try bound(start), stepValue > 0 ? 0 : count - 1)
            let to = clamp(try bound(stop), stepValue > 0 ? count : -1)
            return Array(stride(from: from, to: to, by: stepValue))
        }
        switch value {
        case .list(let items): return .list(try indices(items.count).map { items[$0] })
        case .tuple(let items): return .tuple(try indices(items.count).map { items[$0] })
        case .string(let s), .markup(let s):
            let scalars = Array(s.unicodeScalars)
            var view = String.UnicodeScalarView()
            for i in try indices(scalars.count) { view.append(scalars[i]) }
            return value.isMarkup ? .markup(String(view)) : .string(String(view))
        case .undefined(let what): throw UndefinedError(what)
        default: throw TemplateRuntimeError("TypeError", "'\(value.typeName)' object is not subscriptable")
        }
    }
}
