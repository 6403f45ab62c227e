/// A value seen by a template: what a Jinja expression evaluates to.
///
/// Jinja works on Python objects; this enum covers the kinds templates meet in practice:
/// `None`, `Undefined`, `bool`, `int`, `float`, `str`, `Markup`, `list`, `tuple`, `dict`
/// (insertion-ordered, as Python's), callables (functions, macros, bound methods) and a few
/// helper objects (`loop`, `namespace()`, `cycler`) behind ``TemplateObject``.
///
/// Build one from literals: `let v: TemplateValue = ["name": "Ana", "tags": ["a", "b"]]`.
public enum TemplateValue: Sendable {
    /// Python's `None`.
    case none
    /// Jinja's `Undefined`: a name or attribute that does not exist. The payload says what
    /// was missing, for the error message of strict mode.
    case undefined(String)
    /// `True` / `False`.
    ///
    /// Python: `bool`.
    case bool(Bool)
    /// A Python `int` that fits in 64 bits.
    case int(Int)
    /// A Python `int` beyond `Int` (`2 ** 64`, a 30-digit JSON number or `<int>` segment).
    /// Template arithmetic keeps one form: a value that fits in `Int` is always ``int(_:)``,
    /// so build these with ``integer(_:)``.
    ///
    /// Python: `int` (unbounded).
    case bigInt(BigInteger)
    /// A Python `float`.
    case double(Double)
    /// A plain `str`: escaped when written into an autoescaped template.
    ///
    /// Python: `str`.
    case string(String)
    /// MarkupSafe's `Markup`: a string already safe for HTML, never escaped again.
    case markup(String)
    /// A Python `list`.
    case list([TemplateValue])
    /// A Python `tuple` (prints with parentheses).
    case tuple([TemplateValue])
    /// A Python `dict`, iterated in insertion order.
    case dict(TemplateDict)
    /// A function, macro or bound method.
    ///
    /// Python: a function (or any callable) in the context.
    case callable(TemplateCallable)
    /// A helper object with attributes (`loop`, `namespace()`, group tuples…).
    ///
    /// Python: any other object, read through its attributes.
    case object(any TemplateObject)
}

/// An object exposing attributes to templates, like a Python object with `__getattr__`.
///
/// Jinja: any Python object; `loop` (`LoopContext`), `namespace`, `cycler`, `joiner`.
public protocol TemplateObject: AnyObject, Sendable {
    /// The attribute `name`, or nil when it does not exist (the template then sees `Undefined`).
    func attribute(_ name: String) -> TemplateValue?
    /// The Python type name used in messages (`'dict object' has no attribute…`).
    var typeName: String { get }
    /// What `str(obj)` prints.
    var pythonString: String { get }
    /// The items when the object is iterable, else nil.
    var iterationItems: [TemplateValue]? { get }
    /// Stores an attribute (`{% set ns.x = 1 %}`); returns false when not allowed.
    func setAttribute(_ name: String, _ value: TemplateValue) -> Bool
    /// Calls the object (`loop(children)`, `joiner()`); throws when it is not callable.
    func call(_ arguments: TemplateArguments) throws -> TemplateValue
}

extension TemplateObject {
    /// Most objects are not iterable.
    public var iterationItems: [TemplateValue]? { nil }
    /// Most objects are read-only.
    public func setAttribute(_ name: String, _ value: TemplateValue) -> Bool { false }
    /// Most objects are not callable.
    public func call(_ arguments: TemplateArguments) throws -> TemplateValue {
        throw TemplateRuntimeError("TypeError", "'\(typeName)' object is not callable")
    }
    /// Python's default `str()` of an object.
    public var pythonString: String { "<\(typeName) object>" }
}

/// The arguments of a call: positional then keyword, as Python's `*args, **kwargs`.
public struct TemplateArguments: Sendable {
    /// Positional arguments in order.
    ///
    /// Python: `*args`.
    public var positional: [TemplateValue]
    /// Keyword arguments in the order written.
    ///
    /// Python: `**kwargs` (in call order).
    public var keyword: [(name: String, value: TemplateValue)]

    /// Arguments from positional values and keyword pairs.
    public init(_ positional: [TemplateValue] = [], keyword: [(name: String, value: TemplateValue)] = []) {
        self.positional = positional
        self.keyword = keyword
    }

    /// The keyword argument `name`, if given.
    public subscript(name: String) -> TemplateValue? {
        for pair in keyword where pair.name == name { return pair.value }
        return nil
    }

