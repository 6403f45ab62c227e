extension Flask {
    /// The `TRUSTED_HOSTS` setting as a list, or nil when unset (every host is accepted).
    /// A single string is a list of one, as Werkzeug takes it.
    var trustedHosts: [String]? {
        switch config["TRUSTED_HOSTS"] {
        case let list as [String]: list
        case let list as [any Sendable]: list.compactMap { $0 as? String }
        case let one as String: [one]
        default: nil
        }
    }

    /// The 400 for a request whose `Host` is not in `TRUSTED_HOSTS`, or nil when it is
    /// trusted or no list is set. Raised where routing errors are, so `before_request` hooks
    /// and error handlers see it as they see a 404.
    ///
    /// Flask 3.1: `TRUSTED_HOSTS`, checked in `create_url_adapter` (Werkzeug's `SecurityError`,
    /// a `BadRequest` with the message `Host '…' is not trusted.`).
    func untrustedHostError(_ request: Request) -> HTTPException? {
        guard let trusted = trustedHosts, !trusted.isEmpty else { return nil }
        let host = request.host
        guard !Self.isTrusted(host: host, in: trusted) else { return nil }
        return HTTPException(.badRequest, description: "Host '\(host)' is not trusted.")
    }

    /// Whether `host` (a `Host` value, port ignored) is one of `trusted`; an entry starting
    /// with `.` also accepts every subdomain. Names compare exactly, as Werkzeug compares them.
    ///
    /// Werkzeug: `host_is_trusted(hostname, trusted_list)`.
    static func isTrusted(host: String, in trusted: [String]) -> Bool {
        let name = hostWithoutPort(host)
        guard !name.isEmpty else { return false }
        for entry in trusted {
            var reference = Substring(entry)
            let matchesSubdomains = reference.first == "."
            if matchesSubdomains { reference = reference.dropFirst() }
            reference = reference.prefix { $0 != ":" }
            if name == reference || (matchesSubdomains && name.hasSuffix("." + reference)) { return true }
        }
        return false
    }

    /// `example.com` from `example.com:8080`; `[::1]` from `[::1]:8080`.
    private static func hostWithoutPort(_ host: String) -> Substring {
        if host.first == "[" {
            return host.firstIndex(of: "]").map { host[...$0] } ?? Substring(host)
        }
        return host.prefix { $0 != ":" }
    }
}
