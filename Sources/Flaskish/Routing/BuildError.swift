/// `urlFor` could not write a URL for an endpoint with these values: Werkzeug's `BuildError`,
/// with its message and its suggestion of the closest rule.
///
/// `"Could not build url for endpoint 'user' ('POST') with values ['name']. Did you forget to
/// specify values ['id']?"`; for a misspelt endpoint, `"Did you mean 'users' instead?"`.
public struct BuildError: Error, Sendable, CustomStringConvertible {
    /// The endpoint asked for.
    ///
    /// Werkzeug: `BuildError.endpoint`.
    public let endpoint: String
    /// The values given.
    ///
    /// Werkzeug: `BuildError.values`.
    public let values: [String: String]
    /// The method asked for, if any.
    ///
    /// Werkzeug: `BuildError.method`.
    public let method: HTTPMethod?
    /// The rule that looks most like what was asked for, if the map has rules.
    ///
    /// Werkzeug: `BuildError.suggested` (a rule of the endpoint that came close).
    public let suggestedRule: Rule?
    /// Why a converter refused a value, when a rule was otherwise suitable (Werkzeug raises the
    /// converter's `ValueError` itself there).
    public let rejection: String?

    /// Werkzeug's `BuildError.__str__`, plus the converter's reason when there is one.
    public var description: String {
        var message = "Could not build url for endpoint \(PythonRepr.string(endpoint))"
        if let method { message += " (\(PythonRepr.string(method.rawValue)))" }
        if !values.isEmpty { message += " with values \(PythonRepr.sortedList(values.keys))" }
        message += "."
        if let rejection { message += " The converter refused a value: \(rejection)." }
        guard let suggested = suggestedRule else { return message }
        if suggested.endpoint == endpoint {
            if let method, !suggested.methods.contains(method) {
                message += " Did you mean to use methods \(PythonRepr.sortedList(suggested.methods.map(\.rawValue)))?"
            }
            let missing = suggested.expectedArguments.subtracting(values.keys)
            if !missing.isEmpty {
                message += " Did you forget to specify values \(PythonRepr.sortedList(missing))?"
            }
        } else {
            message += " Did you mean \(PythonRepr.string(suggested.endpoint)) instead?"
        }
        return message
    }
}

extension BuildError {
    /// Python's `repr` of strings and sorted lists of strings, for messages that read like
    /// Werkzeug's.
    enum PythonRepr {
        static func string(_ text: String) -> String {
            let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
            var out = String(quote)
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where Character(scalar) == quote: out += "\\" + String(quote)
                case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                default: out.unicodeScalars.append(scalar)
                }
            }
            out.append(quote)
            return out
        }

        static func sortedList<S: Sequence<String>>(_ items: S) -> String {
            let sorted = items.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            return "[" + sorted.map(string).joined(separator: ", ") + "]"
        }
    }
}
