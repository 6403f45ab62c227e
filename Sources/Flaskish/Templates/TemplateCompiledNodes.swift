/// A compiled statement or piece of output: what ``TemplateCompiler`` makes of a
/// ``TemplateNode``. Immutable and shared by all renders, like ``CompiledExpr``.
class CompiledNode: @unchecked Sendable {
    func render(_ r: TemplateRenderer, _ s: TemplateScope) throws {
        preconditionFailure("abstract")
    }

    /// Output-only nodes (text, `{{ }}`, blocks) are skipped at the top level of a template
    /// once it has named its parent with `{% extends %}` (Jinja).
    var isOutputOnly: Bool { false }
}

/// Literal text, already encoded as UTF-8 (adjacent pieces merged).
///
/// The bytes live in memory of the node's own, allocated once: appending them then touches
/// no array (no retain and release of its storage per write). `@unchecked Sendable`: the
/// memory is written once in `init`, only read afterwards, and freed when the node goes.
final class TextNode: CompiledNode, @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    init(_ bytes: [UInt8]) {
        let memory = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = memory.initialize(from: bytes)
        self.bytes = UnsafeBufferPointer(memory)
    }
    deinit { bytes.deallocate() }
    override func render(_ r: TemplateRenderer, _ s: TemplateScope) throws {
        r.out.append(contentsOf: bytes)
        try r.checkOutputSize()
    }
    override var isOutputOnly: Bool { true }
}

/// `{{ expr }}`. A call of a macro renders the macro's body straight into the output instead
/// of capturing it as a string first (the captured string would be written unescaped in
/// either escaping mode, so the bytes are the same). A trailing `|e` escapes straight into
/// the output instead of building an escaped string first. A built-in filter that ends the
/// expression (or comes just before that `|e`) writes its result itself
/// (``TemplateRenderer/writeFiltered(_:_:_:escapeFilter:)``).
final class OutputNode: CompiledNode, @unchecked Sendable {
    let expr: CompiledExpr
    let call: CallExpr?
    let escape: FilterExpr?
    /// The filter whose result is written by ``TemplateRenderer/writeFiltered(_:_:_:escapeFilter:)``.
    let written: (filter: FilterExpr, direct: DirectFilter)?
    init(_ expr: CompiledExpr) {
        self.expr = expr
        call = expr as? CallExpr
        let filter = expr as? FilterExpr
        escape = filter?.isPlainEscape == true ? filter : nil
        let last = escape == nil ? filter : escape?.base as? FilterExpr
        if let last, last.base != nil, let direct = last.direct { written = (last, direct) } else { written = nil }
    }
    override func render(_ r: TemplateRenderer, _ s: TemplateScope) throws {
        if let call {
            try r.renderCall(call, s, extraKeyword: nil)
        } else if let written {
            try r.writeFiltered(written.filter, written.direct, s, escapeFilter: escape)
        } else if let escape, let base = escape.base {
            try r.writeEscaped(try base.evaluate(r, s), escape)
        } else {
            try r.write(try expr.evaluate(r, s))
        }
        try r.checkOutputSize()
    }
    override var isOutputOnly: Bool { true }
}

/// `{% if %}`; an `elif` chain is a nested ``IfNode`` in `otherwise`, so that a render reads
/// its test and body straight from stored properties (iterating an array of branch tuples
/// retains and releases each test and body it passes).
final class IfNode: CompiledNode, @unchecked Sendable {
    let test: CompiledExpr
    let body: [CompiledNode]
    let otherwise: [CompiledNode]
    init(_ branches: [(CompiledExpr, [CompiledNode])], otherwise: [CompiledNode]) {
        test = branches[0].0
        body = branches[0].1
        self.otherwise = branches.count > 1 ? [IfNode(Array(branches.dropFirst()), otherwise: otherwise)] : otherwise
    }
    override func render(_ r: TemplateRenderer, _ s: TemplateScope) throws {
        if try r.truth(try test.evaluate(r, s)) {
            try r.render(body, s)
        } else if !otherwise.isEmpty {
            try r.render(otherwise, s)
        }
    }
}

