/// Jinja's compile-time check that every filter and test a template names exists
/// (`TemplateAssertionError: No filter named 'x'.`), run once when a template is loaded.
///
/// As in Jinja 3, names used inside an `{% if %}` (its tests and the statements directly in
/// its branches) or an inline `a if b else c` are left to run time, where they raise
/// `TemplateRuntimeError` only if evaluated; a loop, macro, block, `with`, `filter`, `set` or
/// `autoescape` block opens a new frame where the check applies again.
struct TemplateDependencyCheck {
    let filters: Set<String>
    let tests: Set<String>
    let templateName: String?

    /// Checks `body` against the built-ins and the configuration's user filters and tests.
    static func check(_ body: [TemplateNode], configuration: TemplateConfiguration, templateName: String?) throws {
        let checker = TemplateDependencyCheck(
            filters: Set(TemplateFilters.builtins.keys).union(configuration.filters.keys),
            tests: Set(TemplateTests.builtins.keys).union(configuration.tests.keys),
            templateName: templateName)
        try checker.nodes(body, soft: false)
    }

    private func nodes(_ nodes: [TemplateNode], soft: Bool) throws {
        for node in nodes { try self.node(node, soft: soft) }
    }

    private func node(_ node: TemplateNode, soft: Bool) throws {
        switch node {
        case .text: break
        case .output(let e), .set(_, let e), .extends(let e), .include(let e, _, _), .importAs(let e, _, _),
            .fromImport(let e, _, _):
            try expr(e, soft)
        case .ifChain(let branches, let otherwise):
            for (test, body) in branches {
                try expr(test, true)
                try nodes(body, soft: true)
            }
            try nodes(otherwise, soft: true)
        case .forLoop(let loop):
            try expr(loop.iterable, soft)
            if let condition = loop.condition { try expr(condition, false) }
            try nodes(loop.body, soft: false)
            try nodes(loop.otherwise, soft: false)
        case .setBlock(_, let body, let filter):
            try nodes(body, soft: false)
            if let filter { try expr(filter, false) }
        case .block(let block): try nodes(block.body, soft: false)
        case .macro(let macro): try self.macro(macro)
        case .callBlock(let call, let caller):
            try expr(call, soft)
            try self.macro(caller)
        case .with(let assignments, let body):
            for (_, value) in assignments { try expr(value, soft) }
            try nodes(body, soft: false)
        case .filterBlock(let chain, let body):
            try nodes(body, soft: false)
            try expr(chain, false)
        case .autoescape(let value, let body):
            // Jinja checks an autoescape block, its value included, even under an `if`.
            try expr(value, false)
            try nodes(body, soft: false)
        }
    }

    private func macro(_ macro: MacroNode) throws {
        for case (_, let defaultValue?) in macro.parameters { try expr(defaultValue, false) }
        try nodes(macro.body, soft: false)
    }

    private func arguments(_ arguments: CallArguments, _ soft: Bool) throws {
        for e in arguments.positional { try expr(e, soft) }
        for (_, e) in arguments.keyword { try expr(e, soft) }
        if let e = arguments.starArgs { try expr(e, soft) }
        if let e = arguments.starKwargs { try expr(e, soft) }
    }

    private func expr(_ e: TemplateExpr, _ soft: Bool) throws {
        switch e {
        case .literal, .name: break
        case .attribute(let base, _), .negate(let base), .plus(let base), .not(let base): try expr(base, soft)
        case .item(let base, let key):
            try expr(base, soft)
            try expr(key, soft)
        case .slice(let base, let start, let stop, let step):
            try expr(base, soft)
            for part in [start, stop, step] { if let part { try expr(part, soft) } }
        case .binary(_, let l, let r), .and(let l, let r), .or(let l, let r):
            try expr(l, soft)
            try expr(r, soft)
        case .compare(let first, let rest):
            try expr(first, soft)
            for (_, e) in rest { try expr(e, soft) }
        case .concat(let items), .list(let items), .tuple(let items):
            for item in items { try expr(item, soft) }
        case .dict(let pairs):
            for (k, v) in pairs {
                try expr(k, soft)
                try expr(v, soft)
            }
        case .conditional(let test, let then, let otherwise):
            try expr(test, true)
            try expr(then, true)
            if let otherwise { try expr(otherwise, true) }
        case .call(let callee, let args):
            try expr(callee, soft)
            try arguments(args, soft)
        case .filter(let base, let name, let args, let line):
            if !soft && !filters.contains(name) {
                throw TemplateAssertionError("No filter named '\(name)'.", templateName: templateName, line: line)
            }
            if let base { try expr(base, soft) }
            try arguments(args, soft)
        case .test(let base, let name, let args, _, let line):
            if !soft && !tests.contains(name) {
                throw TemplateAssertionError("No test named '\(name)'.", templateName: templateName, line: line)
            }
            try expr(base, soft)
            try arguments(args, soft)
        }
    }
}
