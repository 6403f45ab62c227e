/// Loops, blocks and macros.
extension TemplateRenderer {
    func renderFor(_ node: ForLoopNode, items allItems: [TemplateValue], scope: TemplateScope, loopDepth: Int) throws {
        let loopScope = TemplateScope(parent: scope)
        var items = allItems
        if let condition = node.condition {
            items = []
            for item in allItems {
                loopScope.variables.removeAll(keepingCapacity: true)
                try assign(node.target, item, loopScope)
                if try truth(try evaluate(condition, loopScope)) { items.append(item) }
            }
        }
        if items.isEmpty {
            try render(node.otherwise, scope)
            return
        }
        let loop = LoopContext(items: items, depth: loopDepth)
        if node.recursive {
            loop.recurse = { [weak self] arguments in
                guard let self else { return .none }
                guard let iterable = arguments.positional.first else {
                    throw TemplateRuntimeError("TypeError", "loop() takes exactly one argument")
                }
                try self.enter()
                defer { self.depth -= 1 }
                let saved = self.out
                self.out = ""
                defer { self.out = saved }
                try self.renderFor(node, items: try self.iterate(iterable), scope: scope, loopDepth: loopDepth + 1)
                return self.captured(self.out)
            }
        }
        let loopValue = TemplateValue.object(loop)
        for (index, item) in items.enumerated() {
            loopScope.variables.removeAll(keepingCapacity: true)
            loop.index0 = index
            try assign(node.target, item, loopScope)
            loopScope.variables["loop"] = loopValue
            try render(node.body, loopScope)
        }
    }

    /// Renders the override of block `name` at inheritance `level` (0 = most derived).
    ///
    /// `scoped` is the flag of the block where it is placed (as in Jinja, the template that
    /// renders the block decides whether overrides see its loop and local variables).
    func renderBlock(named name: String, level: Int, scope: TemplateScope, scoped: Bool) throws {
        guard let chain = blocks[name], level < chain.count else { return }
        try enter()
        defer { depth -= 1 }
        let (block, blockEscape) = chain[level]
        let savedEscape = autoescape
        autoescape = blockEscape
        defer { autoescape = savedEscape }
        let blockScope = TemplateScope(parent: scoped ? scope : rootScope)
        if level + 1 < chain.count {
            blockScope.variables["super"] = .callable(TemplateCallable(name: "super") { [weak self] _ in
                guard let self else { return .none }
                let saved = self.out
                self.out = ""
                defer { self.out = saved }
                try self.renderBlock(named: name, level: level + 1, scope: scope, scoped: scoped)
                return self.captured(self.out)
            })
        } else {
            blockScope.variables["super"] = .undefined("there is no parent block called '\(name)'.")
        }
        // Jinja raises only when nothing overrides the required block (one definition in the chain).
        if block.required && chain.count <= 1 {
            throw TemplateRuntimeError("TemplateRuntimeError", "Required block '\(name)' not found")
        }
        try render(block.body, blockScope)
    }

    /// A macro value closing over the scope it was defined in.
    func makeMacro(_ macro: MacroNode, _ scope: TemplateScope) -> TemplateValue {
        // The body escapes as the defining template does, wherever it is called from.
        let escape = autoescape
        scopesToRelease.append(scope)
        let display = "<Macro \(TemplateValue.pythonStringRepr(macro.name))>"
        return .callable(TemplateCallable(name: macro.name, attributes: Self.macroAttributes(macro), display: display) { [weak self] arguments in
            guard let self else { return .none }
            return try self.callMacro(macro, scope, arguments, bodyEscape: escape)
        })
    }

    /// Jinja's `Macro` attributes; the `caller` of a call block has no name (`None`).
    static func macroAttributes(_ macro: MacroNode) -> [String: TemplateValue] {
        [
            "name": macro.isCaller ? .none : .string(macro.name),
            "arguments": .tuple(macro.parameters.map { .string($0.0) }),
            "catch_kwargs": .bool(macro.usesKwargs),
            "catch_varargs": .bool(macro.usesVarargs),
            "caller": .bool(macro.usesCaller),
        ]
    }

    /// Binds arguments as Jinja's `Macro._invoke` does and renders the body with the
    /// defining template's escaping; the caller's setting decides whether the result is Markup.
    func callMacro(_ macro: MacroNode, _ definingScope: TemplateScope, _ arguments: TemplateArguments, bodyEscape: Bool) throws -> TemplateValue {
        try enter()
        defer { depth -= 1 }
        let scope = TemplateScope(parent: definingScope)
        let parameters = macro.parameters
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
            if let i = parameters.firstIndex(where: { $0.0 == name }) {
                guard bound[i] == nil else {
                    throw TemplateRuntimeError("TypeError", "macro '\(macro.name)' got multiple values for argument '\(name)'")
                }
                bound[i] = value
            } else if name == "caller" && macro.usesCaller {
                scope.variables["caller"] = value
            } else if macro.usesKwargs {
                kwargs[name] = value
            } else {
                throw TemplateRuntimeError("TypeError", "macro '\(macro.name)' takes no keyword argument '\(name)'")
            }
        }
        for (i, (name, defaultExpr)) in parameters.enumerated() {
            if let value = bound[i] {
                scope.variables[name] = value
            } else if let defaultExpr {
                scope.variables[name] = try evaluate(defaultExpr, scope)
            } else {
                scope.variables[name] = .undefined("parameter '\(name)' was not provided")
            }
        }
        if macro.usesVarargs { scope.variables["varargs"] = .tuple(varargs) }
        if macro.usesKwargs { scope.variables["kwargs"] = .dict(kwargs) }
        if macro.usesCaller && scope.variables["caller"] == nil {
            scope.variables["caller"] = .undefined("No caller defined")
        }
        let callerEscape = autoescape
        autoescape = bodyEscape
        defer { autoescape = callerEscape }
        let text = try capture(macro.body, scope)
        return callerEscape ? .markup(text) : .string(text)
    }
}
