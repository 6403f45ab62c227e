import Synchronization

/// A user filter: the value left of the pipe and the call's arguments (Jinja's `env.filters`).
public typealias TemplateFilter = @Sendable (TemplateValue, TemplateArguments) throws -> TemplateValue
/// A user test: `value is name(args)` (Jinja's `env.tests`).
public typealias TemplateTest = @Sendable (TemplateValue, TemplateArguments) throws -> Bool

/// What happens when a template uses a name that does not exist.
///
/// Jinja: `Environment(undefined=Undefined)` or `StrictUndefined`.
public enum UndefinedBehavior: Sendable {
    /// Jinja's default `Undefined`: prints empty, iterates empty, is false; attribute
    /// access, arithmetic and calls on it raise ``UndefinedError``.
    case lenient
    /// Jinja's `StrictUndefined`: any use other than `is defined`/`default` raises.
    case strict
}

/// Bounds that keep a hostile or buggy template from exhausting the process.
public struct TemplateLimits: Sendable {
    /// Nesting of includes, macro calls, recursive loops and inheritance levels.
    public var maxRecursionDepth: Int
    /// Size of one render's output (and of any captured block) in UTF-8 bytes.
    public var maxOutputBytes: Int
    /// Items `range()` may produce and the size of string/list repetition.
    public var maxRangeLength: Int
    /// Nesting of statements and sub-expressions in the source (parentheses, `not not …`,
    /// `{% if %}` in `{% for %}`…), so a hostile template cannot overflow the stack.
    public var maxNestingDepth: Int
    /// Bits an integer result may have (`2 ** 100000`, a product, a sum): past it the
    /// operation throws ``TemplateLimitError`` (`maxIntegerBits`) before doing the work, so
    /// `2 ** 10**9` cannot take the machine. Python's `int` has no such bound.
    public var maxIntegerBits: Int
    /// Decimal digits an integer beyond `Int` may have when printed or read from text
    /// (`{{ n }}`, `n|string`, `'…'|int`): printing a longer one throws Python's
    /// `ValueError` (`Exceeds the limit (4300 digits) for integer string conversion`); `|int`
    /// of a longer text falls back as Jinja's does. Python: `sys.set_int_max_str_digits()`.
    public var maxIntegerDigits: Int
    /// Output buffers kept for the next renders once a render ends (shared by the process's
    /// environments), so that a large page is written into memory already mapped; past it a
    /// finished render's buffer is freed. 0 keeps none.
    public var pooledOutputBuffers: Int
    /// Capacity past which a finished render's output buffer is freed instead of kept.
    public var maxPooledOutputBufferBytes: Int

    /// Defaults: depth 100, 64 MiB output, 1 000 000 range items, nesting 100, integers of
    /// 100 000 bits, 4 300 decimal digits (Python's default), 4 pooled output buffers of at
    /// most 1 MiB each.
    public init(
        maxRecursionDepth: Int = 100, maxOutputBytes: Int = 64 << 20, maxRangeLength: Int = 1_000_000, maxNestingDepth: Int = 100,
        maxIntegerBits: Int = 100_000, maxIntegerDigits: Int = BigInteger.defaultMaxDigits,
        pooledOutputBuffers: Int = 4, maxPooledOutputBufferBytes: Int = 1 << 20
    ) {
        self.maxRecursionDepth = maxRecursionDepth
        self.maxOutputBytes = maxOutputBytes
        self.maxRangeLength = maxRangeLength
        self.maxNestingDepth = maxNestingDepth
        self.maxIntegerBits = maxIntegerBits
        self.maxIntegerDigits = maxIntegerDigits
        self.pooledOutputBuffers = pooledOutputBuffers
        self.maxPooledOutputBufferBytes = maxPooledOutputBufferBytes
    }
}

extension TemplateLimits {
    /// Throws when a size a template asked for (a width, a count, a precision) exceeds
    /// `maxRangeLength`, before anything that large is allocated.
    static func check(_ size: Int, _ what: String, limit: Int) throws {
        guard size <= limit else {
            throw TemplateLimitError(limit: "maxRangeLength", value: limit, message: "\(what) of \(size) is too large")
        }
    }
}

/// Everything that configures rendering; copied once per render.
struct TemplateConfiguration: Sendable {
    var loader: (any TemplateLoader)?
    var filters: [String: TemplateFilter] = [:]
    var tests: [String: TemplateTest] = [:]
    var globals: [String: TemplateValue] = [:]
    var autoescape: @Sendable (String?) -> Bool = TemplateEnvironment.selectAutoescape
    var undefined: UndefinedBehavior = .lenient
    var limits = TemplateLimits()
    var syntax = TemplateSyntaxOptions()
    var autoReload = true
    var truncateLeeway = 5
    /// The built-in globals under ``globals``, as the scope every render of this configuration
    /// starts from (``TemplateGlobals/scope(for:)``): built once, when a render first needs
    /// it, and dropped when `globals` or `limits` change. Renders only read it.
    var globalsScope: TemplateScope?
}

