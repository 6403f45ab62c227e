/// One level of variables: the globals, a render's context, a loop body, a macro call.
/// Lookups walk outwards; assignments stay in the level they are made in, which gives
/// Jinja's rule that `{% set %}` inside a loop does not leak out of it.
///
/// Variables are keyed by interned symbols (``TemplateSymbols``) in a small array searched
/// linearly: a level holds a handful of names (a loop's target and `loop`, a macro's
/// parameters), and comparing a few integers is far cheaper than hashing a string.
/// `@unchecked Sendable` for the same reason as ``TemplateRenderer``: one render, one thread.
final class TemplateScope: @unchecked Sendable {
    struct Entry {
        let symbol: Int32
        var value: TemplateValue
    }

    /// Unchecked exclusivity: read on every variable access, by the one thread rendering.
    @exclusivity(unchecked) var entries: [Entry]
    /// Fixed for the scope's life, except in a macro call's scope that the render reuses
    /// (``TemplateRenderer/withMacroScope(_:parent:_:)``), re-parented on each call.
    @exclusivity(unchecked) var parent: TemplateScope?
    /// Context variables whose names were not interned (``TemplateSymbols/contextLimit``),
    /// looked up by name; nil in every ordinary scope.
    var extras: [String: TemplateValue]?

    init(parent: TemplateScope?) {
        entries = []
        self.parent = parent
    }

    init(_ entries: [Entry], parent: TemplateScope?) {
        self.entries = entries
        self.parent = parent
    }

    /// The variable `symbol` of this level only.
    @inline(__always)
    func local(_ symbol: Int32) -> TemplateValue? {
        for i in entries.indices where entries[i].symbol == symbol { return entries[i].value }
        if let extras { return extras[TemplateSymbols.name(symbol)] }
        return nil
    }

    /// Walks the levels outwards through unretained references: each level keeps its parent
    /// alive, and `self` is alive for the whole call, so no level can go away during the walk
    /// (retaining and releasing each level cost more than the search itself).
    @inline(__always)
    func lookup(_ symbol: Int32) -> TemplateValue? {
        if let value = local(symbol) { return value }
        var next = parent.map { Unmanaged.passUnretained($0) }
        while let scope = next {
            if let value = scope._withUnsafeGuaranteedRef({ $0.local(symbol) }) { return value }
            next = scope._withUnsafeGuaranteedRef { $0.parent.map { Unmanaged.passUnretained($0) } }
        }
        return nil
    }

    /// The level holding `symbol` and the index of its entry, found as ``lookup(_:)`` finds
    /// it but without copying the value: for reading `name.attribute` where the value lives.
    /// Nil when the name is unknown or held in ``extras``.
    @inline(__always)
    func entry(_ symbol: Int32) -> (scope: Unmanaged<TemplateScope>, index: Int)? {
        var next: Unmanaged<TemplateScope>? = Unmanaged.passUnretained(self)
        while let scope = next {
            let found: Int? = scope._withUnsafeGuaranteedRef { level in
                for i in level.entries.indices where level.entries[i].symbol == symbol { return i }
                return level.extras == nil ? nil : -1
            }
            if let found { return found < 0 ? nil : (scope, found) }
            next = scope._withUnsafeGuaranteedRef { $0.parent.map { Unmanaged.passUnretained($0) } }
        }
        return nil
    }

    /// Assigns in this level.
    @inline(__always)
    func set(_ symbol: Int32, _ value: TemplateValue) {
        for i in entries.indices where entries[i].symbol == symbol {
            entries[i].value = value
            return
        }
        entries.append(Entry(symbol: symbol, value: value))
    }

    /// This level's variables by name (what an imported module exports).
    func namedVariables() -> [String: TemplateValue] {
        var all = extras ?? [:]
        for entry in entries { all[TemplateSymbols.name(entry.symbol)] = entry.value }
        return all
    }
}
