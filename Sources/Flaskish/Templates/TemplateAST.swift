/// The parsed form of a template (Jinja's `nodes` module), immutable and shared by all renders.

/// An expression (Jinja's `nodes.Expr` subclasses).
indirect enum TemplateExpr: Sendable {
    case literal(TemplateValue)
    case name(String)
    /// `a.b` (attribute first, then item).
    case attribute(TemplateExpr, String)
    /// `a[b]` (item first, then attribute).
    case item(TemplateExpr, TemplateExpr)
    /// `a[start:stop:step]`
    case slice(TemplateExpr, TemplateExpr?, TemplateExpr?, TemplateExpr?)
    case negate(TemplateExpr)
    case plus(TemplateExpr)
    case not(TemplateExpr)
    case binary(BinaryOperator, TemplateExpr, TemplateExpr)
    case and(TemplateExpr, TemplateExpr)
    case or(TemplateExpr, TemplateExpr)
    /// `a < b <= c`: chained comparison.
    case compare(TemplateExpr, [(CompareOperator, TemplateExpr)])
    /// `a ~ b ~ c`
    case concat([TemplateExpr])
    /// `a if cond else b` (missing else gives Undefined).
    case conditional(test: TemplateExpr, then: TemplateExpr, otherwise: TemplateExpr?)
    case call(TemplateExpr, CallArguments)
    /// `value|name(args)`; `value` is nil inside `{% filter %}` blocks.
    case filter(TemplateExpr?, name: String, CallArguments, line: Int)
    /// `value is [not] name(args)`
    case test(TemplateExpr, name: String, CallArguments, negated: Bool, line: Int)
    case list([TemplateExpr])
    case tuple([TemplateExpr])
    case dict([(TemplateExpr, TemplateExpr)])
}

/// Arguments written at a call site.
struct CallArguments: Sendable {
    var positional: [TemplateExpr] = []
    var keyword: [(String, TemplateExpr)] = []
    var starArgs: TemplateExpr?
    var starKwargs: TemplateExpr?
    static let empty = CallArguments()
}

enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", modulo = "%", power = "**"
}

enum CompareOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case isIn = "in", notIn = "not in"
}

/// An assignment target: a name, `ns.attr`, or a tuple of targets (`for k, v in …`).
indirect enum AssignTarget: Sendable {
    case name(String)
    case attribute(String, String)
    case tuple([AssignTarget])
}

/// A statement or piece of output (Jinja's `nodes.Stmt` subclasses).
indirect enum TemplateNode: Sendable {
    case text(String)
    case output(TemplateExpr)
    case ifChain([(TemplateExpr, [TemplateNode])], otherwise: [TemplateNode])
    case forLoop(ForLoopNode)
    case set(AssignTarget, TemplateExpr)
    /// `{% set x %}…{% endset %}`, optionally filtered.
    case setBlock(AssignTarget, body: [TemplateNode], filter: TemplateExpr?)
    case block(BlockNode)
    case extends(TemplateExpr)
    case include(TemplateExpr, ignoreMissing: Bool, withContext: Bool)
    /// `{% import 'x' as name %}`
    case importAs(TemplateExpr, alias: String, withContext: Bool)
    /// `{% from 'x' import a, b as c %}`
    case fromImport(TemplateExpr, names: [(String, String)], withContext: Bool)
    case macro(MacroNode)
    /// `{% call(args) callee(...) %}body{% endcall %}`
    case callBlock(call: TemplateExpr, caller: MacroNode)
    case with([(AssignTarget, TemplateExpr)], body: [TemplateNode])
    /// `{% filter f|g %}body{% endfilter %}`: `filter` is a filter chain whose innermost value is nil.
    case filterBlock(TemplateExpr, body: [TemplateNode])
    case autoescape(TemplateExpr, body: [TemplateNode])
}

/// `{% for target in iterable [if test] [recursive] %}`
final class ForLoopNode: Sendable {
    let target: AssignTarget
    let iterable: TemplateExpr
    let condition: TemplateExpr?
    let recursive: Bool
    /// Whether the body mentions `loop` (Jinja's "extended loop"): only then is a `loop`
    /// variable made, and only then do templates included from the body see it.
    let bodyUsesLoop: Bool
    let body: [TemplateNode]
    let otherwise: [TemplateNode]

    init(target: AssignTarget, iterable: TemplateExpr, condition: TemplateExpr?, recursive: Bool, bodyUsesLoop: Bool,
         body: [TemplateNode], otherwise: [TemplateNode]) {
        self.target = target
        self.iterable = iterable
        self.condition = condition
        self.recursive = recursive
        self.bodyUsesLoop = bodyUsesLoop
        self.body = body
        self.otherwise = otherwise
    }
}

/// `{% block name [scoped] [required] %}`
final class BlockNode: Sendable {
    let name: String
    let scoped: Bool
    let required: Bool
    let body: [TemplateNode]

    init(name: String, scoped: Bool, required: Bool, body: [TemplateNode]) {
        self.name = name
        self.scoped = scoped
        self.required = required
        self.body = body
    }
}

/// `{% macro name(a, b=default) %}`; also the anonymous `caller` of a call block.
final class MacroNode: Sendable {
    let name: String
    let parameters: [(String, TemplateExpr?)]
    let body: [TemplateNode]
    /// Whether the body mentions `caller`, `varargs`, `kwargs` (Jinja accepts extra
    /// arguments only then).
    let usesCaller: Bool
    let usesVarargs: Bool
    let usesKwargs: Bool
    /// True for the anonymous `caller` of a `{% call %}` block.
    let isCaller: Bool

    init(name: String, parameters: [(String, TemplateExpr?)], body: [TemplateNode], names: Set<String>, isCaller: Bool = false) {
        self.name = name
        self.isCaller = isCaller
        self.parameters = parameters
        self.body = body
        // A parameter of the same name is an ordinary argument, not the special variable.
        let declared = Set(parameters.map(\.0))
        usesCaller = names.contains("caller") && !declared.contains("caller")
        usesVarargs = names.contains("varargs") && !declared.contains("varargs")
        usesKwargs = names.contains("kwargs") && !declared.contains("kwargs")
    }
}
