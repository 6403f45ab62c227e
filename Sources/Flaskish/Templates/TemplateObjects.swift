import Synchronization

/// The `loop` variable inside `{% for %}` (Jinja's `LoopContext`).
final class LoopContext: TemplateObject, @unchecked Sendable {
    let items: [TemplateValue]
    let depth: Int
    @exclusivity(unchecked) var index0 = 0
    var recurse: (@Sendable (TemplateArguments) throws -> TemplateValue)?
    private var lastChanged: [TemplateValue]?

    init(items: [TemplateValue], depth: Int) {
        self.items = items
        self.depth = depth
    }

    var typeName: String { "LoopContext" }
    var pythonString: String { "<LoopContext \(index0 + 1)/\(items.count)>" }

    func attribute(_ name: String) -> TemplateValue? {
        let length = items.count
        switch name {
        case "index": return .int(index0 + 1)
        case "index0": return .int(index0)
        case "revindex": return .int(length - index0)
        case "revindex0": return .int(length - index0 - 1)
        case "first": return .bool(index0 == 0)
        case "last": return .bool(index0 == length - 1)
        case "length": return .int(length)
        case "depth": return .int(depth)
        case "depth0": return .int(depth - 1)
        case "previtem": return index0 > 0 ? items[index0 - 1] : .undefined("there is no previous item")
        case "nextitem": return index0 + 1 < length ? items[index0 + 1] : .undefined("there is no next item")
        case "cycle":
            let index = index0
            return .callable(TemplateCallable(name: "cycle") { arguments in
                guard !arguments.positional.isEmpty else {
                    throw TemplateRuntimeError("TypeError", "no items for cycling given")
                }
                return arguments.positional[index % arguments.positional.count]
            })
        case "changed":
            return .callable(TemplateCallable(name: "changed") { [weak self] arguments in
                guard let self else { return .bool(false) }
                if self.lastChanged != arguments.positional {
                    self.lastChanged = arguments.positional
                    return .bool(true)
                }
                return .bool(false)
            })
        default: return nil
        }
    }

    func call(_ arguments: TemplateArguments) throws -> TemplateValue {
        guard let recurse else {
            throw TemplateRuntimeError("TypeError", "The loop must have the 'recursive' marker to be called recursively.")
        }
        return try recurse(arguments)
    }
}

/// The result of `{% import %}`: the template's top-level macros and variables.
final class TemplateModule: TemplateObject {
    let name: TemplateValue
    let exports: [String: TemplateValue]
    /// What the template printed when it was imported; `str(module)` in Jinja.
    let body: String

    init(name: TemplateValue, exports: [String: TemplateValue], body: String) {
        self.name = name
        self.exports = exports
        self.body = body
    }

    var typeName: String { "TemplateModule" }
    var pythonString: String { body }
    /// Names starting with `_` are private to the template (Jinja does not export them).
    func attribute(_ name: String) -> TemplateValue? { name.hasPrefix("_") ? nil : exports[name] }
}

/// `namespace(…)`: an object whose attributes `{% set ns.x = … %}` may change, to carry
/// values out of loops (Jinja's `Namespace`).
final class TemplateNamespace: TemplateObject {
    private let storage: Mutex<TemplateDict>

    init(_ initial: TemplateDict) { storage = Mutex(initial) }

    var typeName: String { "Namespace" }
    var pythonString: String {
        "<Namespace " + storage.withLock { TemplateValue.dict($0).pythonRepr } + ">"
    }
    func attribute(_ name: String) -> TemplateValue? { storage.withLock { $0[name] } }
    func setAttribute(_ name: String, _ value: TemplateValue) -> Bool {
        storage.withLock { $0[name] = value }
        return true
    }
}

/// `cycler(a, b, …)` (Jinja's `Cycler`): `next()`, `current`, `reset()`.
final class TemplateCycler: TemplateObject {
    private let items: [TemplateValue]
    private let position = Mutex(0)

    init(_ items: [TemplateValue]) { self.items = items }

    var typeName: String { "Cycler" }
    func attribute(_ name: String) -> TemplateValue? {
        switch name {
        case "current": return items.isEmpty ? .none : items[position.withLock { $0 }]
        case "next":
            return .callable(TemplateCallable(name: "next") { [self] _ in
                guard !items.isEmpty else { return .none }
                return position.withLock { p in
                    let value = items[p]
                    p = (p + 1) % items.count
                    return value
                }
            })
        case "reset":
            return .callable(TemplateCallable(name: "reset") { [self] _ in
                position.withLock { $0 = 0 }
                return .none
            })
        default: return nil
        }
    }
}

/// `joiner(sep)` (Jinja's `Joiner`): returns "" the first call, `sep` afterwards.
final class TemplateJoiner: TemplateObject {
    private let separator: TemplateValue
    private let used = Mutex(false)

    init(_ separator: TemplateValue) { self.separator = separator }

    var typeName: String { "Joiner" }
    func attribute(_ name: String) -> TemplateValue? { nil }
    func call(_ arguments: TemplateArguments) throws -> TemplateValue {
        used.withLock { u in
            defer { u = true }
            return u ? separator : .string("")
        }
    }
}

/// One group of `groupby`: a tuple `(grouper, list)` that also has those attributes.
final class GroupTuple: TemplateObject {
    let grouper: TemplateValue
    let list: [TemplateValue]

    init(grouper: TemplateValue, list: [TemplateValue]) {
        self.grouper = grouper
        self.list = list
    }

    var typeName: String { "_GroupTuple" }
    var pythonString: String { "(\(grouper.pythonRepr), \(TemplateValue.list(list).pythonRepr))" }
    var iterationItems: [TemplateValue]? { [grouper, .list(list)] }
    func attribute(_ name: String) -> TemplateValue? {
        switch name {
        case "grouper": grouper
        case "list": .list(list)
        default: nil
        }
    }
}

/// `self` in a template: `self.blockname()` renders that block again (Jinja's `TemplateReference`).
final class TemplateSelf: TemplateObject, @unchecked Sendable {
    private weak var renderer: TemplateRenderer?
    private let scope: TemplateScope
    private let name: String?

    init(renderer: TemplateRenderer, scope: TemplateScope, name: String?) {
        self.renderer = renderer
        self.scope = scope
        self.name = name
    }

    var typeName: String { "TemplateReference" }
    var pythonString: String { "<TemplateReference \(name.map(TemplateValue.pythonStringRepr) ?? "None")>" }
    func attribute(_ name: String) -> TemplateValue? {
        .callable(TemplateCallable(name: name) { [weak self] _ in
            guard let self, let renderer = self.renderer else { return .none }
            guard renderer.blocks[name] != nil else {
                throw UndefinedError("block '\(name)' is undefined")
            }
            let text = try renderer.capturing { try renderer.renderBlock(named: name, level: 0, scope: self.scope, scoped: false) }
            return renderer.captured(text)
        })
    }
}
