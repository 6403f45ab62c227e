/// Turns tokens into a ``ParsedTemplate`` (Jinja's `Parser`): statements here,
/// expressions in `TemplateParser+Expressions.swift`.
struct TemplateParser {
    var tokens: [TemplateToken]
    var index = 0
    let templateName: String?
    /// Names mentioned by expressions, to learn whether a macro uses `caller`/`varargs`/`kwargs`.
    var referencedNames = Set<String>()
    var blocks: [String: BlockNode] = [:]
    /// Open statement tags, innermost last, for "was looking for" messages.
    var openTags: [String] = []
    /// Current nesting of statements and sub-expressions, bounded by `maxNestingDepth`.
    var nesting = 0
    var maxNestingDepth = 100

    /// Parses a whole template.
    static func parse(_ source: String, name: String?, options: TemplateSyntaxOptions, maxNestingDepth: Int = 100) throws -> (body: [TemplateNode], blocks: [String: BlockNode]) {
        let tokens = try TemplateLexer.tokenize(source, name: name, options: options)
        var parser = TemplateParser(tokens: tokens, templateName: name)
        parser.maxNestingDepth = maxNestingDepth
        let (body, _) = try parser.parseBody(until: [])
        return (body, parser.blocks)
    }

    var current: TemplateToken { tokens[index] }
    var next: TemplateToken { tokens[min(index + 1, tokens.count - 1)] }

    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    func error(_ message: String, _ token: TemplateToken? = nil) -> TemplateSyntaxError {
        let t = token ?? current
        return TemplateSyntaxError(message, templateName: templateName, line: t.line, column: t.column)
    }

    func isName(_ word: String) -> Bool { if case .name(word) = current.kind { true } else { false } }
    func isOp(_ op: String) -> Bool { if case .op(op) = current.kind { true } else { false } }

    mutating func skipName(_ word: String) -> Bool {
        if isName(word) { advance(); return true }
        return false
    }

    mutating func skipOp(_ op: String) -> Bool {
        if isOp(op) { advance(); return true }
        return false
    }

    mutating func expectOp(_ op: String) throws {
        guard skipOp(op) else { throw error("expected token '\(op)', got '\(current.describe)'") }
    }

    mutating func expectBlockEnd() throws {
        guard case .blockEnd = current.kind else {
            throw error("expected token 'end of statement block', got '\(current.describe)'")
        }
        advance()
    }

    mutating func expectName() throws -> String {
        guard case .name(let n) = current.kind else { throw error("expected token 'name', got '\(current.describe)'") }
        advance()
        return n
    }

    /// Parses nodes until one of `endTags` opens a `{% … %}`; returns the tag met (already consumed).
    mutating func parseBody(until endTags: Set<String>) throws -> ([TemplateNode], String?) {
        var nodes: [TemplateNode] = []
        while true {
            let token = current
            switch token.kind {
            case .data(let text):
                nodes.append(.text(text))
                advance()
            case .variableBegin:
                advance()
                let expr = try parseTuple()
                guard case .variableEnd = current.kind else {
                    throw error("expected token 'end of print statement', got '\(current.describe)'")
                }
                advance()
                nodes.append(.output(expr))
            case .blockBegin:
                advance()
                guard case .name(let tag) = current.kind else { throw error("tag name expected") }
                if endTags.contains(tag) {
                    advance()
                    return (nodes, tag)
                }
                nodes.append(try parseStatement(tag))
            case .eof:
                if let open = openTags.last {
                    throw error("Unexpected end of template. Jinja was looking for the following tags: \(describe(endTags)). The innermost block that needs to be closed is '\(open)'.")
                }
                return (nodes, nil)
            default:
                throw error("unexpected '\(token.describe)'")
            }
        }
    }

    private func describe(_ tags: Set<String>) -> String {
        tags.sorted().map { "'\($0)'" }.joined(separator: " or ")
    }

    /// Counts one level of nesting; pair with `nesting -= 1`.
    mutating func nest() throws {
        nesting += 1
        if nesting > maxNestingDepth {
            throw error("template nested too deeply (maxNestingDepth = \(maxNestingDepth))")
        }
    }

