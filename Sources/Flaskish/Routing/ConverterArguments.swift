/// One value written in a converter's parentheses, typed the way Werkzeug's
/// `parse_converter_args` reads it: `None`, `True`/`False`, a whole number, a decimal number, or
/// text (bare like `about` or quoted like `"foo,bar"`).
public enum ConverterArgument: Sendable, Hashable, CustomStringConvertible {
    /// `None`
    case none
    /// `True` or `False`
    case bool(Bool)
    /// A whole number such as `4` or `-1`.
    case int(Int)
    /// A decimal number such as `0.5`.
    case double(Double)
    /// Bare or quoted text.
    case string(String)

    /// The value as Python's `str()` writes it (`None`, `True`, `3`, `0.5`, `about`): what
    /// `any(...)` compares path segments with.
    public var description: String {
        switch self {
        case .none: return "None"
        case .bool(let flag): return flag ? "True" : "False"
        case .int(let number): return String(number)
        case .double(let number): return number.description
        case .string(let text): return text
        }
    }
}

/// Why a converter's arguments were refused; `Rule` reports it with the rule's column.
///
/// Werkzeug: the `ValueError` `parse_converter_args` raises.
public struct ConverterArgumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in one sentence.
    public let message: String
    /// Makes an error with its message.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// The arguments of one converter in a rule, as in `<int(min=1, signed=True):id>`: positional
/// values in order and keyword values by name (Werkzeug: the `*args, **kwargs` passed to the
/// converter's `__init__`).
///
/// Built-in converters read them with ``bind(parameters:converter:)``, which applies Python's
/// call rules (positional values fill the parameters in order, an unknown or repeated name is an
/// error), so `<int(4):n>` means `fixed_digits=4` as it does in Werkzeug.
public struct ConverterArguments: Sendable, Hashable {
    /// Values given without a name, in order.
    ///
    /// Werkzeug: the `args` tuple of `parse_converter_args`.
    public var positional: [ConverterArgument]
    /// Values given as `name=value`.
    ///
    /// Werkzeug: the `kwargs` dict of `parse_converter_args`.
    public var keyword: [String: ConverterArgument]

    /// No arguments: a converter written without parentheses.
    public static let empty = ConverterArguments()

    /// Makes arguments from values.
    public init(positional: [ConverterArgument] = [], keyword: [String: ConverterArgument] = [:]) {
        self.positional = positional
        self.keyword = keyword
    }

    /// Matches the arguments to a converter's parameter names the way a Python call does and
    /// returns the values by parameter name (parameters not given are absent).
    public func bind(parameters: [String], converter: String) throws(ConverterArgumentError) -> [String: ConverterArgument] {
        guard positional.count <= parameters.count else {
            throw ConverterArgumentError(
                "converter '\(converter)' takes at most \(parameters.count) positional argument(s)"
                    + " but \(positional.count) were given")
        }
        var bound: [String: ConverterArgument] = [:]
        for (index, value) in positional.enumerated() { bound[parameters[index]] = value }
        for name in keyword.keys.sorted() {
            guard parameters.contains(name) else {
                let accepted = parameters.isEmpty ? "none" : parameters.joined(separator: ", ")
                throw ConverterArgumentError(
                    "converter '\(converter)' got an unexpected argument '\(name)' (accepted: \(accepted))")
            }
            guard bound[name] == nil else {
                throw ConverterArgumentError("converter '\(converter)' got multiple values for argument '\(name)'")
            }
            bound[name] = keyword[name]
        }
        return bound
    }

