// The demo's own command-line flags; --host and --port are read by app.run().

/// The value of `--name value` or `--name=value` on the command line, or nil.
///
/// `flask run` reads its options with Click; here a flag is all the demo needs.
func commandLineOption(_ name: String, arguments: [String] = CommandLine.arguments) -> String? {
    for (index, argument) in arguments.enumerated() {
        if argument == name, index + 1 < arguments.count { return arguments[index + 1] }
        if argument.hasPrefix(name + "=") { return String(argument.dropFirst(name.count + 1)) }
    }
    return nil
}
