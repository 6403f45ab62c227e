/// Expression evaluation.
extension TemplateRenderer {
    func evaluate(_ expr: TemplateExpr, _ scope: TemplateScope, filterInput: TemplateValue? = nil) throws -> TemplateValue {
        switch expr {
        case .literal(let value):
            return value
        case .name(let name):
            return scope.lookup(name) ?? .undefined("'\(name)' is undefined")
        case .attribute(let base, let name):
            return try getAttribute(try evaluate(base, scope), name)
        case .item(let base, let key):
            return try getItem(try evaluate(base, scope), try evaluate(key, scope))
        case .slice(let base, let start, let stop, let step):
            return try TemplateOperators.slice(
                try evaluate(base, scope), try start.map { try evaluate($0, scope) },
                try stop.map { try evaluate($0, scope) }, try step.map { try evaluate($0, scope) })
        case .negate(let operand):
            return try TemplateOperators.negate(try defined(try evaluate(operand, scope)))
        case .plus(let operand):
            let value = try defined(try evaluate(operand, scope))
            guard value.numericValue != nil else { throw TemplateRuntimeError("TypeError", "bad operand type for unary +: '\(value.typeName)'") }
            return value
        case .not(let operand):
            return .bool(!(try truth(try evaluate(operand, scope))))
        case .and(let left, let right):
            let l = try evaluate(left, scope)
            return try truth(l) ? try evaluate(right, scope) : l
        case .or(let left, let right):
            let l = try evaluate(left, scope)
            return try truth(l) ? l : try evaluate(right, scope)
        case .binary(let op, let left, let right):
            let l = try defined(try evaluate(left, scope))
            let r = try defined(try evaluate(right, scope))
            return try TemplateOperators.binary(op, l, r, limit: config.limits.maxRangeLength, maxIntegerBits: config.limits.maxIntegerBits)
        case .compare(let first, let operations):
            var left = try evaluate(first, scope)
            for (op, rightExpr) in operations {
                let right = try evaluate(rightExpr, scope)
                if config.undefined == .strict || !(op == .equal || op == .notEqual || op == .isIn || op == .notIn) {
                    _ = try defined(left)
                    _ = try defined(right)
                }
                guard try TemplateOperators.compare(op, left, right) else { return .bool(false) }
                left = right
            }
            return .bool(true)
        case .concat(let parts):
            var text = ""
            var anyMarkup = false
            var values: [TemplateValue] = []
            values.reserveCapacity(parts.count)
            for part in parts {
                let value = try evaluate(part, scope)
                if value.isMarkup { anyMarkup = true }
                values.append(value)
            }
            if autoescape && anyMarkup {
                for value in values {
                    if case .markup(let s) = value { text += s } else { TemplateEscaping.appendEscaped(try str(value), to: &text) }
                }
                return .markup(text)
            }
            for value in values { text += try str(value) }
            return .string(text)
        case .conditional(let test, let then, let otherwise):
            if try truth(try evaluate(test, scope)) { return try evaluate(then, scope) }
            if let otherwise { return try evaluate(otherwise, scope) }
            return .undefined("the inline if-expression on line evaluated to false and no else section was defined.")
        case .call(let callee, let arguments):
            return try evaluateCall(callee, arguments, scope, extraKeyword: nil)
        case .filter(let base, let name, let arguments, _):
            let value = try base.map { try evaluate($0, scope, filterInput: filterInput) } ?? filterInput ?? .none
            return try applyFilter(name, value, try evaluateArguments(arguments, scope))
        case .test(let base, let name, let arguments, let negated, _):
            let result = try applyTest(name, try evaluate(base, scope), try evaluateArguments(arguments, scope))
            return .bool(result != negated)
        case .list(let items):
            return .list(try items.map { try evaluate($0, scope) })
        case .tuple(let items):
            return .tuple(try items.map { try evaluate($0, scope) })
        case .dict(let pairs):
            var dict = TemplateDict()
            for (k, v) in pairs { dict[try evaluate(k, scope)] = try evaluate(v, scope) }
            return .dict(dict)
        }
    }

