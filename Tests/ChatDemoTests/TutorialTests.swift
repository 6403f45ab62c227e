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
}
