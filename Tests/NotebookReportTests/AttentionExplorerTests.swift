import Foundation
import NotebookDocument
import NotebookOutput
import NotebookReport
import Testing

/// The attention explorer (issue 13.4): a static SVG heatmap with the data and hidden controls,
/// brought to life by a script the page's policy allows by its hash; hostile tokens escaped, bad
/// shapes refused, 64 tokens drawn with every label.
@Suite struct AttentionExplorerTests {
    /// Weights that peak on column `(row + shift) % columns`, each row summing to 1.
    static func weights(rows: Int, columns: Int, shift: Int = 0) -> [[Double]] {
        (0..<rows).map { row in
            let raw = (0..<columns).map { exp(-Double(abs($0 - (row + shift) % columns))) }
            let sum = raw.reduce(0, +)
            return raw.map { $0 / sum }
        }
    }

    static let variants = AttentionView(
        title: "Variants", sourceTokens: ["le", "chat", "dort"],
        maps: [
            AttentionMap(
                name: "dot", targetTokens: ["the", "cat", "sleeps", "<eos>"], weights: weights(rows: 4, columns: 3)),
            AttentionMap(
                name: "additive", targetTokens: ["the", "cat", "<eos>"], weights: weights(rows: 3, columns: 3, shift: 1)
            ),
        ])

    static func page(_ outputs: [RichOutput]) -> String {
        let notebook = Fixtures.notebook("# T\n\n```swift\nshow()\n```\n")
        return Fixtures.render(notebook, Fixtures.run(for: notebook, outputs: [0: outputs.map(CellOutput.display)]))
            .html
    }

    /// The text between the first `start` and the next `end` after it.
    static func slice(_ text: String, from start: String, to end: String) -> String? {
        guard let open = text.range(of: start), let close = text[open.upperBound...].range(of: end) else { return nil }
        return String(text[open.lowerBound..<close.upperBound])
    }

    @Test func theFigureHoldsTheStaticDrawingTheControlsAndTheData() throws {
        let body = Fixtures.body(Self.page([.attention(Self.variants)]))
        #expect(body.contains("<figure class=\"chart-output attention-explorer\""))
        #expect(body.contains("data-arrangement=\"sideBySide\""))
        // Both variants drawn side by side: one cell per weight, one legend for both.
        let svg = try #require(Self.slice(body, from: "<svg", to: "</svg>"))
        #expect(svg.contains("class=\"chart heatmap attention-grid\""))
        #expect(svg.occurrences(of: "<g class=\"attn-panel\"") == 2)
        #expect(svg.occurrences(of: "<rect x=") == 4 * 3 + 3 * 3 + 1)  // cells, plus the legend bar
        #expect(svg.occurrences(of: "class=\"attn-legend\"") == 1)
        #expect(svg.contains(">additive</text>") && svg.contains(">&lt;eos&gt;</text>"))
        // The controls wait, hidden, for the script: a step slider over the longest map's rows.
        let controls = try #require(Self.slice(body, from: "<div class=\"attn-controls\"", to: "</div>"))
        #expect(controls.contains("hidden"))
        #expect(controls.contains("<input class=\"attn-step\" type=\"range\" min=\"0\" max=\"4\""))
        #expect(controls.contains("<option value=\"all\">all 2 side by side</option><option value=\"0\">dot</option>"))
        #expect(controls.contains("Download SVG"))
        // Each map's data: tokens as JSON, weights rounded to 4 decimals.
        #expect(body.contains("data-source=\"[&quot;le&quot;,&quot;chat&quot;,&quot;dort&quot;]\""))
        let first = Self.weights(rows: 4, columns: 3)[0].map { String(format: "%.4f", $0) }
        #expect(first == ["0.6652", "0.2447", "0.0900"])
        #expect(body.contains("data-weights=\"0.6652,0.2447,0.09;"))
    }

