#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation
import Synchronization

extension Flask {
    /// The parameters of `run`, Flask's `flask run` options that apply here.
    static let runParameters: [CLIParameter] = [
        .option("host", short: "h", help: "The interface to bind to.  [default: 127.0.0.1]"),
        .option("port", Int.self, short: "p", help: "The port to bind to (0: any free port).  [default: 5000]"),
        .flag("debug", negatable: true, help: "Set debug mode."),
        .flag("reload", negatable: true,
              help: "Rebuild and restart when the package's sources change. On by default with --debug."),
    ]

    /// `run`: serving happens in `run()` once this resolves the options. The program's own
    /// options (``AppCLI/addRunOptions(_:)``) follow Flask's.
    var serveCommand: CLICommand {
        CLICommand("run", help: """
            Run a development server.

            Serves until Ctrl-C or SIGTERM. Host and port come from these options, then from \
            FLASK_RUN_HOST / FLASK_RUN_PORT, then from app.run(host:port:), then 127.0.0.1:5000.
            """, Self.runParameters + cli.runOptions) { _ in }
    }

    /// `routes`, as `flask routes`.
    static let routesCommand = CLICommand("routes", help: "Show all registered routes with endpoints and methods.", [
        .choice("sort", RoutesTable.sortKeys, short: "s", default: "endpoint",
                help: "Method to sort routes by. 'match' is the order that Flaskish will match routes when dispatching a request."),
        .flag("all-methods", help: "Show HEAD and OPTIONS methods."),
    ]) { _ in }

    /// What the command line asked for: serve with these options, or exit (a command ran).
    enum CommandLineOutcome: Equatable {
        case serve(RunOptions, reload: Bool)
        case exit(Int32)
    }

    /// Reads the command line as `run()` starts: `--help`, `routes` and the app's commands run
    /// and end the process; `--reload` (or `--debug`) hands over to the reloader; otherwise the
    /// options to serve with are returned.
    ///
    /// Flask: the `flask` command (`FlaskGroup`) choosing `run`, `routes` or an app command.
    func commandLineOptions(host: String?, port: Int?, debug: Bool?) -> RunOptions {
        let arguments = CommandLine.arguments
        let environment = ProcessInfo.processInfo.environment
        switch interpretCommandLine(arguments, environment: environment, host: host, port: port, debug: debug) {
        case .exit(let status):
            exit(status)
        case .serve(let options, let reload):
            if reload && environment[Reloader.childEnvironmentKey] == nil {
                guard let reloader = Reloader(app: self, options: options, arguments: arguments) else { return options }
                reloader.run()
            }
            if environment[Reloader.childEnvironmentKey] != nil && config["TEMPLATES_AUTO_RELOAD"] == nil {
                // Under the reloader, templates change without a restart even without --debug.
                config["TEMPLATES_AUTO_RELOAD"] = true
            }
            return options
        }
    }

    /// The command line's meaning, running any command but `run` (output on stdout, errors on
    /// stderr). `arguments` starts with the program's path.
    func interpretCommandLine(
        _ arguments: [String], environment: [String: String], host: String?, port: Int?, debug: Bool?
    ) -> CommandLineOutcome {
        let program = arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? name
        var words = Array(arguments.dropFirst())
        var groupDebug: Bool?
        while let first = words.first, first == "--debug" || first == "--no-debug" {
            groupDebug = first == "--debug"
            words.removeFirst()
        }
        if words.first == "--help" {
            print(CLIHelp.program(program, help: cli.help, commands: [serveCommand, Self.routesCommand] + cli.commands), terminator: "")
            return .exit(0)
        }
        let command: CLICommand
        if let first = words.first, !first.hasPrefix("-") {
            words.removeFirst()
            switch first {
            case "run": command = serveCommand
            case "routes": command = Self.routesCommand
            default:
                guard let custom = cli.command(named: first) else {
                    let error = CLIUsageError("No such command '\(first)'.")
                    FileHandle.standardError.write(Data(CLIHelp.usageError(program, error, command: nil).utf8))
                    return .exit(2)
                }
                command = custom
            }
        } else {
            command = serveCommand
        }
        if words.prefix(while: { $0 != "--" }).contains("--help") {
            print(CLIHelp.command(program, command), terminator: "")
            return .exit(0)
        }
        let parsed: CLIArguments
        do {
            parsed = try CLIParser(command: command.name, parameters: command.parameters, environment: environment).parse(words)
        } catch {
            FileHandle.standardError.write(Data(CLIHelp.usageError(program, error, command: command).utf8))
            return .exit(2)
        }
        switch command.name {
        case "run":
            var options = RunOptions(host: parsed["host"] ?? host ?? "127.0.0.1",
                                     port: parsed.get("port", as: Int.self) ?? port ?? 5000, debug: debug)
            if let envDebug = environment["FLASK_DEBUG"] { options.debug = ["1", "true", "yes"].contains(envDebug.lowercased()) }
            if let groupDebug { options.debug = groupDebug }
            if let flag = parsed.flagIfGiven("debug") { options.debug = flag }
            let reload = parsed.flagIfGiven("reload") ?? (options.debug ?? self.debug)
            return .serve(options, reload: reload)
        case "routes":
            if let groupDebug { self.debug = groupDebug }
            let rows = urlMap.rules.map { RoutesTable.Row(endpoint: $0.endpoint, methods: $0.methods, rule: $0.rule) }
                + cli.extraRoutes
            print(RoutesTable.render(rows, sort: parsed["sort"] ?? "endpoint", allMethods: parsed.flag("all-methods")),
                  terminator: "")
            return .exit(0)
        default:
            if let groupDebug { self.debug = groupDebug }
            return .exit(runCommand(command, parsed))
        }
    }

    /// Runs an app command inside an app context and returns the exit status.
    private func runCommand(_ command: CLICommand, _ arguments: CLIArguments) -> Int32 {
        let outcome = CommandOutcome()
        let context = AppContext(app: self, request: Request(method: .GET, target: "/"))
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                try await AppContext.$current.withValue(context) { try await command.action(arguments) }
            } catch {
                outcome.error.withLock { $0 = error }
            }
            done.signal()
        }
        done.wait()
        guard let error = outcome.error.withLock({ $0 }) else { return 0 }
        if let exit = error as? CLIExit { return exit.status }
        if let usage = error as? CLIUsageError {
            FileHandle.standardError.write(Data(CLIHelp.usageError(
                CommandLine.arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? name,
                usage, command: command).utf8))
            return 2
        }
        FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
        return 1
    }
}

/// What a command's task reports back to the waiting main thread.
private final class CommandOutcome: Sendable {
    let error = Mutex<(any Error)?>(nil)
}
