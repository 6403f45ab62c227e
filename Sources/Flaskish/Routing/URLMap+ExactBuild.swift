/// Values for ``URLMap/buildExact(endpoint:_:)`` read in place from wherever the caller holds
/// them (a template call's keyword arguments, a Swift dictionary), so the common build needs no
/// dictionary of texts.
///
/// The names must be distinct, and every value present: a caller with `None` values, lists or
/// repeated names takes the general `build`.
protocol URLBuildValues {
    /// How many values there are.
    var count: Int { get }
    /// The position of the value named `name`, or nil when there is none.
    func index(of name: String) -> Int?
    /// The value at `index` as the converter sees it (Python's `str()` of it).
    func text(at index: Int) -> String
}

extension URLMap {
    /// `build` with no method, no query string and no list values, for the common `url_for`
    /// call whose values exactly fill one rule: the same rule is chosen as by `build` (rules
    /// that take `GET` first, then the others, each list in build order, the first suitable
    /// one wins) and its URL written into one string, without the dictionary and set look-ups
    /// of the general path.
    ///
    /// - Returns: the path, or nil whenever the general `build` must decide: no suitable rule
    ///   (it throws the `BuildError`), values the chosen rule does not use (the query string),
    ///   or a converter that refuses a value (its error).
    func buildExact(endpoint: String, _ values: some URLBuildValues) -> String? {
        guard let candidates = endpointTable[endpoint] else { return nil }
        // `build` with no method tries the rules that take `GET`, then every rule; a rule that
        // takes `GET` and was not suitable in the first pass is not suitable in the second.
        var getPass = true
        while true {
            for storage in candidates {
                guard storage.acceptsGET == getPass else { continue }
                switch storage.exactSuitability(for: values) {
                case .unsuitable: continue
                case .usesEveryValue: return storage.writePath(values)
                case .leavesValues: return nil
                }
            }
            guard getPass else { return nil }
            getPass = false
        }
    }
}

extension Rule.Storage {
    /// Whether a rule suits some values, and whether it uses all of them.
    enum ExactSuitability {
        case unsuitable
        case usesEveryValue
        case leavesValues
    }

    /// `Rule.isSuitable(for:method: nil)` over `values`, and whether the suitable rule uses
    /// every value: the values are distinct and hold all the required arguments, so only the
    /// defaults given besides them can account for the rest.
    func exactSuitability(for values: some URLBuildValues) -> ExactSuitability {
        for name in requiredArguments where values.index(of: name) == nil { return .unsuitable }
        var used = requiredArguments.count
        for (name, value) in defaultPairs {
            guard let index = values.index(of: name) else { continue }
            guard values.text(at: index) == value else { return .unsuitable }
            used += 1
        }
        return used == values.count ? .usesEveryValue : .leavesValues
    }

    /// `Rule.build` for values that this rule suits and uses up: nil when a converter refuses a
    /// value, so that the general path throws its error.
    ///
    /// A rule whose variables only percent-encode (`string`, `path`: nearly all) is written from
    /// its ``QuotedTemplate`` in one pass into a buffer on the stack, then copied once into the
    /// result; appending to a `String` piece by piece cost more than the rest of the build. A
    /// URL longer than the buffer is appended piece by piece instead.
    func writePath(_ values: some URLBuildValues) -> String? {
        guard let template = buildPlan.quotedTemplate else { return appendPath(values) }
        let written = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.stackPathBytes) { buffer in
            template.literalBytes.withUnsafeBufferPointer { literal -> WrittenPath in
                var count = 0
                var copied = 0
                for variable in template.variables {
                    guard let next = URLMap.Quoting.write(UnsafeBufferPointer(rebasing: literal[copied..<variable.literalEnd]),
                                                          into: buffer, at: count) else { return .tooLong }
                    copied = variable.literalEnd
                    guard let index = values.index(of: variable.name) else { return .missing }
                    guard let end = URLMap.Quoting.writeQuotedPath(values.text(at: index), into: buffer, at: next) else {
                        return .tooLong
                    }
                    count = end
                }
                guard let end = URLMap.Quoting.write(UnsafeBufferPointer(rebasing: literal[copied...]), into: buffer, at: count) else {
                    return .tooLong
                }
                count = end
                // `"/" + path.lstrip("/")` changes only a path that does not start with exactly one `/`.
                let path = String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
                let plain = count > 0 && buffer[0] == UInt8(ascii: "/") && (count == 1 || buffer[1] != UInt8(ascii: "/"))
                return .path(plain ? path : Self.strippingLeadingSlashes(path))
            }
        }
        switch written {
        case .path(let path): return path
        case .missing: return nil
        case .tooLong: return appendPath(values)
        }
    }

    /// The bytes of the stack buffer `writePath` writes into.
    private static let stackPathBytes = 1024

    /// What `writePath`'s buffer gave.
    private enum WrittenPath {
        case path(String)
        case missing
        case tooLong
    }

    /// `writePath` for rules with other converters: each piece appended in turn.
    private func appendPath(_ values: some URLBuildValues) -> String? {
        var path = ""
        path.reserveCapacity(literalByteCount + 24 * arguments.count)
        for step in buildPlan.steps {
            switch step {
            case .literal(let text):
                path += text
            case .quoted(let name):
                guard let index = values.index(of: name) else { return nil }
                URLMap.Quoting.appendQuotedPath(values.text(at: index), to: &path)
            case .defaulted(let value, let converter):
                guard let written = try? buildPlan.converters[converter].toURL(value) else { return nil }
                path += written
            case .variable(let name, let converter):
                guard let index = values.index(of: name),
                      let written = try? buildPlan.converters[converter].toURL(values.text(at: index)) else { return nil }
                path += written
            }
        }
        return Self.strippingLeadingSlashes(path)
    }

    /// As `Rule.build`: `"/" + path.lstrip("/")`, which only changes a path when a value put
    /// slashes at its front.
    private static func strippingLeadingSlashes(_ path: String) -> String {
        let utf8 = path.utf8
        if utf8.first != UInt8(ascii: "/") || (utf8.count > 1 && utf8[utf8.index(after: utf8.startIndex)] == UInt8(ascii: "/")) {
            return "/" + path.drop { $0 == "/" }
        }
        return path
    }
}
