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
                return .bool((a == b) == (op == .equal))
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

/// `value|name(args)`: the built-in is looked up when the template is compiled (the common ones
/// as a ``DirectFilter`` case, called without closure thunks); a user filter of the same name
/// (which may be registered later) still wins at render time.
final class FilterExpr: CompiledExpr, @unchecked Sendable {
    let base: CompiledExpr?
    let name: String
    let builtin: TemplateFilters.Builtin?
    let direct: DirectFilter?
    let parameters: [String]?
    let arguments: CompiledArguments
    /// `|e`/`|escape` without arguments: written straight into the output as escaped bytes
    /// when nothing overrides the built-in (see ``OutputNode``).
    let isPlainEscape: Bool
    /// The site's arguments are constants that bind to the built-in's parameters: they need
    /// no check at each call.
    let argumentsBind: Bool
    init(_ base: CompiledExpr?, _ name: String, _ arguments: CompiledArguments) {
        self.base = base
        self.name = name
        builtin = TemplateFilters.builtins[name]
        direct = DirectFilter(name)
        parameters = TemplateFilters.signatures[name]
        self.arguments = arguments
        isPlainEscape = (name == "e" || name == "escape") && base != nil && arguments.isEmpty
        if let constant = arguments.constantArguments, let parameters = TemplateFilters.signatures[name] {
            argumentsBind = (try? TemplateFilters.checkArguments(name, parameters: parameters, constant)) != nil
        } else {
            argumentsBind = false
        }
    }

    /// Python's argument binding check of a call of the built-in with `args`.
    @inline(__always)
    func checkArguments(_ args: TemplateArguments) throws {
        if !argumentsBind, let parameters, !args.isEmpty { try TemplateFilters.checkArguments(name, parameters: parameters, args) }
    }
    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        let value = try base?.evaluate(r, s) ?? r.filterInput ?? .none
        return try apply(r, value, try arguments.evaluate(r, s))
    }
    @inline(__always)
    func apply(_ r: TemplateRenderer, _ value: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        if r.hasUserFilters, let user = r.config.filters[name] { return try user(value, args) }
        try checkArguments(args)
        if let direct { return try direct.apply(r, value, args) }
        guard let builtin else { throw TemplateRuntimeError("TemplateRuntimeError", "No filter named '\(name)'.") }
        return try builtin(r, value, args)
    }
}

/// `value is [not] name(args)`, resolved as ``FilterExpr``.
final class TestExpr: CompiledExpr, @unchecked Sendable {
    let base: CompiledExpr
    let name: String
    let builtin: TemplateTests.Builtin?
    let arguments: CompiledArguments
    let negated: Bool
    init(_ base: CompiledExpr, _ name: String, _ arguments: CompiledArguments, negated: Bool) {
        self.base = base
        self.name = name
        builtin = TemplateTests.builtins[name]
        self.arguments = arguments
        self.negated = negated
    }
    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        let value = try base.evaluate(r, s)
        let args = try arguments.evaluate(r, s)
        let result: Bool
        if r.hasUserTests, let user = r.config.tests[name] {
            result = try user(value, args)
        } else if let builtin {
            result = try builtin(r, value, args)
        } else {
            throw TemplateRuntimeError("TemplateRuntimeError", "No test named '\(name)'.")
        }
        return .bool(result != negated)
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

/// The arguments written at a call site, compiled.
/// Arguments that are all constants (`truncate(40)`, `join(", ")`) are built once.
struct CompiledArguments: Sendable {
    let positional: [CompiledExpr]
    let keyword: [(String, CompiledExpr)]
    let starArgs: CompiledExpr?
    let starKwargs: CompiledExpr?
    let isEmpty: Bool
    /// The arguments when ``isConstant``. Not an optional: copying a
    /// `TemplateArguments?` went through the generic `Optional` value witness (~150
    /// instructions a call, 3% of the users page).
    private let constant: TemplateArguments
    let isConstant: Bool
    /// The arguments when they are all constants (read when compiling).
    var constantArguments: TemplateArguments? { isConstant ? constant : nil }

    init(positional: [CompiledExpr], keyword: [(String, CompiledExpr)], starArgs: CompiledExpr?, starKwargs: CompiledExpr?) {
        self.positional = positional
        self.keyword = keyword
        self.starArgs = starArgs
        self.starKwargs = starKwargs
        isEmpty = positional.isEmpty && keyword.isEmpty && starArgs == nil && starKwargs == nil
        let positionalValues = positional.compactMap(\.constant)
        let keywordValues = keyword.compactMap { pair in pair.1.constant.map { (name: pair.0, value: $0) } }
        isConstant = starArgs == nil && starKwargs == nil && positionalValues.count == positional.count
            && keywordValues.count == keyword.count
        constant = isConstant ? TemplateArguments(positionalValues, keyword: keywordValues) : TemplateArguments()
    }

    @inline(__always)
    func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateArguments {
        if isConstant { return constant }
        return try evaluateEach(r, s)
    }

    private func evaluateEach(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateArguments {
        var result = TemplateArguments()
        result.positional.reserveCapacity(positional.count)
        for expr in positional { result.positional.append(try expr.evaluate(r, s)) }
        for (name, expr) in keyword { result.keyword.append((name, try expr.evaluate(r, s))) }
        if let starArgs { result.positional += try r.iterate(try starArgs.evaluate(r, s)) }
        if let starKwargs, case .dict(let dict) = try starKwargs.evaluate(r, s) {
            for (k, v) in dict.pairs { result.keyword.append((k.pythonString, v)) }
        }
        return result
    }
}
