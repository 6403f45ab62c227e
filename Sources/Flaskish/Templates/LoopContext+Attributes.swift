/// `loop.<name>` resolved when the template is compiled: the renderer reads the attribute by
/// code instead of matching its name, and calls `loop.cycle(…)` without a bound callable.
extension LoopContext {
    enum Attribute: String, Sendable {
        case index, index0, revindex, revindex0, first, last, length, depth, depth0, previtem, nextitem, cycle, changed
    }

    func value(of code: Attribute) -> TemplateValue {
        let length = items.count
        switch code {
        case .index: return .int(index0 + 1)
        case .index0: return .int(index0)
        case .revindex: return .int(length - index0)
        case .revindex0: return .int(length - index0 - 1)
        case .first: return .bool(index0 == 0)
        case .last: return .bool(index0 == length - 1)
        case .length: return .int(length)
        case .depth: return .int(depth)
        case .depth0: return .int(depth - 1)
        case .previtem: return index0 > 0 ? items[index0 - 1] : .undefined("there is no previous item")
        case .nextitem: return index0 + 1 < length ? items[index0 + 1] : .undefined("there is no next item")
        case .cycle, .changed: return attribute(code.rawValue) ?? .none
        }
    }

    /// `loop.cycle(a, b, …)`: the item for the current iteration.
    func cycle(_ arguments: TemplateArguments) throws -> TemplateValue {
        guard !arguments.positional.isEmpty else { throw TemplateRuntimeError("TypeError", "no items for cycling given") }
        return arguments.positional[index0 % arguments.positional.count]
    }
}

extension TemplateValue {
    /// The `loop` object this value holds, without a reference count: for `loop.index` read
    /// where the variable lives (the scope entry keeps the object alive while it is read).
    @inline(__always)
    var unretainedLoop: Unmanaged<LoopContext>? {
        if case .object(let object) = self, type(of: object) == LoopContext.self {
            return Unmanaged.passUnretained(unsafeDowncast(object, to: LoopContext.self))
        }
        return nil
    }
}
