import NotebookExecution

/// Signs and checks Jupyter messages: HMAC-SHA256 (RFC 2104) over the header, parent header,
/// metadata and content frames, as lowercase hex (the wire protocol's `signature` frame).
///
/// HMAC(K, m) = H((K' ⊕ opad) ‖ H((K' ⊕ ipad) ‖ m)), with K' the key padded to SHA-256's 64-byte
/// block (hashed first when longer), ipad = 0x36…, opad = 0x5c….
public struct MessageSigner: Sendable {
    private let innerKey: [UInt8]?
    private let outerKey: [UInt8]

    /// A signer for `key`; an empty key means messages are neither signed nor checked.
    public init(key: String) {
        var block = Array(key.utf8)
        if block.count > 64 {
            var hasher = SHA256()
            hasher.update(block)
            block = hasher.digest()
        }
        block += [UInt8](repeating: 0, count: 64 - block.count)
        innerKey = key.isEmpty ? nil : block.map { $0 ^ 0x36 }
        outerKey = block.map { $0 ^ 0x5c }
    }

    /// The signature of four frames.
    public func signature(_ frames: [[UInt8]]) -> String {
        guard let innerKey else { return "" }
        var inner = SHA256()
        inner.update(innerKey)
        for frame in frames { inner.update(frame) }
        var outer = SHA256()
        outer.update(outerKey)
        outer.update(inner.digest())
        return outer.digest().map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    /// Whether `signature` is right for `frames` (compared in constant time).
    public func isValid(_ signature: [UInt8], for frames: [[UInt8]]) -> Bool {
        guard innerKey != nil else { return true }
        let expected = Array(self.signature(frames).utf8)
        guard expected.count == signature.count else { return false }
        return zip(expected, signature).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
