/// Turns a parsed template (``TemplateNode``/``TemplateExpr``) into the form rendering runs
/// (``CompiledNode``/``CompiledExpr``): once per template, when it is loaded.
///
/// What compiling settles ahead of rendering: variable names become interned symbols,
/// filters and tests become function references, literal text becomes UTF-8 bytes (adjacent
/// pieces merged), constant sub-expressions are folded, macros get a fixed parameter layout.
enum TemplateCompiler {
    static func compile(_ nodes: [TemplateNode]) -> [CompiledNode] {
        var result: [CompiledNode] = []
        var pendingText: [UInt8] = []
        func flushText() {
            if !pendingText.isEmpty { result.append(TextNode(pendingText)) }
            pendingText = []
        }
        for node in nodes {
            if case .text(let text) = node {
                pendingText.append(contentsOf: text.utf8)
                continue
            }
            flushText()
            result.append(compile(node))
        }
        flushText()
        return result
    }

    static func compileBlocks(_ blocks: [String: BlockNode]) -> [String: CompiledBlock] {
        blocks.mapValues { CompiledBlock(name: $0.name, scoped: $0.scoped, required: $0.required, body: compile($0.body)) }
    }

    private static func compile(_ node: TemplateNode) -> CompiledNode {
        switch node {
        case .text(let text): return TextNode(Array(text.utf8))
        case .output(let expr): return OutputNode(compile(expr))
        case .ifChain(let branches, let otherwise):
            return IfNode(branches.map { (compile($0.0), compile($0.1)) }, otherwise: compile(otherwise))
        case .forLoop(let loop):
            return ForNode(
                target: compile(loop.target), iterable: compile(loop.iterable), condition: loop.condition.map(compile),
                recursive: loop.recursive, exposesLoop: loop.recursive || loop.bodyUsesLoop,
                body: compile(loop.body), otherwise: compile(loop.otherwise))
        case .set(let target, let expr): return SetNode(compile(target), compile(expr))
        case .setBlock(let target, let body, let filter):
            return SetBlockNode(compile(target), body: compile(body), filter: filter.map(compile))
        case .block(let block): return BlockCallNode(name: block.name, scoped: block.scoped)
        case .extends(let expr): return ExtendsNode(compile(expr))
        case .include(let expr, let ignoreMissing, let withContext):
            return IncludeNode(compile(expr), ignoreMissing: ignoreMissing, withContext: withContext)
        case .importAs(let expr, let alias, let withContext): return ImportNode(compile(expr), alias: alias, withContext: withContext)
        case .fromImport(let expr, let names, let withContext): return FromImportNode(compile(expr), names: names, withContext: withContext)
        case .macro(let macro): return MacroDefinitionNode(compile(macro))
        case .callBlock(let call, let caller):
            var compiledCall: CallExpr?
            if case .call(let callee, let arguments) = call { compiledCall = CallExpr(compile(callee), compile(arguments)) }
            return CallBlockNode(compiledCall, caller: compile(caller))
        case .with(let assignments, let body):
            return WithNode(assignments.map { (compile($0.0), compile($0.1)) }, body: compile(body))
        case .filterBlock(let filter, let body): return FilterBlockNode(compile(filter), body: compile(body))
        case .autoescape(let expr, let body): return AutoescapeNode(compile(expr), body: compile(body))
        }
    }

    private static func compile(_ macro: MacroNode) -> CompiledMacro {
        CompiledMacro(macro, parameters: macro.parameters.map { ($0.0, $0.1.map(compile)) }, body: compile(macro.body))
    }

    private static func compile(_ target: AssignTarget) -> CompiledTarget {
        switch target {
        case .name(let name): .name(TemplateSymbols.intern(name))
        case .attribute(let object, let attribute): .attribute(TemplateSymbols.intern(object), attribute)
        case .tuple(let targets): .tuple(targets.map(compile))
        }
    }

    private static func compile(_ arguments: CallArguments) -> CompiledArguments {
        CompiledArguments(
            positional: arguments.positional.map(compile), keyword: arguments.keyword.map { ($0.0, compile($0.1)) },
            starArgs: arguments.starArgs.map(compile), starKwargs: arguments.starKwargs.map(compile))
    }

    static func compile(_ expr: TemplateExpr) -> CompiledExpr {
        switch expr {
        case .literal(let value): return LiteralExpr(value)
        case .name(let name): return NameExpr(name)
        case .attribute(let base, let name): return AttributeExpr(compile(base), name)
        case .item(let base, let key): return ItemExpr(compile(base), compile(key))
        case .slice(let base, let start, let stop, let step):
            return SliceExpr(compile(base), start.map(compile), stop.map(compile), step.map(compile))
        case .negate(let operand):
            let compiled = compile(operand)
            if let value = compiled.constant, value.numericValue != nil, let folded = try? TemplateOperators.negate(value) {
                return LiteralExpr(folded)
            }
            return NegateExpr(compiled)
        case .plus(let operand): return PlusExpr(compile(operand))
        case .not(let operand):
            let compiled = compile(operand)
            if let value = compiled.constant { return LiteralExpr(.bool(!value.isTruthy)) }
            return NotExpr(compiled)
        case .binary(let op, let left, let right): return BinaryExpr(op, compile(left), compile(right))
        case .and(let left, let right):
            let l = compile(left)
            let r = compile(right)
            if let value = l.constant { return value.isTruthy ? r : l }
            return AndExpr(l, r)
        case .or(let left, let right):
            let l = compile(left)
            let r = compile(right)
            if let value = l.constant { return value.isTruthy ? l : r }
            return OrExpr(l, r)
        case .compare(let first, let operations):
            return CompareExpr(compile(first), operations.map { ($0.0, compile($0.1)) })
        case .concat(let parts):
            let compiled = parts.map(compile)
            let constants = compiled.compactMap(\.constant)
            if constants.count == compiled.count, !constants.contains(where: \.isMarkup) {
                return LiteralExpr(.string(constants.map(\.pythonString).joined()))
            }
            return ConcatExpr(compiled)
        case .conditional(let test, let then, let otherwise):
            let t = compile(test)
            if let value = t.constant {
                if value.isTruthy { return compile(then) }
                if let otherwise { return compile(otherwise) }
            }
            return ConditionalExpr(t, compile(then), otherwise.map(compile))
        case .call(let callee, let arguments): return CallExpr(compile(callee), compile(arguments))
        case .filter(let base, let name, let arguments, _): return FilterExpr(base.map(compile), name, compile(arguments))
        case .test(let base, let name, let arguments, let negated, _):
            return TestExpr(compile(base), name, compile(arguments), negated: negated)
        case .list(let items), .tuple(let items):
            let isTuple: Bool
            if case .tuple = expr { isTuple = true } else { isTuple = false }
            let compiled = items.map(compile)
            let constants = compiled.compactMap(\.constant)
            if constants.count == compiled.count { return LiteralExpr(isTuple ? .tuple(constants) : .list(constants)) }
            return ListExpr(compiled, isTuple: isTuple)
        case .dict(let pairs):
            let compiled = pairs.map { (compile($0.0), compile($0.1)) }
            if compiled.allSatisfy({ $0.0.constant != nil && $0.1.constant != nil }) {
                var dict = TemplateDict()
                for (k, v) in compiled { dict[k.constant!] = v.constant! }
                return LiteralExpr(.dict(dict))
            }
            return DictExpr(compiled)
        }
    }
}
