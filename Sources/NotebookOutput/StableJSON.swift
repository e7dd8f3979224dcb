import Foundation

/// The one JSON dialect of everything the runner writes and reads back (output records, cached
/// runs, sweep results): keys sorted (so equal values are equal bytes), dates in ISO 8601, and
/// non-finite numbers as the strings `inf`, `-inf` and `nan` (a loss may diverge; JSON has no
/// such numbers).
public enum StableJSON {
    /// An encoder of the dialect.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// A decoder of the dialect.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}
