/// Why a JSON document was rejected, and where.
///
/// Its `description` reads like Python's `json.JSONDecodeError`:
/// `Expecting value: line 1 column 1 (char 0)`. Offsets count **bytes** of the UTF-8 input
/// (Python counts characters of the decoded `str`; the two agree on ASCII input). Lines and
/// columns are 1-based, the column counted in bytes from the start of the line.
///
/// Python: `json.JSONDecodeError` (`msg`, `pos`, `lineno`, `colno`).
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong; each case's ``message`` is Python's wording where Python has one.
    public enum Reason: Sendable, Hashable {
        /// No value where one must be (also: `NaN`, `Infinity`, a lone `-`, `.5`).
        case expectingValue
        /// An object member does not start with `"` (also: a trailing comma in an object).
        case expectingPropertyName
        /// No `:` after an object key.
        case expectingColon
        /// No `,` (or closing bracket) after an element.
        case expectingComma
        /// The input ended inside a string; the offset is the opening quote.
        case unterminatedString
        /// A raw byte below U+0020 inside a string (RFC 8259 §7).
        case invalidControlCharacter
        /// A backslash followed by something other than `"\/bfnrtu`.
        case invalidEscape
        /// `\u` not followed by four hex digits.
        case invalidUnicodeEscape
        /// A string is not valid UTF-8; the offset is its opening quote.
        case invalidUTF8
        /// Something other than whitespace follows the document.
        case extraData
        /// A text (not bytes) input starts with U+FEFF.
        case unexpectedByteOrderMark
        /// More nested containers than ``JSONLimits/maxDepth``.
        case tooDeep(limit: Int)
        /// An integer with more digits than ``JSONLimits/maxIntegerDigits``; the offset is its first byte.
        ///
        /// Python: the `ValueError` of `json.loads` past `sys.get_int_max_str_digits()`.
        case integerTooLong(digits: Int, limit: Int)
    }

    /// What went wrong.
    public let reason: Reason
    /// The byte offset of the problem, 0-based (Python's `pos`).
    public let offset: Int
    /// The line of the problem, 1-based (Python's `lineno`).
    public let line: Int
    /// The column of the problem in bytes, 1-based (Python's `colno`).
    public let column: Int

    /// An error at `offset`, with the line and column given.
    public init(reason: Reason, offset: Int, line: Int, column: Int) {
        self.reason = reason
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The reason alone, in Python's words: `Expecting ',' delimiter`.
    public var message: String {
        switch reason {
        case .expectingValue: "Expecting value"
        case .expectingPropertyName: "Expecting property name enclosed in double quotes"
        case .expectingColon: "Expecting ':' delimiter"
        case .expectingComma: "Expecting ',' delimiter"
        case .unterminatedString: "Unterminated string starting at"
        case .invalidControlCharacter: "Invalid control character at"
        case .invalidEscape: "Invalid \\escape"
        case .invalidUnicodeEscape: "Invalid \\uXXXX escape"
        case .invalidUTF8: "Invalid UTF-8 in string starting at"
        case .extraData: "Extra data"
        case .unexpectedByteOrderMark: "Unexpected UTF-8 BOM (decode using utf-8-sig)"
        case .tooDeep(let limit): "Nesting deeper than \(limit) levels"
        case .integerTooLong(let digits, let limit):
            BigIntegerDigitLimitError(limit: limit, digits: digits).description
        }
    }

    /// Python's format: `Expecting value: line 1 column 1 (char 0)`.
    public var description: String {
        "\(message): line \(line) column \(column) (char \(offset))"
    }
}

extension JSONParseError {
    /// An error at `offset` in `bytes`, its line and column counted from the input.
    init(_ reason: Reason, at offset: Int, in bytes: UnsafeRawBufferPointer) {
        var line = 1
        var lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        self.init(reason: reason, offset: offset, line: line, column: offset - lineStart + 1)
    }
}