    mutating func parseStatement(_ tag: String) throws -> TemplateNode {
        try nest()
        defer { nesting -= 1 }
        let tagToken = current
        advance()
        openTags.append(tag)
        defer { openTags.removeLast() }
        switch tag {
        case "for": return try parseFor()
        case "if": return try parseIf()
        case "set": return try parseSet()
        case "block": return try parseBlock(tagToken)
        case "extends":
            // Jinja compiles `extends` only at the top level (inside `if` is fine, not in a new scope).
            if openTags.dropLast().contains(where: { ["for", "macro", "call", "with", "filter", "block", "set", "autoescape"].contains($0) }) {
                throw TemplateAssertionError("cannot use extend from a non top-level scope", templateName: templateName, line: tagToken.line)
            }
            let template = try parseExpression()
            try expectBlockEnd()
            return .extends(template)
        case "include": return try parseInclude()
        case "import":
            let template = try parseExpression()
            guard skipName("as") else { throw error("expected token 'as', got '\(current.describe)'") }
            let alias = try expectName()
            let context = try parseContextModifier(default: false)
            try expectBlockEnd()
            return .importAs(template, alias: alias, withContext: context)
        case "from": return try parseFromImport()
        case "macro": return try parseMacro()
        case "call": return try parseCallBlock()
        case "with": return try parseWith()
        case "filter":
            let chain = try parseFilterChain(nil, startInline: true)
            try expectBlockEnd()
            let (body, _) = try parseBody(until: ["endfilter"])
            try expectBlockEnd()
            return .filterBlock(chain, body: body)
        case "autoescape":
            let value = try parseExpression()
            try expectBlockEnd()
            let (body, _) = try parseBody(until: ["endautoescape"])
            try expectBlockEnd()
            return .autoescape(value, body: body)
        default:
            var message = "Encountered unknown tag '\(tag)'."
            if openTags.count > 1 {
                message += " The innermost block that needs to be closed is '\(openTags[openTags.count - 2])'."
            }
            throw error(message, tagToken)
        }
    }

    private mutating func parseFor() throws -> TemplateNode {
        let target = try parseAssignTarget(allowNamespace: false)
        guard skipName("in") else { throw error("expected token 'in', got '\(current.describe)'") }
        let iterable = try parseTuple(withConditional: false, extraEnd: ["recursive"])
        var condition: TemplateExpr?
        if skipName("if") { condition = try parseExpression() }
        let recursive = skipName("recursive")
        try expectBlockEnd()
        let (body, end, bodyNames) = try parseBodyNotingNames(until: ["endfor", "else"])
        // Jinja makes a `loop` object only for a body that mentions `loop` (nested loops and
        // call blocks included, blocks not): only then do includes in the body see it.
        let bodyUsesLoop = bodyNames.contains("loop")
        var otherwise: [TemplateNode] = []
        if end == "else" {
            try expectBlockEnd()
            (otherwise, _) = try parseBody(until: ["endfor"])
        }
        try expectBlockEnd()
        return .forLoop(ForLoopNode(target: target, iterable: iterable, condition: condition, recursive: recursive,
                                    bodyUsesLoop: bodyUsesLoop, body: body, otherwise: otherwise))
    }

    private mutating func parseIf() throws -> TemplateNode {
        var branches: [(TemplateExpr, [TemplateNode])] = []
        var test = try parseTuple(withConditional: false)
        while true {
            try expectBlockEnd()
            let (body, end) = try parseBody(until: ["elif", "else", "endif"])
            branches.append((test, body))
            switch end {
            case "elif":
                test = try parseTuple(withConditional: false)
            case "else":
                try expectBlockEnd()
                let (otherwise, _) = try parseBody(until: ["endif"])
                try expectBlockEnd()
                return .ifChain(branches, otherwise: otherwise)
            default:
                try expectBlockEnd()
                return .ifChain(branches, otherwise: [])
            }
        }
    }

    private mutating func parseSet() throws -> TemplateNode {
        let target = try parseAssignTarget(allowNamespace: true)
        if skipOp("=") {
            let value = try parseTuple()
            try expectBlockEnd()
            return .set(target, value)
        }
        var filter: TemplateExpr?
        if isOp("|") { filter = try parseFilterChain(nil, startInline: false) }
        try expectBlockEnd()
        let (body, _) = try parseBody(until: ["endset"])
        try expectBlockEnd()
        return .setBlock(target, body: body, filter: filter)
    }

