// The request's URL attributes, computed as Werkzeug's `get_host` and `get_current_url` do:
// the path and query are quoted with the WHATWG path/query sets, then turned back into an IRI
// (`uri_to_iri`): escapes are undone except for controls, space, `%` and the characters that
// would change the URL's structure (`/?#` in the path, `&=+#` in the query); bytes that are not
// UTF-8 stay escaped; the host name is lower-cased and a default port dropped.

extension Request {
    /// The `Host` header without the default `:80` (`127.0.0.1:5000`).
    ///
    /// Flask: `request.host` (Werkzeug's `get_host`).
    public var host: String {
        let sent = headers["Host"] ?? "localhost"
        return sent.hasSuffix(":80") ? String(sent.dropLast(3)) : sent
    }

    /// `http` (Flaskish speaks plain HTTP; a proxy's TLS is not seen here).
    ///
    /// Flask: `request.scheme`.
    public var scheme: String { "http" }

    /// `http://host/`: the scheme and host only.
    ///
    /// Flask: `request.host_url`.
    public var hostURL: String { "\(scheme)://\(URLPresentation.iriHost(host))/" }

    /// `http://host/`: the root the application answers at (Flaskish apps are mounted at `/`,
    /// so this is ``hostURL``).
    ///
    /// Flask: `request.url_root` / `request.root_url`.
    public var urlRoot: String { hostURL }

    /// The decoded path, `?` and the raw query string (`/a b?x=1`; `/a?` when the query is empty).
    ///
    /// Flask: `request.full_path`.
    public var fullPath: String { "\(path)?\(queryString)" }

    /// The full URL with the query string, as an IRI (`http://h/caf%C3%A9?q=%C3%A9` reads
    /// `http://h/café?q=é`).
    ///
    /// Flask: `request.url`.
    public var url: String {
        let base = baseURL
        guard !queryString.isEmpty else { return base }
        return base + "?" + URLPresentation.iriQuery(queryString)
    }

    /// The URL without the query string.
    ///
    /// Flask: `request.base_url`.
    public var baseURL: String {
        var trimmed = Substring(path)
        while trimmed.first == "/" { trimmed.removeFirst() }
        return hostURL + URLPresentation.iriPath(trimmed)
    }
}

/// The quoting round trip Werkzeug's `get_current_url` makes (`quote`, then `uri_to_iri`).
enum URLPresentation {
    /// `quote`'s safe set for the path (the WHATWG path set plus `%`).
    private static let pathSafe = URLCoding.SafeSet(extra: "!$&'()*+,/:;=@%")
    /// `quote`'s safe set for the query (the path set plus `?`).
    private static let querySafe = URLCoding.SafeSet(extra: "!$&'()*+,/:;=?@%")
    /// Escapes `uri_to_iri` keeps in a path: controls, space, `%`, DEL and `/?#`.
    private static let pathKept: Set<UInt8> = alwaysKept.union("/?#".utf8)
    /// Escapes `uri_to_iri` keeps in a query: controls, space, `%`, DEL and `&=+#`.
    private static let queryKept: Set<UInt8> = alwaysKept.union("&=+#".utf8)
    private static let alwaysKept: Set<UInt8> = Set(0...0x20).union([0x25, 0x7F])

    /// The host as `urlsplit(...).hostname` and `.port` give it back: the name lower-cased.
    static func iriHost(_ host: String) -> String {
        var name = Substring(host), port: Substring?
        if name.hasPrefix("["), let close = name.firstIndex(of: "]") {
            let rest = name[name.index(after: close)...]
            port = rest.hasPrefix(":") ? rest.dropFirst() : nil
            name = name[...close]
        } else if let colon = name.lastIndex(of: ":") {
            port = name[name.index(after: colon)...]
            name = name[..<colon]
        }
        var result = name.lowercased()
        if let port {
            // `.port` reads the digits as a number: `:080` comes back as `:80`.
            if let number = Int(port), number >= 0 { result += ":\(number)" } else { result += ":" + port }
        }
        return result
    }

    /// The path (without its leading `/`) quoted and turned back into an IRI.
    static func iriPath(_ path: Substring) -> String {
        unquote(URLCoding.percentEncode(path, safe: pathSafe), keeping: pathKept)
    }

    /// The raw query string quoted and turned back into an IRI.
    static func iriQuery(_ query: String) -> String {
        unquote(URLCoding.percentEncode(query, safe: querySafe), keeping: queryKept)
    }

    /// Undoes `%XX` escapes except those of `kept` bytes; invalid UTF-8 is escaped again.
    private static func unquote(_ text: String, keeping kept: Set<UInt8>) -> String {
        let utf8 = Array(text.utf8)
        guard utf8.contains(UInt8(ascii: "%")) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "%"), i + 2 < utf8.count,
               let hi = ASCII.hexValue(utf8[i + 1]), let lo = ASCII.hexValue(utf8[i + 2]) {
                let byte = hi << 4 | lo
                if kept.contains(byte) {
                    out.append(contentsOf: utf8[i...(i + 2)])
                } else {
                    out.append(byte)
                }
                i += 3
            } else {
                out.append(utf8[i])
                i += 1
            }
        }
        return URLCoding.decodeRequotingInvalid(out)
    }
}
