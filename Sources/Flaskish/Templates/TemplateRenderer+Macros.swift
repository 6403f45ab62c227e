/// Macro calls and loops without per-call allocations: reused scopes and call blocks' `caller`.
extension TemplateRenderer {
    /// Runs `body` in a new scope for a call of `macro` under `parent`. When the macro's body
    /// cannot keep a reference to its scope (``CompiledMacro/reusesScope``), the scope and its
    /// entry storage come from the scopes of finished calls and go back emptied afterwards,
    /// instead of two allocations per call.
    @inline(__always)
    func withMacroScope<Result>(_ macro: CompiledMacro, parent: TemplateScope, _ body: (TemplateScope) throws -> Result) throws -> Result {
        guard macro.reusesScope else {
            let scope = TemplateScope(parent: parent)
            scope.entries.reserveCapacity(macro.parameters.count + 1)
            return try body(scope)
        }
        let scope = reusableScope(parent: parent, capacity: macro.parameters.count + 1)
        defer { reuse(scope) }
        return try body(scope)
    }

    /// An empty scope under `parent` from the finished ones, or a new one. A recursive call
    /// or a nested loop takes another (or makes one), so the list holds at most as many
    /// scopes as were ever in use at once.
    @inline(__always)
    func reusableScope(parent: TemplateScope, capacity: Int) -> TemplateScope {
        if let free = freeScopes.popLast() {
            free.parent = parent
            return free
        }
        let scope = TemplateScope(parent: parent)
        scope.entries.reserveCapacity(capacity)
        return scope
    }

    /// Empties a scope from ``reusableScope(parent:capacity:)`` (keeping its storage) and
    /// puts it back on the list.
    @inline(__always)
    func reuse(_ scope: TemplateScope) {
        scope.entries.removeAll(keepingCapacity: true)
        scope.parent = nil
        freeScopes.append(scope)
    }

    /// The `caller` of call block `block` running in `scope`. A loop runs its body in one
    /// scope for all iterations, so the block's `caller` made on the first one (a macro over
    /// that scope, which sees each iteration's variables when called) serves the others:
    /// one callable per loop instead of one per iteration.
    func callerValue(_ block: CallBlockNode, _ scope: TemplateScope) -> TemplateValue {
        if let last = lastCaller, last.block === block, last.scope === scope, last.escape == autoescape { return last.value }
        let value = makeMacro(block.caller, scope)
        lastCaller = (block, scope, autoescape, value)
        return value
    }

    /// `{% call f(args) %}…{% endcall %}`: `f(args, caller=…)` written into the output. With
    /// positional arguments only and a macro of this render that takes `caller`, the
    /// arguments go on the argument stack and bind as ``renderStackedCall(_:_:)`` binds them;
    /// otherwise the same evaluated arguments take the general keyword path.
    func renderCallBlock(_ block: CallBlockNode, _ call: CallExpr, _ scope: TemplateScope) throws {
        let caller = callerValue(block, scope)
        let arguments = call.arguments
        guard arguments.keyword.isEmpty, arguments.starArgs == nil, arguments.starKwargs == nil else {
            try renderCall(call, scope, extraKeyword: ("caller", caller))
            return
        }
        let base = argumentStack.count
        defer { popArguments(to: base) }
        for expr in arguments.positional { argumentStack.append(try expr.evaluate(self, scope)) }
        let callee = try call.callee.evaluate(self, scope)
        let count = argumentStack.count - base
        if case .callable(let callable) = callee, let binding = callable.macro, binding.renderer === self {
            let macro = binding.macro
            if macro.usesCaller && count <= macro.parameters.count {
                try callMacroFromStack(binding, base: base, count: count, caller: caller)
            } else {
                let args = TemplateArguments(Array(argumentStack[base...]), keyword: [("caller", caller)])
                _ = try callMacro(macro, binding.scope, args, bodyEscape: binding.escape, direct: true)
            }
        } else {
            try write(try callValue(callee, TemplateArguments(Array(argumentStack[base...]), keyword: [("caller", caller)])))
        }
    }
}
