// Accept-* headers (RFC 9110 §12.5): `value;q=0.8, other`, read as Werkzeug reads them.

/// The values of an `Accept`, `Accept-Language`, `Accept-Charset` or `Accept-Encoding` header,
/// most specific first, then by quality.
///
/// ```swift
/// switch req.acceptMimetypes.bestMatch(["application/json", "text/html"]) {
/// case "application/json": return jsonify(data)
/// default: return render(data)
/// }
/// ```
///
/// Flask: Werkzeug's `Accept`, `MIMEAccept` and `LanguageAccept`
/// (`request.accept_mimetypes`, `accept_languages`, `accept_charsets`, `accept_encodings`).
public struct Accept: Sendable, Equatable {
    /// How values are compared.
    public enum Kind: Sendable, Equatable {
        /// Media types with `*/*` and `type/*` wildcards. Werkzeug: `MIMEAccept`.
        case mime
        /// Language tags; `en` matches `en-US` when nothing matches exactly. Werkzeug: `LanguageAccept`.
        case language
        /// Case-insensitive tokens and `*`. Werkzeug: `Accept` (charsets, encodings).
        case token
    }

    /// The `(value, quality)` pairs, most specific and then highest quality first.
    public let values: [(value: String, quality: Double)]
    /// How values are compared.
    public let kind: Kind
    /// False when the request had no such header (then every value is acceptable).
    ///
    /// Werkzeug: `Accept.provided`.
    public let provided: Bool

