import Foundation
import NotebookDocument
import NotebookOutput
import NotebookReport
import Testing

/// More kinds of output (issue 12.3): Markdown rendered as prose, HTML sanitised, images
/// embedded, figures with a caption and alt text, folded code.
@Suite struct OutputKindsTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])

    @Test func markdownOutputReadsLikeProse() {
        let notebook = Fixtures.notebook("# T\n\n```swift\ndisplay(markdown: s)\n```\n")
        let run = Fixtures.run(
            for: notebook,
            outputs: [
                0: [.display(.markdown("**bold** $x^2$ <script>alert(1)</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |"))]
            ])
        let body = Fixtures.body(Fixtures.render(notebook, run).html)
        #expect(body.contains("<div class=\"prose markdown-output\">"))
        #expect(body.contains("<strong>bold</strong>"))
        #expect(body.contains("<math"))
        #expect(body.contains("<table>"))
        #expect(!body.contains("<script>alert"))
    }

    @Test func htmlOutputIsSanitised() {
        let notebook = Fixtures.notebook("# T\n\n```swift\ndisplay(html: s)\n```\n")
        let html =
            "<b class=\"x\">hi</b><script>alert(1)</script><img src=\"x\" onerror=\"alert(1)\"><a href=\"javascript:alert(1)\">l</a>"
        let run = Fixtures.run(for: notebook, outputs: [0: [.display(.html(html))]])
        let body = Fixtures.body(Fixtures.render(notebook, run).html)
        #expect(body.contains("<div class=\"html-output\">"))
        #expect(body.contains("<b class=\"x\">hi</b>") || body.contains("<b>hi</b>"))
        #expect(!body.contains("<script>alert"))
        #expect(!body.contains("onerror"))
        #expect(!body.contains("javascript:"))
        #expect(OutputRendering.plainText(.html(html)).hasPrefix("hi"))
    }

    @Test func imagesAreEmbeddedWithTheirAltText() {
        let notebook = Fixtures.notebook("# T\n\n```swift\n//| fig-alt: a tiny square\ndisplay(image: png)\n```\n")
        let svg = Data("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>".utf8)
        let run = Fixtures.run(
            for: notebook,
            outputs: [
                0: [
                    .display(.image(NotebookImage(data: Self.png, format: .png))),
                    .display(.image(NotebookImage(data: svg, format: .svg, alt: "own \"alt\""))),
                ]
            ])
        let body = Fixtures.body(Fixtures.render(notebook, run).html)
        #expect(
            body.contains("<img src=\"data:image/png;base64,\(Self.png.base64EncodedString())\" alt=\"a tiny square\">")
        )
        #expect(
            body.contains(
                "<img src=\"data:image/svg+xml;base64,\(svg.base64EncodedString())\" alt=\"own &quot;alt&quot;\">"))
        #expect(!body.contains("<figcaption>"))
    }

    @Test func aCaptionMakesTheOutputsOneFigure() {
        let notebook = Fixtures.notebook(
            "# T\n\n```swift\n//| fig-cap: Loss <falls> & stays low\nshow()\n```\n")
        #expect(notebook.codeCells[0].options.figureCaption == "Loss <falls> & stays low")
        let chart = LineChart(series: [Series(name: "loss", y: [3, 2, 1])])
        let run = Fixtures.run(for: notebook, outputs: [0: [.display(.lineChart(chart))]])
        let body = Fixtures.body(Fixtures.render(notebook, run).html)
        #expect(body.contains("<figure class=\"outputs cell-figure\">"))
        #expect(body.contains("<figcaption>Loss &lt;falls&gt; &amp; stays low</figcaption></figure>"))
        // The caption describes the drawing when no fig-alt is given.
        #expect(
            body.contains(
                "<figure class=\"chart-output\" role=\"img\" aria-label=\"Loss &lt;falls&gt; &amp; stays low\">"))
    }

    @Test func codeFoldHidesTheCodeBehindASummary() throws {
        let notebook = Fixtures.notebook(
            "# T\n\n```swift\n//| code-fold: true\nlet x = 1\n```\n\n```swift\nlet y = 2\n```\n")
        #expect(notebook.codeCells.map(\.options.codeFold) == [true, false])
        let body = Fixtures.body(Fixtures.render(notebook, Fixtures.run(for: notebook)).html)
        #expect(body.occurrences(of: "<details class=\"code-fold\"><summary>Code</summary><div class=\"code\">") == 1)
        #expect(body.occurrences(of: "<div class=\"code\">") == 2)
        #expect(throws: DocumentError.self) {
            try NotebookParser.parse(text: "```swift\n//| code-fold: maybe\nlet x = 1\n```\n", path: "n.md")
        }
    }

    @Test(arguments: [
        (Array(OutputKindsTests.png), NotebookImage.Format?.some(.png)),
        ([0xFF, 0xD8, 0xFF, 0xE0, 0, 16], .jpeg),
        (Array("<?xml version=\"1.0\"?>\n<!-- c -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8), .svg),
        (Array("GIF89a".utf8), nil),
        (Array("plain text".utf8), nil),
        ([0x3C, 0x73, 0x76, 0x67, 0x00], nil),
    ])
    func imageFormatsAreToldByTheirBytes(bytes: [UInt8], format: NotebookImage.Format?) {
        #expect(NotebookImage.Format(sniffing: Data(bytes)) == format)
    }
}