    /// Reads the text between a converter's parentheses (`min=1, signed=True`, `about, "a,b"`).
    ///
    /// Werkzeug's grammar: comma-separated items, a trailing comma allowed, each item an optional
    /// `name=` then `True`, `False`, `None`, a number, a bare word of letters, digits, `_` and `.`,
    /// or a quoted string (`"…"` or `'…'`, optionally prefixed by `u` or `r`, no escapes).
    /// Two deliberate differences: a leading `-` is accepted on numbers (Werkzeug cannot write
    /// `min=-10`), and leftover text or a repeated name is an error rather than silently ignored.
    public static func parse(_ text: Substring) throws(ConverterArgumentError) -> ConverterArguments {
        var arguments = ConverterArguments()
        let scalars = Array(text.unicodeScalars)
        var index = 0

        func skipSpaces() { while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 } }
        func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
        func rest(from start: Int) -> String {
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars[start...])
            return String(out).trimmingSpaces()
        }

        while true {
            skipSpaces()
            if index == scalars.count { break }
            let itemStart = index
            // An optional `name =`.
            var name: String?
            var probe = index
            while probe < scalars.count, isWordScalar(scalars[probe]) { probe += 1 }
            if probe > index {
                var after = probe
                while after < scalars.count, scalars[after].properties.isWhitespace { after += 1 }
                if after < scalars.count, scalars[after] == "=" {
                    var nameScalars = String.UnicodeScalarView()
                    nameScalars.append(contentsOf: scalars[index..<probe])
                    name = String(nameScalars)
                    index = after + 1
                    skipSpaces()
                }
            }
            // The value.
            let value: ConverterArgument
            var quoteIndex = index
            if quoteIndex < scalars.count, "urUR".unicodeScalars.contains(scalars[quoteIndex]),
               quoteIndex + 1 < scalars.count, scalars[quoteIndex + 1] == "\"" || scalars[quoteIndex + 1] == "'" {
                quoteIndex += 1
            }
            if quoteIndex < scalars.count, scalars[quoteIndex] == "\"" || scalars[quoteIndex] == "'" {
                let quote = scalars[quoteIndex]
                var end = quoteIndex + 1
                while end < scalars.count, scalars[end] != quote { end += 1 }
                guard end < scalars.count else {
                    throw ConverterArgumentError("Cannot parse converter argument '\(rest(from: itemStart))': unterminated quote")
                }
                var inner = String.UnicodeScalarView()
                inner.append(contentsOf: scalars[(quoteIndex + 1)..<end])
                value = .string(String(inner))
                index = end + 1
            } else {
                let tokenStart = index
                if index < scalars.count, scalars[index] == "-" { index += 1 }
                while index < scalars.count, isWordScalar(scalars[index]) || scalars[index] == "." { index += 1 }
                guard index > tokenStart, !(index == tokenStart + 1 && scalars[tokenStart] == "-") else {
                    throw ConverterArgumentError("Cannot parse converter argument '\(rest(from: itemStart))'")
                }
                var token = String.UnicodeScalarView()
                token.append(contentsOf: scalars[tokenStart..<index])
                value = ConverterArgument(pythonToken: String(token))
            }
            skipSpaces()
            if index < scalars.count {
                guard scalars[index] == "," else {
                    throw ConverterArgumentError("Cannot parse converter argument '\(rest(from: itemStart))'")
                }
                index += 1
            }
            if let name {
                guard arguments.keyword[name] == nil else {
                    throw ConverterArgumentError("argument '\(name)' is given twice")
                }
                arguments.keyword[name] = value
            } else {
                arguments.positional.append(value)
            }
        }
        return arguments
    }
}

extension ConverterArgument {
    /// Types a bare token as Werkzeug's `_pythonize` does: constants, then `int`, then `float`,
    /// else text.
    init(pythonToken token: String) {
        switch token {
        case "None": self = .none
        case "True": self = .bool(true)
        case "False": self = .bool(false)
        default:
            if let number = Int(token) {
                self = .int(number)
            } else if token.unicodeScalars.contains(where: { ("0"..."9").contains($0) }), let number = Double(token) {
                self = .double(number)
            } else {
                self = .string(token)
            }
        }
    }

    /// The value as a whole number, if it is one (`True`/`False` are not accepted).
    var intValue: Int? {
        if case .int(let number) = self { return number }
        return nil
    }

    /// The value as a number: an int or a double.
    var doubleValue: Double? {
        switch self {
        case .int(let number): return Double(number)
        case .double(let number): return number
        default: return nil
        }
    }
}

fileprivate extension String {
    /// The text without leading and trailing white space.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
