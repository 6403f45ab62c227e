import FlaskishTestSupport
import Foundation
import Testing

/// ChatDemo's page speaks the browser's language: Portuguese when Accept-Language prefers `pt`
/// (any region), English otherwise, with q-values deciding over the order of the entries.
/// Tests/chat-browser/test_chat_language.py asks both servers the same questions.
struct ChatDemoLanguageTests {
    /// Accept-Language (nil: none sent) and the `<html lang>` the page must have.
    static let choices: [(header: String?, lang: String)] = [
        (nil, "en"),
        ("", "en"),
        ("pt-BR,pt;q=0.9", "pt-BR"),  // Chromium started with --lang=pt-BR
        ("pt-BR,pt;q=0.8,en-US;q=0.5,en;q=0.3", "pt-BR"),  // Firefox in Portuguese
        ("pt-PT,pt;q=0.9,en;q=0.8", "pt-BR"),
        ("pt-PT", "pt-BR"),
        ("pt", "pt-BR"),
        ("pt-AO", "pt-BR"),  // any other region, by the primary subtag
        ("PT-br", "pt-BR"),
        ("pt-BR,en;q=0.5", "pt-BR"),
        ("en;q=0.4,pt;q=0.8", "pt-BR"),  // the q-values decide, not the order
        ("fr-FR,fr;q=0.9,pt;q=0.8,en;q=0.7", "pt-BR"),
        ("en-US,en;q=0.9", "en"),
        ("en-US,pt-BR;q=0.9", "en"),
        ("en-GB,pt;q=0.5", "en"),
        ("fr-FR,fr;q=0.9,en;q=0.8,pt;q=0.7", "en"),
        ("de", "en"),
        ("*", "en"),
        ("pt;q=0", "en"),  // q=0: anything but Portuguese
        ("pt;q=0,en;q=0.1", "en"),
        ("pt-br;q=1.5,en", "en"),  // an invalid q-value drops its entry
    ]

    @Test func thePageLanguageFollowsAcceptLanguageAndVariesOnIt() throws {
        let (process, port, _) = try ChatDemoProcessTests.launch(["--host", "127.0.0.1", "--port", "0"])
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        for (header, lang) in Self.choices {
            let reply = try RawHTTPClient.get("/", port: port, headers: header.map { "Accept-Language: \($0)\r\n" } ?? "")
            let context = Comment(rawValue: "Accept-Language: \(header ?? "(none)")")
            #expect(reply.status == 200, context)
            #expect(reply.text.contains("<html lang=\"\(lang)\">"), context)
            #expect(reply.text.contains(lang == "pt-BR" ? ">Enviar</button>" : ">Send</button>"), context)
            let vary = (reply.header("Vary") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(vary.contains("Accept-Language"), context)
        }
    }
}
