import Foundation

/// `string` and `default`: one segment, no `/` (Werkzeug's `UnicodeConverter`).
///
/// `<string(minlength=1, maxlength=None, length=None):name>`; lengths count Unicode code points,
/// as Python's `[^/]{m,n}` does, and `length` wins over the other two.
public struct UnicodeConverter: RouteConverter {
    /// The fewest code points accepted (Werkzeug's default is 1: an empty segment never matches).
    public let minLength: Int
    /// The most code points accepted, if limited.
    ///
    /// Werkzeug: `UnicodeConverter(maxlength=…)`.
    public let maxLength: Int?
    /// The exact number of code points, if fixed.
    ///
    /// Werkzeug: `UnicodeConverter(length=…)`.
    public let length: Int?

    /// Reads `minlength`, `maxlength` and `length` (positional in that order).
    ///
    /// Werkzeug: `UnicodeConverter(map, minlength=1, maxlength=None, length=None)`.
    public init(arguments: ConverterArguments) throws {
        let bound = try arguments.bind(parameters: ["minlength", "maxlength", "length"], converter: "string")
        minLength = try Self.count(bound["minlength"], name: "minlength") ?? 1
        maxLength = try Self.count(bound["maxlength"], name: "maxlength")
        length = try Self.count(bound["length"], name: "length")
        if length == nil, let maxLength, maxLength < minLength {
            throw ConverterArgumentError("minlength \(minLength) is greater than maxlength \(maxLength)")
        }
    }

    private static func count(_ argument: ConverterArgument?, name: String) throws(ConverterArgumentError) -> Int? {
        guard let argument, argument != .none else { return nil }
        guard let value = argument.intValue, value >= 0 else {
            throw ConverterArgumentError("\(name) must be a whole number of at least 0, not \(argument)")
        }
        return value
    }

    /// The segment as `.string` when its length fits.
    ///
    /// Werkzeug: `BaseConverter.to_python` (after the converter's `regex` matched).
    public func match(_ segment: Substring) -> RouteValue? {
        var count = 0
        for scalar in segment.unicodeScalars {
            if scalar == "/" { return nil }
            count += 1
        }
        if let length { return count == length ? .string(String(segment)) : nil }
        guard count >= minLength else { return nil }
        if let maxLength, count > maxLength { return nil }
        return .string(String(segment))
    }
}

/// `path`: like `string` but also matches `/`, for wiki pages and file paths (Werkzeug's
/// `PathConverter`, regex `[^/].*?`: at least one character, not starting with `/`, weight 200).
///
/// Python's `.` does not match a newline, so a decoded `%0A` after the first character does not
/// match either; this keeps that.
public struct PathConverter: RouteConverter {
    /// Takes no arguments.
    ///
    /// Werkzeug: `PathConverter(map)`.
    public init(arguments: ConverterArguments) throws {
        _ = try arguments.bind(parameters: [], converter: "path")
    }

    /// After `string` and the numbers.
    ///
    /// Werkzeug: `PathConverter.weight`, 200.
    public var weight: Int { 200 }
    /// The value spans segments.
    ///
    /// Werkzeug: `PathConverter.part_isolating = False`.
    public var matchesSlashes: Bool { true }

    /// The text as `.string`.
    ///
    /// Werkzeug: `PathConverter.to_python`.
    public func match(_ segment: Substring) -> RouteValue? {
        guard let first = segment.unicodeScalars.first, first != "/" else { return nil }
        guard !segment.unicodeScalars.dropFirst().contains("\n") else { return nil }
        return .string(String(segment))
    }
}

/// `any(a, b, c)`: one of the listed values (Werkzeug's `AnyConverter`).
public struct AnyConverter: RouteConverter {
    /// The accepted values, as written.
    ///
    /// Werkzeug: the `*items` of `AnyConverter`.
    public let items: [String]

    /// Reads the items, all positional.
    ///
    /// Werkzeug: `AnyConverter(map, *items)`.
    public init(arguments: ConverterArguments) throws {
        guard arguments.keyword.isEmpty else {
            throw ConverterArgumentError("converter 'any' takes only positional values, got '\(arguments.keyword.keys.sorted()[0])'")
        }
        items = arguments.positional.map(\.description)
    }

    /// The item equal to the segment, as `.string`.
    ///
    /// Werkzeug: `AnyConverter.to_python`.
    public func match(_ segment: Substring) -> RouteValue? {
        for item in items where item.utf8.elementsEqual(segment.utf8) { return .string(item) }
        return nil
    }

