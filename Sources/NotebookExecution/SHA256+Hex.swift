import Crypto
import Foundation

/// Cache keys and the toolchain's fingerprint hash text with swift-crypto's SHA-256.
extension SHA256 {
    /// Adds the UTF-8 bytes of `text` to the hash.
    mutating func update(_ text: String) {
        update(data: Data(text.utf8))
    }

    /// The digest of everything added so far, as 64 lowercase hex digits.
    func hexDigest() -> String {
        finalize().map { String(format: "%02x", $0) }.joined()
    }
}
