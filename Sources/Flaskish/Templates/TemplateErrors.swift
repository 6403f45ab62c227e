/// Every error the template engine throws conforms to this (Jinja's `TemplateError`).
public protocol TemplateError: Error, CustomStringConvertible, Sendable {}

/// The template source is not valid Jinja (Jinja's `TemplateSyntaxError`).
///
/// Names the template, the 1-based line and column, and what was expected.
public struct TemplateSyntaxError: TemplateError {
    /// What went wrong, e.g. "expected token 'end of print statement', got 'b'".
    ///
    /// Jinja: `TemplateSyntaxError.message`.
    public let message: String
    /// The template name, or nil for a string template.
    ///
    /// Jinja: `TemplateSyntaxError.name`.
    public let templateName: String?
    /// 1-based line.
    ///
    /// Jinja: `TemplateSyntaxError.lineno`.
    public let line: Int
    /// 1-based column.
    public let column: Int

    /// An error at a position.
    ///
    /// Jinja: `TemplateSyntaxError(message, lineno, name)`.
    public init(_ message: String, templateName: String?, line: Int, column: Int) {
        self.message = message
        self.templateName = templateName
        self.line = line
        self.column = column
    }

    /// A one-line message naming the error class, as Python prints it.
    public var description: String {
        "TemplateSyntaxError: \(message) (template '\(templateName ?? "<string>")', line \(line), column \(column))"
    }
}

/// No loader found the template (Jinja's `TemplateNotFound`).
public struct TemplateNotFound: TemplateError {
    /// The name asked for.
    ///
    /// Jinja: `TemplateNotFound.name`.
    public let name: String
    /// Where the loaders looked (directories or loader descriptions).
    ///
    /// Flask: the search path `EXPLAIN_TEMPLATE_LOADING` logs.
    public let searchPath: [String]

    /// A not-found error for `name` after looking in `searchPath`.
    ///
    /// Jinja: `TemplateNotFound(name)`.
    public init(name: String, searchPath: [String]) {
        self.name = name
        self.searchPath = searchPath
    }

    /// A one-line message naming the error class, as Python prints it.
    public var description: String {
        "TemplateNotFound: '\(name)' (searched: \(searchPath.isEmpty ? "no loader" : searchPath.joined(separator: ", ")))"
    }
}

/// An undefined value was used in a way that needs a value (Jinja's `UndefinedError`),
/// or any use at all under ``UndefinedBehavior/strict``.
public struct UndefinedError: TemplateError {
    /// E.g. "'user' is undefined".
    ///
    /// Jinja: `UndefinedError.message`.
    public let message: String
    /// The template being rendered.
    public let templateName: String?

    /// An undefined error.
    public init(_ message: String, templateName: String? = nil) {
        self.message = message
        self.templateName = templateName
    }

    /// A one-line message naming the error class, as Python prints it.
    public var description: String { "UndefinedError: \(message)" + (templateName.map { " (template '\($0)')" } ?? "") }
}

/// The template is well-formed but asks for something Jinja refuses when it compiles:
/// importing a `_private` name, `{% extends %}` inside a macro, loop or block
/// (Jinja's `TemplateAssertionError`, a `TemplateSyntaxError` subclass there).
public struct TemplateAssertionError: TemplateError {
    /// What was refused, e.g. "cannot use extend from a non top-level scope".
    public let message: String
    /// The template name, or nil for a string template.
    public let templateName: String?
    /// 1-based line.
    public let line: Int

    /// An assertion error at a line.
    ///
    /// Jinja: `TemplateAssertionError(message, lineno, name)`.
    public init(_ message: String, templateName: String?, line: Int) {
        self.message = message
        self.templateName = templateName
        self.line = line
    }

    /// A one-line message naming the error class, as Python prints it.
    public var description: String {
        "TemplateAssertionError: \(message) (template '\(templateName ?? "<string>")', line \(line))"
    }
}

/// A failure while rendering: a type error, a bad filter argument, an unknown filter
/// (Jinja's `TemplateRuntimeError`, `TemplateAssertionError` and the Python `TypeError`/
/// `ValueError` a template can raise). ``kind`` holds the Python class name.
public struct TemplateRuntimeError: TemplateError {
    /// The Python exception class Jinja would raise: "TypeError", "ValueError",
    /// "ZeroDivisionError", "TemplateRuntimeError", "TemplateAssertionError"…
    public let kind: String
    /// The message.
    ///
    /// Jinja: the exception's message.
    public let message: String

    /// A runtime error of Python class `kind`.
    public init(_ kind: String, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// A one-line message naming the error class, as Python prints it.
    public var description: String { "\(kind): \(message)" }
}

/// A configured limit was exceeded: recursion depth, output size, range length.
public struct TemplateLimitError: TemplateError {
    /// Which limit, e.g. "maxRecursionDepth".
    public let limit: String
    /// The configured value.
    public let value: Int
    /// What was being done.
    public let message: String

    /// A limit error.
    public init(limit: String, value: Int, message: String) {
        self.limit = limit
        self.value = value
        self.message = message
    }

    /// A one-line message naming the error class, as Python prints it.
    public var description: String { "TemplateLimitError: \(message) (\(limit) = \(value))" }
}
