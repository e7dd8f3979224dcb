import Foundation

/// An image a cell shows: PNG, JPEG or SVG bytes and the text that describes it to a reader who
/// cannot see it.
///
/// The bytes travel base64-encoded in the output record; the runner keeps an image only when its
/// bytes start as its format says (``Format/init(sniffing:)``).
public struct NotebookImage: Sendable, Equatable, Codable {
    /// The image formats a report shows, by MIME type.
    public enum Format: String, Sendable, Equatable, Codable, CaseIterable {
        case png = "image/png"
        case jpeg = "image/jpeg"
        case svg = "image/svg+xml"

        /// The format `bytes` are in, by their signature: PNG's eight signature bytes, JPEG's
        /// `FF D8 FF`, or UTF-8 text with an `<svg` element in its first 4 KiB; nil otherwise.
        public init?(sniffing bytes: Data) {
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            if bytes.starts(with: png) {
                self = .png
            } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
                self = .jpeg
            } else if let head = Self.textHead(of: bytes), !head.contains("\u{0}"),
                head.range(of: "<svg", options: .caseInsensitive) != nil
            {
                self = .svg
            } else {
                return nil
            }
        }

        /// How far into a file `<svg` is looked for (after an XML declaration, a doctype, comments).
        static let svgSniffBytes = 4096

        /// The first ``svgSniffBytes`` of `bytes` as UTF-8 text (a character cut at the end left
        /// out), or nil when they are not UTF-8.
        private static func textHead(of bytes: Data) -> String? {
            let head = bytes.prefix(svgSniffBytes)
            let shortest = head.count == bytes.count ? 0 : 3
            for cut in 0...shortest {
                if let text = String(data: head.dropLast(cut), encoding: .utf8) { return text }
            }
            return nil
        }

        /// The usual file extension (`png`, `jpg`, `svg`).
        public var fileExtension: String {
            switch self {
            case .png: "png"
            case .jpeg: "jpg"
            case .svg: "svg"
            }
        }
    }

    /// The encoded image.
    public var data: Data
    /// Its format.
    public var format: Format
    /// What the image shows, for readers who cannot see it (`alt` in HTML and Markdown).
    public var alt: String?

    /// An image of `format` from its encoded bytes.
    public init(data: Data, format: Format, alt: String? = nil) {
        self.data = data
        self.format = format
        self.alt = alt
    }

    /// A `data:` URL of the image (`data:image/png;base64,...`).
    public var dataURL: String {
        "data:" + format.rawValue + ";base64," + data.base64EncodedString()
    }
}
