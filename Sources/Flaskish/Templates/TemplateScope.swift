/// One level of variables: the globals, a render's context, a loop body, a macro call.
/// Lookups walk outwards; assignments stay in the level they are made in, which gives
/// Jinja's rule that `{% set %}` inside a loop does not leak out of it.
/// `@unchecked Sendable` for the same reason as ``TemplateRenderer``: one render, one thread.
final class TemplateScope: @unchecked Sendable {
    var variables: [String: TemplateValue]
    let parent: TemplateScope?

    init(_ variables: [String: TemplateValue] = [:], parent: TemplateScope?) {
        self.variables = variables
        self.parent = parent
    }

    @inline(__always)
    func lookup(_ name: String) -> TemplateValue? {
        var scope: TemplateScope? = self
        while let current = scope {
            if let value = current.variables[name] { return value }
            scope = current.parent
        }
        return nil
    }

    /// Every visible variable, inner levels winning (what `with context` passes along).
    func flattened() -> [String: TemplateValue] {
        var all = parent?.flattened() ?? [:]
        for (k, v) in variables { all[k] = v }
        return all
    }
}
