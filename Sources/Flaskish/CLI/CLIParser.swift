/// Turns one command's words into ``CLIArguments``, or explains in click's words why it
/// cannot. No I/O: the environment comes in as a dictionary.
///
/// Accepted forms: `--name VALUE`, `--name=VALUE`, `-s VALUE`, `-sVALUE`, `--flag`,
/// `--no-flag` (negatable flags), positional arguments in order, and `--` to end options.
/// `--help` is answered by the caller before parsing.
struct CLIParser {
    let command: String
    let parameters: [CLIParameter]
    let environment: [String: String]

    func parse(_ words: [String]) throws(CLIUsageError) -> CLIArguments {
        var result = CLIArguments(command: command)
        var positional: [String] = []
        var index = 0
        var optionsEnded = false
        while index < words.count {
            let word = words[index]
            index += 1
            if optionsEnded || !word.hasPrefix("-") || word == "-" {
                positional.append(word)
                continue
            }
            if word == "--" { optionsEnded = true; continue }
            var inlineValue: String?
            let parameter: CLIParameter
            var negated = false
            if word.hasPrefix("--") {
                var name = String(word.dropFirst(2))
                if let equals = name.firstIndex(of: "=") {
                    inlineValue = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                }
                if let found = parameters.first(where: { $0.kind != .argument && $0.name == name }) {
                    parameter = found
                } else if name.hasPrefix("no-"),
                          let found = parameters.first(where: { $0.kind == .flag && $0.negatable && $0.name == name.dropFirst(3) }) {
                    parameter = found
                    negated = true
                } else {
                    throw CLIUsageError("No such option '--\(name)'.", command: command)
                }
            } else {
                let letter = word.dropFirst().first!
                guard let found = parameters.first(where: { $0.kind != .argument && $0.short == letter }) else {
                    throw CLIUsageError("No such option '-\(letter)'.", command: command)
                }
                parameter = found
                let rest = word.dropFirst(2)
                if !rest.isEmpty {
                    guard found.kind == .option else { throw CLIUsageError("No such option '\(word)'.", command: command) }
                    inlineValue = String(rest)
                }
            }
            if parameter.kind == .flag {
                if inlineValue != nil {
                    throw CLIUsageError("Option '--\(parameter.name)' does not take a value.", command: command)
                }
                result.flags[parameter.name] = !negated
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < words.count else {
                    throw CLIUsageError("Option '\(word)' requires an argument.", command: command)
                }
                value = words[index]
                index += 1
            }
            try check(parameter, value)
            result.values[parameter.name] = value
        }

        let arguments = parameters.filter { $0.kind == .argument }
        if positional.count > arguments.count {
            let extra = positional[arguments.count...].joined(separator: " ")
            throw CLIUsageError("Got unexpected extra argument\(positional.count - arguments.count > 1 ? "s" : "") (\(extra))", command: command)
        }
        for (argument, value) in zip(arguments, positional) {
            try check(argument, value)
            result.values[argument.name] = value
        }
        for argument in arguments.dropFirst(positional.count) where argument.required {
            throw CLIUsageError("Missing argument '\(argument.metavar)'.", command: command)
        }
        for option in parameters where option.kind == .option && result.values[option.name] == nil {
            if let text = environment[option.environmentKey(command: command)], !text.isEmpty {
                try check(option, text)
                result.values[option.name] = text
            } else if let text = option.defaultText {
                result.values[option.name] = text
            } else if option.required {
                throw CLIUsageError("Missing option '--\(option.name)'.", command: command)
            }
        }
        return result
    }

    private func check(_ parameter: CLIParameter, _ value: String) throws(CLIUsageError) {
        if let problem = parameter.validate(value) {
            throw CLIUsageError("Invalid value for \(parameter.displayName): \(problem)", command: command)
        }
    }
}
