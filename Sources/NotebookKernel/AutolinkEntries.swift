import Foundation

/// The linker flags a Swift object file asks for (`-lswiftCore`, `-lFoundation`, …): the
/// NUL-separated strings of its `.swift1_autolink_entries` section, which `swift-autolink-extract`
/// reads for the driver on ELF platforms.
///
/// Reading them here saves starting that tool (~0.03 s) for every cell. The entries keep their
/// order, without repeats; the driver's tool moves the Swift runtime's own libraries to the end,
/// which changes nothing for a library loaded into a process that has them all already.
enum AutolinkEntries {
    static let sectionName = ".swift1_autolink_entries"

    /// The entries of the 64-bit little-endian ELF object at `path` (empty when it has no such
    /// section), or nil when the file cannot be read or is not such an object.
    static func read(objectAt path: String) -> [String]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return entries(in: [UInt8](data))
    }

    /// The entries of an ELF object's bytes (see ``read(objectAt:)``).
    static func entries(in bytes: [UInt8]) -> [String]? {
        // ELF magic, 64-bit class, little-endian data.
        guard bytes.count >= 64, bytes[0..<4] == [0x7F, 0x45, 0x4C, 0x46], bytes[4] == 2, bytes[5] == 1 else {
            return nil
        }
        guard let sectionTable = integer(bytes, at: 0x28, size: 8), let entrySize = integer(bytes, at: 0x3A, size: 2),
            let count = integer(bytes, at: 0x3C, size: 2), let namesIndex = integer(bytes, at: 0x3E, size: 2),
            entrySize >= 64, count > 0, namesIndex < count
        else { return nil }
        func header(_ index: Int) -> (name: Int, offset: Int, size: Int)? {
            let start = sectionTable + index * entrySize
            guard let name = integer(bytes, at: start, size: 4), let offset = integer(bytes, at: start + 24, size: 8),
                let size = integer(bytes, at: start + 32, size: 8), offset <= bytes.count, size <= bytes.count - offset
            else { return nil }
            return (name, offset, size)
        }
        guard let names = header(namesIndex) else { return nil }
        let wanted = Array(sectionName.utf8) + [0]
        for index in 0..<count {
            guard let section = header(index) else { return nil }
            let nameStart = names.offset + section.name
            guard nameStart + wanted.count <= names.offset + names.size,
                bytes[nameStart..<nameStart + wanted.count].elementsEqual(wanted)
            else { continue }
            var seen: Set<String> = []
            return bytes[section.offset..<section.offset + section.size].split(separator: 0).compactMap { entry in
                let flag = String(decoding: entry, as: UTF8.self)
                return seen.insert(flag).inserted ? flag : nil
            }
        }
        return []
    }

    /// The little-endian unsigned integer of `size` bytes at `offset`, nil when out of bounds.
    private static func integer(_ bytes: [UInt8], at offset: Int, size: Int) -> Int? {
        guard offset >= 0, offset <= bytes.count - size else { return nil }
        var value: UInt64 = 0
        for index in (0..<size).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
        return value <= UInt64(Int.max / 2) ? Int(value) : nil
    }
}
