/// Macro definitions, `{% call %}` blocks and the name tracking both (and loops) rely on.
extension TemplateParser {
    /// ``parseBody(until:)`` that also returns the names the body mentions (macros learn
    /// whether they use `caller`/`varargs`/`kwargs`, loops whether they use `loop`); the names
    /// still count for the enclosing body too.
    mutating func parseBodyNotingNames(until endTags: Set<String>) throws -> ([TemplateNode], String?, Set<String>) {
        let outerNames = referencedNames
        referencedNames = []
        let (body, end) = try parseBody(until: endTags)
        let names = referencedNames
        referencedNames = outerNames.union(names)
        return (body, end, names)
    }

    mutating func parseParameters() throws -> [(String, TemplateExpr?)] {
        var parameters: [(String, TemplateExpr?)] = []
        try expectOp("(")
        while !isOp(")") {
            if !parameters.isEmpty { try expectOp(",") }
            if isOp(")") { break }
            let nameToken = current
            let name = try expectName()
            if parameters.contains(where: { $0.0 == name }) {
                throw error("duplicate argument '\(name)' in macro definition", nameToken)
            }
            var defaultValue: TemplateExpr?
            if skipOp("=") {
                defaultValue = try parseExpression()
            } else if parameters.contains(where: { $0.1 != nil }) {
                throw error("non-default argument follows default argument")
            }
            parameters.append((name, defaultValue))
        }
        advance()
        return parameters
    }

    mutating func parseMacroBody(name: String, parameters: [(String, TemplateExpr?)], end: String) throws -> MacroNode {
        try expectBlockEnd()
        let (body, _, names) = try parseBodyNotingNames(until: [end])
        try expectBlockEnd()
        return MacroNode(name: name, parameters: parameters, body: body, names: names, isCaller: end == "endcall")
    }

    mutating func parseMacro() throws -> TemplateNode {
        let name = try expectName()
        let parameters = try parseParameters()
        return .macro(try parseMacroBody(name: name, parameters: parameters, end: "endmacro"))
    }

    mutating func parseCallBlock() throws -> TemplateNode {
        let parameters = isOp("(") ? try parseParameters() : []
        let call = try parseExpression()
        guard case .call = call else { throw error("expected call") }
        let caller = try parseMacroBody(name: "caller", parameters: parameters, end: "endcall")
        return .callBlock(call: call, caller: caller)
    }
}
