#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rules of an app and the matcher built from them: Werkzeug's `Map` with its
/// `StateMachineMatcher`, bound to no server (the path is all it needs).
///
/// Each rule is cut at its slashes into parts; the map is a tree of those parts. A request path is
/// walked segment by segment: static text is tried first (a dictionary look-up), then the variable
/// parts at that place in Werkzeug's weight order. No regular expressions are used: converters
/// test candidate text themselves. See `URLMap+Match.swift` for the outcomes and
/// `URLMap+Build.swift` for `urlFor`.
///
/// Differences from Werkzeug 3.1, each deliberate:
/// - a converter that refuses a value lets other rules try (Werkzeug documents this for
///   `ValidationError`, but its state machine answers 404);
/// - defaults are strings and reach the view as `.string`; the defaults redirect compares them
///   through the matched rule's converter, so `"1"` equals `<int:page>`'s `1`;
/// - extra values in `build` go to the query string sorted by name;
/// - a converter's `toURL` refusal makes the rule unsuitable (Werkzeug raises `ValueError`);
///   `uuid` checks and lower-cases, `any` percent-encodes;
/// - duplicate rules are refused as in Werkzeug 3.2; converters are compared by type and
///   arguments rather than by regex text;
/// - not carried over: subdomain and host matching, WebSocket rules, `alias`, `build_only`,
///   `redirect_to`, per-rule `merge_slashes`;
/// - ``maxConverterCalls`` bounds the backtracking a path with several `path` variables can cause.
public struct URLMap: Sendable {
    /// The default for ``maxConverterCalls``.
    public static let defaultMaxConverterCalls = 1_000

    /// The converters rules may name (Werkzeug's `Map.converters`). Register custom ones here
    /// and make rules with `converters: map.converters` (or use ``add(_:endpoint:methods:strictSlashes:defaults:provideAutomaticOptions:)``).
    public var converters: ConverterRegistry = .default
    /// Redirect a path with repeated slashes (`/a//b`) to the merged one when only that matches
    /// (Werkzeug's `merge_slashes`, on by default).
    public var mergeSlashes = true
    /// Redirect a URL that a rule with defaults can write more simply (`/page/1` to `/` when `/`
    /// has `defaults: ["page": "1"]`): Werkzeug's `redirect_defaults`, on by default.
    public var redirectDefaults = true
    /// The most converter tests one match may make before giving up with `.notFound`. Rules with
    /// several `path` variables backtrack over the whole path; this bounds the work a long hostile
    /// path can cause.
    ///
    /// Flaskish's own bound; Werkzeug has none.
    public var maxConverterCalls = URLMap.defaultMaxConverterCalls

    /// The rules, in the order they were added.
    ///
    /// Werkzeug: `list(map.iter_rules())`.
    public private(set) var rules: [Rule] {
        get { tables.rules }
        _modify { makeTablesUnique(); yield &tables.rules }
    }

    var nodes: [MatchNode] {
        get { tables.nodes }
        _modify { makeTablesUnique(); yield &tables.nodes }
    }
    /// Rule indices per endpoint, ordered for building: more arguments first, then more defaults
    /// (Werkzeug's `build_compare_key`), ties in the order added.
    var ruleIndicesByEndpoint: [String: [Int]] {
        get { tables.ruleIndicesByEndpoint }
        _modify { makeTablesUnique(); yield &tables.ruleIndicesByEndpoint }
    }
    /// The rules of `ruleIndicesByEndpoint` again, in a table that is cheaper to search (see
    /// ``EndpointTable``), for `url_for`.
    var endpointTable: EndpointTable<[Rule.Storage]> {
        get { tables.endpointTable }
        _modify { makeTablesUnique(); yield &tables.endpointTable }
    }
    /// Endpoints in the order first seen (Werkzeug iterates rules this way for suggestions).
    var endpointOrder: [String] {
        get { tables.endpointOrder }
        _modify { makeTablesUnique(); yield &tables.endpointOrder }
    }
    /// For each rule, the rules of its endpoint that come before it for building and whose
    /// defaults may write its URL more simply (Werkzeug's `provides_defaults_for`), so a match
    /// need not look them up.
    var defaultsProviders: [[Int]] {
        get { tables.defaultsProviders }
        _modify { makeTablesUnique(); yield &tables.defaultsProviders }
    }

