/// Python's `textwrap.wrap` as Jinja's `wordwrap` filter calls it (`expand_tabs=False`,
/// `replace_whitespace=False`, `drop_whitespace=True`): the same chunks (words, runs of
/// whitespace, words split after a hyphen between letters, em-dashes) and the same greedy
/// filling, so lines break where Python breaks them, long words included.
enum TemplateTextWrap {
    /// `textwrap.wrap(line, width, break_long_words=, break_on_hyphens=)`.
    static func wrap(_ line: String, width: Int, breakLongWords: Bool, breakOnHyphens: Bool) throws -> [String] {
        guard width > 0 else { throw TemplateRuntimeError("ValueError", "invalid width \(width) (must be > 0)") }
        var chunks = Array(split(Array(line.unicodeScalars), hyphens: breakOnHyphens).reversed())
        var lines: [String] = []
        while !chunks.isEmpty {
            var current: [ArraySlice<Unicode.Scalar>] = []
            var length = 0
            if let last = chunks.last, isBlank(last), !lines.isEmpty { chunks.removeLast() }
            while let last = chunks.last, length + last.count <= width {
                current.append(last)
                length += last.count
                chunks.removeLast()
            }
            if let chunk = chunks.last, chunk.count > width {
                // A word longer than a line: fill what is left of this line with its head.
                let spaceLeft = width - length
                if breakLongWords {
                    var end = spaceLeft
                    if breakOnHyphens && chunk.count > spaceLeft,
                        let hyphen = chunk.prefix(spaceLeft).lastIndex(of: "-"), hyphen > chunk.startIndex,
                        chunk[chunk.startIndex..<hyphen].contains(where: { $0 != "-" })
                    {
                        end = hyphen - chunk.startIndex + 1
                    }
                    current.append(chunk.prefix(end))
                    chunks[chunks.count - 1] = chunk.dropFirst(end)
                } else if current.isEmpty {
                    current.append(chunk)
                    chunks.removeLast()
                }
            }
            if let last = current.last, isBlank(last) { current.removeLast() }
            if !current.isEmpty {
                var text = String.UnicodeScalarView()
                for chunk in current { text.append(contentsOf: chunk) }
                lines.append(String(text))
            }
        }
        return lines
    }

    /// `str.strip() == ''`: Python whitespace, wider than the whitespace chunks are made of.
    private static func isBlank(_ chunk: ArraySlice<Unicode.Scalar>) -> Bool {
        chunk.allSatisfy(TemplateText.isPythonSpace)
    }

    /// textwrap's whitespace: `\t\n\v\f\r` and space only.
    private static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || (0x09...0x0D).contains(c.value)
    }

    /// Regex `\w` on `str`: alphanumeric or underscore.
    private static func isWord(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic || c.properties.numericType != nil
    }

    /// `[^\d\W]`: a word character that is not a decimal digit.
    private static func isLetter(_ c: Unicode.Scalar) -> Bool {
        isWord(c) && c.properties.numericType != .decimal
    }

    /// `[\w!"'&.,?]`: what may precede an em-dash.
    private static func isWordPunctuation(_ c: Unicode.Scalar) -> Bool {
        isWord(c) || "!\"'&.,?".unicodeScalars.contains(c)
    }

    /// textwrap's `wordsep_re` (or `wordsep_simple_re` without hyphen breaking) as a scanner.
    static func split(_ s: [Unicode.Scalar], hyphens: Bool) -> [ArraySlice<Unicode.Scalar>] {
        func at(_ i: Int) -> Unicode.Scalar? { i >= 0 && i < s.count ? s[i] : nil }
        func letter(_ i: Int) -> Bool { at(i).map(isLetter) ?? false }
        /// `-{2,}\w` starting at `i`.
        func emDash(_ i: Int) -> Int? {
            var j = i
            while at(j) == "-" { j += 1 }
            guard j - i >= 2, let next = at(j), isWord(next) else { return nil }
            return j
        }
        var chunks: [ArraySlice<Unicode.Scalar>] = []
        var i = 0
        while i < s.count {
            if isSpace(s[i]) {
                var j = i
                while j < s.count && isSpace(s[j]) { j += 1 }
                chunks.append(s[i..<j])
                i = j
                continue
            }
            if !hyphens {
                var j = i
                while j < s.count && !isSpace(s[j]) { j += 1 }
                chunks.append(s[i..<j])
                i = j
                continue
            }
            if s[i] == "-", let previous = at(i - 1), isWordPunctuation(previous), let end = emDash(i) {
                var j = i
                while j < end && s[j] == "-" { j += 1 }
                chunks.append(s[i..<j])
                i = j
                continue
            }
            // A word: the shortest run of non-space followed by a hyphen break, a space/end, or an em-dash.
            var j = i + 1
            while true {
                if j == s.count || isSpace(s[j]) {
                    chunks.append(s[i..<j])
                    i = j
                    break
                }
                if s[j] == "-" {
                    let behind = (letter(j - 2) && letter(j - 1)) || (letter(j - 3) && at(j - 2) == "-" && letter(j - 1))
                    let ahead = letter(j + 1) && (letter(j + 2) || (at(j + 2) == "-" && letter(j + 3)))
                    if behind && ahead {
                        chunks.append(s[i...j])
                        i = j + 1
                        break
                    }
                    if let previous = at(j - 1), isWordPunctuation(previous), emDash(j) != nil {
                        chunks.append(s[i..<j])
                        i = j
                        break
                    }
                }
                j += 1
            }
        }
        return chunks
    }
}
