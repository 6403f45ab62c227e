import Testing
@testable import Flaskish

/// Hostile or random input must give an error or output, never a crash or a huge allocation.
struct TemplatesRobustnessTests {
    @Test(arguments: [
        "{{ 'x'|center(10**12) }}", "{{ 'x'|indent(10**12) }}", "{{ [1]|batch(10**12, 0) }}", "{{ [1]|slice(10**12) }}",
        "{{ lipsum(10**12) }}", "{{ 'x'.center(10**12) }}", "{{ 'x'.zfill(10**12) }}", "{{ '%1000000000000s' % 'x' }}",
        "{{ '%.1000000000000f' % 1.5 }}", "{{ '{:>1000000000000}'.format(1) }}", "{{ range(0, 2**62)|length }}",
        "{{ 'ab' * 2**62 }}", "{{ [1, 2] * 2**62 }}", "{{ {'a': 1}|tojson(10**9) }}",
    ])
    func hugeSizesAreLimitErrors(_ source: String) {
        #expect(throws: TemplateLimitError.self) { try TemplateEnvironment().renderString(source) }
    }

    @Test(arguments: [
        "{{ (-9223372036854775807 - 1) // -1 }}", "{{ (-9223372036854775807 - 1) % -1 }}", "{{ (-9223372036854775807 - 1)|abs }}",
        "{{ -(-9223372036854775807 - 1) }}", "{{ 9223372036854775807 + 1 }}", "{{ '%d' % 1e300 }}", "{{ '%c' % -1 }}",
        "{{ 1e300|int }}", "{{ 'x'|center(1e300) }}", "{{ 9223372036854775807|round(-18) }}", "{{ [1, 2][-9223372036854775807 - 1] }}",
        "{{ 'abc'[::-9223372036854775807 - 1] }}", "{{ range(9223372036854775807, -9223372036854775807, -2**62)|list }}",
        "{{ {'a': 1}|tojson(-3) }}",
    ])
    func extremeNumbersDoNotTrap(_ source: String) {
        // Any answer or a clean error is fine; reaching the expectation means no trap.
        let result = Result { try TemplateEnvironment().renderString(source) }
        #expect(result.map { _ in true }.mapError { $0 as any Error }.isSuccessOrTemplateError)
    }

    /// Random token soups from Jinja's vocabulary: parse and render must never crash.
    @Test func randomTemplatesNeverCrash() {
        let vocabulary = [
            "{{", "}}", "{%", "%}", "{#", "#}", "-", "+", "if", "for", "in", "endfor", "endif", "else", "set", "=", "x", "y",
            "(", ")", "[", "]", "{", "}", ",", ":", "|", "upper", "length", "default", "is", "not", "defined", "'s'", "1",
            "2.5", "loop", ".", "index", "macro", "endmacro", "call", "endcall", "block", "endblock", "~", "*", "**", "/",
            "//", "%", "and", "or", "none", "true", "raw", "endraw", "include", "'t'", "with", "endwith", "filter", "endfilter",
            "recursive", "batch", "join", "\n", " ", "é",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(vocabulary.count))
        }
        let env = TemplateEnvironment(loader: DictionaryLoader(["t": "{{ x }}"]))
        env.limits.maxOutputBytes = 1 << 16
        var rendered = 0
        for _ in 0..<3000 {
            let source = (0..<(next() % 24 + 1)).map { _ in vocabulary[next()] }.joined(separator: " ")
            if (try? env.renderString(source, context: ["x": [1, "a", ["k": 2]], "y": "<b>"])) != nil { rendered += 1 }
        }
        #expect(rendered > 0)
    }
}

extension Result where Success == Bool, Failure == any Error {
    /// True for success or for an error of the template engine (not some other failure).
    fileprivate var isSuccessOrTemplateError: Bool {
        switch self {
        case .success: true
        case .failure(let error): error is any TemplateError
        }
    }
}
