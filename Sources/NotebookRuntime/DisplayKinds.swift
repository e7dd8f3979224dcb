import Foundation
import NotebookOutput

/// Shows Markdown text in the cell's output, rendered as the notes' prose is (GitHub-flavoured,
/// math, sanitised).
///
/// ```swift
/// display(markdown: "**\(best)** reaches \(percent(accuracy)) on the longest sentences")
/// ```
public func display(markdown: String) {
    CellRecorder.shared.emit(.display(.markdown(markdown)))
}

/// Shows HTML in the cell's output, sanitised as the notes' inline HTML is (no scripts, no styles,
/// no event handlers; links and images only to safe places).
public func display(html: String) {
    CellRecorder.shared.emit(.display(.html(html)))
}

/// Shows an image from its encoded bytes (PNG, JPEG or SVG, told apart by the bytes themselves),
/// with `alt`, the text that says what it shows. Bytes in no such format print a message to
/// standard error instead.
public func display<Bytes: Sequence<UInt8>>(image bytes: Bytes, alt: String? = nil) {
    let data = Data(bytes)
    guard let format = NotebookImage.Format(sniffing: data) else {
        DisplayMessage.error("display(image:): the bytes are not a PNG, JPEG or SVG image")
        return
    }
    CellRecorder.shared.emit(.display(.image(NotebookImage(data: data, format: format, alt: alt))))
}

/// Shows the image in the file at `path` (PNG, JPEG or SVG; relative paths start in the
/// notebook's folder), with `alt`, the text that says what it shows. A missing or unreadable
/// file, or one in another format, prints a message to standard error instead.
public func display(imageAt path: String, alt: String? = nil) {
    guard let data = FileManager.default.contents(atPath: path) else {
        DisplayMessage.error("display(imageAt:): cannot read '\(path)'")
        return
    }
    guard let format = NotebookImage.Format(sniffing: data) else {
        DisplayMessage.error("display(imageAt:): '\(path)' is not a PNG, JPEG or SVG image")
        return
    }
    CellRecorder.shared.emit(.display(.image(NotebookImage(data: data, format: format, alt: alt))))
}

/// Messages of the display functions, on standard error (shown under the cell).
enum DisplayMessage {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
