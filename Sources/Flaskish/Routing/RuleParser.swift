/// One lexical piece of a rule string, with its position for error messages.
enum RuleToken: Sendable, Equatable {
    /// A `/` (runs of slashes are merged, as Werkzeug's default `merge_slashes` does).
    case slash
    /// Static text between slashes and variables.
    case text(String)
    /// `<converter(arguments):name>`; `converter` is nil for `<name>`.
    case variable(name: String, converter: String?, arguments: String?, column: Int)
}

/// Splits a rule string into tokens with Werkzeug's `_part_re` grammar:
/// a slash, static text (`[^</]+`), or `<` [converter [`(`arguments`)`] `:`] name `>`, where names
/// are `[a-zA-Z_][a-zA-Z0-9_]*` and the arguments run to the first `)` followed by `:`.
enum RuleParser {
    static func tokenize(_ rule: String) throws(RuleError) -> [RuleToken] {
        let scalars = Array(rule.unicodeScalars)
        var tokens: [RuleToken] = []
        var index = 0

        func text(_ range: Range<Int>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            return String(view)
        }
        func identifier(at start: Int) -> Int {
            var end = start
            while end < scalars.count {
                let scalar = scalars[end]
                let isLetter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
                let isDigit = ("0"..."9").contains(scalar)
                guard isLetter || (isDigit && end > start) else { break }
                end += 1
            }
            return end
        }
        func malformed(_ expected: String, at position: Int) -> RuleError {
            RuleError(.malformed(expected), rule: rule, column: position + 1)
        }

        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "/" {
                if tokens.last != .slash { tokens.append(.slash) }
                index += 1
            } else if scalar == "<" {
                let open = index
                let firstEnd = identifier(at: open + 1)
                guard firstEnd > open + 1 else {
                    throw malformed("'<' must be followed by a variable name", at: open)
                }
                let first = text((open + 1)..<firstEnd)
                guard firstEnd < scalars.count else { throw malformed("unclosed '<'", at: open) }
                switch scalars[firstEnd] {
                case ">":
                    tokens.append(.variable(name: first, converter: nil, arguments: nil, column: open + 1))
                    index = firstEnd + 1
                    continue
                case ":", "(":
                    break
                default:
                    throw malformed("expected '>', ':' or '(' after '\(first)'", at: firstEnd)
                }
                var arguments: String?
                var colon = firstEnd
                if scalars[firstEnd] == "(" {
                    var close = firstEnd + 1
                    while close + 1 < scalars.count, !(scalars[close] == ")" && scalars[close + 1] == ":"),
                          scalars[close] != "\n" {
                        close += 1
                    }
                    guard close + 1 < scalars.count, scalars[close] == ")", scalars[close + 1] == ":" else {
                        throw malformed("converter arguments must end with '):'", at: firstEnd)
                    }
                    arguments = text((firstEnd + 1)..<close)
                    colon = close + 1
                }
                let nameEnd = identifier(at: colon + 1)
                guard nameEnd > colon + 1 else { throw malformed("expected a variable name after ':'", at: colon + 1) }
                guard nameEnd < scalars.count, scalars[nameEnd] == ">" else {
                    throw malformed("expected '>' after the variable name", at: nameEnd)
                }
                tokens.append(.variable(
                    name: text((colon + 1)..<nameEnd), converter: first, arguments: arguments, column: open + 1))
                index = nameEnd + 1
            } else {
                var end = index
                while end < scalars.count, scalars[end] != "/", scalars[end] != "<" { end += 1 }
                tokens.append(.text(text(index..<end)))
                index = end
            }
        }
        return tokens
    }
}