/// An assignment target with names interned.
indirect enum CompiledTarget: Sendable {
    case name(Int32)
    case attribute(Int32, String)
    case tuple([CompiledTarget])
}

final class ForNode: CompiledNode, @unchecked Sendable {
    let target: CompiledTarget
    let iterable: CompiledExpr
    let condition: CompiledExpr?
    let recursive: Bool
    /// The body mentions `loop`, or the loop is recursive: the body gets a `loop` variable.
    let exposesLoop: Bool
    let body: [CompiledNode]
    let otherwise: [CompiledNode]
    /// The body cannot keep a reference to the loop's scope (``TemplateScopeReuse``): the
    /// loop runs in a scope the render reuses.
    let reusesScope: Bool
    /// The target when it is one name (`for x in …`), which the next item may rebind in place.
    let targetSymbol: Int32?
    /// The target when it is two distinct names (`for k, v in …`), rebound in place likewise.
    let targetPair: (Int32, Int32)?
    init(target: CompiledTarget, iterable: CompiledExpr, condition: CompiledExpr?, recursive: Bool, exposesLoop: Bool,
         body: [CompiledNode], otherwise: [CompiledNode]) {
        if case .name(let symbol) = target { targetSymbol = symbol } else { targetSymbol = nil }
        if case .tuple(let names) = target, names.count == 2, case .name(let first) = names[0], case .name(let second) = names[1],
            first != second
        {
            targetPair = (first, second)
        } else {
            targetPair = nil
        }
        reusesScope = !recursive && TemplateScopeReuse.bodyReleasesScope(body)
        self.target = target
        self.iterable = iterable
        self.condition = condition
        self.recursive = recursive
        self.exposesLoop = exposesLoop
        self.body = body
        self.otherwise = otherwise
    }
    override func render(_ r: TemplateRenderer, _ s: TemplateScope) throws {
        try r.renderFor(self, items: try r.iterate(try iterable.evaluate(r, s)), scope: s, loopDepth: 1)
    }
}

final class SetNode: CompiledNode, @unchecked Sendable {
    let target: CompiledTarget
    let expr: CompiledExpr
    init(_ target: CompiledTarget, _ expr: CompiledExpr) {
        self.target = target
        self.expr = expr
    }
    override func render(_ r: TemplateRenderer, _ s: TemplateScope) throws {
        try r.assign(target, try expr.evaluate(r, s), s)
    }
}

final class SetBlockNode: CompiledNode, @unchecked Sendable {
    let target: CompiledTarget
    let body: [CompiledNode]
    let filter: CompiledExpr?
    init(_ target: CompiledTarget, body: [CompiledNode], filter: CompiledExpr?) {
        self.target = target
        self.body = body
        self.filter = filter
    }
    override func render(_ r: TemplateRenderer, _ s: TemplateScope) throws {
        var value = r.captured(try r.capture(body, TemplateScope(parent: s)))
        if let filter { value = try r.evaluate(filter, s, filterInput: value) }
        try r.assign(target, value, s)
    }
}

/// Where `{% block %}` stands: renders the most derived override.
final class BlockCallNode: CompiledNode, @unchecked Sendable {
    let name: String
    let scoped: Bool
    init(name: String, scoped: Bool) {
        self.name = name
        self.scoped = scoped
    }
    override func render(_ r: TemplateRenderer, _ s: TemplateScope) throws {
        try r.renderBlock(named: name, level: 0, scope: s, scoped: scoped)
    }
    override var isOutputOnly: Bool { true }
}

/// A block's definition: the unit an override replaces and `super()` renders.
final class CompiledBlock: Sendable {
    let name: String
    let scoped: Bool
    let required: Bool
    let body: [CompiledNode]
    init(name: String, scoped: Bool, required: Bool, body: [CompiledNode]) {
        self.name = name
        self.scoped = scoped
        self.required = required
        self.body = body
    }
}