    private mutating func parseBlock(_ tagToken: TemplateToken) throws -> TemplateNode {
        let name = try expectName()
        var scoped = false
        var required = false
        while case .name(let word) = current.kind, word == "scoped" || word == "required" {
            if word == "scoped" { scoped = true } else { required = true }
            advance()
        }
        try expectBlockEnd()
        // A block is rendered on its own: names it mentions say nothing about the enclosing
        // loop or macro (Jinja's analysis stops at blocks too), but a scoped block inside a
        // loop may read anything, `loop` included, so it counts as mentioning `loop`.
        let outerNames = referencedNames
        let (body, _) = try parseBody(until: ["endblock"])
        referencedNames = outerNames
        if scoped { referencedNames.insert("loop") }
        if required, body.contains(where: { node in
            if case .text(let text) = node { return !text.allSatisfy(\.isWhitespace) }
            return true
        }) {
            throw error("Required blocks can only contain comments or whitespace", tagToken)
        }
        // `{% endblock name %}` may repeat the block's own name, nothing else.
        if case .name(name) = current.kind { advance() }
        try expectBlockEnd()
        guard blocks[name] == nil else {
            throw TemplateAssertionError("block '\(name)' defined twice", templateName: templateName, line: tagToken.line)
        }
        let node = BlockNode(name: name, scoped: scoped, required: required, body: body)
        blocks[name] = node
        return .block(node)
    }

    private mutating func parseInclude() throws -> TemplateNode {
        let template = try parseExpression()
        var ignoreMissing = false
        if isName("ignore"), case .name("missing") = next.kind {
            advance()
            advance()
            ignoreMissing = true
        }
        let context = try parseContextModifier(default: true)
        try expectBlockEnd()
        return .include(template, ignoreMissing: ignoreMissing, withContext: context)
    }

    private mutating func parseContextModifier(default value: Bool) throws -> Bool {
        if (isName("with") || isName("without")), case .name("context") = next.kind {
            let with = isName("with")
            advance()
            advance()
            return with
        }
        return value
    }

    private mutating func parseFromImport() throws -> TemplateNode {
        let template = try parseExpression()
        guard skipName("import") else { throw error("expected token 'import', got '\(current.describe)'") }
        var names: [(String, String)] = []
        var withContext = false
        // Jinja's `parse_from`: names separated by commas, then an optional context modifier.
        func contextModifier() -> Bool {
            guard isName("with") || isName("without"), case .name("context") = next.kind else { return false }
            withContext = isName("with")
            advance()
            advance()
            return true
        }
        while true {
            if !names.isEmpty { try expectOp(",") }
            guard case .name = current.kind else { throw error("expected token 'name', got '\(current.describe)'") }
            if contextModifier() { break }
            let nameToken = current
            let name = try expectName()
            if name.hasPrefix("_") {
                throw TemplateAssertionError(
                    "names starting with an underline can not be imported", templateName: templateName, line: nameToken.line)
            }
            var alias = name
            if skipName("as") { alias = try expectName() }
            names.append((name, alias))
            if contextModifier() || !isOp(",") { break }
        }
        try expectBlockEnd()
        return .fromImport(template, names: names, withContext: withContext)
    }

    private mutating func parseWith() throws -> TemplateNode {
        var assignments: [(AssignTarget, TemplateExpr)] = []
        while case .name = current.kind {
            let target = try parseAssignTarget(allowNamespace: false)
            try expectOp("=")
            assignments.append((target, try parseExpression()))
            if !isOp(",") { break }
            advance()
            guard case .name = current.kind else { throw error("Expected an expression, got '\(current.describe)'") }
        }
        try expectBlockEnd()
        let (body, _) = try parseBody(until: ["endwith"])
        try expectBlockEnd()
        return .with(assignments, body: body)
    }

    /// A target of `for`/`set`/`with`: `x`, `a, b`, `(a, b), c`, or `ns.attr`.
    mutating func parseAssignTarget(allowNamespace: Bool) throws -> AssignTarget {
        var items: [AssignTarget] = []
        var sawComma = false
        while true {
            if allowNamespace, case .name(let ns) = current.kind, case .op(".") = next.kind {
                // `{% set ns.a, ns.b = 1, 2 %}`: namespace attributes, alone or in a tuple.
                advance()
                advance()
                items.append(.attribute(ns, try expectName()))
            } else if skipOp("(") {
                items.append(try parseAssignTarget(allowNamespace: false))
                try expectOp(")")
            } else {
                guard case .name(let n) = current.kind, !["in", "if", "recursive"].contains(n) else {
                    throw error("expected token 'name', got '\(current.describe)'")
                }
                advance()
                items.append(.name(n))
            }
            guard isOp(",") else { break }
            advance()
            sawComma = true
            // Jinja wants another target after a comma: `{% for a, in x %}` and `{% set a, = x %}` are errors.
        }
        return items.count == 1 && !sawComma ? items[0] : .tuple(items)
    }
}
