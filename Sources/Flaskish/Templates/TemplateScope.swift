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
    let parent: TemplateScope?
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

    @inline(__always)
    func lookup(_ symbol: Int32) -> TemplateValue? {
        var scope = self
        while true {
            if let value = scope.local(symbol) { return value }
            guard let parent = scope.parent else { return nil }
            scope = parent
        }
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