    @Test func layersAndHeadsShowOneMapWithAMenuByLayer() throws {
        var maps = [AttentionMap(name: "mean", targetTokens: ["a", "b"], weights: Self.weights(rows: 2, columns: 2))]
        for layer in 1...2 {
            for head in 1...2 {
                maps.append(
                    AttentionMap(
                        name: "head \(head)", layer: layer, targetTokens: ["a", "b"],
                        weights: Self.weights(rows: 2, columns: 2, shift: head)))
            }
        }
        let view = AttentionView(sourceTokens: ["x", "y"], maps: maps, arrangement: .oneAtATime)
        let body = Fixtures.body(Self.page([.attention(view)]))
        let svg = try #require(Self.slice(body, from: "<svg", to: "</svg>"))
        #expect(svg.occurrences(of: "<g class=\"attn-panel\"") == 1)
        #expect(
            body.contains(
                "<option value=\"0\">mean</option><optgroup label=\"layer 1\"><option value=\"1\">head 1</option><option value=\"2\">head 2</option></optgroup><optgroup label=\"layer 2\">"
            ))
        #expect(body.occurrences(of: "<span class=\"attn-map\"") == 5)
        #expect(body.contains("data-name=\"layer 2 · head 2\""))
    }

    @Test func theScriptComesOnlyWithAnExplorerAndItsHashIsInThePolicy() throws {
        let script = try String(
            contentsOf: AssetsTests.assets.appendingPathComponent("attention-explorer.js"), encoding: .utf8)
        #expect(InlineScript.attentionExplorer.source == script)
        let page = Self.page([.attention(Self.variants)])
        #expect(page.contains("<script>" + script + "</script>"))
        let policy = try #require(Self.slice(page, from: "script-src", to: ";"))
        #expect(policy.contains(InlineScript.attentionExplorer.hashSource))
        #expect(page.occurrences(of: "<script>") == 2)  // the copy buttons' and the explorer's
        let plain = Self.page([.heatmap(Heatmap(values: [[1]]))])
        #expect(!plain.contains(InlineScript.attentionExplorer.hashSource) && plain.occurrences(of: "<script>") == 1)
    }

    @Test func hostileTokensStayText() throws {
        let tokens = ["</script><script>alert(1)</script>", "\"q\" & 'a' <b>", "]]>--><!--"]
        let view = AttentionView(
            title: "<i>t</i>", sourceTokens: tokens,
            maps: [
                AttentionMap(
                    name: "<img src=x onerror=alert(1)>", targetTokens: ["</svg><b>", "ok"],
                    weights: Self.weights(rows: 2, columns: 3))
            ])
        let page = Self.page([.attention(view)])
        let body = Fixtures.body(page)
        for needle in ["<script>alert", "<b>", "<i>", "<img", "</svg><b>", "<!--", "]]>"] {
            #expect(!body.contains(needle), "\(needle)")
        }
        #expect(page.occurrences(of: "<script>") == 2)
        // The tokens come back whole from the data attribute (what the script reads).
        let attribute = try #require(Self.slice(body, from: "data-source=\"", to: "\""))
        let json = String(attribute.dropFirst("data-source=\"".count).dropLast())
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
        #expect(try JSONDecoder().decode([String].self, from: Data(json.utf8)) == tokens)
    }

    @Test func badShapesAreRefusedWithAReason() {
        func problem(
            _ maps: [AttentionMap], tokens: [String] = ["a", "b"],
            _ arrangement: AttentionView.Arrangement = .sideBySide
        ) -> String? {
            AttentionView(sourceTokens: tokens, maps: maps, arrangement: arrangement).shapeProblem
        }
        let good = AttentionMap(name: "m", targetTokens: ["x"], weights: [[0.5, 0.5]])
        #expect(problem([good]) == nil)
        #expect(problem([])?.contains("no maps") == true)
        #expect(
            problem([AttentionMap(name: "r", targetTokens: ["x", "y"], weights: [[0.5, 0.5], [1]])])
                == "map 1 ('r') has 1 weights in row 2, but the view has 2 source tokens")
        #expect(
            problem([AttentionMap(name: "n", targetTokens: ["x"], weights: [[.nan, 1]])])?.contains(
                "not a finite number (nan) in row 1, column 1") == true)
        #expect(
            problem([AttentionMap(name: "i", targetTokens: ["x"], weights: [[0, .infinity]])])?.contains(
                "not a finite number") == true)
        #expect(
            problem([AttentionMap(name: "l", targetTokens: ["x", "y"], weights: [[0.5, 0.5]])])
                == "map 1 ('l') has 1 rows of weights but 2 target tokens")
        let many = [String](repeating: "w", count: AttentionView.maximumTokens + 1)
        #expect(
            problem(
                [AttentionMap(name: "w", targetTokens: ["x"], weights: [[Double](repeating: 0, count: many.count)])],
                tokens: many)?
                .contains("257 source tokens; at most 256") == true)
        #expect(
            problem([AttentionMap](repeating: good, count: 13))?.contains("at most 12 can be shown side by side")
                == true)
        #expect(problem([AttentionMap](repeating: good, count: 13), .oneAtATime) == nil)
        #expect(
            problem([good, AttentionMap(name: "o", targetTokens: ["z"], weights: [[1, 0]])], .oneAtATime)?.contains(
                "other target tokens") == true)
        // 64 maps of 256 × 256 would be 4 million cells: refused as a whole.
        let big = AttentionMap(
            name: "b", targetTokens: many.dropLast().map { $0 },
            weights: [[Double]](repeating: [Double](repeating: 0, count: 256), count: 256))
        #expect(
            AttentionView(
                sourceTokens: Array(many.dropLast()), maps: [big, big, big, big, big], arrangement: .oneAtATime
            ).shapeProblem?
            .contains("at most 262144 can be drawn") == true)
        // The report refuses them too (a cached or foreign run is not checked by the runner).
        let body = Fixtures.body(
            Self.page([
                .attention(
                    AttentionView(
                        sourceTokens: ["a"], maps: [AttentionMap(name: "n", targetTokens: ["x"], weights: [[.nan]])]))
            ]))
        #expect(body.contains("attention view not shown: map 1 (&#39;n&#39;) has a weight that is not a finite number"))
        #expect(!body.contains("attention-explorer"))
    }

    @Test func sixtyFourTokensKeepEveryLabelLegible() throws {
        let n = 64
        let maps = (1...8).map {
            AttentionMap(
                name: "head \($0)", layer: 1 + ($0 - 1) / 4, targetTokens: (0..<n).map { "mot\($0)" },
                weights: Self.weights(rows: n, columns: n, shift: $0))
        }
        let view = AttentionView(sourceTokens: (0..<n).map { "word\($0)" }, maps: maps, arrangement: .oneAtATime)
        let body = Fixtures.body(Self.page([.attention(view)]))
        let svg = try #require(Self.slice(body, from: "<svg", to: "</svg>"))
        #expect(svg.contains("data-cell=\"12\""), "cells stay at least 12 px")
        #expect(svg.occurrences(of: "<rect x=") == n * n + 1)
        // Every token has its own label, columns turned vertical.
        #expect(svg.occurrences(of: " data-c=\"") == n && svg.occurrences(of: " data-r=\"") == n)
        #expect(svg.contains("transform=\"rotate(-90"))
        #expect(svg.contains("<title>word63</title>") == false && svg.contains(">word63</text>"))
        // No tooltip per cell at this size (the script's readout names them): the page stays small.
        #expect(!svg.contains("→"))
        #expect(body.utf8.count < 1_200_000, "\(body.utf8.count) bytes")
    }

    @Test func otherFormatsGetTheStaticDrawing() throws {
        let svg = try #require(OutputRendering.standaloneSVG(.attention(Self.variants), id: "x"))
        #expect(svg.hasPrefix("<svg") && svg.contains("attention-grid") && svg.contains("<style>"))
        #expect(!svg.contains("<script") && !svg.contains("attn-controls"))
        #expect(
            OutputRendering.plainText(.attention(Self.variants))
                == "attention: Variants (2 maps over 3 source tokens, 4 steps) — dot, additive")
        let bad = AttentionView(
            sourceTokens: ["a"], maps: [AttentionMap(name: "n", targetTokens: ["x"], weights: [[.nan]])])
        #expect(OutputRendering.standaloneSVG(.attention(bad), id: "x") == nil)
    }

    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The real page, policy and all, in headless Chromium: the script runs (the hash is right)
    /// and shows the controls, sets up the keyboard and names the steps.
    @Test(.enabled(if: chromium != nil, "chromium is not installed"))
    func theScriptRunsUnderThePolicyInABrowser() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("explorer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("page.html")
        try Self.page([.attention(Self.variants)]).write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.chromium!)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu",
            "--user-data-dir=" + folder.appendingPathComponent("profile").path,
            "--dump-dom", file.absoluteString,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let controls = try #require(Self.slice(dom, from: "<div class=\"attn-controls\"", to: ">"))
        #expect(!controls.contains("hidden"), "the script did not run: \(controls)")
        #expect(
            dom.contains("<output class=\"attn-step-text\" aria-live=\"off\">all 4 steps</output>")
                || dom.contains("<output class=\"attn-step-text\">all 4 steps</output>"))
        #expect(dom.contains("tabindex=\"0\""))
        #expect(dom.occurrences(of: "class=\"attn-dim\"") == 2)
    }
}