    /// The compiled state in one shared box: the app hands out copies of its map on every
    /// `url_for`, and a copy should cost one retain, not one per table.
    private var tables = URLMapTables()

    private mutating func makeTablesUnique() {
        if !isKnownUniquelyReferenced(&tables) { tables = tables.copy() }
    }

    /// An empty map with Werkzeug's defaults.
    public init() {}

    /// Adds a compiled rule. Refuses one that duplicates a rule already here.
    ///
    /// Werkzeug: `Map.add(rule)`.
    public mutating func add(_ rule: Rule) throws(DuplicateRuleError) {
        if let node = existingNode(for: rule.storage.parts) {
            for index in nodes[node].rules where rules[index].isDuplicate(of: rule) {
                throw DuplicateRuleError(existing: rules[index], duplicate: rule)
            }
        }
        let node = makeNode(for: rule.storage.parts)
        let index = rules.count
        rules.append(rule)
        nodes[node].rules.append(index)

        if ruleIndicesByEndpoint[rule.endpoint] == nil { endpointOrder.append(rule.endpoint) }
        var indices = ruleIndicesByEndpoint[rule.endpoint, default: []]
        let key = buildOrderKey(rule)
        let position = indices.firstIndex { buildOrderKey(rules[$0]) > key } ?? indices.count
        indices.insert(index, at: position)
        ruleIndicesByEndpoint[rule.endpoint] = indices
        // Under the name the dictionary keeps: a name equal to it but written with other code
        // points is then not found in the table, and `url_for` takes the dictionary's way.
        if let stored = ruleIndicesByEndpoint.index(forKey: rule.endpoint) {
            endpointTable.set(indices.map { rules[$0].storage }, for: ruleIndicesByEndpoint.keys[stored])
        }

        defaultsProviders.append([])
        for (order, ruleIndex) in indices.enumerated() {
            let matched = rules[ruleIndex]
            defaultsProviders[ruleIndex] = indices[..<order].filter { candidateIndex in
                let candidate = rules[candidateIndex]
                return !candidate.defaults.isEmpty && candidate.rule != matched.rule
                    && candidate.expectedArguments == matched.expectedArguments
            }
        }
    }

    /// Compiles a rule with this map's converters and adds it (Flask's `add_url_rule` path).
    public mutating func add(
        _ rule: String,
        endpoint: String,
        methods: [HTTPMethod]? = nil,
        strictSlashes: Bool = true,
        defaults: [String: String] = [:],
        provideAutomaticOptions: Bool = true
    ) throws {
        try add(Rule(rule, endpoint: endpoint, methods: methods, strictSlashes: strictSlashes,
                     defaults: defaults, converters: converters, provideAutomaticOptions: provideAutomaticOptions))
    }

    /// The rules of one endpoint, in the order `build` tries them.
    ///
    /// Werkzeug: `list(map.iter_rules(endpoint))`.
    public func rules(for endpoint: String) -> [Rule] {
        (ruleIndicesByEndpoint[endpoint] ?? []).map { rules[$0] }
    }

    /// True when some rule of `endpoint` takes all of `arguments` (Werkzeug's
    /// `is_endpoint_expecting`, used by Flask's `url_defaults` idiom).
    public func isEndpointExpecting(_ endpoint: String, _ arguments: String...) -> Bool {
        rules(for: endpoint).contains { $0.expectedArguments.isSuperset(of: arguments) }
    }

    private func buildOrderKey(_ rule: Rule) -> (Int, Int) {
        (-rule.expectedArguments.count, -rule.defaults.count)
    }

