import Crypto
import Foundation

/// Signs and checks Jupyter messages: HMAC-SHA256 (RFC 2104, swift-crypto's `HMAC<SHA256>`) over
/// the header, parent header, metadata and content frames, as lowercase hex (the wire protocol's
/// `signature` frame).
public struct MessageSigner: Sendable {
    /// The key's bytes (`SymmetricKey` is not `Sendable`; one is made per message).
    private let keyBytes: [UInt8]?

    /// A signer for `key`; an empty key means messages are neither signed nor checked.
    public init(key: String) {
        keyBytes = key.isEmpty ? nil : Array(key.utf8)
    }

    /// The signature of four frames ("" when there is no key).
    public func signature(_ frames: [[UInt8]]) -> String {
        guard let keyBytes else { return "" }
        return Self.hex(authenticationCode(frames, key: SymmetricKey(data: keyBytes)))
    }

    /// Whether `signature` (lowercase hex, as on the wire) is right for `frames`; swift-crypto
    /// compares the codes in constant time.
    public func isValid(_ signature: [UInt8], for frames: [[UInt8]]) -> Bool {
        guard let keyBytes else { return true }
        guard let code = Self.bytes(hex: signature) else { return false }
        return authenticationCode(frames, key: SymmetricKey(data: keyBytes)) == code
    }

    private func authenticationCode(_ frames: [[UInt8]], key: SymmetricKey) -> HMAC<SHA256>.MAC {
        var hmac = HMAC<SHA256>(key: key)
        for frame in frames { hmac.update(data: frame) }
        return hmac.finalize()
    }

    private static func hex(_ code: HMAC<SHA256>.MAC) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in code { text += [digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]] }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes of lowercase or uppercase hex text; nil when it is not whole bytes of hex digits.
    private static func bytes(hex: [UInt8]) -> [UInt8]? {
        guard hex.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var result: [UInt8] = []
        result.reserveCapacity(hex.count / 2)
        var index = 0
        while index < hex.count {
            guard let high = nibble(hex[index]), let low = nibble(hex[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }
}
