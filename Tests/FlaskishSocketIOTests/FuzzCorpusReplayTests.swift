import FlaskishFuzzTargets
import Foundation
import Testing

/// Every fuzz target (Tests/Fuzz/Targets) on its seed corpus and on every input a fuzzer
/// crashed on (Tests/Fuzz/Regressions/<target>/): the same properties the fuzzers check
/// (no trap, any split gives the same answer, round trips), in the normal test run.
struct FuzzCorpusReplayTests {
    static let fuzzRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz")

    static func inputs(_ folder: String, _ target: String) -> [URL] {
        let directory = fuzzRoot.appendingPathComponent(folder).appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { directory.appendingPathComponent($0) }
    }

    @Test("each target has a seed corpus, and replays it and its regressions", arguments: FuzzTarget.all.map(\.name))
    func replay(target name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        let seeds = Self.inputs("Corpus", name)
        #expect(seeds.count >= 3, "Tests/Fuzz/Corpus/\(name) needs seeds")
        for url in seeds + Self.inputs("Regressions", name) {
            let bytes = [UInt8](try Data(contentsOf: url))
            bytes.withUnsafeBytes { target.run($0) }
        }
    }
}
