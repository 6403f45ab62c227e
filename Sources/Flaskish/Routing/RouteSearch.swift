/// One walk of the matcher over a path: Werkzeug's `StateMachineMatcher.match` `_match`
/// recursion, keeping its order of trials so that the same rule wins.
///
/// The remaining path is an index into the path instead of a list of segments, so the walk
/// allocates nothing but the values it collects: `nil` means no segment is left (Werkzeug's
/// `parts == []`), `path.endIndex` means one empty segment is left (`parts == [""]`, the request
/// ended with a slash).
struct RouteSearch {
    enum Outcome {
        case none
        case matched(Int)
        case slashRequired
    }

    private let nodes: [MatchNode]
    private let rules: [Rule]
    let path: Substring
    private let method: HTTPMethod?
    /// Methods of rules whose path matched but whose methods did not (Werkzeug's `have_match_for`).
    var allowed: Set<HTTPMethod> = []
    /// Converted values of the current trial, in rule order.
    private(set) var values: [RouteValue] = []
    /// Converter tests left before giving up.
    private var budget: Int
    /// True when the budget ran out: the search stopped and answers nothing.
    private(set) var exhausted = false

    /// Takes the map's parts rather than the map, so that a match copies no `URLMap`.
    init(nodes: [MatchNode], rules: [Rule], path: Substring, method: HTTPMethod?, budget: Int) {
        self.nodes = nodes
        self.rules = rules
        self.path = path
        self.method = method
        self.budget = budget
    }

    mutating func run() -> Outcome {
        walk(0, from: path.startIndex)
    }

    private func accepts(_ rule: Int) -> Bool {
        guard let method else { return false }
        return rules[rule].accepts(method)
    }

    private mutating func walk(_ node: Int, from rest: String.Index?) -> Outcome {
        guard let rest else {
            for rule in nodes[node].rules {
                if accepts(rule) { return .matched(rule) }
                allowed.formUnion(rules[rule].methods)
            }
            // Only a branch rule (`/a/`) ends one segment further: ask for the slash.
            if let slashNode = nodes[node].staticChildren[SegmentKey("")] {
                for rule in nodes[slashNode].rules where accepts(rule) {
                    return rules[rule].strictSlashes ? .slashRequired : .matched(rule)
                }
            }
            return .none
        }

        let slash = path.utf8[rest...].firstIndex(of: UInt8(ascii: "/"))
        let head = path[rest..<(slash ?? path.endIndex)]
        let next = slash.map { path.utf8.index(after: $0) }

        if let child = nodes[node].staticChildren[SegmentKey(head)] {
            let outcome = walk(child, from: next)
            if case .none = outcome {} else { return outcome }
            if exhausted { return .none }
        }

        for (part, child) in nodes[node].dynamic {
            let mark = values.count
            var target = head
            var remaining = next
            if part.isFinal {
                // A `path` converter takes every remaining segment at once.
                target = path[rest...]
                remaining = nil
                if part.isSuffixed, target.utf8.last == UInt8(ascii: "/") {
                    target = target.dropLast()
                    remaining = path.endIndex
                }
                // The text before the optional slash must not end with one (`(?<!/)`).
                if part.isSuffixed, target.utf8.last == UInt8(ascii: "/") { continue }
            }
            if matchPieces(part.pieces, 0, in: target, at: target.startIndex) {
                let outcome = walk(child, from: remaining)
                if case .none = outcome {} else { return outcome }
                values.removeSubrange(mark...)
            }
            if exhausted { return .none }
        }

        // A request ending in a slash may still match a non-strict leaf rule (`/a` for `/a/`).
        if rest == path.endIndex {
            for rule in nodes[node].rules where !rules[rule].strictSlashes {
                if accepts(rule) { return .matched(rule) }
                allowed.formUnion(rules[rule].methods)
            }
        }
        return .none
    }

    /// Matches `pieces[index...]` against all of `text[position...]`, as the part's regex would
    /// with `\Z`: converters that stay in one segment try the longest text first (greedy
    /// `[^/]+`), slash-matching converters the shortest first (lazy `[^/].*?`). Appends the
    /// values on success and leaves `values` as it was on failure.
    private mutating func matchPieces(_ pieces: [RulePiece], _ index: Int, in text: Substring, at position: String.Index) -> Bool {
        guard index < pieces.count else { return position == text.endIndex }
        switch pieces[index] {
        case .literal(let literal):
            guard text.utf8[position...].starts(with: literal.utf8) else { return false }
            let after = text.utf8.index(position, offsetBy: literal.utf8.count)
            return matchPieces(pieces, index + 1, in: text, at: after)

        case .converter(let converter, _):
            let isLast = index == pieces.count - 1
            var nextLiteral: String.UTF8View?
            if !isLast, case .literal(let literal) = pieces[index + 1] { nextLiteral = literal.utf8 }
            let scalars = text.unicodeScalars

            if converter.matchesSlashes {
                var end = isLast ? text.endIndex : position
                while true {
                    if let literal = nextLiteral, let lead = literal.first {
                        // Jump to the next place the following text could start; a lead byte
                        // only occurs at the start of a scalar, so `end` stays aligned.
                        guard let found = text.utf8[end...].firstIndex(of: lead) else { return false }
                        end = found
                        guard text.utf8[end...].starts(with: literal) else {
                            end = text.utf8.index(after: end)
                            continue
                        }
                    }
                    if tryValue(converter, pieces, index, in: text, from: position, to: end) { return true }
                    if exhausted || end == text.endIndex { return false }
                    end = scalars.index(after: end)
                }
            } else {
                let limit = text.utf8[position...].firstIndex(of: UInt8(ascii: "/")) ?? text.endIndex
                if isLast {
                    guard limit == text.endIndex else { return false }
                    return tryValue(converter, pieces, index, in: text, from: position, to: limit)
                }
                var end = limit
                while true {
                    if nextLiteral.map({ text.utf8[end...].starts(with: $0) }) ?? true,
                       tryValue(converter, pieces, index, in: text, from: position, to: end) {
                        return true
                    }
                    if exhausted || end == position { return false }
                    end = scalars.index(before: end)
                }
            }
        }
    }

    private mutating func tryValue(
        _ converter: any RouteConverter, _ pieces: [RulePiece], _ index: Int,
        in text: Substring, from start: String.Index, to end: String.Index
    ) -> Bool {
        guard budget > 0 else {
            exhausted = true
            return false
        }
        budget -= 1
        guard let value = converter.match(text[start..<end]) else { return false }
        values.append(value)
        if matchPieces(pieces, index + 1, in: text, at: end) { return true }
        values.removeLast()
        return false
    }
}
