/// A value type a command-line option or argument can take: parsed from its text, and named
/// in help and error messages.
///
/// Click: a `ParamType` (`click.INT`, `click.FLOAT`, `click.STRING`).
public protocol CLIValue: LosslessStringConvertible, Sendable {
    /// The type as help shows it (`INTEGER`).
    static var cliTypeName: String { get }
}

extension String: CLIValue {
    /// Click's name for text.
    public static var cliTypeName: String { "TEXT" }
}

extension Int: CLIValue {
    /// Click's name for integers.
    public static var cliTypeName: String { "INTEGER" }
}

extension Double: CLIValue {
    /// Click's name for floats.
    public static var cliTypeName: String { "FLOAT" }
}