final class ExtendsNode: CompiledNode, @unchecked Sendable {
    let expr: CompiledExpr
    init(_ expr: CompiledExpr) { self.expr = expr }
    override func render(_ r: TemplateRenderer, _ s: TemplateScope) throws {
        guard r.pendingParent == nil else { throw TemplateRuntimeError("TemplateRuntimeError", "extended multiple times") }
        r.pendingParent = try expr.evaluate(r, s)
    }
}

final class IncludeNode: CompiledNode, @unchecked Sendable {
    let expr: CompiledExpr
    let ignoreMissing: Bool
    let withContext: Bool
    init(_ expr: CompiledExpr, ignoreMissing: Bool, withContext: Bool) {
        self.expr = expr
        self.ignoreMissing = ignoreMissing
        self.withContext = withContext
    }
    override func render(_ r: TemplateRenderer, _ s: TemplateScope) throws {
        try r.renderInclude(try expr.evaluate(r, s), ignoreMissing: ignoreMissing, scope: withContext ? s : nil)
    }
}

final class ImportNode: CompiledNode, @unchecked Sendable {
    let expr: CompiledExpr
    let alias: Int32
    let withContext: Bool
    init(_ expr: CompiledExpr, alias: String, withContext: Bool) {
        self.expr = expr
        self.alias = TemplateSymbols.intern(alias)
        self.withContext = withContext
    }
    override func render(_ r: TemplateRenderer, _ s: TemplateScope) throws {
        s.set(alias, .object(try r.importModule(try expr.evaluate(r, s), scope: withContext ? s : nil)))
    }
}

final class FromImportNode: CompiledNode, @unchecked Sendable {
    let expr: CompiledExpr
    let names: [(name: String, alias: Int32)]
    let withContext: Bool
    init(_ expr: CompiledExpr, names: [(String, String)], withContext: Bool) {
        self.expr = expr
        self.names = names.map { ($0.0, TemplateSymbols.intern($0.1)) }
        self.withContext = withContext
    }
    override func render(_ r: TemplateRenderer, _ s: TemplateScope) throws {
        let module = try r.importModule(try expr.evaluate(r, s), scope: withContext ? s : nil)
        for (name, alias) in names {
            s.set(alias, module.attribute(name)
                ?? .undefined("the template \(module.name.pythonRepr) does not export the requested name '\(name)'"))
        }
    }
}

/// A macro (or the `caller` of a call block): a callable unit with its parameter layout fixed
/// at compile time (symbols, defaults, whether it takes `caller`/`varargs`/`kwargs`).
final class CompiledMacro: Sendable {
    let name: String
    let symbol: Int32
    let parameters: [(name: String, symbol: Int32, defaultValue: CompiledExpr?)]
    let body: [CompiledNode]
    let usesCaller: Bool
    let usesVarargs: Bool
    let usesKwargs: Bool
    let isCaller: Bool
    /// The body cannot keep a reference to its call's scope (``TemplateScopeReuse``): the
    /// render reuses one scope object for successive calls instead of allocating each.
    let reusesScope: Bool
    /// Jinja's `Macro` attributes (`name`, `arguments`, `catch_kwargs`…) and `str()`.
    let attributes: [String: TemplateValue]
    let display: String

    init(_ macro: MacroNode, parameters: [(String, CompiledExpr?)], body: [CompiledNode]) {
        name = macro.name
        symbol = TemplateSymbols.intern(macro.name)
        self.parameters = parameters.map { ($0.0, TemplateSymbols.intern($0.0), $0.1) }
        self.body = body
        usesCaller = macro.usesCaller
        usesVarargs = macro.usesVarargs
        usesKwargs = macro.usesKwargs
        isCaller = macro.isCaller
        reusesScope = TemplateScopeReuse.bodyReleasesScope(body)
        attributes = [
            "name": macro.isCaller ? .none : .string(macro.name),
            "arguments": .tuple(macro.parameters.map { .string($0.0) }),
            "catch_kwargs": .bool(macro.usesKwargs),
            "catch_varargs": .bool(macro.usesVarargs),
            "caller": .bool(macro.usesCaller),
        ]
        // Jinja names the macro of a call block nothing, and prints it as `<Macro anonymous>`.
        display = macro.isCaller ? "<Macro anonymous>" : "<Macro \(TemplateValue.pythonStringRepr(macro.name))>"
    }
}

