/// A command line the program cannot act on: an unknown command or option, a missing or
/// invalid value. The program prints the usage line, a hint and the message, and exits 2.
///
/// Click: `click.UsageError` (exit code 2).
public struct CLIUsageError: Error, Equatable, CustomStringConvertible, Sendable {
    /// What is wrong, in click's words (`No such option '--bad'.`).
    public let message: String
    /// The command it happened in, nil for the program itself.
    public let command: String?

    /// An error in `command` (nil: before any command).
    public init(_ message: String, command: String? = nil) {
        self.message = message
        self.command = command
    }

    /// The message, as printed after `Error: `.
    public var description: String { message }
}

/// Ends a command with an exit status (a command that returns normally exits 0; one that
/// throws any other error prints `Error: …` and exits 1).
///
/// Click: `click.exceptions.Exit(code)` / `sys.exit(code)`.
public struct CLIExit: Error, Sendable {
    /// The process's exit status.
    public let status: Int32

    /// Exit with `status`.
    public init(_ status: Int32) { self.status = status }
}
