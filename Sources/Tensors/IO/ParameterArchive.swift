import Foundation

/// The parameter file format: named tensors in one little-endian binary file.
///
/// ```
/// "TNSRPARM"               8 bytes, magic
/// version: UInt32          = 1
/// count:   UInt32          number of entries
/// count × {
///   nameLength: UInt32, name: UTF-8 bytes
///   rank: UInt32, dims: rank × Int64
///   values: product(dims) × Float32   (row-major)
/// }
/// ```
public enum ParameterArchive {
    static let magic = Array("TNSRPARM".utf8)
    static let version: UInt32 = 1

    /// Writes `entries` to `path` (replacing the file). Throws `TensorError.file` on failure.
    public static func write(_ entries: [(name: String, tensor: Tensor)], to path: String) throws {
        var data = Data(magic)
        append(version, to: &data)
        append(UInt32(entries.count), to: &data)
        for (name, tensor) in entries {
            let utf8 = Array(name.utf8)
            append(UInt32(utf8.count), to: &data)
            data.append(contentsOf: utf8)
            append(UInt32(tensor.rank), to: &data)
            for d in tensor.shape { append(Int64(d), to: &data) }
            tensor.withUnsafeBufferPointer { b in
                for x in b { append(x.bitPattern, to: &data) }
            }
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw TensorError.file(path: path, reason: "cannot write: \(error.localizedDescription)")
        }
    }

    /// Reads every entry of the file at `path`, in file order.
    /// Throws `TensorError.file` naming the file when it is missing, not in this format or truncated.
    public static func read(from path: String) throws -> [(name: String, tensor: Tensor)] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw TensorError.file(path: path, reason: "cannot read: \(error.localizedDescription)")
        }
        var reader = Reader(bytes: [UInt8](data), path: path)
        guard try reader.bytes(magic.count) == magic else {
            throw TensorError.file(path: path, reason: "not a parameter file (bad magic)")
        }
        let v: UInt32 = try reader.integer()
        guard v == version else {
            throw TensorError.file(path: path, reason: "unsupported format version \(v)")
        }
        let count: UInt32 = try reader.integer()
        var entries: [(name: String, tensor: Tensor)] = []
        for _ in 0..<count {
            let length: UInt32 = try reader.integer()
            let name = String(decoding: try reader.bytes(Int(length)), as: UTF8.self)
            let rank: UInt32 = try reader.integer()
            var shape: [Int] = []
            for _ in 0..<rank {
                let d: Int64 = try reader.integer()
                guard d >= 0 else {
                    throw TensorError.file(path: path, reason: "parameter '\(name)' has a negative dimension")
                }
                shape.append(Int(d))
            }
            var scalars = [Float](repeating: 0, count: Shape.count(shape))
            for i in scalars.indices { scalars[i] = Float(bitPattern: try reader.integer()) }
            entries.append((name, Tensor(shape: shape, scalars: scalars)))
        }
        return entries
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    private struct Reader {
        let bytes: [UInt8]
        let path: String
        var offset = 0

        mutating func bytes(_ n: Int) throws -> [UInt8] {
            guard n >= 0, offset + n <= bytes.count else {
                throw TensorError.file(path: path, reason: "file is truncated at byte \(offset)")
            }
            defer { offset += n }
            return Array(bytes[offset..<(offset + n)])
        }

        mutating func integer<T: FixedWidthInteger>() throws -> T {
            let raw = try bytes(MemoryLayout<T>.size)
            var value: T = 0
            for (i, b) in raw.enumerated() { value |= T(truncatingIfNeeded: b) << (8 * i) }
            return value
        }
    }
}

extension Module {
    /// Saves every named parameter to `path` (format: `ParameterArchive`).
    public func save(to path: String) throws {
        try ParameterArchive.write(namedParameters.map { ($0.name, $0.parameter.value.detached) }, to: path)
    }

    /// Loads every named parameter from `path`, replacing the values.
    ///
    /// Checks everything before changing anything: throws `TensorError.parameterMismatch`
    /// naming the file and the parameter when one is missing from the file, has another shape,
    /// or the file holds a parameter this model does not have.
    public func load(from path: String) throws {
        let entries = try ParameterArchive.read(from: path)
        var byName: [String: Tensor] = [:]
        for e in entries { byName[e.name] = e.tensor }
        let named = namedParameters
        for entry in named {
            guard let t = byName[entry.name] else {
                throw TensorError.parameterMismatch(path: path, name: entry.name, reason: "missing from the file")
            }
            if t.shape != entry.parameter.shape {
                throw TensorError.parameterMismatch(
                    path: path, name: entry.name,
                    reason: "the file has shape \(t.shape) but the model expects \(entry.parameter.shape)")
            }
        }
        let known = Set(named.map(\.name))
        if let extra = entries.first(where: { !known.contains($0.name) }) {
            throw TensorError.parameterMismatch(
                path: path, name: extra.name, reason: "in the file but not in the model")
        }
        for entry in named { entry.parameter.value = byName[entry.name]! }
    }
}
