/// Loops, blocks and macros.
extension TemplateRenderer {
    func renderFor(_ node: ForNode, items allItems: [TemplateValue], scope: TemplateScope, loopDepth: Int) throws {
        let reusesScope = node.reusesScope
        let loopScope = reusesScope ? reusableScope(parent: scope, capacity: 2) : TemplateScope(parent: scope)
        defer { if reusesScope { reuse(loopScope) } }
        var items = allItems
        if let condition = node.condition {
            items = []
            for item in allItems {
                loopScope.entries.removeAll(keepingCapacity: true)
                try assign(node.target, item, loopScope)
                if try truth(try condition.evaluate(self, loopScope)) { items.append(item) }
            }
        }
        if items.isEmpty {
            try render(node.otherwise, scope)
            return
        }
        // `loop` exists only where the body mentions it (or the loop is recursive).
        let loop = node.exposesLoop ? LoopContext(items: items, depth: loopDepth) : nil
        if node.recursive, let loop {
            loop.recurse = { [weak self] arguments in
                guard let self else { return .none }
                guard let iterable = arguments.positional.first else {
                    throw TemplateRuntimeError("TypeError", "loop() takes exactly one argument")
                }
                try self.enter()
                defer { self.depth -= 1 }
                let text = try self.capturing {
                    try self.renderFor(node, items: try self.iterate(iterable), scope: scope, loopDepth: loopDepth + 1)
                }
                return self.captured(text)
            }
        }
        let loopValue = loop.map { TemplateValue.object($0) }
        let body = node.body
        for index in items.indices {
            loop?.index0 = index
            if index > 0, let symbol = node.targetSymbol, holdsOnlyTarget(loopScope, symbol, nil, loop) {
                // The body set nothing: the scope holds what the last iteration bound.
                loopScope.entries[0].value = items[index]
            } else if index > 0, let (first, second) = node.targetPair, case .tuple(let pair) = items[index], pair.count == 2,
                holdsOnlyTarget(loopScope, first, second, loop)
            {
                // `for k, v in pairs`: a 2-tuple unpacks into the two entries the same way.
                loopScope.entries[0].value = pair[0]
                loopScope.entries[1].value = pair[1]
            } else {
                loopScope.entries.removeAll(keepingCapacity: true)
                try assign(node.target, items[index], loopScope)
                if let loopValue { loopScope.set(TemplateSymbols.loop, loopValue) }
            }
            try render(body, loopScope)
        }
    }

    /// True when a loop's scope holds the target `symbol` (and `second`, for a pair) first and
    /// then, if there is one, this loop's `loop`, and nothing else: the next item may then
    /// replace the target's values in place of emptying the scope and binding all again.
    @inline(__always)
    private func holdsOnlyTarget(_ scope: TemplateScope, _ symbol: Int32, _ second: Int32?, _ loop: LoopContext?) -> Bool {
        let entries = scope.entries
        let targets = second == nil ? 1 : 2
        guard entries.count == targets + (loop == nil ? 0 : 1), entries[0].symbol == symbol else { return false }
        if let second, entries[1].symbol != second { return false }
        guard let loop else { return true }
        return entries[targets].symbol == TemplateSymbols.loop
            && entries[targets].value.unretainedLoop?.toOpaque() == Unmanaged.passUnretained(loop).toOpaque()
    }