    /// Refuses a value that is not listed, with Werkzeug's message. Unlike Werkzeug, which
    /// returns the value as is, it is percent-encoded.
    public func toURL(_ value: String) throws -> String {
        guard items.contains(where: { $0.utf8.elementsEqual(value.utf8) }) else {
            let listed = items.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            throw RouteConverterError("'\(value)' is not one of " + listed.map { "'\($0)'" }.joined(separator: ", "))
        }
        return URLMap.Quoting.quotePath(value)
    }
}

/// `int`: ASCII digits (Werkzeug's `IntegerConverter`, regex `\d+`, weight 50).
///
/// `<int(fixed_digits=0, min=None, max=None, signed=False):n>`. A sign is only accepted when
/// `signed` and only `-`; leading zeros are accepted (`007` is 7) unless `fixed_digits` asks for
/// another length. A value outside `Int` matches as `.bigInt`, exactly, as Python's unbounded
/// `int` does. Difference: Python's `\d` also takes non-ASCII digits.
public struct IntegerConverter: RouteConverter {
    /// The exact number of characters (sign included), 0 for any.
    ///
    /// Werkzeug: `IntegerConverter(fixed_digits=…)`.
    public let fixedDigits: Int
    /// The smallest value accepted.
    ///
    /// Werkzeug: `IntegerConverter(min=…)`.
    public let min: Int?
    /// The largest value accepted.
    ///
    /// Werkzeug: `IntegerConverter(max=…)`.
    public let max: Int?
    /// Whether `-` is accepted.
    ///
    /// Werkzeug: `IntegerConverter(signed=…)`.
    public let signed: Bool

    /// Reads `fixed_digits`, `min`, `max` and `signed` (positional in that order).
    ///
    /// Werkzeug: `IntegerConverter(map, fixed_digits=0, min=None, max=None, signed=False)`.
    public init(arguments: ConverterArguments) throws {
        let bound = try arguments.bind(parameters: ["fixed_digits", "min", "max", "signed"], converter: "int")
        fixedDigits = try NumberArguments.whole(bound["fixed_digits"], name: "fixed_digits") ?? 0
        guard fixedDigits >= 0 else { throw ConverterArgumentError("fixed_digits must not be negative") }
        min = try NumberArguments.whole(bound["min"], name: "min")
        max = try NumberArguments.whole(bound["max"], name: "max")
        signed = try NumberArguments.flag(bound["signed"], name: "signed")
    }

    /// Before `string`.
    ///
    /// Werkzeug: `NumberConverter.weight`, 50.
    public var weight: Int { 50 }

    /// The number as `.int` when its form, length and range fit.
    ///
    /// Werkzeug: `NumberConverter.to_python`.
    public func match(_ segment: Substring) -> RouteValue? {
        guard NumberArguments.isNumber(segment, signed: signed, needsFraction: false) else { return nil }
        if fixedDigits != 0, segment.unicodeScalars.count != fixedDigits { return nil }
        guard let number = Int(segment) else {
            guard let big = BigInteger(segment) else { return nil }
            if let min, big < BigInteger(min) { return nil }
            if let max, big > BigInteger(max) { return nil }
            return .bigInt(big)
        }
        if let min, number < min { return nil }
        if let max, number > max { return nil }
        return .int(number)
    }

    /// `str(int(value))`, zero-padded to `fixed_digits` after any sign like Python's `zfill`.
    /// Like Werkzeug, it does not check `min`, `max` or `signed`.
    public func toURL(_ value: String) throws -> String {
        guard let number = BigInteger(value.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw RouteConverterError("invalid literal for int() with base 10: \(BuildError.PythonRepr.string(value))")
        }
        let digits = number.description
        return NumberArguments.zeroFill(digits, to: fixedDigits)
    }
}

/// `float`: digits, a dot, digits (Werkzeug's `FloatConverter`, regex `\d+\.\d+`, weight 50).
///
/// `<float(min=None, max=None, signed=False):x>`: `1` and `.5` do not match, `1.5` does.
public struct FloatConverter: RouteConverter {
    /// The smallest value accepted.
    ///
    /// Werkzeug: `FloatConverter(min=…)`.
    public let min: Double?
    /// The largest value accepted.
    ///
    /// Werkzeug: `FloatConverter(max=…)`.
    public let max: Double?
    /// Whether `-` is accepted.
    ///
    /// Werkzeug: `FloatConverter(signed=…)`.
    public let signed: Bool

