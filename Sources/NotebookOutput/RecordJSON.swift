import Foundation

/// JSON encoding of records with stable key order (so cached results compare byte for byte).
enum RecordJSON {
    static func encode(_ record: OutputRecord) -> [UInt8] {
        let encoder = StableJSON.encoder()
        // Encoding plain data of these types cannot fail; an empty payload is dropped by the reader.
        return (try? Array(encoder.encode(record))) ?? []
    }

    static func decode(_ bytes: ArraySlice<UInt8>) -> OutputRecord? {
        let decoder = StableJSON.decoder()
        return try? decoder.decode(OutputRecord.self, from: Data(bytes))
    }
}