    /// Renders the override of block `name` at inheritance `level` (0 = most derived).
    ///
    /// `scoped` is the flag of the block where it is placed (as in Jinja, the template that
    /// renders the block decides whether overrides see its loop and local variables).
    func renderBlock(named name: String, level: Int, scope: TemplateScope, scoped: Bool) throws {
        guard let chain = blocks[name], level < chain.count else { return }
        try enter()
        defer { depth -= 1 }
        let override = chain[level]
        let block = override.block
        let savedEscape = autoescape
        autoescape = override.autoescape
        defer { autoescape = savedEscape }
        let blockScope = TemplateScope(parent: scoped ? scope : rootScope)
        // Only a template that spells `super` can call it: the others get no binding to make.
        if override.bindsSuper {
            if level + 1 < chain.count {
                blockScope.set(TemplateSymbols.superName, .callable(TemplateCallable(name: "super") { [weak self] _ in
                    guard let self else { return .none }
                    let text = try self.capturing { try self.renderBlock(named: name, level: level + 1, scope: scope, scoped: scoped) }
                    return self.captured(text)
                }))
            } else {
                blockScope.set(TemplateSymbols.superName, .undefined("there is no parent block called '\(name)'."))
            }
        }
        // Jinja raises only when nothing overrides the required block (one definition in the chain).
        if block.required && chain.count <= 1 {
            throw TemplateRuntimeError("TemplateRuntimeError", "Required block '\(name)' not found")
        }
        try render(block.body, blockScope)
    }

    /// A macro value closing over the scope it was defined in.
    func makeMacro(_ macro: CompiledMacro, _ scope: TemplateScope) -> TemplateValue {
        // The body escapes as the defining template does, wherever it is called from.
        let escape = autoescape
        scopesToRelease.append(scope)
        let binding = MacroBinding(renderer: self, macro: macro, scope: scope, escape: escape)
        return .callable(TemplateCallable(name: macro.name, attributes: macro.attributes, display: macro.display, macro: binding) { [weak self] arguments in
            guard let self else { return .none }
            return try self.callMacro(macro, scope, arguments, bodyEscape: escape, direct: false) ?? .none
        })
    }

    /// Binds arguments as Jinja's `Macro._invoke` does and renders the body with the
    /// defining template's escaping; the caller's setting decides whether the result is Markup.
    /// `direct` writes the body into the output instead and returns nil (see ``OutputNode``).
    func callMacro(_ macro: CompiledMacro, _ definingScope: TemplateScope, _ arguments: TemplateArguments, bodyEscape: Bool, direct: Bool) throws -> TemplateValue? {
        try enter()
        defer { depth -= 1 }
        return try withMacroScope(macro, parent: definingScope) { scope in
            try bindArguments(macro, arguments, into: scope, bodyEscape: bodyEscape, direct: direct)
        }
    }

    /// Binds `arguments` in `scope` and renders the body (``callMacro(_:_:_:bodyEscape:direct:)``).
    private func bindArguments(_ macro: CompiledMacro, _ arguments: TemplateArguments, into scope: TemplateScope,
                               bodyEscape: Bool, direct: Bool) throws -> TemplateValue? {
        let parameters = macro.parameters
        if arguments.keyword.isEmpty && arguments.positional.count <= parameters.count {
            // The common call: positional arguments only, no `caller`/`kwargs` to sort out.
            let positional = arguments.positional
            try bindPositional(macro, into: scope, count: positional.count) { positional[$0] }
            return try renderMacroBody(macro, scope, bodyEscape: bodyEscape, direct: direct)
        }
        var bound = [TemplateValue?](repeating: nil, count: parameters.count)
        var varargs: [TemplateValue] = []
        for (i, value) in arguments.positional.enumerated() {
            if i < parameters.count {
                bound[i] = value
            } else if macro.usesVarargs {
                varargs.append(value)
            } else {
                throw TemplateRuntimeError("TypeError", "macro '\(macro.name)' takes not more than \(parameters.count) argument(s)")
            }
        }
        var kwargs = TemplateDict()
        for (name, value) in arguments.keyword {
            if let i = parameters.firstIndex(where: { $0.name == name }) {
                guard bound[i] == nil else {
                    throw TemplateRuntimeError("TypeError", "macro '\(macro.name)' got multiple values for argument '\(name)'")
                }
                bound[i] = value
            } else if name == "caller" && macro.usesCaller {
                scope.set(TemplateSymbols.caller, value)
            } else if macro.usesKwargs {
                kwargs[name] = value
            } else {
                throw TemplateRuntimeError("TypeError", "macro '\(macro.name)' takes no keyword argument '\(name)'")
            }
        }
        for (i, parameter) in parameters.enumerated() {
            if let value = bound[i] {
                scope.set(parameter.symbol, value)
            } else if let defaultValue = parameter.defaultValue {
                scope.set(parameter.symbol, try defaultValue.evaluate(self, scope))
            } else {
                scope.set(parameter.symbol, .undefined("parameter '\(parameter.name)' was not provided"))
            }
        }
        if macro.usesVarargs { scope.set(TemplateSymbols.varargs, .tuple(varargs)) }
        if macro.usesKwargs { scope.set(TemplateSymbols.kwargs, .dict(kwargs)) }
        if macro.usesCaller && scope.local(TemplateSymbols.caller) == nil {
            scope.set(TemplateSymbols.caller, .undefined("No caller defined"))
        }
        return try renderMacroBody(macro, scope, bodyEscape: bodyEscape, direct: direct)
    }