    /// The values of `header` (nil when the request had none).
    ///
    /// Entries whose `q` is not a number in 0…1 are skipped, as Werkzeug does.
    public init(_ header: String?, kind: Kind) {
        self.kind = kind
        provided = header != nil
        var parsed: [(value: String, quality: Double)] = []
        for item in (header ?? "").split(separator: ",") {
            let pieces = item.split(separator: ";").map { String($0.trimmingASCIIWhitespace()) }
            guard let value = pieces.first, !value.isEmpty else { continue }
            var quality = 1.0
            var parameters: [String] = []
            var valid = true
            for parameter in pieces.dropFirst() where !parameter.isEmpty {
                if parameter.lowercased().hasPrefix("q=") {
                    guard let q = Double(parameter.dropFirst(2)), q >= 0, q <= 1 else { valid = false; break }
                    quality = q
                } else {
                    parameters.append(parameter)
                }
            }
            guard valid else { continue }
            parsed.append((value: ([value] + parameters).joined(separator: "; "), quality: quality))
        }
        // Stable: equal entries keep the client's order.
        values = parsed.enumerated().sorted { (a: (offset: Int, element: (value: String, quality: Double)), b) -> Bool in
            let (sa, sb) = (Self.specificity(a.element.value, kind), Self.specificity(b.element.value, kind))
            if sa != sb { return sb.lexicographicallyPrecedes(sa) }
            if a.element.quality != b.element.quality { return a.element.quality > b.element.quality }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The client's preferred value, or nil when there is none.
    ///
    /// Werkzeug: `accept.best`.
    public var best: String? { values.first?.value }

    /// The quality the client gives `value` (0 when it does not accept it).
    ///
    /// Werkzeug: `accept[value]` / `accept.quality(value)`.
    public func quality(_ value: String) -> Double {
        values.filter { matches(server: value, client: $0.value) }.map(\.quality).max() ?? 0
    }

    /// True when the header lists something matching `value` (even with `q=0`).
    ///
    /// Werkzeug: `value in accept`.
    public func contains(_ value: String) -> Bool { values.contains { matches(server: value, client: $0.value) } }

    /// The value of `offers` the client prefers (highest quality, then most specific match, then
    /// the first offered), or `defaultValue` when it accepts none.
    ///
    /// Werkzeug: `accept.best_match(matches, default=None)`.
    public func bestMatch(_ offers: [String], default defaultValue: String? = nil) -> String? {
        if let found = Self.bestMatch(offers, in: values, kind: kind, matching: matches) { return found }
        guard kind == .language else { return defaultValue }
        // Werkzeug's two fallbacks, in its order. First the client's tags cut to their primary
        // subtag, compared as plain tokens with the offers as given (`en-US` accepted, `en` offered).
        let cut = values.map { (value: Self.primarySubtag($0.value), quality: $0.quality) }
        let reduced = cut.enumerated().sorted { a, b in
            let (sa, sb) = (a.element.value != "*", b.element.value != "*")
            if sa != sb { return sa }
            if a.element.quality != b.element.quality { return a.element.quality > b.element.quality }
            return a.offset < b.offset
        }.map(\.element)
        let token = { (server: String, client: String) in client == "*" || client.lowercased() == server.lowercased() }
        if let found = Self.bestMatch(offers, in: reduced, kind: .token, matching: token) { return found }
        // Then the offers cut to their primary subtag against the client's full tags (`en`
        // accepted, `en-US` offered); the first offer starting with the match is returned.
        if let found = Self.bestMatch(offers.map(Self.primarySubtag), in: values, kind: kind, matching: matches) {
            return offers.first { $0.hasPrefix(found) } ?? defaultValue
        }
        return defaultValue
    }

    /// `pt` of `pt-BR` or `pt_BR` (Werkzeug splits once on `-` or `_`, case kept).
    private static func primarySubtag(_ tag: String) -> String {
        String(tag.prefix { $0 != "-" && $0 != "_" })
    }

    /// Werkzeug's `best_match`: for each offer, the first client entry (they are sorted) that
    /// matches it; the offer wins on a higher quality, or an equal one with a more specific entry.
    private static func bestMatch(
        _ offers: [String], in entries: [(value: String, quality: Double)], kind: Kind,
        matching: (String, String) -> Bool
    ) -> String? {
        var result: String?
        var bestQuality = -1.0
        var bestSpecificity = [-1]
        for offer in offers {
            guard let entry = entries.first(where: { matching(offer, $0.value) }) else { continue }
            let specificity = Self.specificity(entry.value, kind)
            guard entry.quality > 0, entry.quality >= bestQuality else { continue }
            if entry.quality > bestQuality || bestSpecificity.lexicographicallyPrecedes(specificity) {
                (result, bestQuality, bestSpecificity) = (offer, entry.quality, specificity)
            }
        }
        return result
    }

    /// True for `text/html`, `application/xhtml+xml` (q > 0). Werkzeug: `accept_html`.
    public var acceptsHTML: Bool { quality("text/html") > 0 || quality("application/xhtml+xml") > 0 }
    /// True for `application/json` (q > 0). Werkzeug: `accept_json`.
    public var acceptsJSON: Bool { quality("application/json") > 0 }

    /// Whether an offered value matches a client entry.
    private func matches(server: String, client: String) -> Bool {
        switch kind {
        case .token:
            return client == "*" || client.lowercased() == server.lowercased()
        case .language:
            let normalize = { (tag: String) in tag.lowercased().replacing("_", with: "-") }
            return client == "*" || normalize(client) == normalize(server)
        case .mime:
            guard let c = Self.splitMime(client), let s = Self.splitMime(server) else { return false }
            if c.type == "*" && c.subtype != "*" { return false }
            if (c.type == "*" && c.subtype == "*") || (s.type == "*" && s.subtype == "*") { return true }
            return c.type == s.type && (c.subtype == "*" || s.subtype == "*" || (c.subtype == s.subtype && c.params == s.params))
        }
    }

    /// `Text/HTML; Level=1` → (`text`, `html`, [`level=1`]), nil without a `/`.
    private static func splitMime(_ value: String) -> (type: String, subtype: String, params: [String])? {
        let pieces = value.lowercased().split(separator: ";").map { String($0.trimmingASCIIWhitespace()).replacing(" ", with: "") }
        guard let first = pieces.first, let slash = first.firstIndex(of: "/") else { return nil }
        return (String(first[..<slash]), String(first[first.index(after: slash)...]), pieces.dropFirst().sorted())
    }

    /// Werkzeug ranks `text/html` over `text/*` over `*/*`, and any token over `*`.
    private static func specificity(_ value: String, _ kind: Kind) -> [Int] {
        guard kind == .mime, let mime = splitMime(value) else { return [value != "*" ? 1 : 0] }
        return [mime.type != "*" ? 1 : 0, mime.subtype != "*" ? 1 : 0]
    }

    /// Same entries, same kind.
    public static func == (lhs: Accept, rhs: Accept) -> Bool {
        lhs.kind == rhs.kind && lhs.provided == rhs.provided && lhs.values.count == rhs.values.count
            && zip(lhs.values, rhs.values).allSatisfy { $0.value == $1.value && $0.quality == $1.quality }
    }
}

extension Request {
    /// The media types the client accepts. Flask: `request.accept_mimetypes`.
    public var acceptMimetypes: Accept { Accept(headers["Accept"], kind: .mime) }
    /// The languages the client accepts. Flask: `request.accept_languages`.
    public var acceptLanguages: Accept { Accept(headers["Accept-Language"], kind: .language) }
    /// The charsets the client accepts. Flask: `request.accept_charsets`.
    public var acceptCharsets: Accept { Accept(headers["Accept-Charset"], kind: .token) }
    /// The content codings the client accepts. Flask: `request.accept_encodings`.
    public var acceptEncodings: Accept { Accept(headers["Accept-Encoding"], kind: .token) }
}
