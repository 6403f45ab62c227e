import Synchronization

/// An app's command line, reached through `app.run()` (no separate program, unlike Flask's
/// `flask`): `run` (the default), `routes`, and the commands the app and its extensions add.
///
/// ```swift
/// app.cli.command("init-db", help: "Create the database tables.", [
///     .flag("drop", help: "Drop existing tables first."),
/// ]) { args in
///     try Database.create(dropping: args.flag("drop"))
///     print("Initialized the database.")
/// }
/// app.run()   // `MyApp init-db --drop`, `MyApp routes`, `MyApp --port 8000`, `MyApp --help`
/// ```
///
/// Flask: `app.cli` (a click `AppGroup`) and the `flask` command (`FlaskGroup`).
public final class AppCLI: Sendable {
    private let state = Mutex(State())

    struct State {
        var help = ""
        var commands: [String: CLICommand] = [:]
        var extraRoutes: [RoutesTable.Row] = []
        var runOptions: [CLIParameter] = []
    }

    init() {}

    /// The built-in command names, which the app cannot take.
    static let builtInNames: Set<String> = ["run", "routes"]

    /// Adds a command. `action` runs inside an app context (`currentApp`, `g`, `urlFor` work),
    /// after `parameters` were parsed and checked; `--help` is generated from them. A command
    /// that returns exits 0; one that throws prints `Error: …` and exits 1 (``CLIExit`` picks
    /// the status).
    ///
    /// Flask: `@app.cli.command("init-db")` with `@click.option`/`@click.argument`.
    public func command(
        _ name: String, help: String = "", _ parameters: [CLIParameter] = [],
        _ action: @escaping @Sendable (CLIArguments) async throws -> Void
    ) {
        addCommand(CLICommand(name, help: help, parameters, action))
    }

    /// Adds a command made beforehand (an extension's, say).
    ///
    /// Flask: `app.cli.add_command(command)`.
    public func addCommand(_ command: CLICommand) {
        precondition(!Self.builtInNames.contains(command.name), "'\(command.name)' is a built-in command")
        state.withLock { $0.commands[command.name] = command }
    }

    /// Shows a path the app answers without a URL rule in `routes` (after the rules), such as
    /// Socket.IO's `/socket.io/`, which a middleware answers.
    ///
    /// Flask: none (`flask routes` lists only `app.url_map`, so Flask-SocketIO's path is absent).
    public func addRoute(endpoint: String, methods: Set<HTTPMethod>, rule: String) {
        state.withLock { $0.extraRoutes.append(RoutesTable.Row(endpoint: endpoint, methods: methods, rule: rule)) }
    }

    /// Options `run` (the default command) accepts besides Flask's own, for a program that
    /// reads them itself, before `app.run()` (ChatDemo's `--message-queue URL`): they are listed
    /// in `run --help` and accepted rather than refused as unknown (exit 2).
    ///
    /// Flask: the options a project adds to its own `run` command with `@click.option`.
    public func addRunOptions(_ parameters: [CLIParameter]) {
        state.withLock { state in
            for parameter in parameters where !state.runOptions.contains(where: { $0.name == parameter.name }) {
                state.runOptions.append(parameter)
            }
        }
    }

    var runOptions: [CLIParameter] { state.withLock { $0.runOptions } }

    /// What the program is, shown at the top of `--help` (after the usage line).
    ///
    /// Flask: the `help` of a `FlaskGroup`.
    public var help: String {
        get { state.withLock { $0.help } }
        set { state.withLock { $0.help = newValue } }
    }

    /// The app's own commands, by name.
    public var commands: [CLICommand] { state.withLock { Array($0.commands.values) } }

    var extraRoutes: [RoutesTable.Row] { state.withLock { $0.extraRoutes } }

    func command(named name: String) -> CLICommand? { state.withLock { $0.commands[name] } }
}
