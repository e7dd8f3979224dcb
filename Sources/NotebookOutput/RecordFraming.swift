/// How ``OutputRecord``s are framed inside the notebook process's text streams.
///
/// A record is written as `ESC-free bytes`: the record separator `0x1E`, the marker `NB`, the
/// run's nonce, `:`, the decimal byte length of the JSON payload, `:`, and the JSON. The nonce is
/// random per run and passed to the process in ``RecordFraming/nonceVariable``, so text a cell
/// prints can never be mistaken for a record.
public struct RecordFraming: Sendable, Equatable {
    /// The environment variable that carries the nonce to the notebook process.
    public static let nonceVariable = "NOTEBOOK_RECORD_NONCE"

    /// The nonce that marks this run's records.
    public let nonce: String

    /// The bytes that start every record of this run.
    public var prefix: [UInt8] { [0x1E] + Array("NB\(nonce):".utf8) }

    /// Creates a framing for the given nonce (letters and digits).
    public init(nonce: String) {
        self.nonce = nonce
    }

    /// A framing with a fresh random nonce.
    public static func random() -> RecordFraming {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        let nonce = String((0..<16).map { _ in digits[Int(generator.next() % UInt64(digits.count))] })
        return RecordFraming(nonce: nonce)
    }

    /// The framed bytes of one record.
    public func encode(_ record: OutputRecord) -> [UInt8] {
        let payload = RecordJSON.encode(record)
        return prefix + Array("\(payload.count):".utf8) + payload
    }
}
