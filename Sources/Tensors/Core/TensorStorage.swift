/// The heap buffer behind a `Tensor`: a 64-byte-aligned block of `Float`s.
///
/// Several tensors may share one storage (a reshape shares, an arithmetic op allocates);
/// `Tensor` copies it before writing when it is shared (copy-on-write).
@usableFromInline
final class TensorStorage {
    /// The first element.
    @usableFromInline let pointer: UnsafeMutablePointer<Float>
    /// The number of elements.
    @usableFromInline let count: Int

    /// Allocates `count` uninitialised elements (callers write every element before reading).
    @usableFromInline
    init(uninitializedCount count: Int) {
        self.count = count
        _ = HeapTuning.applied
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: max(count, 1) &* MemoryLayout<Float>.stride, alignment: 64)
        pointer = raw.bindMemory(to: Float.self, capacity: max(count, 1))
    }

    /// Allocates `count` elements set to `value`.
    @usableFromInline
    convenience init(repeating value: Float, count: Int) {
        self.init(uninitializedCount: count)
        pointer.initialize(repeating: value, count: count)
    }

    /// A new storage holding a copy of this one's elements.
    @usableFromInline
    func copy() -> TensorStorage {
        let result = TensorStorage(uninitializedCount: count)
        result.pointer.update(from: pointer, count: count)
        return result
    }

    deinit {
        UnsafeMutableRawPointer(pointer).deallocate()
    }
}