    /// Throws for Undefined where Python would need a real value (arithmetic, unary minus).
    @inline(__always)
    func defined(_ value: TemplateValue) throws -> TemplateValue {
        if case .undefined(let what) = value { throw UndefinedError(what, templateName: templateName) }
        return value
    }

    /// Truthiness; Undefined is false unless strict.
    @inline(__always)
    func truth(_ value: TemplateValue) throws -> Bool {
        if case .undefined(let what) = value, config.undefined == .strict { throw UndefinedError(what, templateName: templateName) }
        return value.isTruthy
    }

    /// `str(value)`; Undefined is "" unless strict.
    func str(_ value: TemplateValue) throws -> String {
        if case .undefined(let what) = value, config.undefined == .strict { throw UndefinedError(what, templateName: templateName) }
        if case .bigInt(let n) = value { return try TemplateBigIntegers.string(n, maxDigits: config.limits.maxIntegerDigits) }
        return value.pythonString
    }

    /// The items of an iterable value (strings give characters, dicts their keys).
    func iterate(_ value: TemplateValue) throws -> [TemplateValue] {
        switch value {
        case .list(let items), .tuple(let items): return items
        case .dict(let dict): return dict.keys
        case .string(let s), .markup(let s): return s.unicodeScalars.map { .string(String($0)) }
        case .undefined(let what):
            if config.undefined == .strict { throw UndefinedError(what, templateName: templateName) }
            return []
        case .object(let object):
            if let items = object.iterationItems { return items }
        default: break
        }
        throw TemplateRuntimeError("TypeError", "'\(value.typeName)' object is not iterable")
    }

    /// `obj.name`: attribute first, then item (Jinja's `Environment.getattr`).
    func getAttribute(_ value: TemplateValue, _ name: String) throws -> TemplateValue {
        switch value {
        case .dict(let dict):
            if TemplateMethods.isDictMethod(name) { return TemplateMethods.bound(value, name) }
            if let found = dict[name] { return found }
        case .object(let object):
            if let found = object.attribute(name) { return found }
        case .callable(let callable):
            if let found = callable.attributes[name] { return found }
        case .string:
            if TemplateMethods.isStringMethod(name) { return TemplateMethods.bound(value, name) }
        case .markup:
            if TemplateMethods.isStringMethod(name) || TemplateMethods.isMarkupMethod(name) { return TemplateMethods.bound(value, name) }
        case .undefined(let what):
            throw UndefinedError(what, templateName: templateName)
        default: break
        }
        return .undefined("\(Self.describeOwner(value)) has no attribute '\(name)'")
    }

    /// `obj[key]`: item first, then attribute (Jinja's `Environment.getitem`).
    func getItem(_ value: TemplateValue, _ key: TemplateValue) throws -> TemplateValue {
        switch value {
        case .dict(let dict):
            if let found = dict[key] { return found }
        case .list(let items), .tuple(let items):
            if case .int(let i) = key, let found = Self.element(items, i) { return found }
        case .string(let s), .markup(let s):
            if case .int(let i) = key, let found = Self.element(Array(s.unicodeScalars), i) {
                return value.isMarkup ? .markup(String(found)) : .string(String(found))
            }
        case .object(let object):
            if case .int(let i) = key, let items = object.iterationItems, let found = Self.element(items, i) { return found }
        case .undefined(let what):
            throw UndefinedError(what, templateName: templateName)
        default: break
        }
        if case .string(let name) = key { return try getAttribute(value, name) }
        return .undefined("\(Self.describeOwner(value)) has no element \(key.pythonRepr)")
    }

    private static func element<T>(_ items: [T], _ index: Int) -> T? {
        let i = index < 0 ? items.count + index : index
        return items.indices.contains(i) ? items[i] : nil
    }