    private func existingNode(for parts: [RulePart]) -> Int? {
        var node = 0
        for part in parts {
            switch part {
            case .staticSegment(let text):
                guard let child = nodes[node].staticChildren[SegmentKey(text[...])] else { return nil }
                node = child
            case .dynamic(let dynamic):
                guard let entry = nodes[node].dynamic.first(where: { $0.part == dynamic }) else { return nil }
                node = entry.child
            }
        }
        return node
    }

    private mutating func makeNode(for parts: [RulePart]) -> Int {
        var node = 0
        for part in parts {
            switch part {
            case .staticSegment(let text):
                let key = SegmentKey(text[...])
                if let child = nodes[node].staticChildren[key] {
                    node = child
                } else {
                    nodes.append(MatchNode())
                    nodes[node].staticChildren[key] = nodes.count - 1
                    node = nodes.count - 1
                }
            case .dynamic(let dynamic):
                if let entry = nodes[node].dynamic.first(where: { $0.part == dynamic }) {
                    node = entry.child
                } else {
                    nodes.append(MatchNode())
                    let child = nodes.count - 1
                    // Keep the transitions sorted by weight; equal weights stay in the order added.
                    let position = nodes[node].dynamic.firstIndex { dynamic.weight < $0.part.weight }
                        ?? nodes[node].dynamic.count
                    nodes[node].dynamic.insert((dynamic, child), at: position)
                    node = child
                }
            }
        }
        return node
    }
}

/// The tables of a `URLMap`, copied on write.
///
/// `@unchecked Sendable` because its fields are `var`: they are only changed through the
/// map's mutating accessors, which first make this box unique to that map value, and a value
/// being mutated is never shared between threads (Swift's exclusivity), so no box that another
/// thread can see is ever written.
///
/// The same reasoning makes the run-time exclusivity checks redundant: a write happens only
/// through a uniquely referenced box of a map value under mutation, so no read can overlap it.
/// They are turned off (`@exclusivity(unchecked)`) because every match and `url_for` reads
/// these tables, and each checked access cost a runtime call.
final class URLMapTables: @unchecked Sendable {
    @exclusivity(unchecked) var rules: [Rule] = []
    @exclusivity(unchecked) var nodes: [MatchNode] = [MatchNode()]
    @exclusivity(unchecked) var ruleIndicesByEndpoint: [String: [Int]] = [:]
    @exclusivity(unchecked) var endpointOrder: [String] = []
    @exclusivity(unchecked) var endpointTable = EndpointTable<[Rule.Storage]>()
    @exclusivity(unchecked) var defaultsProviders: [[Int]] = []

    init() {}

    func copy() -> URLMapTables {
        let copy = URLMapTables()
        copy.rules = rules
        copy.nodes = nodes
        copy.ruleIndicesByEndpoint = ruleIndicesByEndpoint
        copy.endpointOrder = endpointOrder
        copy.endpointTable = endpointTable
        copy.defaultsProviders = defaultsProviders
        return copy
    }
}

/// A state of the matcher (Werkzeug's `State`): rules that end here, static transitions by
/// exact segment text, and variable transitions in weight order.
struct MatchNode: Sendable {
    var staticChildren: [SegmentKey: Int] = [:]
    var dynamic: [(part: DynamicPart, child: Int)] = []
    var rules: [Int] = []
}

/// A path segment as a dictionary key compared by its UTF-8 bytes, as Python compares `str`
/// (no Unicode normalization), and looked up with a `Substring` of the request path: no copy.
struct SegmentKey: Hashable, Sendable {
    let text: Substring

    init(_ text: Substring) { self.text = text }

    static func == (lhs: SegmentKey, rhs: SegmentKey) -> Bool {
        let equal: Bool? = lhs.text.utf8.withContiguousStorageIfAvailable { left in
            rhs.text.utf8.withContiguousStorageIfAvailable { right in
                left.count == right.count
                    && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
            }
        } ?? nil
        return equal ?? lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
        if hashed == nil {
            // Same bytes must hash the same whichever way they are stored.
            Array(text.utf8).withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }
}
