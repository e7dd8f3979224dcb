import Crypto
import Foundation

/// Signs and checks Jupyter messages: HMAC-SHA256 over the header, parent header, metadata and
/// content frames, as lowercase hex (the wire protocol's `signature` frame).
public struct MessageSigner: Sendable {
    private let key: SymmetricKey?

    /// A signer for `key`; an empty key means messages are neither signed nor checked.
    public init(key: String) {
        self.key = key.isEmpty ? nil : SymmetricKey(data: Array(key.utf8))
    }

    /// The signature of four frames.
    public func signature(_ frames: [[UInt8]]) -> String {
        guard let key else { return "" }
        var hmac = HMAC<SHA256>(key: key)
        for frame in frames { hmac.update(data: frame) }
        return hmac.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `signature` is right for `frames` (compared in constant time).
    public func isValid(_ signature: [UInt8], for frames: [[UInt8]]) -> Bool {
        guard key != nil else { return true }
        let expected = Array(self.signature(frames).utf8)
        guard expected.count == signature.count else { return false }
        return zip(expected, signature).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
