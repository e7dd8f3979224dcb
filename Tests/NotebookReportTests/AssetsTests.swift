import Foundation
import NotebookReport
import Testing

/// The report's look comes from `assets/report`, compiled into the binary, and the page's
/// Content-Security-Policy names the hash of the script it actually carries.
@Suite struct AssetsTests {
    static let assets = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../assets/report").standardized

    func asset(_ name: String) throws -> String {
        try String(contentsOf: Self.assets.appendingPathComponent(name), encoding: .utf8)
    }

    func samplePage() -> String {
        let notebook = Fixtures.notebook("# T\n\n```swift\nlet x = 1\n```\n")
        return Fixtures.render(notebook, Fixtures.run(for: notebook)).html
    }

    @Test func pageCarriesTheStyleSheetAndScriptOfTheAssets() throws {
        let page = samplePage()
        let css = try asset("report.css")
        let rule = try #require(css.split(separator: "\n").first { $0.hasPrefix(".cell{") })
        #expect(page.contains(rule))
        #expect(!page.contains("/* The report's style sheet"), "comments are left out of the page")
        let script = try asset("copy-button.js")
        #expect(page.contains("<script>" + script + "</script>"))
    }

    @Test func pageFollowsTheShell() throws {
        let shell = try asset("page.html")
        let page = samplePage()
        #expect(shell.contains("{{main}}"))
        // Every line of markup in the shell without a slot appears in the page as written.
        for line in shell.split(separator: "\n")
        where !line.contains("{{") && line.hasPrefix("<") && !line.hasPrefix("<!--") {
            #expect(page.contains(line), "\(line)")
        }
    }

    @Test func liveReloadScriptHashIsComputed() throws {
        let script = try asset("live-reload.js")
        #expect(InlineScript.liveReload.source == script)
        #expect(InlineScript.liveReload.hashSource.hasPrefix("'sha256-"))
        var options = ReportOptions(timeZone: TimeZone(identifier: "UTC")!)
        options.pageAdditions = .liveReload(version: 7)
        let notebook = Fixtures.notebook("text\n")
        let page = Fixtures.render(notebook, Fixtures.run(for: notebook), options: options).html
        #expect(page.contains("connect-src 'self'; script-src 'sha256-"))
        #expect(page.contains(InlineScript.liveReload.hashSource))
        #expect(page.contains("<meta name=\"notebook-version\" content=\"7\">"))
        #expect(page.contains("<script>" + script + "</script>"))
    }

    @Test func entityAndTeXTablesComeFromTheAssets() throws {
        let entities = try asset("tables/html-entities.tsv")
        #expect(entities.contains("hellip\t…"))
        let notebook = Fixtures.notebook("Dots&hellip; and $\\alpha \\leq \\beta$.\n")
        let page = Fixtures.render(notebook, Fixtures.run(for: notebook)).html
        #expect(page.contains("Dots…"))
        #expect(page.contains("<mi>α</mi><mo>≤</mo><mi>β</mi>"))
    }
}
