import Foundation
import SchoolIDBase
import SchoolIDCrypto
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// The style sheet and script under their content-hash names (issue 11).
@Suite struct AssetsTests {
    @Test("each asset is served under the first 8 hex digits of its SHA-256, cacheable for a year, not sniffed")
    func served() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        for (file, type, stem) in [(Assets.stylesheet, "text/css; charset=utf-8", "css"),
                                   (Assets.script, "text/javascript; charset=utf-8", "js")] {
            let digest = Hex.encode(SHA256.hash(file.bytes).prefix(4))
            #expect(file.path == "/assets/schoolid-\(digest).\(stem)")
            let response = try await browser.get(file.path)
            #expect(response.status == 200, "\(file.path)")
            #expect(response.header("Content-Type") == type)
            #expect(response.header("Cache-Control") == "public, max-age=31536000, immutable")
            #expect(response.header("X-Content-Type-Options") == "nosniff")
            #expect(response.body == file.bytes)
        }
        #expect(try await browser.get("/assets/schoolid-00000000.css").status == 404)
        try await fixture.server.stop()
    }

    @Test("the style sheet keeps phones usable: table scrolling, long ids wrap, 44 px targets, visible focus")
    func stylesheetRules() {
        let css = AssetStylesheet.text
        #expect(css.contains(".table-scroll{overflow-x:auto"))
        #expect(css.contains("overflow-wrap:anywhere"))
        #expect(css.contains("min-height:2.75rem"))
        #expect(css.contains(":focus-visible{outline:3px"))
        #expect(css.contains("[hidden]{display:none!important}"))
    }

    @Test("the script binds the Caps Lock and Cyrillic notes by data attributes, with no inline markup")
    func scriptHooks() {
        let js = AssetScript.text
        #expect(js.contains("input[data-caps-hint]"))
        #expect(js.contains("getModifierState(\"CapsLock\")"))
        #expect(js.contains("input[data-cyrillic-hint]"))
        #expect(js.contains("[\\u0400-\\u04FF]"))
        #expect(!js.contains("innerHTML"))
    }
}
