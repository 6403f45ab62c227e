import Synchronization

/// Expression evaluation.
extension TemplateRenderer {
    /// Evaluates a filter chain fed with `filterInput` (`{% filter %}` blocks, filtered `{% set %}`).
    func evaluate(_ expr: CompiledExpr, _ scope: TemplateScope, filterInput input: TemplateValue) throws -> TemplateValue {
        let saved = filterInput
        filterInput = input
        defer { filterInput = saved }
        return try expr.evaluate(self, scope)
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

    /// `obj.name` at a compiled site: the same rules, with the method-name checks made at
    /// compile time, a position hint for dicts and `loop` attributes read without a string switch.
    @inline(__always)
    func getAttribute(_ value: TemplateValue, _ site: AttributeExpr) throws -> TemplateValue {
        switch value {
        case .dict(let dict):
            if site.isDictMethod { return TemplateMethods.bound(value, site.name) }
            let hint = site.hint.load(ordering: .relaxed)
            if let position = dict.position(ofString: site.name, hint: hint) {
                if position != hint { site.hint.store(position, ordering: .relaxed) }
                return dict.value(at: position)
            }
            return site.missingFromDict
        case .object(let object):
            if let code = site.loopAttribute, type(of: object) == LoopContext.self {
                return unsafeDowncast(object, to: LoopContext.self).value(of: code)
            }
            if let found = object.attribute(site.name) { return found }
        case .callable(let callable):
            if let found = callable.attributes[site.name] { return found }
        case .string:
            if site.isStringMethod { return TemplateMethods.bound(value, site.name) }
        case .markup:
            if site.isStringMethod || site.isMarkupMethod { return TemplateMethods.bound(value, site.name) }
        case .undefined(let what):
            throw UndefinedError(what, templateName: templateName)
        case .none, .bool, .int, .double, .bigInt, .list, .tuple: break
        }
        return .undefined("\(Self.describeOwner(value)) has no attribute '\(site.name)'")
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

    func evaluateCall(_ call: CallExpr, _ scope: TemplateScope, extraKeyword: (String, TemplateValue)?) throws -> TemplateValue {
        switch try prepareCall(call, scope, extraKeyword: extraKeyword) {
        case .done(let result): return result
        case .call(let callee, let args): return try callValue(callee, args)
        }
    }

    /// A call with its arguments and callee evaluated, or already answered (str/dict methods, `loop.cycle`).
    enum PreparedCall {
        case done(TemplateValue)
        case call(TemplateValue, TemplateArguments)
    }

    /// Evaluates the arguments, then the callee (Jinja's order).
    func prepareCall(_ call: CallExpr, _ scope: TemplateScope, extraKeyword: (String, TemplateValue)?) throws -> PreparedCall {
        var args = try call.arguments.evaluate(self, scope)
        if let extraKeyword { args.keyword.append((extraKeyword.0, extraKeyword.1)) }
        // Calls of string/dict methods skip building a bound-method closure.
        if let method = call.method {
            let base = try method.base.evaluate(self, scope)
            let name = method.name
            switch base {
            case .string:
                if method.isStringMethod { return .done(try TemplateMethods.call(base, name, args, renderer: self)) }
            case .markup:
                if method.isStringMethod || method.isMarkupMethod {
                    return .done(try TemplateMethods.call(base, name, args, renderer: self))
                }
            case .dict:
                if method.isDictMethod { return .done(try TemplateMethods.call(base, name, args, renderer: self)) }
            case .object(let object):
                // `loop.cycle(…)` picks its item without building a bound `cycle` callable.
                if method.loopAttribute == .cycle, type(of: object) == LoopContext.self {
                    return .done(try unsafeDowncast(object, to: LoopContext.self).cycle(args))
                }
            default: break
            }
            return .call(try getAttribute(base, method), args)
        }
        return .call(try call.callee.evaluate(self, scope), args)
    }

    /// `{{ f(args) }}` and `{% call f(args) %}`: a macro of this render writes its body straight
    /// into the output; anything else is called and written as usual.
    func renderCall(_ call: CallExpr, _ scope: TemplateScope, extraKeyword: (String, TemplateValue)?) throws {
        if extraKeyword == nil {
            if call.stacksArguments {
                try renderStackedCall(call, scope)
                return
            }
            if let item = call.cycleInPlace(scope) {
                try write(item)
                return
            }
        }
        switch try prepareCall(call, scope, extraKeyword: extraKeyword) {
        case .done(let result):
            try write(result)
        case .call(let callee, let args):
            if case .callable(let callable) = callee, let binding = callable.macro, binding.renderer === self {
                _ = try callMacro(binding.macro, binding.scope, args, bodyEscape: binding.escape, direct: true)
            } else {
                try write(try callValue(callee, args))
            }
        }
    }

    /// ``renderCall(_:_:extraKeyword:)`` for positional arguments: they go on the argument
    /// stack (arguments first, then the callee, as always) and a macro binds them from there.
    func renderStackedCall(_ call: CallExpr, _ scope: TemplateScope) throws {
        let base = argumentStack.count
        defer { popArguments(to: base) }
        for expr in call.arguments.positional { argumentStack.append(try expr.evaluate(self, scope)) }
        let callee = try call.callee.evaluate(self, scope)
        let count = argumentStack.count - base
        if case .callable(let callable) = callee, let binding = callable.macro, binding.renderer === self,
            count <= binding.macro.parameters.count
        {
            try callMacroFromStack(binding, base: base, count: count)
        } else {
            try write(try callValue(callee, TemplateArguments(Array(argumentStack[base...]))))
        }
    }

    /// Drops the arguments of a finished call from ``argumentStack`` (one `removeLast` per
    /// argument is far cheaper than the generic `removeSubrange` for the two or three there are).
    @inline(__always)
    func popArguments(to base: Int) {
        while argumentStack.count > base { argumentStack.removeLast() }
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