/// A template kept in the cache: parsed, checked, then compiled (``TemplateCompiler``);
/// immutable apart from a size hint, and rendered from many threads at once.
final class ParsedTemplate: Sendable {
    let name: String?
    let body: [CompiledNode]
    let blocks: [String: CompiledBlock]
    let isUpToDate: (@Sendable () -> Bool)?
    /// Whether the source may refer to `self` (it contains those four letters somewhere): a
    /// render gives the template a `self` object only then. Templates name their variables in
    /// their own source, so one that never spells `self` cannot look it up; the test is on
    /// the text, so a false positive ("yourself") costs a little time and nothing else.
    let mentionsSelf: Bool
    /// Whether the source may call `super()` in a block (same test): a block render binds
    /// `super` only then.
    let mentionsSuper: Bool
    /// Whether the source may hold `{% extends %}` (same test): a template that cannot extend
    /// renders its top level straight through, without the bookkeeping of a parent.
    let mayExtend: Bool
    /// The size of the last complete render, to reserve the output buffer once.
    private let lastOutputSize = Atomic<Int>(0)

    init(name: String?, source: String, configuration: TemplateConfiguration, isUpToDate: (@Sendable () -> Bool)?) throws {
        self.name = name
        let parsed = try TemplateParser.parse(source, name: name, options: configuration.syntax, maxNestingDepth: configuration.limits.maxNestingDepth)
        try TemplateDependencyCheck.check(parsed.body, configuration: configuration, templateName: name)
        body = TemplateCompiler.compile(parsed.body)
        blocks = TemplateCompiler.compileBlocks(parsed.blocks)
        self.isUpToDate = isUpToDate
        mentionsSelf = source.contains("self")
        mentionsSuper = source.contains("super")
        mayExtend = source.contains("extends")
    }

    /// Bytes to reserve for a render: the last size, within reason.
    var outputSizeHint: Int {
        get { min(max(lastOutputSize.load(ordering: .relaxed), 1024), 4 << 20) }
        set { lastOutputSize.store(newValue, ordering: .relaxed) }
    }
}

/// Holds configuration, registries and the parsed-template cache (Jinja's `Environment`).
///
/// ```swift
/// let env = TemplateEnvironment(loader: FileSystemLoader(["/app/templates"]))
/// env.filters["shout"] = { value, _ in .string(value.pythonString.uppercased() + "!") }
/// let html = try env.render("index.html", context: ["name": "Ana"])
/// ```
/// Thread-safe: settings are guarded by a mutex and each render works on a snapshot, so
/// many threads may render at once. Cached templates are never re-parsed unless their
/// loader reports a change and ``autoReload`` is on.
public final class TemplateEnvironment: Sendable {
    private let configuration: Mutex<TemplateConfiguration>
    private let cache = Mutex<[String: ParsedTemplate]>([:])

    /// An environment reading templates from `loader`.
    ///
    /// Jinja: `Environment(loader=…)`.
    public init(loader: (any TemplateLoader)? = nil) {
        var config = TemplateConfiguration()
        config.loader = loader
        configuration = Mutex(config)
    }

    /// Flask's autoescape policy: on for string templates and for names ending in
    /// `.html`, `.htm`, `.xml`, `.xhtml`, `.svg`.
    public static let selectAutoescape: @Sendable (String?) -> Bool = { name in
        guard let name else { return true }
        return [".html", ".htm", ".xml", ".xhtml", ".svg"].contains { name.hasSuffix($0) }
    }

    private func read<T>(_ body: (TemplateConfiguration) -> T) -> T { configuration.withLock { body($0) } }
    private func write(_ body: (inout TemplateConfiguration) -> Void) { configuration.withLock { body(&$0) } }

