import Synchronization

/// A compiled expression: what ``TemplateCompiler`` makes of a ``TemplateExpr``.
///
/// Each kind of expression is a final subclass whose `evaluate` is called through the class's
/// method table: no `switch` over an indirect enum (whose payloads are copied and retained on
/// every visit), names already interned to symbols, filters and tests already resolved.
/// Instances are immutable once built (per-site caches are atomics) and shared by all renders.
class CompiledExpr: @unchecked Sendable {
    func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        preconditionFailure("abstract")
    }

    /// The value when known at compile time (constant folding).
    var constant: TemplateValue? { nil }
}

final class LiteralExpr: CompiledExpr, @unchecked Sendable {
    let value: TemplateValue
    init(_ value: TemplateValue) { self.value = value }
    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue { value }
    override var constant: TemplateValue? { value }
}

final class NameExpr: CompiledExpr, @unchecked Sendable {
    let symbol: Int32
    let missing: String
    init(_ name: String) {
        symbol = TemplateSymbols.intern(name)
        missing = "'\(name)' is undefined"
    }
    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        s.lookup(symbol) ?? .undefined(missing)
    }
}

final class ItemExpr: CompiledExpr, @unchecked Sendable {
    let base: CompiledExpr
    let key: CompiledExpr
    init(_ base: CompiledExpr, _ key: CompiledExpr) {
        self.base = base
        self.key = key
    }
    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        let value = try base.evaluate(r, s)
        return try r.getItem(value, try key.evaluate(r, s))
    }
}

final class SliceExpr: CompiledExpr, @unchecked Sendable {
    let base: CompiledExpr
    let start: CompiledExpr?
    let stop: CompiledExpr?
    let step: CompiledExpr?
    init(_ base: CompiledExpr, _ start: CompiledExpr?, _ stop: CompiledExpr?, _ step: CompiledExpr?) {
        self.base = base
        self.start = start
        self.stop = stop
        self.step = step
    }
    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        try TemplateOperators.slice(
            try base.evaluate(r, s), try start?.evaluate(r, s), try stop?.evaluate(r, s), try step?.evaluate(r, s))
    }
}

final class NegateExpr: CompiledExpr, @unchecked Sendable {
    let operand: CompiledExpr
    init(_ operand: CompiledExpr) { self.operand = operand }
    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        try TemplateOperators.negate(try r.defined(try operand.evaluate(r, s)))
    }
}

final class PlusExpr: CompiledExpr, @unchecked Sendable {
    let operand: CompiledExpr
    init(_ operand: CompiledExpr) { self.operand = operand }
    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        let value = try r.defined(try operand.evaluate(r, s))
        guard value.numericValue != nil else { throw TemplateRuntimeError("TypeError", "bad operand type for unary +: '\(value.typeName)'") }
        return value
    }
}

final class NotExpr: CompiledExpr, @unchecked Sendable {
    let operand: CompiledExpr
    init(_ operand: CompiledExpr) { self.operand = operand }
    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        .bool(!(try r.truth(try operand.evaluate(r, s))))
    }
}

final class AndExpr: CompiledExpr, @unchecked Sendable {
    let left: CompiledExpr
    let right: CompiledExpr
    init(_ left: CompiledExpr, _ right: CompiledExpr) {
        self.left = left
        self.right = right
    }
    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        let l = try left.evaluate(r, s)
        return try r.truth(l) ? try right.evaluate(r, s) : l
    }
}

final class OrExpr: CompiledExpr, @unchecked Sendable {
    let left: CompiledExpr
    let right: CompiledExpr
    init(_ left: CompiledExpr, _ right: CompiledExpr) {
        self.left = left
        self.right = right
    }
    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        let l = try left.evaluate(r, s)
        return try r.truth(l) ? l : try right.evaluate(r, s)
    }
}

final class BinaryExpr: CompiledExpr, @unchecked Sendable {
    let op: BinaryOperator
    let left: CompiledExpr
    let right: CompiledExpr
    init(_ op: BinaryOperator, _ left: CompiledExpr, _ right: CompiledExpr) {
        self.op = op
        self.left = left
        self.right = right
    }
    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        let l = try r.defined(try left.evaluate(r, s))
        let rv = try r.defined(try right.evaluate(r, s))
        return try TemplateOperators.binary(op, l, rv, limit: r.config.limits.maxRangeLength, maxIntegerBits: r.config.limits.maxIntegerBits)
    }
}

final class CompareExpr: CompiledExpr, @unchecked Sendable {
    let first: CompiledExpr
    let operations: [(CompareOperator, CompiledExpr)]
    /// The operator and right side of a single comparison (`a == b`, the usual kind), read
    /// from stored properties rather than by iterating ``operations`` (which copies each pair).
    let singleOperator: CompareOperator?
    let singleRight: CompiledExpr?
    init(_ first: CompiledExpr, _ operations: [(CompareOperator, CompiledExpr)]) {
        self.first = first
        self.operations = operations
        singleOperator = operations.count == 1 ? operations[0].0 : nil
        singleRight = operations.count == 1 ? operations[0].1 : nil
    }
    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        if let op = singleOperator, let singleRight {
            let left = try first.evaluate(r, s)
            let right = try singleRight.evaluate(r, s)
            // `str == str`, as `TemplateValue.==` decides it, without a call.
            if op == .equal || op == .notEqual, case .string(let a) = left, case .string(let b) = right {
                return .bool(TemplateText.sameCodePoints(a, b) == (op == .equal))
            }
            return .bool(try compare(r, op, left, right))
        }
        var left = try first.evaluate(r, s)
        for (op, rightExpr) in operations {
            let right = try rightExpr.evaluate(r, s)
            guard try compare(r, op, left, right) else { return .bool(false) }
            left = right
        }
        return .bool(true)
    }
    @inline(__always)
    private func compare(_ r: TemplateRenderer, _ op: CompareOperator, _ left: TemplateValue, _ right: TemplateValue) throws -> Bool {
        if r.config.undefined == .strict || !(op == .equal || op == .notEqual || op == .isIn || op == .notIn) {
            _ = try r.defined(left)
            _ = try r.defined(right)
        }
        return try TemplateOperators.compare(op, left, right)
    }
}

