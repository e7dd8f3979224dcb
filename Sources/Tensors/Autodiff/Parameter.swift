/// A trainable tensor: layers hold their weights as `Parameter`s and optimisers update them.
///
/// Using `value` inside `valueWithGradient`/`backpropagate` makes the computation
/// differentiable with respect to it; afterwards `gradient` holds d(loss)/d(value), with the
/// same shape as `value`. Gradients accumulate (add up) over calls until `zeroGradient()`.
public final class Parameter {
    private var storedValue: Tensor
    private var leaf: AutodiffNode!

    /// The gradient accumulated by back-propagation (nil until one reaches this parameter).
    public var gradient: Tensor?

    /// A parameter holding `value` (its shape is fixed by what the layer does with it).
    public init(_ value: Tensor) {
        storedValue = value.detached
        leaf = AutodiffNode(parameter: self)
    }

    deinit { leaf.parameter = nil }

    /// The current value; reading it inside a gradient computation links it to the tape.
    /// Setting it replaces the value (not recorded; optimisers do this).
    public var value: Tensor {
        get { Tensor(shape: storedValue.shape, storage: storedValue.storage, node: leaf) }
        set { storedValue = newValue.detached }
    }

    /// The shape of `value`.
    public var shape: [Int] { storedValue.shape }

    /// Clears the accumulated gradient.
    public func zeroGradient() { gradient = nil }

    /// Adds `g` to `gradient` (used by the tape at the end of back-propagation).
    func accumulateGradient(_ g: Tensor) {
        if var existing = gradient {
            gradient = nil
            existing.addInPlace(g)
            gradient = existing
        } else {
            gradient = g.detached
        }
    }

    /// Applies `update` to the stored value in place (no copy when not shared). For optimisers.
    func updateValue(_ update: (UnsafeMutableBufferPointer<Float>) -> Void) {
        storedValue.withUnsafeMutableBufferPointer(update)
    }

    /// The stored value's first element, for an in-place update that spans several calls (an
    /// optimiser's step split across threads): the storage is made unique first, and the
    /// pointer stays valid until the value is next set or read into a gradient computation.
    func uniqueValuePointer() -> UnsafeMutablePointer<Float> {
        storedValue.withUnsafeMutableBufferPointer { $0.baseAddress! }
    }
}
