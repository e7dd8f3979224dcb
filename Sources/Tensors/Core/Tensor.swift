/// A Float32 tensor of any rank, stored row-major, with value semantics.
///
/// Copies share their storage until one of them is written to (copy-on-write), so passing
/// tensors around is cheap. `shape` is `[]` for a scalar, `[n]` for a vector, `[rows, cols]`
/// for a matrix, and e.g. `[batch, time, features]` for a sequence batch.
///
/// Operations on tensors are recorded for reverse-mode differentiation only inside
/// `valueWithGradient`/`backpropagate` and only when an input depends on a `Parameter`;
/// everywhere else they record nothing.
public struct Tensor {
    /// The size of each axis, outermost first.
    public private(set) var shape: [Int]
    @usableFromInline var storage: TensorStorage
    /// Where this value sits on the active tape (nil when it was not recorded).
    @usableFromInline var node: AutodiffNode?

    @usableFromInline
    init(shape: [Int], storage: TensorStorage, node: AutodiffNode? = nil) {
        self.shape = shape
        self.storage = storage
        self.node = node
    }

    /// An uninitialised tensor of `shape`; callers write every element.
    @usableFromInline
    init(uninitializedShape shape: [Int]) {
        self.shape = shape
        self.storage = TensorStorage(uninitializedCount: Shape.count(shape))
        self.node = nil
    }

    /// A tensor of `shape` holding `scalars` in row-major order.
    ///
    /// Stops with a message naming the shape and the count when `scalars.count` is not the
    /// product of `shape`.
    public init(
        shape: [Int], scalars: [Float], file: StaticString = #fileID, line: UInt = #line
    ) {
        do {
            try self.init(validatingShape: shape, scalars: scalars)
        } catch let error as TensorError {
            shapeFailure(error, file: file, line: line)
        } catch {
            fatalError("\(error)", file: file, line: line)
        }
    }

    /// A tensor of `shape` holding `scalars`; throws `TensorError.elementCount` when the
    /// count is not the product of `shape` or a dimension is negative.
    public init(validatingShape shape: [Int], scalars: [Float]) throws {
        let expected = Shape.count(shape)
        if shape.contains(where: { $0 < 0 }) || expected != scalars.count {
            throw TensorError.elementCount(
                operation: "Tensor(shape:scalars:)", shape: shape, expected: expected,
                actual: scalars.count)
        }
        self.init(uninitializedShape: shape)
        scalars.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { storage.pointer.update(from: base, count: src.count) }
        }
    }

    /// A rank-0 tensor (shape `[]`) holding `value`.
    public init(_ value: Float) {
        self.init(shape: [], storage: TensorStorage(repeating: value, count: 1))
    }

    /// A vector, shape `[scalars.count]`.
    public init(_ scalars: [Float]) {
        self.init(shape: [scalars.count], scalars: scalars)
    }

    /// A matrix from rows, shape `[rows.count, rows[0].count]`; every row must have the same length.
    public init(_ rows: [[Float]], file: StaticString = #fileID, line: UInt = #line) {
        let cols = rows.first?.count ?? 0
        if let bad = rows.firstIndex(where: { $0.count != cols }) {
            shapeFailure(
                "Tensor(rows): row \(bad) has \(rows[bad].count) elements but row 0 has \(cols)",
                file: file, line: line)
        }
        self.init(shape: [rows.count, cols], scalars: rows.flatMap { $0 }, file: file, line: line)
    }

    /// A tensor of `shape` with every element equal to `value`.
    public init(shape: [Int], repeating value: Float) {
        self.init(shape: shape, storage: TensorStorage(repeating: value, count: Shape.count(shape)))
    }

    /// The number of axes (0 for a scalar).
    @inlinable public var rank: Int { shape.count }

    /// The number of elements (the product of `shape`).
    @inlinable public var count: Int { storage.count }

    /// All elements in row-major order.
    public var scalars: [Float] {
        Array(UnsafeBufferPointer(start: storage.pointer, count: count))
    }

    /// The single element of a one-element tensor (a scalar, `[1]`, `[1, 1]`, ...).
    public func item(file: StaticString = #fileID, line: UInt = #line) -> Float {
        if count != 1 {
            shapeFailure("item: tensor of shape \(shape) has \(count) elements, not 1", file: file, line: line)
        }
        return storage.pointer[0]
    }

    /// The element at a full multi-index (one index per axis; negative counts from the end).
    public func element(at indices: [Int], file: StaticString = #fileID, line: UInt = #line) -> Float {
        storage.pointer[flatIndex(indices, file: file, line: line)]
    }

    /// Sets the element at a full multi-index. Not differentiable; detaches this value from the tape.
    public mutating func setElement(
        _ value: Float, at indices: [Int], file: StaticString = #fileID, line: UInt = #line
    ) {
        let i = flatIndex(indices, file: file, line: line)
        makeUnique()
        storage.pointer[i] = value
    }

    func flatIndex(_ indices: [Int], file: StaticString, line: UInt) -> Int {
        if indices.count != rank {
            shapeFailure(
                "element(at:): \(indices.count) indices for a tensor of shape \(shape)", file: file, line: line)
        }
        var flat = 0
        for (axis, index) in indices.enumerated() {
            let i = index < 0 ? index + shape[axis] : index
            if i < 0 || i >= shape[axis] {
                shapeFailure(
                    "element(at:): index \(indices) is out of range for shape \(shape)", file: file, line: line)
            }
            flat = flat &* shape[axis] &+ i
        }
        return flat
    }

    /// Calls `body` with the elements in row-major order.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.pointer, count: count))
    }

    /// Calls `body` with writable elements (copying first if the storage is shared).
    /// Not differentiable: the tensor is detached from any tape.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        makeUnique()
        return try body(UnsafeMutableBufferPointer(start: storage.pointer, count: count))
    }

    /// Copies the storage if it is shared and drops the tape link (in-place writes are not recorded).
    @inlinable
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        node = nil
    }

    /// The same values with a new shape sharing storage (no checks; callers validated it).
    @usableFromInline
    func withShape(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, storage: storage, node: nil)
    }

    /// This value without its link to the tape: gradients do not flow through the result.
    public var detached: Tensor { Tensor(shape: shape, storage: storage, node: nil) }

    /// True when this value was recorded on the active tape (it depends on a `Parameter`).
    public var isRecorded: Bool { node != nil }
}

extension Tensor: Equatable {
    /// Same shape and exactly equal elements.
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        lhs.shape == rhs.shape
            && (lhs.storage === rhs.storage
                || (0..<lhs.count).allSatisfy { lhs.storage.pointer[$0] == rhs.storage.pointer[$0] })
    }
}

/// Tensors are values: the storage is shared copy-on-write like `Array`, so sending one to
/// another thread is safe. (Recording for gradients is per thread.)
extension Tensor: @unchecked Sendable {}
