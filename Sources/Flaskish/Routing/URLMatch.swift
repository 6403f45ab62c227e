/// What matching a request path gave: Werkzeug's `MapAdapter.match` outcomes, as values
/// instead of exceptions.
public enum URLMatch: Sendable {
    /// A rule answers: the endpoint to dispatch and the view arguments (converted values, plus
    /// the rule's defaults as `.string`).
    ///
    /// Werkzeug: `MapAdapter.match` returning `(endpoint, view_args)`.
    case matched(rule: Rule, arguments: [String: RouteValue])
    /// No rule has this path (404, Werkzeug's `NotFound`).
    case notFound
    /// Rules have this path but none takes the method (405, `MethodNotAllowed`); `allowed` is
    /// sorted, ready for the `Allow` header.
    ///
    /// Werkzeug: `MethodNotAllowed(valid_methods=…)`.
    case methodNotAllowed(allowed: [HTTPMethod])
    /// The canonical URL is elsewhere (308, `RequestRedirect`): the path with a trailing slash, with
    /// merged slashes, or the URL of a rule whose defaults give these values. Percent-encoded path
    /// only; the app appends the request's query string.
    ///
    /// Werkzeug: `RequestRedirect(new_url)` (308).
    case redirect(location: String)

    /// The matched rule's endpoint, if a rule matched.
    ///
    /// Werkzeug: the first item of `MapAdapter.match`.
    public var endpoint: String? {
        if case .matched(let rule, _) = self { return rule.endpoint }
        return nil
    }

    /// The view arguments, if a rule matched.
    ///
    /// Werkzeug: the second item of `MapAdapter.match`.
    public var arguments: [String: RouteValue]? {
        if case .matched(_, let arguments) = self { return arguments }
        return nil
    }
}

/// Adding a rule that matches the same requests as one already in the map (Werkzeug 3.2's
/// `DuplicateRuleError`): same path pattern and overlapping methods.
public struct DuplicateRuleError: Error, Sendable, CustomStringConvertible {
    /// The rule already in the map.
    public let existing: Rule
    /// The rule that was refused.
    public let duplicate: Rule

    /// Both rules in Werkzeug's `repr` form.
    public var description: String {
        "\(duplicate) duplicates \(existing): same URL rule with overlapping methods."
    }
}
