import Synchronization

/// `a.b`. Knows at compile time whether `b` names a dict/str method or a `loop` attribute,
/// and remembers where the key was found in the last dict it read: rows of a list share
/// their key order, so the next row's key is checked at that position before any search.
///
/// `name.b` and `name.a.b` are read where the variable lives (``TemplateScope/entry(_:)``,
/// ``TemplateDict/Unretained``): no copy of the dicts on the way, only of the result. Any
/// case that path does not settle (a method name, an object other than `loop`, a key not
/// found by its representation, an unknown name) is evaluated the general way, which reads
/// the same values: the path has no effects to repeat.
final class AttributeExpr: CompiledExpr, @unchecked Sendable {
    let base: CompiledExpr
    let name: String
    let isDictMethod: Bool
    let isStringMethod: Bool
    let isMarkupMethod: Bool
    let loopAttribute: LoopContext.Attribute?
    /// Position hint in ``TemplateDict``'s ordered storage; racy reads are harmless (verified).
    let hint = Atomic<Int>(0)
    /// The variable under `name.b` or `name.a.b`, read in place; nil for other bases.
    let rootSymbol: Int32?
    /// What reading a missing key of a dict gives (built once: rows often lack a key).
    let missingFromDict: TemplateValue
    /// The `name.a` site of `name.a.b`, unretained: ``base`` holds it.
    let inner: Unmanaged<AttributeExpr>?

    init(_ base: CompiledExpr, _ name: String) {
        self.base = base
        self.name = name
        isDictMethod = TemplateMethods.isDictMethod(name)
        isStringMethod = TemplateMethods.isStringMethod(name)
        isMarkupMethod = TemplateMethods.isMarkupMethod(name)
        loopAttribute = LoopContext.Attribute(rawValue: name)
        missingFromDict = .undefined("\(TemplateRenderer.describeOwner(.dict(TemplateDict()))) has no attribute '\(name)'")
        if let variable = base as? NameExpr {
            rootSymbol = variable.symbol
            inner = nil
        } else if let site = base as? AttributeExpr, let variable = site.base as? NameExpr {
            rootSymbol = variable.symbol
            inner = Unmanaged.passUnretained(site)
        } else {
            rootSymbol = nil
            inner = nil
        }
    }

    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        if let rootSymbol, let value = readInPlace(s, rootSymbol) { return value }
        return try r.getAttribute(try base.evaluate(r, s), self)
    }

    @inline(__always)
    private func readInPlace(_ s: TemplateScope, _ root: Int32) -> TemplateValue? {
        guard let (level, index) = s.entry(root) else { return nil }
        return level._withUnsafeGuaranteedRef { level -> TemplateValue? in
            let dict: TemplateDict.Unretained
            if let inner {
                guard let outer = level.entries[index].value.unretainedDict,
                    let position = inner._withUnsafeGuaranteedRef({ $0.find(in: outer) }),
                    let found = outer.dict(at: position)
                else { return nil }
                dict = found
            } else if let found = level.entries[index].value.unretainedDict {
                dict = found
            } else {
                guard let code = loopAttribute, let loop = level.entries[index].value.unretainedLoop else { return nil }
                return loop._withUnsafeGuaranteedRef { $0.value(of: code) }
            }
            guard let position = find(in: dict) else { return nil }
            return dict.value(at: position)
        }
    }

    /// Where this site's key is in `dict` (hint first, then updated); nil when the general
    /// path must decide (a dict method's name, a key not recognised by its representation).
    @inline(__always)
    func find(in dict: TemplateDict.Unretained) -> Int? {
        if isDictMethod { return nil }
        let hint = hint.load(ordering: .relaxed)
        guard let position = dict.position(ofIdentical: name, hint: hint) else { return nil }
        if position != hint { self.hint.store(position, ordering: .relaxed) }
        return position
    }
}
