import Synchronization

/// Variable names interned to small integers, so that a compiled template looks a variable
/// up by comparing integers instead of hashing its name on every access.
///
/// The table is process-wide and only grows: every template and every context must agree on
/// the number of a name (an included template sees its includer's variables, an imported
/// macro its module's). Names come from template sources and context keys, a bounded set in
/// any real application. Interning takes a lock; it happens when a template is compiled and
/// once per context key per render, never per variable access.
enum TemplateSymbols {
    private struct Table {
        var ids: [String: Int32] = [:]
        var names: [String] = []
    }

    private static let table = Mutex(Table())

    /// The number of `name`, assigned on first use.
    static func intern(_ name: String) -> Int32 {
        table.withLock { intern(name, in: &$0) }
    }

    /// Interns the keys of a context in one lock.
    static func intern(_ variables: [String: TemplateValue]) -> [TemplateScope.Entry] {
        guard !variables.isEmpty else { return [] }
        return table.withLock { table in
            var entries: [TemplateScope.Entry] = []
            entries.reserveCapacity(variables.count)
            for (name, value) in variables { entries.append(TemplateScope.Entry(symbol: intern(name, in: &table), value: value)) }
            return entries
        }
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