    /// Reads `min`, `max` and `signed` (positional in that order).
    ///
    /// Werkzeug: `FloatConverter(map, min=None, max=None, signed=False)`.
    public init(arguments: ConverterArguments) throws {
        let bound = try arguments.bind(parameters: ["min", "max", "signed"], converter: "float")
        min = try NumberArguments.number(bound["min"], name: "min")
        max = try NumberArguments.number(bound["max"], name: "max")
        signed = try NumberArguments.flag(bound["signed"], name: "signed")
    }

    /// Before `string`.
    ///
    /// Werkzeug: `NumberConverter.weight`, 50.
    public var weight: Int { 50 }

    /// The number as `.double` when its form and range fit.
    ///
    /// Werkzeug: `FloatConverter.to_python`.
    public func match(_ segment: Substring) -> RouteValue? {
        guard NumberArguments.isNumber(segment, signed: signed, needsFraction: true),
              let number = Double(segment) else { return nil }
        if let min, number < min { return nil }
        if let max, number > max { return nil }
        return .double(number)
    }

    /// `str(float(value))`: `2` becomes `2.0`, `0.00001` becomes `1e-05` as in Python.
    public func toURL(_ value: String) throws -> String {
        guard let number = Double(value) else { throw RouteConverterError("'\(value)' is not a number") }
        return number.description
    }
}

/// `uuid`: `8-4-4-4-12` hex digits of either case (Werkzeug's `UUIDConverter`).
public struct UUIDConverter: RouteConverter {
    /// Takes no arguments.
    ///
    /// Werkzeug: `UUIDConverter(map)`.
    public init(arguments: ConverterArguments) throws {
        _ = try arguments.bind(parameters: [], converter: "uuid")
    }

    /// The UUID as `.uuid` when the segment has its form.
    ///
    /// Werkzeug: `UUIDConverter.to_python`.
    public func match(_ segment: Substring) -> RouteValue? {
        let groups = [8, 4, 4, 4, 12]
        var group = 0
        var run = 0
        for byte in segment.utf8 {
            if byte == UInt8(ascii: "-") {
                guard group < 4, run == groups[group] else { return nil }
                group += 1
                run = 0
            } else {
                guard isHexDigit(byte), run < groups[group] else { return nil }
                run += 1
            }
        }
        guard group == 4, run == 12, let id = UUID(uuidString: String(segment)) else { return nil }
        return .uuid(id)
    }

    /// Lower-case, as Python's `str(uuid)`. Werkzeug passes a string through unchecked; this
    /// refuses text that is not a UUID.
    /// `str(value)`: a `UUID` is written lower-case before it gets here; text is kept as given.
    ///
    /// Werkzeug: `UUIDConverter.to_url`.
    public func toURL(_ value: String) throws -> String { value }

    private func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
             UInt8(ascii: "A")...UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }
}

/// Argument reading and number syntax shared by `int` and `float`.
fileprivate enum NumberArguments {
    static func whole(_ argument: ConverterArgument?, name: String) throws(ConverterArgumentError) -> Int? {
        guard let argument, argument != .none else { return nil }
        guard let value = argument.intValue else {
            throw ConverterArgumentError("\(name) must be a whole number, not \(argument)")
        }
        return value
    }

    static func number(_ argument: ConverterArgument?, name: String) throws(ConverterArgumentError) -> Double? {
        guard let argument, argument != .none else { return nil }
        guard let value = argument.doubleValue else {
            throw ConverterArgumentError("\(name) must be a number, not \(argument)")
        }
        return value
    }

    static func flag(_ argument: ConverterArgument?, name: String) throws(ConverterArgumentError) -> Bool {
        guard let argument else { return false }
        guard case .bool(let value) = argument else {
            throw ConverterArgumentError("\(name) must be True or False, not \(argument)")
        }
        return value
    }

    /// `-?\d+` or `-?\d+\.\d+` over ASCII digits.
    static func isNumber(_ text: Substring, signed: Bool, needsFraction: Bool) -> Bool {
        var bytes = text.utf8[...]
        if signed, bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard needsFraction else { return !bytes.isEmpty && bytes.allSatisfy(isDigit) }
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")) else { return false }
        let whole = bytes[..<dot]
        let fraction = bytes[bytes.index(after: dot)...]
        return !whole.isEmpty && !fraction.isEmpty && whole.allSatisfy(isDigit) && fraction.allSatisfy(isDigit)
    }

    /// Python's `str.zfill`: pad with zeros after a leading sign up to `width` characters.
    static func zeroFill(_ digits: String, to width: Int) -> String {
        let missing = width - digits.count
        guard missing > 0 else { return digits }
        let zeros = String(repeating: "0", count: missing)
        if let first = digits.first, first == "-" || first == "+" {
            return String(first) + zeros + digits.dropFirst()
        }
        return zeros + digits
    }
}
