/// What a command was given: its options, flags and arguments, read by name.
///
/// Values were checked against their declared type before the command runs, so `get` only
/// returns nil for a value that was not given and has no default.
///
/// Click: the keyword arguments a command function receives.
public struct CLIArguments: Sendable {
    /// The command's name (`init-db`).
    public let command: String
    var values: [String: String] = [:]
    var flags: [String: Bool] = [:]

    /// An arguments list for `command` (tests; commands receive theirs from the parser).
    public init(command: String, values: [String: String] = [:], flags: [String: Bool] = [:]) {
        self.command = command
        self.values = values
        self.flags = flags
    }

    /// The text given for an option or argument (or its default), nil when absent.
    public subscript(name: String) -> String? { values[name] }

    /// The value of an option or argument as `type`, nil when absent.
    public func get<T: CLIValue>(_ name: String, as type: T.Type = T.self) -> T? {
        values[name].flatMap { T($0) }
    }

    /// Whether a flag is on (false when not given).
    public func flag(_ name: String) -> Bool { flags[name] ?? false }

    /// A flag's state when it was given (`--debug` true, `--no-debug` false), nil when not.
    public func flagIfGiven(_ name: String) -> Bool? { flags[name] }
}
