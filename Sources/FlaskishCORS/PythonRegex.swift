import Foundation

/// A compiled regex that matches as Python's `re.match` does: anchored at the start of the
/// value, not at its end.
///
/// flask-cors compiles patterns with Python's `re`; Flaskish has ICU's (through
/// `NSRegularExpression`, which is immutable and documented thread-safe, hence the unchecked
/// `Sendable`). The two dialects agree on what CORS patterns use (classes, groups,
/// quantifiers, `\d\w\s`, anchors); `translate` rewrites the Python-only spellings
/// (`(?P<name>…)`, `(?P=name)`, `\Z`) and the characters ICU reads specially inside `[…]`.
/// Line separators are Unix-only so `.` and `$` treat only `\n` as a line end, as Python does.
final class PythonRegex: @unchecked Sendable {
    /// The pattern as written by the user.
    let pattern: String
    private let regex: NSRegularExpression

    /// Compiles `pattern`; throws the ICU error text when it does not compile.
    init(_ pattern: String, caseSensitive: Bool) throws {
        self.pattern = pattern
        var options: NSRegularExpression.Options = [.useUnixLineSeparators]
        if !caseSensitive { options.insert(.caseInsensitive) }
        regex = try NSRegularExpression(pattern: Self.translate(pattern), options: options)
    }

    /// `re.match(pattern, value)` is not None.
    func matchesPrefix(of value: String) -> Bool {
        let text = value as NSString
        return regex.firstMatch(in: value, options: [.anchored], range: NSRange(location: 0, length: text.length)) != nil
    }

    /// Rewrites Python `re` syntax into the ICU equivalent.
    static func translate(_ pattern: String) -> String {
        let scalars = Array(pattern.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        var inClass = false
        var classStart = 0
        func peek(_ offset: Int) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }
        func starts(with text: String) -> Bool {
            let wanted = Array(text.unicodeScalars)
            guard index + wanted.count <= scalars.count else { return false }
            return Array(scalars[index..<(index + wanted.count)]) == wanted
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" {
                guard let next = peek(1) else { out.append(scalar); index += 1; continue }
                if next == "Z" && !inClass {
                    out.append(contentsOf: "\\z".unicodeScalars)
                } else {
                    out.append(scalar)
                    out.append(next)
                }
                index += 2
                continue
            }
            if inClass {
                // Python reads `]` right after `[` or `[^` as a literal; ICU reads `[` and `&`
                // inside a class as set syntax. Escaping them keeps Python's meaning.
                if scalar == "]" && index > classStart {
                    inClass = false
                    out.append(scalar)
                } else if scalar == "]" || scalar == "[" || scalar == "&" {
                    out.append("\\")
                    out.append(scalar)
                } else {
                    out.append(scalar)
                }
                index += 1
                continue
            }
            if scalar == "[" {
                inClass = true
                out.append(scalar)
                index += 1
                if peek(0) == "^" { out.append("^"); index += 1 }
                classStart = index
                continue
            }
            if starts(with: "(?P<") {
                out.append(contentsOf: "(?<".unicodeScalars)
                index += 4
                continue
            }
            if starts(with: "(?P="), let close = scalars[index...].firstIndex(of: ")") {
                let name = String(String.UnicodeScalarView(scalars[(index + 4)..<close]))
                out.append(contentsOf: "\\k<\(name)>".unicodeScalars)
                index = close + 1
                continue
            }
            out.append(scalar)
            index += 1
        }
        return String(out)
    }
}