final class ConcatExpr: CompiledExpr, @unchecked Sendable {
    let parts: [CompiledExpr]
    init(_ parts: [CompiledExpr]) { self.parts = parts }
    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        var text = ""
        var anyMarkup = false
        var values: [TemplateValue] = []
        values.reserveCapacity(parts.count)
        for part in parts {
            let value = try part.evaluate(r, s)
            if value.isMarkup { anyMarkup = true }
            values.append(value)
        }
        if r.autoescape && anyMarkup {
            for value in values {
                if case .markup(let s) = value { text += s } else { TemplateEscaping.appendEscaped(try r.str(value), to: &text) }
            }
            return .markup(text)
        }
        for value in values { text += try r.str(value) }
        return .string(text)
    }
}

final class ConditionalExpr: CompiledExpr, @unchecked Sendable {
    let test: CompiledExpr
    let then: CompiledExpr
    let otherwise: CompiledExpr?
    init(_ test: CompiledExpr, _ then: CompiledExpr, _ otherwise: CompiledExpr?) {
        self.test = test
        self.then = then
        self.otherwise = otherwise
    }
    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        if try r.truth(try test.evaluate(r, s)) { return try then.evaluate(r, s) }
        if let otherwise { return try otherwise.evaluate(r, s) }
        return .undefined("the inline if-expression on line evaluated to false and no else section was defined.")
    }
}

/// `f(args)`; a call of `x.name(…)` keeps the attribute apart so that str/dict methods are
/// called without building a bound-method value.
final class CallExpr: CompiledExpr, @unchecked Sendable {
    let callee: CompiledExpr
    let arguments: CompiledArguments
    let method: AttributeExpr?
    /// No arguments, or positional arguments only and not all constant: evaluated onto the
    /// renderer's argument stack, so that calling a macro binds them without building an
    /// argument array (`caller()` included).
    let stacksArguments: Bool
    /// `name.cycle(a, b, …)` with constant items (`loop.cycle('odd', 'even')`): the items and
    /// the name, for picking the item straight from the loop where `name` holds one.
    let cycleItems: [TemplateValue]?
    let cycleSymbol: Int32
    init(_ callee: CompiledExpr, _ arguments: CompiledArguments) {
        self.callee = callee
        self.arguments = arguments
        method = callee as? AttributeExpr
        stacksArguments = method == nil && (arguments.isEmpty || (arguments.keyword.isEmpty && arguments.starArgs == nil
            && arguments.starKwargs == nil && !arguments.positional.isEmpty && !arguments.isConstant))
        let items = arguments.positional.compactMap(\.constant)
        if let method, method.loopAttribute == .cycle, let symbol = method.rootSymbol, method.inner == nil,
            arguments.keyword.isEmpty, arguments.starArgs == nil, arguments.starKwargs == nil,
            !items.isEmpty, items.count == arguments.positional.count
        {
            cycleItems = items
            cycleSymbol = symbol
        } else {
            cycleItems = nil
            cycleSymbol = -1
        }
    }
    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        if let value = cycleInPlace(s) { return value }
        return try r.evaluateCall(self, s, extraKeyword: nil)
    }

    /// `loop.cycle(…)` answered where `loop` lives: the item for the loop's current index, as
    /// ``LoopContext/cycle(_:)`` picks it from the same (constant, effect-free) arguments. Nil
    /// when the call is not of that form or the name holds anything but a loop.
    @inline(__always)
    func cycleInPlace(_ s: TemplateScope) -> TemplateValue? {
        guard let cycleItems, let (level, index) = s.entry(cycleSymbol) else { return nil }
        guard let loop = level._withUnsafeGuaranteedRef({ $0.entries[index].value.unretainedLoop }) else { return nil }
        return cycleItems[loop._withUnsafeGuaranteedRef { $0.index0 } % cycleItems.count]
    }
}

final class ListExpr: CompiledExpr, @unchecked Sendable {
    let items: [CompiledExpr]
    let isTuple: Bool
    init(_ items: [CompiledExpr], isTuple: Bool) {
        self.items = items
        self.isTuple = isTuple
    }
    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        var values: [TemplateValue] = []
        values.reserveCapacity(items.count)
        for item in items { values.append(try item.evaluate(r, s)) }
        return isTuple ? .tuple(values) : .list(values)
    }
}

final class DictExpr: CompiledExpr, @unchecked Sendable {
    let pairs: [(CompiledExpr, CompiledExpr)]
    init(_ pairs: [(CompiledExpr, CompiledExpr)]) { self.pairs = pairs }
    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        var dict = TemplateDict()
        for (k, v) in pairs { dict[try k.evaluate(r, s)] = try v.evaluate(r, s) }
        return .dict(dict)
    }
}