    /// Binds `count` positional arguments (`argument(i)`) to the macro's first parameters,
    /// defaults or Undefined to the rest, and empty `varargs`/`kwargs`/`caller` where the body
    /// uses them: a positional-only call as Jinja's `Macro._invoke` binds it.
    /// A `caller` given (a call block's, bound before the parameters as the keyword is in
    /// ``callMacro(_:_:_:bodyEscape:direct:)``) replaces the Undefined one.
    @inline(__always)
    private func bindPositional(_ macro: CompiledMacro, into scope: TemplateScope, count: Int, caller: TemplateValue? = nil,
                                argument: (Int) -> TemplateValue) throws {
        if let caller { scope.set(TemplateSymbols.caller, caller) }
        for (i, parameter) in macro.parameters.enumerated() {
            if i < count {
                scope.set(parameter.symbol, argument(i))
            } else if let defaultValue = parameter.defaultValue {
                scope.set(parameter.symbol, try defaultValue.evaluate(self, scope))
            } else {
                scope.set(parameter.symbol, .undefined("parameter '\(parameter.name)' was not provided"))
            }
        }
        if macro.usesVarargs { scope.set(TemplateSymbols.varargs, .tuple([])) }
        if macro.usesKwargs { scope.set(TemplateSymbols.kwargs, .dict(TemplateDict())) }
        if macro.usesCaller && caller == nil { scope.set(TemplateSymbols.caller, .undefined("No caller defined")) }
    }

    /// The positional-only call of ``callMacro(_:_:_:bodyEscape:direct:)``, rendered in place,
    /// with the `count` arguments on ``argumentStack`` from `base` (at most one per parameter).
    /// `caller` is a call block's (the macro uses `caller`).
    func callMacroFromStack(_ binding: MacroBinding, base: Int, count: Int, caller: TemplateValue? = nil) throws {
        try enter()
        defer { depth -= 1 }
        let macro = binding.macro
        try withMacroScope(macro, parent: binding.scope) { scope in
            try bindPositional(macro, into: scope, count: count, caller: caller) { argumentStack[base + $0] }
            _ = try renderMacroBody(macro, scope, bodyEscape: binding.escape, direct: true)
        }
    }

    private func renderMacroBody(_ macro: CompiledMacro, _ scope: TemplateScope, bodyEscape: Bool, direct: Bool) throws -> TemplateValue? {
        let callerEscape = autoescape
        autoescape = bodyEscape
        defer { autoescape = callerEscape }
        if direct {
            try render(macro.body, scope)
            return nil
        }
        let text = try capture(macro.body, scope)
        return callerEscape ? .markup(text) : .string(text)
    }
}

/// What a macro value needs to be called without going through its closure: the compiled
/// macro, the scope it closes over and the escaping of the template that defined it. Only
/// the render that made it may use it (checked by identity).
final class MacroBinding: @unchecked Sendable {
    weak var renderer: TemplateRenderer?
    let macro: CompiledMacro
    let scope: TemplateScope
    let escape: Bool

    init(renderer: TemplateRenderer, macro: CompiledMacro, scope: TemplateScope, escape: Bool) {
        self.renderer = renderer
        self.macro = macro
        self.scope = scope
        self.escape = escape
    }
}
