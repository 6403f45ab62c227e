/// Expression grammar, with Jinja's precedence (lowest first): conditional, `or`, `and`,
/// `not`, comparisons, `+ -`, `~`, `* / // %`, `**`, unary `- +`, then primary with
/// postfix (`.`, `[]`, `()`) and filters/tests (`|`, `is`).
extension TemplateParser {
    mutating func parseExpression(withConditional: Bool = true) throws -> TemplateExpr {
        try nest()
        defer { nesting -= 1 }
        return withConditional ? try parseConditional() : try parseOr()
    }

    /// An expression or a bare tuple (`a, b`), as in `{{ a, b }}` and `for … in a, b`.
    mutating func parseTuple(withConditional: Bool = true, extraEnd: Set<String> = [], explicitParentheses: Bool = false) throws -> TemplateExpr {
        var items: [TemplateExpr] = []
        var isTuple = false
        while true {
            if !items.isEmpty { try expectOp(",") }
            if isTupleEnd(extraEnd) { break }
            items.append(try parseExpression(withConditional: withConditional))
            if isOp(",") { isTuple = true } else { break }
        }
        if !isTuple {
            if let only = items.first { return only }
            if !explicitParentheses { throw error("Expected an expression, got '\(current.describe)'") }
        }
        return .tuple(items)
    }

    private func isTupleEnd(_ extraEnd: Set<String>) -> Bool {
        switch current.kind {
        case .variableEnd, .blockEnd, .eof, .op(")"): return true
        case .name(let n): return extraEnd.contains(n)
        default: return false
        }
    }

    private mutating func parseConditional() throws -> TemplateExpr {
        var expr = try parseOr()
        while skipName("if") {
            let test = try parseOr()
            try nest()
            defer { nesting -= 1 }
            let otherwise: TemplateExpr? = skipName("else") ? try parseConditional() : nil
            expr = .conditional(test: test, then: expr, otherwise: otherwise)
        }
        return expr
    }

    private mutating func parseOr() throws -> TemplateExpr {
        var left = try parseAnd()
        while skipName("or") { left = .or(left, try parseAnd()) }
        return left
    }

    private mutating func parseAnd() throws -> TemplateExpr {
        var left = try parseNot()
        while skipName("and") { left = .and(left, try parseNot()) }
        return left
    }

    private mutating func parseNot() throws -> TemplateExpr {
        if skipName("not") {
            try nest()
            defer { nesting -= 1 }
            return .not(try parseNot())
        }
        return try parseCompare()
    }

    private mutating func parseCompare() throws -> TemplateExpr {
        let first = try parseMath1()
        var operations: [(CompareOperator, TemplateExpr)] = []
        while true {
            if case .op(let op) = current.kind, let compare = CompareOperator(rawValue: op), op != "in" {
                advance()
                operations.append((compare, try parseMath1()))
            } else if skipName("in") {
                operations.append((.isIn, try parseMath1()))
            } else if isName("not"), case .name("in") = next.kind {
                advance()
                advance()
                operations.append((.notIn, try parseMath1()))
            } else {
                break
            }
        }
        return operations.isEmpty ? first : .compare(first, operations)
    }

    private mutating func parseMath1() throws -> TemplateExpr {
        var left = try parseConcat()
        while case .op(let op) = current.kind, op == "+" || op == "-" {
            advance()
            left = .binary(op == "+" ? .add : .subtract, left, try parseConcat())
        }
        return left
    }

    private mutating func parseConcat() throws -> TemplateExpr {
        var parts = [try parseMath2()]
        while skipOp("~") { parts.append(try parseMath2()) }
        return parts.count == 1 ? parts[0] : .concat(parts)
    }

    private mutating func parseMath2() throws -> TemplateExpr {
        var left = try parsePower()
        while case .op(let op) = current.kind, op == "*" || op == "/" || op == "//" || op == "%" {
            advance()
            left = .binary(BinaryOperator(rawValue: op) ?? .multiply, left, try parsePower())
        }
        return left
    }

    private mutating func parsePower() throws -> TemplateExpr {
        var left = try parseUnary(withFilter: true)
        while skipOp("**") { left = .binary(.power, left, try parseUnary(withFilter: true)) }
        return left
    }

    private mutating func parseUnary(withFilter: Bool) throws -> TemplateExpr {
        var node: TemplateExpr
        if skipOp("-") {
            try nest()
            defer { nesting -= 1 }
            node = .negate(try parseUnary(withFilter: false))
        } else if skipOp("+") {
            try nest()
            defer { nesting -= 1 }
            node = .plus(try parseUnary(withFilter: false))
        } else {
            node = try parsePostfix(try parsePrimary())
        }
        if withFilter { node = try parseFilterExpression(node) }
        return node
    }

