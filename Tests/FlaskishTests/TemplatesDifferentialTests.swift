import Foundation
import Testing
@testable import Flaskish

/// Renders every case of `Tests/templates-differential/cases.json` with Flaskish and with
/// Jinja2 (through `render_jinja.py`) and compares the outputs byte for byte.
/// Fails, never skips, when Python or Jinja2 is missing.
struct TemplatesDifferentialTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let spec: TemplateDict
        var testDescription: String { name }
    }

    /// Jinja's answer per case name: `.success(output)` or `.failure(exceptionClass)`.
    enum Expected: Sendable { case output(String), error(String) }

    static let cases: [Case] = {
        guard let data = try? Data(contentsOf: DifferentialPaths.casesFile),
            case .list(let items)? = try? OrderedJSON.parse(data)
        else { return [] }
        return items.compactMap { item in
            guard case .dict(let spec) = item, let name = spec["name"]?.stringContent else { return nil }
            return Case(name: name, spec: spec)
        }
    }()

    /// Runs Python once for all cases.
    static let jinja: Result<[String: Expected], PythonFailure> = runJinja()

    struct PythonFailure: Error, CustomStringConvertible {
        let description: String
    }

    static func runJinja() -> Result<[String: Expected], PythonFailure> {
        let process = Process()
        let command = DifferentialPaths.python
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst()) + [DifferentialPaths.renderScript.path, DifferentialPaths.casesFile.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return .failure(PythonFailure(description: "could not start Python (\(command.joined(separator: " "))): \(error). Install Python 3 with Jinja2, or set FLASKISH_PYTHON."))
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(PythonFailure(description: "Python/Jinja2 failed (status \(process.terminationStatus)): \(errorText). Install Jinja2 (pip install Jinja2) or set FLASKISH_PYTHON."))
        }
        guard case .list(let results)? = try? OrderedJSON.parse(data) else {
            return .failure(PythonFailure(description: "render_jinja.py printed no JSON: \(errorText)"))
        }
        var expected: [String: Expected] = [:]
        for case .dict(let result) in results {
            guard let name = result["name"]?.stringContent else { continue }
            if let output = result["output"]?.stringContent {
                expected[name] = .output(output)
            } else {
                // Jinja leaks a Python `SyntaxError` from its generated code for a duplicate macro
                // parameter; Flaskish reports a TemplateSyntaxError (docs/differences-from-flask.md).
                let kind = result["error"]?.stringContent ?? "?"
                expected[name] = .error(kind == "SyntaxError" ? "TemplateSyntaxError" : kind)
            }
        }
        return .success(expected)
    }

    /// Renders a case with Flaskish configured as `render_jinja.py` configures Jinja.
    static func renderWithFlaskish(_ spec: TemplateDict) -> Expected {
        var templates: [String: String] = [:]
        if case .dict(let extra)? = spec["templates"] {
            for (k, v) in extra.pairs { templates[k.pythonString] = v.pythonString }
        }
        let source = spec["template"]?.pythonString ?? ""
        let file = spec["file"]?.stringContent
        if let file { templates[file] = source }
        let env = TemplateEnvironment(loader: DictionaryLoader(templates))
        if spec["strict"]?.isTruthy == true { env.undefined = .strict }
        env.syntax = TemplateSyntaxOptions(
            trimBlocks: spec["trim_blocks"]?.isTruthy ?? false,
            lstripBlocks: spec["lstrip_blocks"]?.isTruthy ?? false,
            keepTrailingNewline: spec["keep_trailing_newline"]?.isTruthy ?? false)
        var context: [String: TemplateValue] = [:]
        if case .dict(let values)? = spec["context"] {
            for (k, v) in values.pairs { context[k.pythonString] = v }
        }
        do {
            if let file { return .output(try env.render(file, context: context)) }
            return .output(try env.renderString(source, context: context))
        } catch let error as TemplateRuntimeError {
            return .error(error.kind)
        } catch {
            return .error(String(describing: type(of: error)))
        }
    }

    @Test func suiteHasAtLeast600Cases() {
        #expect(Self.cases.count >= 600, "cases.json must hold at least 600 cases, found \(Self.cases.count)")
    }

    @Test(arguments: cases)
    func matchesJinja(_ testCase: Case) throws {
        let expected: [String: Expected]
        switch Self.jinja {
        case .success(let results): expected = results
        case .failure(let failure):
            Issue.record("Jinja2 reference unavailable: \(failure)")
            return
        }
        guard let reference = expected[testCase.name] else {
            Issue.record("Jinja2 produced no result for '\(testCase.name)'")
            return
        }
        let actual = Self.renderWithFlaskish(testCase.spec)
        switch (reference, actual) {
        case (.output(let want), .output(let got)):
            #expect(got == want, "case '\(testCase.name)'")
        case (.error(let want), .error(let got)):
            #expect(got == want, "case '\(testCase.name)': error class")
        default:
            Issue.record("case '\(testCase.name)': Jinja2 gave \(reference), Flaskish gave \(actual)")
        }
    }
}
