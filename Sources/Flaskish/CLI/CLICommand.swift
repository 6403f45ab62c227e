/// A command of an app's command line: a name, a help text, its parameters and what it does.
///
/// Click: a `click.Command` (what `@app.cli.command()` makes).
public struct CLICommand: Sendable {
    /// The name typed after the program (`init-db`).
    public let name: String
    /// The first line shows in the program's command list; all of it in the command's `--help`.
    public let help: String
    /// The options, flags and arguments, in the order help lists them.
    public let parameters: [CLIParameter]
    let action: @Sendable (CLIArguments) async throws -> Void

    /// A command; `action` runs inside an app context once the words are parsed.
    public init(
        _ name: String, help: String = "", _ parameters: [CLIParameter] = [],
        _ action: @escaping @Sendable (CLIArguments) async throws -> Void
    ) {
        precondition(!name.isEmpty && !name.hasPrefix("-") && !name.contains(" "),
                     "A command name is one word not starting with '-': '\(name)'")
        let names = parameters.map(\.name)
        precondition(Set(names).count == names.count, "Command '\(name)' declares a parameter twice: \(names)")
        self.name = name
        self.help = help
        self.parameters = parameters
        self.action = action
    }

    /// The first line of the help, for the program's command list.
    var shortHelp: String { help.split(separator: "\n").first.map(String.init) ?? "" }
}
