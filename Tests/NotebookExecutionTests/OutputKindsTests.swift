import Foundation
import NotebookExecution
import NotebookOutput
import Testing

/// `display(markdown:)`, `display(html:)` and `display(image:)` / `display(imageAt:)` travel from
/// the notebook process as typed outputs; bytes that are no image, or a missing file, are a
/// message on standard error, not an output.
@Suite struct OutputKindsTests {
    @Test func markdownHTMLAndImagesArriveTyped() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, run) = try harness.run(
            """
            ```swift
            display(markdown: "**bold** and $x$")
            display(html: "<b>hi</b>")
            ```

            ```swift
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
            display(image: png, alt: "three bytes")
            display(image: Array("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8))
            display(image: [1, 2, 3])
            display(imageAt: "no-such-file.png")
            ```
            """)
        #expect(run.succeeded)
        #expect(run.cells[0].outputs == [.display(.markdown("**bold** and $x$")), .display(.html("<b>hi</b>"))])
        let images = run.cells[1].outputs.compactMap { output -> NotebookImage? in
            if case .display(.image(let image)) = output { image } else { nil }
        }
        #expect(images.map(\.format) == [.png, .svg])
        #expect(images.first?.alt == "three bytes")
        #expect(images.first?.data == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]))
        let errors = run.cells[1].outputs.compactMap { output -> String? in
            if case .stderr(let text) = output { text } else { nil }
        }.joined()
        #expect(errors.contains("display(image:): the bytes are not a PNG, JPEG or SVG image"))
        #expect(errors.contains("display(imageAt:): cannot read 'no-such-file.png'"))
    }
}
