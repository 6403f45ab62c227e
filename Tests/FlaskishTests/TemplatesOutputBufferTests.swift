import Testing
@testable import Flaskish

/// A render's output buffer: the string made from it piece by piece must be the one decoding
/// the whole buffer at once gives, wherever the non-ASCII bytes fall; pooled buffers must not
/// leak one render's bytes into the next.
struct TemplatesOutputBufferTests {
    private func made(_ text: String) -> String {
        var buffer = TemplateOutputBuffer()
        TemplateByteOutput.append(text, to: &buffer)
        defer { buffer.deallocate() }
        return buffer.makeString()
    }

    @Test func smallAndEmptyOutputs() {
        #expect(made("") == "")
        #expect(made("a") == "a")
        #expect(made("héllo ☃") == "héllo ☃")
    }

    /// Non-ASCII code points of every UTF-8 length around the 32 KiB piece boundary and the
    /// 512-byte pieces after a non-ASCII byte, so a piece would be cut inside a code point if
    /// the cut were wrong.
    @Test(arguments: ["é", "·", "☃", "🎉"])
    func nonASCIIAtEveryOffsetNearTheBoundaries(_ scalar: String) {
        for boundary in [32 << 10, (32 << 10) + 512, 64 << 10] {
            for shift in -5...5 {
                var text = String(repeating: "a", count: boundary + shift)
                text += scalar + String(repeating: "b", count: 700) + scalar + scalar
                text += String(repeating: "c", count: 40_000)
                #expect(made(text) == text, "\(boundary)\(shift)")
            }
        }
    }

    @Test func textThatIsMostlyNotASCII() {
        let text = String(repeating: "日本語のテキスト, ", count: 8_000) + "end"
        #expect(made(text) == text)
        let sparse = (0..<3_000).map { "row \($0) naïve café " + String(repeating: "x", count: $0 % 50) }.joined()
        #expect(made(sparse) == sparse)
    }

    @Test func appendsIntegersCapturesAndEscapes() {
        var buffer = TemplateOutputBuffer()
        defer { buffer.deallocate() }
        for value in [0, 7, -7, 1234567890, Int.max, Int.min] { TemplateByteOutput.append(value, to: &buffer) }
        #expect(buffer.makeString() == "07-712345678909223372036854775807-9223372036854775808")
        let start = buffer.count
        TemplateEscaping.appendEscaped("<a href='x'>&\"", to: &buffer)
        #expect(buffer.string(from: start) == "&lt;a href=&#39;x&#39;&gt;&amp;&#34;")
        buffer.removeAll(from: start)
        #expect(buffer.count == start)
    }

    /// Short text is escaped in one pass into reserved room, long text run by run: the same bytes.
    @Test(arguments: [1, 7, 8, 9, 409, 410, 2_000])
    func escapesShortAndLongTextAlike(_ repeats: Int) {
        for piece in ["<&>\"'", "ab<cd", "plain words ", "é&ü"] {
            let text = String(repeating: piece, count: repeats)
            var buffer = TemplateOutputBuffer()
            defer { buffer.deallocate() }
            TemplateByteOutput.append("x", to: &buffer)
            TemplateEscaping.appendEscaped(text, to: &buffer)
            #expect(buffer.string(from: 1) == TemplateEscaping.escape(text), "\(piece) × \(repeats)")
            var bytes: [UInt8] = []
            TemplateEscaping.appendEscaped(text, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == TemplateEscaping.escape(text))
        }
    }

    /// Specials next to each other and near the end, at every length up to three words: the
    /// scan for the next special starts after the last one, inside the final word.
    @Test func escapesDenseSpecialsAtEveryLength() {
        func reference(_ text: String) -> String {
            var out = ""
            for c in text {
                switch c {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&#34;"
                case "'": out += "&#39;"
                default: out.append(c)
                }
            }
            return out
        }
        let alphabet = Array("a&<b>\"'c")
        for length in 1...26 {
            for seed in 0..<12 {
                let text = String((0..<length).map { alphabet[($0 * 7 + seed * 5 + $0 * $0 * seed) % alphabet.count] })
                var buffer = TemplateOutputBuffer()
                TemplateEscaping.appendEscaped(text, to: &buffer)
                #expect(buffer.makeString() == reference(text), "\(text)")
                buffer.deallocate()
                var bytes: [UInt8] = []
                TemplateEscaping.appendEscaped(text, to: &bytes)
                #expect(String(decoding: bytes, as: UTF8.self) == reference(text), "\(text)")
                #expect(TemplateEscaping.escape(text) == reference(text), "\(text)")
            }
        }
    }

    @Test func thePoolKeepsNoBufferPastItsLimits() {
        let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        let entry = TemplateOutputBufferPool.Entry(base: memory, capacity: 64)
        #expect(!TemplateOutputBufferPool.put(entry, limits: TemplateLimits(pooledOutputBuffers: 0)))
        #expect(!TemplateOutputBufferPool.put(entry, limits: TemplateLimits(maxPooledOutputBufferBytes: 63)))
        memory.deallocate()
    }

    /// Renders that reuse pooled buffers (here, and in every other test running meanwhile)
    /// give each its own output: a large page, a small one, the large one again.
    @Test func renderingAgainReusesNothingOfTheLastOutput() throws {
        let environment = TemplateEnvironment()
        let big = "{% for i in range(n) %}<p>{{ i }} · {{ name }}</p>{% endfor %}"
        let expected = { (n: Int) in (0..<n).map { "<p>\($0) · Ana &amp; Bo</p>" }.joined() }
        for n in [5_000, 3, 5_000, 0, 20_000] {
            let html = try environment.renderString(big, context: ["n": .int(n), "name": "Ana & Bo"])
            #expect(html == expected(n))
        }
    }
}