    private mutating func parsePrimary() throws -> TemplateExpr {
        let token = current
        switch token.kind {
        case .name(let n):
            advance()
            switch n {
            case "true", "True": return .literal(.bool(true))
            case "false", "False": return .literal(.bool(false))
            case "none", "None": return .literal(.none)
            default:
                referencedNames.insert(n)
                return .name(n)
            }
        case .string(var s):
            advance()
            while case .string(let more) = current.kind {
                s += more
                advance()
            }
            return .literal(.string(s))
        case .integer(let i):
            advance()
            return .literal(.int(i))
        case .bigInteger(let n):
            advance()
            return .literal(.bigInt(n))
        case .float(let d):
            advance()
            return .literal(.double(d))
        case .op("("):
            advance()
            let expr = try parseTuple(explicitParentheses: true)
            try expectOp(")")
            return expr
        case .op("["):
            advance()
            var items: [TemplateExpr] = []
            while !isOp("]") {
                if !items.isEmpty { try expectOp(",") }
                if isOp("]") { break }
                items.append(try parseExpression())
            }
            advance()
            return .list(items)
        case .op("{"):
            advance()
            var pairs: [(TemplateExpr, TemplateExpr)] = []
            while !isOp("}") {
                if !pairs.isEmpty { try expectOp(",") }
                if isOp("}") { break }
                let key = try parseExpression()
                try expectOp(":")
                pairs.append((key, try parseExpression()))
            }
            advance()
            return .dict(pairs)
        default:
            throw error("unexpected '\(token.describe)'")
        }
    }

    private mutating func parsePostfix(_ base: TemplateExpr) throws -> TemplateExpr {
        var node = base
        while true {
            if skipOp(".") {
                switch current.kind {
                case .name(let n):
                    advance()
                    node = .attribute(node, n)
                case .integer(let i):
                    advance()
                    node = .item(node, .literal(.int(i)))
                default:
                    throw error("expected name or number")
                }
            } else if skipOp("[") {
                var subscripts: [TemplateExpr] = []
                var slice: (TemplateExpr?, TemplateExpr?, TemplateExpr?)?
                while !isOp("]") {
                    if !subscripts.isEmpty || slice != nil { try expectOp(",") }
                    var first: TemplateExpr?
                    if !isOp(":") { first = try parseExpression() }
                    if skipOp(":") {
                        var stop: TemplateExpr?
                        var step: TemplateExpr?
                        if !isOp("]") && !isOp(",") && !isOp(":") { stop = try parseExpression() }
                        if skipOp(":"), !isOp("]") && !isOp(",") { step = try parseExpression() }
                        slice = (first, stop, step)
                    } else if let first {
                        subscripts.append(first)
                    }
                }
                advance()
                if let slice {
                    node = .slice(node, slice.0, slice.1, slice.2)
                } else {
                    node = .item(node, subscripts.count == 1 ? subscripts[0] : .tuple(subscripts))
                }
            } else if isOp("(") {
                node = .call(node, try parseCallArguments())
            } else {
                return node
            }
        }
    }

    private mutating func parseFilterExpression(_ base: TemplateExpr) throws -> TemplateExpr {
        var node = base
        while true {
            if isOp("|") {
                node = try parseFilterChain(node, startInline: false)
            } else if isName("is") {
                node = try parseTest(node)
            } else if isOp("(") {
                node = .call(node, try parseCallArguments())
            } else {
                return node
            }
        }
    }

    /// `|f(args)|g…`; with `startInline` the first filter has no leading pipe (`{% filter upper %}`).
    mutating func parseFilterChain(_ base: TemplateExpr?, startInline: Bool) throws -> TemplateExpr {
        var node = base
        var first = startInline
        while first || isOp("|") {
            if !first { advance() }
            first = false
            let line = current.line
            var name = try expectName()
            while isOp("."), case .name(let part) = next.kind {
                advance()
                advance()
                name += "." + part
            }
            let arguments = isOp("(") ? try parseCallArguments() : .empty
            node = .filter(node, name: name, arguments, line: line)
        }
        guard let node else { throw error("expected filter") }
        return node
    }

    private mutating func parseTest(_ base: TemplateExpr) throws -> TemplateExpr {
        advance()
        let negated = skipName("not")
        let line = current.line
        var name = try expectName()
        while isOp("."), case .name(let part) = next.kind {
            advance()
            advance()
            name += "." + part
        }
        var arguments = CallArguments()
        if isOp("(") {
            arguments = try parseCallArguments()
        } else {
            switch current.kind {
            case .name(let n) where !["else", "or", "and"].contains(n):
                arguments.positional = [try parsePostfix(try parsePrimary())]
            case .string, .integer, .bigInteger, .float, .op("["), .op("{"):
                arguments.positional = [try parsePostfix(try parsePrimary())]
            default: break
            }
        }
        return .test(base, name: name, arguments, negated: negated, line: line)
    }

    mutating func parseCallArguments() throws -> CallArguments {
        let start = current
        try expectOp("(")
        var arguments = CallArguments()
        var first = true
        while !isOp(")") {
            if !first {
                try expectOp(",")
                if isOp(")") { break }
            }
            first = false
            // Jinja's order: positional, then `*args` and keywords, then `**kwargs`, each once.
            func invalid() -> TemplateSyntaxError { error("invalid syntax for function call expression", start) }
            if skipOp("*") {
                guard arguments.starArgs == nil && arguments.starKwargs == nil else { throw invalid() }
                arguments.starArgs = try parseExpression()
            } else if skipOp("**") {
                guard arguments.starKwargs == nil else { throw invalid() }
                arguments.starKwargs = try parseExpression()
            } else if case .name(let key) = current.kind, case .op("=") = next.kind {
                guard arguments.starKwargs == nil else { throw invalid() }
                if arguments.keyword.contains(where: { $0.0 == key }) { throw error("keyword argument repeated: \(key)") }
                advance()
                advance()
                arguments.keyword.append((key, try parseExpression()))
            } else {
                guard arguments.keyword.isEmpty && arguments.starArgs == nil && arguments.starKwargs == nil else { throw invalid() }
                arguments.positional.append(try parseExpression())
            }
        }
        advance()
        return arguments
    }
}
