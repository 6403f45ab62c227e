/// The folder whose `templates/` holds the template benchmark's pages: `Benchmarks/templates`
/// of the checkout this file was compiled from (the benchmark runs where it was built).
func benchmarkTemplatesRoot(file: String = #filePath) -> String {
    var parts = file.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)   // the file's name, HelloBenchmark/, http/
    return parts.joined(separator: "/") + "/templates"
}
