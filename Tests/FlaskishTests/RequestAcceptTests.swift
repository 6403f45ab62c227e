import FlaskishTestSupport
import Testing
@testable import Flaskish

/// `Accept-*` headers as Werkzeug reads them: qualities, wildcards, specificity, best match.
struct RequestAcceptTests {
    let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

    @Test func browserAcceptHeader() {
        let accept = Accept(browser, kind: .mime)
        #expect(accept.best == "text/html")
        #expect(accept.quality("image/png") == 0.8)
        #expect(accept.quality("application/xml") == 0.9)
        #expect(accept.acceptsHTML && accept.acceptsJSON)
        #expect(accept.bestMatch(["application/json", "text/html"]) == "text/html")
        #expect(accept.bestMatch(["application/json", "application/xml"]) == "application/xml")
    }

    @Test func zeroQualityRefusesButIsStillListed() {
        let accept = Accept("application/json;q=0, text/plain", kind: .mime)
        #expect(!accept.acceptsJSON)
        #expect(accept.contains("application/json"))
        #expect(accept.bestMatch(["application/json"], default: "none") == "none")
    }

    @Test func invalidQualitiesDropTheEntry() {
        let accept = Accept("a/a;q=2, b/b;q=x, c/c;q=-0.1, d/d;Q=0.5", kind: .mime)
        #expect(accept.values.map(\.value) == ["d/d"])
        #expect(accept.values.map(\.quality) == [0.5])
    }

    @Test func moreSpecificEntriesComeFirst() {
        let accept = Accept("*/*, text/*, text/html;q=0.5, text/plain;level=1", kind: .mime)
        // Equally specific entries are ordered by quality.
        #expect(accept.values.map(\.value) == ["text/plain; level=1", "text/html", "text/*", "*/*"])
    }

    @Test func equalQualityPrefersTheMoreSpecificMatch() {
        let accept = Accept("text/*;q=0.5, text/html;q=0.5", kind: .mime)
        #expect(accept.bestMatch(["text/plain", "text/html"]) == "text/html")
        #expect(accept.bestMatch(["text/plain", "image/png"]) == "text/plain")
    }

    @Test func mimeMatchingRules() {
        let accept = Accept("text/html;level=1, */plain", kind: .mime)
        #expect(accept.quality("text/html;level=1") == 1)
        #expect(accept.quality("text/html") == 0)
        #expect(accept.quality("text/plain") == 0)  // `*/plain` is invalid
        #expect(accept.quality("*/*") == 1)
        #expect(Accept("TEXT/HTML", kind: .mime).quality("text/html") == 1)
    }

    @Test func missingHeaderAcceptsNothingByMatchButSaysSo() {
        let accept = Accept(nil, kind: .mime)
        #expect(!accept.provided)
        #expect(accept.best == nil)
        #expect(accept.bestMatch(["text/html"], default: "text/html") == "text/html")
        #expect(Accept("", kind: .mime).provided)
    }

    @Test func languagesFallBackToThePrimaryTag() {
        let accept = Accept("en-US,en;q=0.9,de;q=0.5", kind: .language)
        #expect(accept.best == "en-US")
        #expect(accept.bestMatch(["de", "en"]) == "en")
        #expect(accept.bestMatch(["de", "en_us"]) == "en_us")
        #expect(accept.bestMatch(["en-GB", "fr"]) == "en-GB")
        #expect(accept.bestMatch(["fr"]) == nil)
        // An exact match, even of lower quality, wins over a primary-tag fallback (as Werkzeug).
        #expect(Accept("fr-CA, en;q=0.1", kind: .language).bestMatch(["en", "fr"]) == "en")
        #expect(accept.bestMatch(["de", "en-GB"]) == "de")
        // Werkzeug 3.1.9 falls back only from a cut client tag to an offer as given, or from a
        // cut offer to a client tag: `pt-PT` neither is nor accepts `pt-BR`.
        let portuguese = Accept("pt-PT", kind: .language)
        #expect(portuguese.bestMatch(["en", "pt-BR"], default: "en") == "en")
        #expect(portuguese.bestMatch(["en", "pt"]) == "pt")
        #expect(Accept("pt", kind: .language).bestMatch(["en", "pt-BR"]) == "pt-BR")
        #expect(Accept("pt-PT,en;q=0.5", kind: .language).bestMatch(["en", "pt-BR"]) == "en")
    }

    @Test func tokensForCharsetsAndEncodings() {
        let accept = Accept("gzip, deflate;q=0.5, *;q=0.1", kind: .token)
        #expect(accept.values.map(\.value) == ["gzip", "deflate", "*"])
        #expect(accept.quality("br") == 0.1)
        #expect(accept.quality("GZIP") == 1)
        #expect(accept.bestMatch(["br", "deflate"]) == "deflate")
    }

    func negotiatingApp() -> Flask {
        let app = Flask()
        app.route("/") { req in
            let type = req.acceptMimetypes.bestMatch(["application/json", "text/html"], default: "text/html") ?? ""
            let language = req.acceptLanguages.bestMatch(["en", "fr"], default: "en") ?? ""
            return "\(type) \(language) \(req.acceptEncodings.quality("gzip")) \(req.acceptCharsets.best ?? "-")"
        }
        return app
    }

    @Test func negotiationThroughTheTestClient() async {
        let client = negotiatingApp().testClient()
        #expect(await client.get("/").text == "text/html en 0.0 -")
        let headers: HTTPHeaders = ["Accept": "application/json", "Accept-Language": "fr-CA, de;q=0.1",
                                    "Accept-Encoding": "gzip;q=0.3", "Accept-Charset": "utf-8"]
        #expect(await client.get("/", headers: headers).text == "application/json fr 0.3 utf-8")
    }

    @Test func negotiationOverALiveServer() async throws {
        try await withLiveServer(negotiatingApp()) { port in
            let reply = try liveRequest("GET", "/", port: port, headers: [("Accept", browser), ("Accept-Language", "fr")])
            #expect(reply.text == "text/html fr 0.0 -")
        }
    }
}
