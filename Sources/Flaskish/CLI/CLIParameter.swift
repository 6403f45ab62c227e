/// One option, flag or positional argument of a command, declared with the command:
///
/// ```swift
/// app.cli.command("init-db", help: "Create the tables.", [
///     .flag("drop", help: "Drop existing tables first."),
///     .option("seed", Int.self, short: "s", default: 0, help: "Rows of sample data."),
///     .argument("path", required: false, help: "Where the database lives."),
/// ]) { args in
///     try createTables(at: args["path"] ?? "app.db", drop: args.flag("drop"), seed: args.get("seed", as: Int.self) ?? 0)
/// }
/// ```
///
/// An option's default can also come from the environment, as with Flask's command line
/// (`auto_envvar_prefix="FLASK"`): `FLASK_<COMMAND>_<NAME>`, upper-case with `-` as `_`
/// (`FLASK_INIT_DB_SEED`, `FLASK_RUN_PORT`).
///
/// Click: `@click.option(...)`, `@click.argument(...)`.
public struct CLIParameter: Sendable {
    enum Kind: Sendable, Equatable { case option, flag, argument }

    let kind: Kind
    /// The key the value is read by in ``CLIArguments`` (`seed`), also the long option (`--seed`).
    let name: String
    let short: Character?
    /// For a flag: also accept `--no-<name>` to turn it off.
    let negatable: Bool
    let help: String
    let defaultText: String?
    let required: Bool
    /// `INTEGER`, `TEXT` or `[a|b|c]`, for help.
    let metavar: String
    /// Checks a value; returns the error text after "Invalid value for …: " or nil when valid.
    let validate: @Sendable (String) -> String?

    /// An option taking a value: `--name VALUE`, `--name=VALUE` or `-s VALUE`.
    ///
    /// Click: `@click.option("--name", "-s", type=int, default=…, help=…)`.
    public static func option(
        _ name: String, short: Character? = nil, default value: String? = nil, required: Bool = false, help: String = ""
    ) -> CLIParameter {
        option(name, String.self, short: short, default: value, required: required, help: help)
    }

    /// An option whose value must read as `type` (`Int.self`: `--count 3`).
    ///
    /// Click: `@click.option("--name", type=int)`.
    public static func option<T: CLIValue>(
        _ name: String, _ type: T.Type, short: Character? = nil, default value: T? = nil,
        required: Bool = false, help: String = ""
    ) -> CLIParameter {
        CLIParameter(kind: .option, name: name, short: short, negatable: false, help: help,
                     defaultText: value.map(\.description), required: required, metavar: T.cliTypeName,
                     validate: Self.typeCheck(T.self))
    }

    /// An option whose value must be one of `choices`.
    ///
    /// Click: `@click.option("--name", type=click.Choice([...]))`.
    public static func choice(
        _ name: String, _ choices: [String], short: Character? = nil, default value: String? = nil, help: String = ""
    ) -> CLIParameter {
        CLIParameter(kind: .option, name: name, short: short, negatable: false, help: help, defaultText: value,
                     required: false, metavar: "[" + choices.joined(separator: "|") + "]") { text in
            choices.contains(text) ? nil
                : "'\(text)' is not one of \(choices.map { "'\($0)'" }.joined(separator: ", "))."
        }
    }

    /// A switch: `--name` sets it; with `negatable`, `--no-name` clears it.
    ///
    /// Click: `@click.option("--name", is_flag=True)` / `"--name/--no-name"`.
    public static func flag(_ name: String, short: Character? = nil, negatable: Bool = false, help: String = "") -> CLIParameter {
        CLIParameter(kind: .flag, name: name, short: short, negatable: negatable, help: help, defaultText: nil,
                     required: false, metavar: "", validate: { _ in nil })
    }

    /// A positional argument, in declaration order.
    ///
    /// Click: `@click.argument("name", type=…, required=…)`.
    public static func argument<T: CLIValue>(
        _ name: String, _ type: T.Type = String.self, required: Bool = true, help: String = ""
    ) -> CLIParameter {
        CLIParameter(kind: .argument, name: name, short: nil, negatable: false, help: help, defaultText: nil,
                     required: required, metavar: name.uppercased().replacingDashes(), validate: Self.typeCheck(T.self))
    }

    private static func typeCheck<T: CLIValue>(_ type: T.Type) -> @Sendable (String) -> String? {
        { text in
            T(text) == nil ? "'\(text)' is not a valid \(T.cliTypeName == "INTEGER" ? "integer" : T.cliTypeName.lowercased())." : nil
        }
    }

    /// `--name` / `-s` as error messages name the option (click: `'--port' / '-p'`).
    var displayName: String {
        if kind == .argument { return "'\(metavar)'" }
        return short.map { "'--\(name)' / '-\($0)'" } ?? "'--\(name)'"
    }

    /// The environment variable that may give the default (`FLASK_RUN_PORT`).
    func environmentKey(command: String) -> String {
        "FLASK_\(command)_\(name)".uppercased().replacingDashes()
    }
}

extension String {
    func replacingDashes() -> String { String(map { $0 == "-" ? "_" : $0 }) }
}