    /// The argument at `position`, or else the keyword `name`, or nil: Python's
    /// parameter binding for `def f(a, b=…)`.
    public func value(_ position: Int, _ name: String) -> TemplateValue? {
        if position < positional.count { return positional[position] }
        return self[name]
    }

    /// True when no argument was passed.
    public var isEmpty: Bool { positional.isEmpty && keyword.isEmpty }
}

/// A callable value: a global function, a macro, `caller`, a bound method.
///
/// Jinja: any Python callable. User globals such as Flask's `url_for(endpoint, **values)`
/// are built with ``init(name:_:)`` and receive keyword arguments in ``TemplateArguments``.
public final class TemplateCallable: Sendable {
    /// The name shown in messages and by `str()`.
    public let name: String
    /// The function itself.
    public let function: @Sendable (TemplateArguments) throws -> TemplateValue
    /// Attributes the callable exposes (a macro's `name`, `arguments`, `catch_kwargs`…).
    let attributes: [String: TemplateValue]
    /// What `str()` prints, when not `<function name>` (a macro prints `<Macro 'name'>`).
    let display: String?
    /// Set for macros: lets a render call its own macros directly (``OutputNode``).
    let macro: MacroBinding?

    /// A callable named `name`.
    ///
    /// Python: a callable passed in the context or `env.globals`.
    public init(name: String, _ function: @escaping @Sendable (TemplateArguments) throws -> TemplateValue) {
        self.name = name
        self.function = function
        attributes = [:]
        display = nil
        macro = nil
    }

    /// A callable with attributes and its own `str()` (macros).
    init(
        name: String, attributes: [String: TemplateValue], display: String, macro: MacroBinding? = nil,
        _ function: @escaping @Sendable (TemplateArguments) throws -> TemplateValue
    ) {
        self.name = name
        self.function = function
        self.attributes = attributes
        self.display = display
        self.macro = macro
    }
}

extension TemplateValue {
    /// Python truthiness: `None`, `Undefined`, `False`, `0`, `0.0`, `""` and empty
    /// containers are false.
    public var isTruthy: Bool {
        switch self {
        case .none, .undefined: false
        case .bool(let b): b
        case .int(let i): i != 0
        case .bigInt(let n): !n.isZero
        case .double(let d): d != 0
        case .string(let s), .markup(let s): !s.isEmpty
        case .list(let a), .tuple(let a): !a.isEmpty
        case .dict(let d): !d.isEmpty
        case .callable: true
        case .object(let o): o.iterationItems.map { !$0.isEmpty } ?? true
        }
    }

    /// True for `Undefined`.
    ///
    /// Jinja: `is undefined`.
    public var isUndefined: Bool { if case .undefined = self { true } else { false } }

    /// True for `Markup`.
    ///
    /// MarkupSafe: `isinstance(value, Markup)`.
    public var isMarkup: Bool { if case .markup = self { true } else { false } }

    /// The string content of `str` or `Markup`, else nil.
    public var stringContent: String? {
        switch self {
        case .string(let s), .markup(let s): s
        default: nil
        }
    }

    /// The number as a Double for `int`, `float` and `bool`, else nil (an `int` beyond the
    /// double range is ±infinity: Python's `OverflowError` is raised where it matters).
    var numericValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .bigInt(let n): n.doubleValue
        case .double(let d): d
        case .bool(let b): b ? 1 : 0
        default: nil
        }
    }

    /// Python's type name, used in error messages.
    var typeName: String {
        switch self {
        case .none: "NoneType"
        case .undefined: "Undefined"
        case .bool: "bool"
        case .int, .bigInt: "int"
        case .double: "float"
        case .string: "str"
        case .markup: "Markup"
        case .list: "list"
        case .tuple: "tuple"
        case .dict: "dict"
        case .callable: "function"
        case .object(let o): o.typeName
        }
    }
}

extension TemplateValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    /// `nil` is `None`.
    public init(nilLiteral: ()) { self = .none }
    /// `true`/`false` are `True`/`False`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer literal is a Python `int`.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A float literal is a Python `float`.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A string literal is a plain (escapable) `str`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An array literal is a Python `list`.
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    /// Keys keep the order they are written in, as a Python dict literal.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        var dict = TemplateDict()
        for (key, value) in elements { dict[key] = value }
        self = .dict(dict)
    }
}