    /// Jinja's `object_type_repr`: `'dict object'`, or `'None'`.
    static func describeOwner(_ value: TemplateValue) -> String {
        if case .none = value { return "'None'" }
        if case .markup = value { return "'markupsafe.Markup object'" }
        return "'\(value.typeName) object'"
    }

    func evaluateArguments(_ arguments: CallArguments, _ scope: TemplateScope) throws -> TemplateArguments {
        var result = TemplateArguments()
        if arguments.positional.isEmpty && arguments.keyword.isEmpty && arguments.starArgs == nil && arguments.starKwargs == nil {
            return result
        }
        result.positional.reserveCapacity(arguments.positional.count)
        for expr in arguments.positional { result.positional.append(try evaluate(expr, scope)) }
        for (name, expr) in arguments.keyword { result.keyword.append((name, try evaluate(expr, scope))) }
        if let star = arguments.starArgs { result.positional += try iterate(try evaluate(star, scope)) }
        if let starKw = arguments.starKwargs, case .dict(let dict) = try evaluate(starKw, scope) {
            for (k, v) in dict.pairs { result.keyword.append((k.pythonString, v)) }
        }
        return result
    }

    func evaluateCall(_ callee: TemplateExpr, _ arguments: CallArguments, _ scope: TemplateScope, extraKeyword: (String, TemplateValue)?) throws -> TemplateValue {
        var args = try evaluateArguments(arguments, scope)
        if let extraKeyword { args.keyword.append((extraKeyword.0, extraKeyword.1)) }
        // Calls of string/dict methods skip building a bound-method closure.
        if case .attribute(let baseExpr, let name) = callee {
            let base = try evaluate(baseExpr, scope)
            switch base {
            case .string:
                if TemplateMethods.isStringMethod(name) { return try TemplateMethods.call(base, name, args, renderer: self) }
            case .markup:
                if TemplateMethods.isStringMethod(name) || TemplateMethods.isMarkupMethod(name) {
                    return try TemplateMethods.call(base, name, args, renderer: self)
                }
            case .dict:
                if TemplateMethods.isDictMethod(name) { return try TemplateMethods.call(base, name, args, renderer: self) }
            default: break
            }
            return try callValue(try getAttribute(base, name), args)
        }
        return try callValue(try evaluate(callee, scope), args)
    }

    func callValue(_ value: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        switch value {
        case .callable(let callable): return try callable.function(args)
        case .object(let object): return try object.call(args)
        case .undefined(let what): throw UndefinedError(what, templateName: templateName)
        default: throw TemplateRuntimeError("TypeError", "'\(value.typeName)' object is not callable")
        }
    }

    /// Applies filter `name`. Unknown names written in the template were refused when it was
    /// loaded (``TemplateDependencyCheck``) unless under an `if`; those, and names given as
    /// strings (`map('x')`), fail here with Jinja's run-time class.
    func applyFilter(_ name: String, _ value: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        if !config.filters.isEmpty, let user = config.filters[name] { return try user(value, args) }
        if let builtin = TemplateFilters.builtins[name] {
            if !args.isEmpty { try TemplateFilters.checkArguments(name, args) }
            return try builtin(self, value, args)
        }
        throw TemplateRuntimeError("TemplateRuntimeError", "No filter named '\(name)'.")
    }

    /// Applies test `name`; unknown names fail as in ``applyFilter(_:_:_:)``.
    func applyTest(_ name: String, _ value: TemplateValue, _ args: TemplateArguments) throws -> Bool {
        if !config.tests.isEmpty, let user = config.tests[name] { return try user(value, args) }
        if let builtin = TemplateTests.builtins[name] { return try builtin(self, value, args) }
        throw TemplateRuntimeError("TemplateRuntimeError", "No test named '\(name)'.")
    }
}
