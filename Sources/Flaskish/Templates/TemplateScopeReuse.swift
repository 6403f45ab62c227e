/// Whether the scope a macro call or a loop runs its body in may be reused once the body is
/// done (by the next call, the next loop).
///
/// Such a scope is referenced from outside only by what the body itself builds
/// to close over it: a nested macro or a call block's `caller` (both capture the scope they
/// are made in), a recursive loop's `loop` (its `loop(…)` closure keeps the scope), an import
/// or include (whose template sees the scope as its context and may define macros over it),
/// a block (its `super()` keeps the scope). Expressions never keep the scope they run in:
/// a macro they call gets a scope of its own whose parent is where the macro was defined.
/// A body made only of the statements below can therefore leave nothing pointing at its
/// scope, and the render may empty it and hand it on.
enum TemplateScopeReuse {
    static func bodyReleasesScope(_ nodes: [CompiledNode]) -> Bool {
        nodes.allSatisfy { node in
            switch node {
            case is TextNode, is OutputNode, is SetNode: return true
            case let node as IfNode: return bodyReleasesScope(node.body) && bodyReleasesScope(node.otherwise)
            case let node as ForNode:
                return !node.recursive && bodyReleasesScope(node.body) && bodyReleasesScope(node.otherwise)
            case let node as SetBlockNode: return bodyReleasesScope(node.body)
            case let node as WithNode: return bodyReleasesScope(node.body)
            case let node as FilterBlockNode: return bodyReleasesScope(node.body)
            case let node as AutoescapeNode: return bodyReleasesScope(node.body)
            // Macros, call blocks, imports, includes, blocks, extends, and any future kind.
            default: return false
            }
        }
    }
}