final class MacroDefinitionNode: CompiledNode, @unchecked Sendable {
    let macro: CompiledMacro
    init(_ macro: CompiledMacro) { self.macro = macro }
    override func render(_ r: TemplateRenderer, _ s: TemplateScope) throws {
        s.set(macro.symbol, r.makeMacro(macro, s))
    }
}

final class CallBlockNode: CompiledNode, @unchecked Sendable {
    let call: CallExpr?
    let caller: CompiledMacro
    init(_ call: CallExpr?, caller: CompiledMacro) {
        self.call = call
        self.caller = caller
    }
    override func render(_ r: TemplateRenderer, _ s: TemplateScope) throws {
        guard let call else { return }
        try r.renderCallBlock(self, call, s)
    }
}

final class WithNode: CompiledNode, @unchecked Sendable {
    let assignments: [(CompiledTarget, CompiledExpr)]
    /// The symbols assigned, when every target is a plain name and no name repeats: the
    /// values then go straight into the new level's entries.
    let names: [Int32]?
    let body: [CompiledNode]
    /// The body when it is one include with context (`{% with a=… %}{% include … %}{% endwith %}`,
    /// the idiom for passing variables to a partial): the included template then takes this
    /// level as its own instead of opening one more. Nothing else runs in this level, so the
    /// template's assignments landing here are seen exactly as they would be one level down.
    let soleInclude: IncludeNode?
    init(_ assignments: [(CompiledTarget, CompiledExpr)], body: [CompiledNode]) {
        self.assignments = assignments
        self.body = body
        let symbols = assignments.compactMap { target, _ -> Int32? in
            if case .name(let symbol) = target { symbol } else { nil }
        }
        names = symbols.count == assignments.count && Set(symbols).count == symbols.count ? symbols : nil
        // Not when `self` is assigned here: the template's own `self` goes in its own level.
        let include = body.count == 1 ? body[0] as? IncludeNode : nil
        soleInclude = include?.withContext == true && names?.contains(TemplateSymbols.selfName) == false ? include : nil
    }
    override func render(_ r: TemplateRenderer, _ s: TemplateScope) throws {
        // Every value is evaluated in the enclosing scope (Jinja), before the body sees any.
        let inner: TemplateScope
        if let names {
            var entries: [TemplateScope.Entry] = []
            entries.reserveCapacity(names.count)
            for i in names.indices {
                entries.append(TemplateScope.Entry(symbol: names[i], value: try assignments[i].1.evaluate(r, s)))
            }
            inner = TemplateScope(entries, parent: s)
        } else {
            inner = TemplateScope(parent: s)
            for (target, expr) in assignments { try r.assign(target, try expr.evaluate(r, s), inner) }
        }
        if let soleInclude {
            try r.renderInclude(try soleInclude.expr.evaluate(r, inner), ignoreMissing: soleInclude.ignoreMissing, scope: inner, ownLevel: true)
        } else {
            try r.render(body, inner)
        }
    }
}

final class FilterBlockNode: CompiledNode, @unchecked Sendable {
    let filter: CompiledExpr
    let body: [CompiledNode]
    init(_ filter: CompiledExpr, body: [CompiledNode]) {
        self.filter = filter
        self.body = body
    }
    override func render(_ r: TemplateRenderer, _ s: TemplateScope) throws {
        let text = r.captured(try r.capture(body, TemplateScope(parent: s)))
        try r.write(try r.evaluate(filter, s, filterInput: text))
    }
}

final class AutoescapeNode: CompiledNode, @unchecked Sendable {
    let expr: CompiledExpr
    let body: [CompiledNode]
    init(_ expr: CompiledExpr, body: [CompiledNode]) {
        self.expr = expr
        self.body = body
    }
    override func render(_ r: TemplateRenderer, _ s: TemplateScope) throws {
        let saved = r.autoescape
        r.autoescape = try r.truth(try expr.evaluate(r, s))
        defer { r.autoescape = saved }
        try r.render(body, TemplateScope(parent: s))
    }
}
