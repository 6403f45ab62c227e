import Foundation
import Testing

/// docs/tutorial.md ends with the chat's full source; it must be main.swift, not a copy that drifted.
struct TutorialTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theTutorialsLastStepIsMainSwift() throws {
        let tutorial = try String(contentsOf: Self.root.appendingPathComponent("docs/tutorial.md"), encoding: .utf8)
        let main = try String(contentsOf: Self.root.appendingPathComponent("Sources/ChatDemo/main.swift"), encoding: .utf8)
        let marker = try #require(tutorial.range(of: "<!-- compile: step-5 -->\n```swift\n"))
        let end = try #require(tutorial.range(of: "\n```", range: marker.upperBound..<tutorial.endIndex))
        var lines = tutorial[marker.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        // The step's first line says which step it is; main.swift does not need it.
        #expect(lines.first?.hasPrefix("// Step 5") == true)
        lines.removeFirst()
        #expect(lines.joined(separator: "\n") + "\n" == main)
    }

    /// docs/pt-BR/tutorial.md ends with main.swift too, its comments in Portuguese: the code
    /// itself must be main.swift's, line for line.
    @Test func thePortugueseTutorialsLastStepIsMainSwiftWithTranslatedComments() throws {
        let tutorial = try String(contentsOf: Self.root.appendingPathComponent("docs/pt-BR/tutorial.md"), encoding: .utf8)
        let main = try String(contentsOf: Self.root.appendingPathComponent("Sources/ChatDemo/main.swift"), encoding: .utf8)
        let marker = try #require(tutorial.range(of: "<!-- compile: step-5 -->\n```swift\n"))
        let end = try #require(tutorial.range(of: "\n```", range: marker.upperBound..<tutorial.endIndex))
        let step = Self.codeLines(tutorial[marker.upperBound..<end.lowerBound])
        let source = Self.codeLines(main[...])
        #expect(step.count > 90)  // the whole program, not a stray fragment
        for (index, (translated, original)) in zip(step, source).enumerated() where translated != original {
            Issue.record("line \(index + 1) of the code differs:\n  pt-BR: \(translated)\n  main:  \(original)")
            break
        }
        #expect(step.count == source.count)
    }

    /// The lines of Swift `source` without comments, trailing blanks and blank lines: what the
    /// compiler reads. A `//` inside a string literal is not a comment.
    static func codeLines(_ source: Substring) -> [String] {
        source.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            var code = ""
            var inString = false
            var previous: Character = " "
            for character in line {
                if character == "\"" && previous != "\\" { inString.toggle() }
                if character == "/" && previous == "/" && !inString {
                    code.removeLast()
                    break
                }
                code.append(character)
                previous = character
            }
            while code.last?.isWhitespace == true { code.removeLast() }
            return code.isEmpty ? nil : code
        }
    }
}
