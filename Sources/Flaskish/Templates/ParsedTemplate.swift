import Synchronization

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
