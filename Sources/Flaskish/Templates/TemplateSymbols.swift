import Synchronization

/// Variable names interned to small integers, so that a compiled template looks a variable
/// up by comparing integers instead of hashing its name on every access.
///
/// The table is process-wide and only grows: every template and every context must agree on
/// the number of a name (an included template sees its includer's variables, an imported
/// macro its module's). Names from template sources are always interned; context keys only
/// while the table holds fewer than ``contextLimit`` names, so that contexts built from
/// request data (`**request.args`) cannot grow it without bound: past the limit a key never
/// seen before stays a string in its scope (``TemplateScope/extras``), found by name.
/// Interning takes a lock; it happens when a template is compiled and once per context per
/// render, never per variable access.
enum TemplateSymbols {
    /// Names the table may hold before new context keys stop being interned.
    static let contextLimit = 1 << 16

    private struct Table {
        var ids: [String: Int32] = [:]
        var names: [String] = []
    }

    private static let table = Mutex(Table())

    /// The number of `name`, assigned on first use.
    static func intern(_ name: String) -> Int32 {
        table.withLock { intern(name, in: &$0) }
    }

    /// A scope level holding a context, its keys interned in one lock (see ``contextLimit``).
    static func scope(_ variables: [String: TemplateValue], parent: TemplateScope?, limit: Int = contextLimit) -> TemplateScope {
        guard !variables.isEmpty else { return TemplateScope(parent: parent) }
        let (entries, extras) = table.withLock { table in
            var entries: [TemplateScope.Entry] = []
            var extras: [String: TemplateValue]?
            entries.reserveCapacity(variables.count)
            for (name, value) in variables {
                if let id = table.ids[name] {
                    entries.append(TemplateScope.Entry(symbol: id, value: value))
                } else if table.names.count < limit {
                    entries.append(TemplateScope.Entry(symbol: intern(name, in: &table), value: value))
                } else {
                    extras = extras ?? [:]
                    extras?[name] = value
                }
            }
            return (entries, extras)
        }
        let scope = TemplateScope(entries, parent: parent)
        scope.extras = extras
        return scope
    }

    private static func intern(_ name: String, in table: inout Table) -> Int32 {
        if let id = table.ids[name] { return id }
        let id = Int32(table.names.count)
        table.ids[name] = id
        table.names.append(name)
        return id
    }

    /// The name of symbol `id`.
    static func name(_ id: Int32) -> String { table.withLock { $0.names[Int(id)] } }

    static let loop = intern("loop")
    static let selfName = intern("self")
    static let superName = intern("super")
    static let caller = intern("caller")
    static let varargs = intern("varargs")
    static let kwargs = intern("kwargs")
}
