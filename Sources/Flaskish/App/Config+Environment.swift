import Foundation

extension Config {
    /// Sets every `PREFIX_NAME` environment variable as the key `NAME`, in sorted order, its
    /// value read as JSON when it is JSON (`5`, `0.5`, `true`, `"text"`, `[1, 2]`,
    /// `{"a": 1}`), else kept as the text. A `__` in the name sets a key inside a nested
    /// dictionary, made when missing: `FLASK_DB__HOST=db` sets `config["DB"]["HOST"]`.
    ///
    /// ```swift
    /// app.config.fromPrefixedEnvironment()             // FLASK_SECRET_KEY, FLASK_DEBUG, …
    /// app.config.fromPrefixedEnvironment("MYAPP")      // MYAPP_…
    /// ```
    ///
    /// JSON values become Swift values: `Int`, `Double`, `Bool`, `String`, `[any Sendable]`
    /// and `[String: any Sendable]`; `null` removes the key, as a Flask `None` setting is an
    /// absent one here. A name whose `__` path runs through a value that is not a dictionary
    /// is skipped (Flask raises `TypeError` there) and left out of the result.
    ///
    /// Flask: `app.config.from_prefixed_env(prefix="FLASK")` with its default `json.loads`.
    /// - Parameters:
    ///   - prefix: the variables' prefix, without the `_` that follows it.
    ///   - environment: the variables to read; the process's environment by default.
    /// - Returns: the keys that were set or removed, in the order they were applied
    ///   (nested ones as written, `DB__HOST`).
    @discardableResult
    public func fromPrefixedEnvironment(
        _ prefix: String = "FLASK", environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> [String] {
        var loaded: [String] = []
        let fullPrefix = prefix + "_"
        for (name, raw) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix(fullPrefix) {
            let key = String(name.dropFirst(fullPrefix.count))
            guard !key.isEmpty else { continue }
            let value = Self.configValue(Self.parseEnvironmentValue(raw))
            let path = key.components(separatedBy: "__")
            guard path.count > 1 else {
                self[key] = value
                loaded.append(key)
                continue
            }
            if withValues({ Self.setNested(&$0, path: path[...], value: value) }) { loaded.append(key) }
        }
        return loaded
    }

    /// A variable's value as Python's `json.loads` reads it, or the text when that fails:
    /// JSON scalars as `Int`/`Double`/`Bool`/`String`, `null` as `JSONValue.null`, arrays
    /// and objects as `[any Sendable]` and `[String: any Sendable]`. Like Python, the
    /// bare words `NaN`, `Infinity` and `-Infinity` are numbers; `inf`, `nan` and `+5` are not.
    static func parseEnvironmentValue(_ raw: String) -> any Sendable {
        switch raw.trimmingCharacters(in: .init(charactersIn: " \t\n\r")) {
        case "NaN": return Double.nan
        case "Infinity": return Double.infinity
        case "-Infinity": return -Double.infinity
        default: break
        }
        guard let json = try? JSONValue(parsing: raw) else { return raw }
        return json.isNull ? JSONValue.null : sendable(json)
    }

    /// A JSON value as the plain Swift value a config key holds.
    private static func sendable(_ json: JSONValue) -> any Sendable {
        switch json {
        case .null: JSONValue.null
        case .bool(let value): value
        case .int(let value): value
        case .bigInt(let value): value
        case .double(let value): value
        case .string(let value): value
        case .array(let values): values.map(sendable) as [any Sendable]
        case .object(let members): members.mapValues(sendable) as [String: any Sendable]
        }
    }

    /// `null` at the top level means "no value": the key is removed.
    private static func configValue(_ parsed: any Sendable) -> (any Sendable)? {
        if let json = parsed as? JSONValue, json.isNull { return nil }
        return parsed
    }

    /// Sets `value` at `path` inside `dictionary`, making missing levels; false when a level
    /// on the way holds something other than a dictionary.
    private static func setNested(
        _ dictionary: inout [String: any Sendable], path: ArraySlice<String>, value: (any Sendable)?
    ) -> Bool {
        guard let head = path.first else { return false }
        let rest = path.dropFirst()
        if rest.isEmpty {
            dictionary[head] = value
            return true
        }
        var child: [String: any Sendable]
        switch dictionary[head] {
        case nil: child = [:]
        case let existing as [String: any Sendable]: child = existing
        default: return false
        }
        guard setNested(&child, path: rest, value: value) else { return false }
        dictionary[head] = child
        return true
    }
}
