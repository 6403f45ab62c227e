/// Why a rule string could not be compiled, with the 1-based column (in characters) where the
/// problem starts. Werkzeug raises `ValueError`/`LookupError` with the first words of each message.
public struct RuleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// The rule does not start with `/`.
        case mustStartWithSlash
        /// A `<` does not open a well-formed `<converter(arguments):name>`; says what was expected.
        case malformed(String)
        /// The converter name is not in the registry.
        case unknownConverter(String)
        /// The same variable name appears twice.
        case duplicateVariable(String)
        /// The converter refused its arguments.
        case badArguments(converter: String, message: String)
    }

    /// What went wrong.
    ///
    /// Werkzeug: the reason in the `ValueError` message.
    public let reason: Reason
    /// The rule string as given.
    ///
    /// Werkzeug: `Rule.rule`.
    public let rule: String
    /// 1-based column of the offending character.
    public let column: Int

    /// Makes an error.
    public init(_ reason: Reason, rule: String, column: Int) {
        self.reason = reason
        self.rule = rule
        self.column = column
    }

    /// The message, starting with Werkzeug's words and ending with the place.
    public var description: String {
        let place = "(rule '\(rule)', column \(column))"
        switch reason {
        case .mustStartWithSlash:
            return "URL rule '\(rule)' must start with a slash."
        case .malformed(let expected):
            return "malformed url rule: '\(rule)': \(expected) at column \(column)"
        case .unknownConverter(let name):
            return "the converter '\(name)' does not exist \(place)"
        case .duplicateVariable(let name):
            return "variable name '\(name)' used twice \(place)"
        case .badArguments(let converter, let message):
            return "bad arguments for converter '\(converter)': \(message) \(place)"
        }
    }
}
