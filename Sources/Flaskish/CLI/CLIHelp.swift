/// The `--help` texts, laid out as click lays them out (usage, indented help, an aligned
/// two-column list of options or commands).
enum CLIHelp {
    /// The program's help: usage, what it is, the group options and the commands.
    static func program(_ program: String, help: String = "", commands: [CLICommand]) -> String {
        var text = "Usage: \(program) [OPTIONS] COMMAND [ARGS]...\n\n"
        if !help.isEmpty { text += indent(help) + "\n\n" }
        text += indent("""
        A Flaskish application's command line (Flask's `flask` command). Without a command, \
        `run` is assumed, so `\(program) --port 8000` serves on port 8000.
        """) + "\n\n"
        text += "Options:\n" + columns([("--debug / --no-debug", "Set debug mode (for the command that follows)."),
                                         ("--help", "Show this message and exit.")]) + "\n"
        text += "Commands:\n" + columns(commands.sorted { $0.name < $1.name }.map { ($0.name, $0.shortHelp) })
        return text
    }

    /// One command's help.
    static func command(_ program: String, _ command: CLICommand) -> String {
        var text = "Usage: \(usage(program, command))\n"
        if !command.help.isEmpty { text += "\n" + indent(command.help) + "\n" }
        var rows: [(String, String)] = []
        for parameter in command.parameters where parameter.kind != .argument {
            var left = parameter.short.map { "-\($0), " } ?? ""
            left += "--\(parameter.name)"
            if parameter.kind == .flag && parameter.negatable { left += " / --no-\(parameter.name)" }
            if parameter.kind == .option { left += " \(parameter.metavar)" }
            var help = parameter.help
            if let value = parameter.defaultText { help += (help.isEmpty ? "" : "  ") + "[default: \(value)]" }
            if parameter.required { help += (help.isEmpty ? "" : "  ") + "[required]" }
            rows.append((left, help))
        }
        rows.append(("--help", "Show this message and exit."))
        text += "\nOptions:\n" + columns(rows)
        let arguments = command.parameters.filter { $0.kind == .argument && !$0.help.isEmpty }
        if !arguments.isEmpty {
            text += "\nArguments:\n" + columns(arguments.map { ($0.metavar, $0.help) })
        }
        return text
    }

    /// `prog init-db [OPTIONS] NAME [PATH]`.
    static func usage(_ program: String, _ command: CLICommand) -> String {
        var line = "\(program) \(command.name) [OPTIONS]"
        for argument in command.parameters where argument.kind == .argument {
            line += argument.required ? " \(argument.metavar)" : " [\(argument.metavar)]"
        }
        return line
    }

    /// Click's usage-error text: usage line, hint, message.
    static func usageError(_ program: String, _ error: CLIUsageError, command: CLICommand?) -> String {
        let line = command.map { Self.usage(program, $0) } ?? "\(program) [OPTIONS] COMMAND [ARGS]..."
        let helpCommand = command.map { "\(program) \($0.name) --help" } ?? "\(program) --help"
        return "Usage: \(line)\nTry '\(helpCommand)' for help.\n\nError: \(error.message)\n"
    }

    /// Paragraphs indented by two spaces and wrapped at 78 columns.
    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : wrap(String($0), width: 76).map { "  " + $0 }.joined(separator: "\n") }
            .joined(separator: "\n")
    }

    /// `text` cut between words into lines of at most `width` characters (a longer word stays whole).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Two aligned columns; a left side longer than 30 characters puts its help on the next line.
    private static func columns(_ rows: [(String, String)]) -> String {
        let width = min(30, rows.map(\.0.count).max() ?? 0)
        var text = ""
        for (left, right) in rows {
            let margin = String(repeating: " ", count: width + 4)
            let wrapped = wrap(right, width: max(20, 78 - margin.count))
            if right.isEmpty {
                text += "  \(left)\n"
                continue
            } else if left.count > width {
                text += "  \(left)\n" + margin + wrapped[0] + "\n"
            } else {
                text += "  " + left + String(repeating: " ", count: width - left.count + 2) + wrapped[0] + "\n"
            }
            for line in wrapped.dropFirst() { text += margin + line + "\n" }
        }
        return text
    }
}
