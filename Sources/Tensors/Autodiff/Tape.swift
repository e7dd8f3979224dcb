import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The record of one differentiable computation, in execution order.
///
/// Entries are appended as ops run, so reverse order is already a valid order for
/// back-propagation: `backward` visits each entry once (O(entries), no sort). Each thread has
/// its own current tape; `valueWithGradient` and `backpropagate` install one for their body.
final class Tape {
    /// One recorded value: an op output (with its pullback) or a parameter leaf.
    struct Entry {
        /// Given this entry's gradient, adds the inputs' gradients to the tape.
        var pullback: ((Tape, Tensor) -> Void)?
        /// Set for a leaf: receives the gradient at the end.
        var parameter: Parameter?
    }

    private static let tokens = Atomic<UInt64>(0)

    /// Distinguishes this tape from every other tape in the process (never reused).
    let token: UInt64
    private(set) var entries: [Entry] = []
    private var gradients: [Tensor?] = []

    init() {
        token = Tape.tokens.add(1, ordering: .relaxed).newValue
        entries.reserveCapacity(256)
        gradients.reserveCapacity(256)
    }

    /// The entry index of `tensor` on this tape, or nil when it is not differentiable here.
    /// Registers a parameter leaf the first time it is seen.
    @inline(__always)
    func index(of tensor: Tensor) -> Int? {
        guard let node = tensor.node else { return nil }
        if node.tapeToken == token { return node.index }
        guard let parameter = node.parameter else { return nil }
        node.tapeToken = token
        node.index = entries.count
        entries.append(Entry(pullback: nil, parameter: parameter))
        gradients.append(nil)
        return node.index
    }

    /// Appends an op output and returns its node.
    func append(pullback: @escaping (Tape, Tensor) -> Void) -> AutodiffNode {
        let node = AutodiffNode(tapeToken: token, index: entries.count)
        entries.append(Entry(pullback: pullback, parameter: nil))
        gradients.append(nil)
        return node
    }

    /// Adds `gradient` to the gradient of entry `index` (in place when it is the only owner).
    func accumulate(_ gradient: Tensor, at index: Int) {
        if gradients[index] == nil {
            gradients[index] = gradient.detached
        } else {
            var existing = gradients[index]!
            gradients[index] = nil
            existing.addInPlace(gradient)
            gradients[index] = existing
        }
    }

    /// Adds a gradient that `write` computes straight into the gradient of entry `index` (shape
    /// `shape`), so a BLAS product can accumulate with beta = 1 instead of writing a new tensor
    /// that is then added: `write(pointer, accumulate)` stores the gradient into uninitialised
    /// memory when `accumulate` is false and adds it to the values there when it is true.
    func accumulate(at index: Int, shape: [Int], _ write: (UnsafeMutablePointer<Float>, Bool) -> Void) {
        if var existing = gradients[index] {
            gradients[index] = nil  // so `existing` is the only reference (no copy in makeUnique)
            existing.makeUnique()
            write(existing.storage.pointer, true)
            gradients[index] = existing
        } else {
            let fresh = Tensor(uninitializedShape: shape)
            write(fresh.storage.pointer, false)
            gradients[index] = fresh
        }
    }

    /// Back-propagates `seed` (the gradient of the final value) from entry `root` to every leaf,
    /// adding each leaf's gradient into its `Parameter.gradient`.
    func backward(from root: Int, seed: Tensor) {
        accumulate(seed, at: root)
        var i = root
        while i >= 0 {
            if let g = gradients[i] {
                gradients[i] = nil
                let entry = entries[i]
                if let pullback = entry.pullback {
                    pullback(self, g)
                } else if let parameter = entry.parameter {
                    parameter.accumulateGradient(g)
                }
            }
            i -= 1
        }
        entries.removeAll()
        gradients.removeAll()
    }

    // MARK: The current tape of this thread

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The tape recording on this thread, if any.
    static var current: Tape? {
        @inline(__always) get {
            guard let raw = pthread_getspecific(key) else { return nil }
            return Unmanaged<Tape>.fromOpaque(raw).takeUnretainedValue()
        }
    }

    /// Runs `body` with `tape` as this thread's current tape (nil: record nothing), then restores.
    static func with<R>(_ tape: Tape?, _ body: () throws -> R) rethrows -> R {
        let previous = pthread_getspecific(key)
        let raw = tape.map { Unmanaged.passUnretained($0).toOpaque() }
        pthread_setspecific(key, raw)
        defer { pthread_setspecific(key, previous) }
        return try withExtendedLifetime(tape) { try body() }
    }
}
