/// One lexical token of a template (Jinja's `lexer.Token`).
struct TemplateToken: Sendable {
    enum Kind: Sendable, Equatable {
        /// Literal text between tags.
        case data(String)
        /// `{{`
        case variableBegin
        /// `}}`
        case variableEnd
        /// `{%`
        case blockBegin
        /// `%}`
        case blockEnd
        /// An identifier, including keywords (`for`, `in`, `not`…).
        case name(String)
        /// A string literal, escapes already applied.
        case string(String)
        /// An integer literal.
        case integer(Int)
        /// An integer literal beyond `Int`.
        case bigInteger(BigInteger)
        /// A float literal.
        case float(Double)
        /// An operator or punctuation, e.g. `+`, `//`, `(`, `|`.
        case op(String)
        /// End of the template.
        case eof
    }

    let kind: Kind
    let line: Int
    let column: Int

    /// How Jinja describes the token in "expected …, got …" messages.
    var describe: String {
        switch kind {
        case .data: "template data / text"
        case .variableBegin: "begin of print statement"
        case .variableEnd: "end of print statement"
        case .blockBegin: "begin of statement block"
        case .blockEnd: "end of statement block"
        case .name(let n): n
        case .string(let s): "'\(s)'"
        case .integer(let i): String(i)
        case .bigInteger(let n): n.description
        case .float(let d): String(d)
        case .op(let o): o
        case .eof: "end of template"
        }
    }
}

/// Lexer switches that Jinja exposes on its `Environment`.
public struct TemplateSyntaxOptions: Sendable {
    /// Remove the first newline after a block tag (Jinja `trim_blocks`, default false).
    public var trimBlocks = false
    /// Strip spaces and tabs from the start of a line up to a block tag (Jinja `lstrip_blocks`).
    public var lstripBlocks = false
    /// Keep a single trailing newline of the source (Jinja `keep_trailing_newline`).
    public var keepTrailingNewline = false

    /// Jinja's defaults (all false), which Flask uses.
    public init(trimBlocks: Bool = false, lstripBlocks: Bool = false, keepTrailingNewline: Bool = false) {
        self.trimBlocks = trimBlocks
        self.lstripBlocks = lstripBlocks
        self.keepTrailingNewline = keepTrailingNewline
    }
}
