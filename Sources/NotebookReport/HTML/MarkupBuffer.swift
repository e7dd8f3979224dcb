/// The UTF-8 bytes of markup being written: nodes, sanitised tokens and escaped text append
/// here, and the page becomes a `String` once, at the end.
///
/// Appending many small pieces (`<`, a tag name, `">"`) to a `String` costs a few hundred
/// instructions each (the string's growth and UTF-8 checks); to a byte array it is a copy.
struct MarkupBuffer {
    /// The markup so far, valid UTF-8 (only whole strings and whole scalars are appended).
    private(set) var bytes: [UInt8] = []

    /// An empty buffer with room for `capacity` bytes.
    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends `text` as is.
    @inline(__always)
    mutating func append(_ text: String) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if copied == nil { bytes.append(contentsOf: text.utf8) }
    }

    /// Appends `text` as is.
    @inline(__always)
    mutating func append(_ text: Substring) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if copied == nil { bytes.append(contentsOf: text.utf8) }
    }

    /// Appends bytes that are whole UTF-8 scalars.
    @inline(__always)
    mutating func append(contentsOf utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: utf8)
    }

    /// Appends one ASCII byte.
    @inline(__always)
    mutating func append(ascii byte: UInt8) {
        bytes.append(byte)
    }

    /// The markup as a string.
    var string: String { String(decoding: bytes, as: UTF8.self) }
}