    /// Where templates come from. Changing it clears the cache.
    ///
    /// Jinja: `env.loader`.
    public var loader: (any TemplateLoader)? {
        get { read { $0.loader } }
        set { write { $0.loader = newValue }; clearCache() }
    }
    /// User filters (Jinja's `env.filters`); they shadow built-ins of the same name.
    public var filters: [String: TemplateFilter] {
        get { read { $0.filters } }
        set { write { $0.filters = newValue } }
    }
    /// User tests (Jinja's `env.tests`); they shadow built-ins.
    public var tests: [String: TemplateTest] {
        get { read { $0.tests } }
        set { write { $0.tests = newValue } }
    }
    /// Globals visible in every template (Jinja's `env.globals`), e.g. Flask's `url_for`.
    public var globals: [String: TemplateValue] {
        get { read { $0.globals } }
        set {
            write {
                $0.globals = newValue
                $0.globalsScope = nil
            }
        }
    }
    /// Decides autoescaping from the template name (nil for string templates).
    ///
    /// Jinja: `env.autoescape` (Flask: `select_jinja_autoescape`).
    public var autoescape: @Sendable (String?) -> Bool {
        get { read { $0.autoescape } }
        set { write { $0.autoescape = newValue } }
    }
    /// Lenient (`Undefined`) or strict (`StrictUndefined`).
    ///
    /// Jinja: `env.undefined`.
    public var undefined: UndefinedBehavior {
        get { read { $0.undefined } }
        set { write { $0.undefined = newValue } }
    }
    /// Resource limits.
    public var limits: TemplateLimits {
        get { read { $0.limits } }
        set {
            write {
                $0.limits = newValue
                $0.globalsScope = nil
            }
        }
    }
    /// Lexer switches; changing them clears the cache.
    ///
    /// Jinja: `block_start_string`, `trim_blocks`, `lstrip_blocks` and friends.
    public var syntax: TemplateSyntaxOptions {
        get { read { $0.syntax } }
        set { write { $0.syntax = newValue }; clearCache() }
    }
    /// Re-check the loader's up-to-date signal on each `getTemplate` (Jinja's `auto_reload`).
    public var autoReload: Bool {
        get { read { $0.autoReload } }
        set { write { $0.autoReload = newValue } }
    }
    /// Extra characters `truncate` tolerates (Jinja's `policies["truncate.leeway"]`, 5).
    public var truncateLeeway: Int {
        get { read { $0.truncateLeeway } }
        set { write { $0.truncateLeeway = newValue } }
    }

    /// Forgets every parsed template.
    ///
    /// Jinja: `env.cache.clear()`.
    public func clearCache() { cache.withLock { $0 = [:] } }

    /// The template `name`, parsed once and cached (Jinja's `get_template`).
    public func getTemplate(_ name: String) throws -> Template {
        Template(environment: self, parsed: try parsedTemplate(name, configuration: read { $0 }))
    }

    /// A template from source text, not cached (Jinja's `from_string`).
    public func fromString(_ source: String) throws -> Template {
        let config = read { $0 }
        return Template(environment: self, parsed: try ParsedTemplate(name: nil, source: source, configuration: config, isUpToDate: nil))
    }

    /// Renders the template `name` with `context`; `globals` adds per-render globals
    /// (what Flask's context processors provide).
    public func render(_ name: String, context: [String: TemplateValue] = [:], globals: [String: TemplateValue] = [:]) throws -> String {
        try getTemplate(name).render(context: context, globals: globals)
    }

    /// Renders template source directly (Flask's `render_template_string`).
    public func renderString(_ source: String, context: [String: TemplateValue] = [:], globals: [String: TemplateValue] = [:]) throws -> String {
        try fromString(source).render(context: context, globals: globals)
    }

    func parsedTemplate(_ name: String, configuration config: TemplateConfiguration) throws -> ParsedTemplate {
        if let cached = cache.withLock({ $0[name] }) {
            if !config.autoReload || cached.isUpToDate?() ?? true { return cached }
        }
        guard let loader = config.loader else { throw TemplateNotFound(name: name, searchPath: []) }
        let source = try loader.source(for: name)
        let parsed = try ParsedTemplate(name: name, source: source.source, configuration: config, isUpToDate: source.isUpToDate)
        cache.withLock { $0[name] = parsed }
        return parsed
    }

    /// The configuration a render works with, its globals scope built if it was not yet.
    func snapshot() -> TemplateConfiguration {
        configuration.withLock { config in
            if config.globalsScope == nil { config.globalsScope = TemplateGlobals.scope(for: config) }
            return config
        }
    }
}

/// A loaded template bound to its environment (Jinja's `Template`).
public struct Template: Sendable {
    /// The environment that loaded it.
    ///
    /// Jinja: `Template.environment`.
    public let environment: TemplateEnvironment
    let parsed: ParsedTemplate

    /// The template name, nil for string templates.
    ///
    /// Jinja: `Template.name`.
    public var name: String? { parsed.name }

    /// Renders with `context` and optional per-render `globals`.
    ///
    /// Jinja: `Template.render(**context)`.
    public func render(context: [String: TemplateValue] = [:], globals: [String: TemplateValue] = [:]) throws -> String {
        let renderer = TemplateRenderer(environment: environment, configuration: environment.snapshot())
        return try renderer.renderRoot(parsed, context: context, extraGlobals: globals)
    }
}
