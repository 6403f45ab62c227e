// The demo's own command-line flags; --host and --port are read by app.run().
import Flaskish

/// The value of `--name value` or `--name=value` on the command line, or nil. The option is
/// also declared on `app`'s `run` command, so `--help` lists it and `app.run()` accepts it
/// (it refuses unknown options, as `flask run` does).
///
/// `flask run` reads its options with Click; here a flag is all the demo needs.
func commandLineOption(
    _ name: String, of app: Flask, help: String = "", arguments: [String] = CommandLine.arguments
) -> String? {
    app.cli.addRunOptions([.option(String(name.drop { $0 == "-" }), help: help)])
    for (index, argument) in arguments.enumerated() {
        if argument == name, index + 1 < arguments.count { return arguments[index + 1] }
        if argument.hasPrefix(name + "=") { return String(argument.dropFirst(name.count + 1)) }
    }
    return nil
}
