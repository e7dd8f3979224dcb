/// Helpers the ops use to put themselves on the current tape.
///
/// Each helper returns at once when no tape is recording or no input is differentiable, so
/// ops cost nothing extra outside gradient computations.
extension Tensor {
    /// Records a one-input op: `pullback(g)` returns d(loss)/d(input) given d(loss)/d(output).
    @inline(__always)
    mutating func record(_ a: Tensor, _ pullback: @escaping (Tensor) -> Tensor) {
        guard a.node != nil, let tape = Tape.current, let ia = tape.index(of: a) else { return }
        node = tape.append { tape, g in tape.accumulate(pullback(g), at: ia) }
    }

    /// Records a two-input op: `pullback(g, needA, needB)` returns the inputs' gradients
    /// (only the needed ones have to be computed; return nil for the others).
    @inline(__always)
    mutating func record(
        _ a: Tensor, _ b: Tensor,
        _ pullback: @escaping (Tensor, Bool, Bool) -> (Tensor?, Tensor?)
    ) {
        guard a.node != nil || b.node != nil, let tape = Tape.current else { return }
        let ia = tape.index(of: a) ?? -1
        let ib = tape.index(of: b) ?? -1
        if ia < 0 && ib < 0 { return }
        node = tape.append { tape, g in
            let (ga, gb) = pullback(g, ia >= 0, ib >= 0)
            if ia >= 0, let ga { tape.accumulate(ga, at: ia) }
            if ib >= 0, let gb { tape.accumulate(gb, at: ib) }
        }
    }

    /// Records a one-input op whose pullback adds the input's gradient itself through `sink`
    /// (e.g. a slice's gradient into its region of the input's gradient only).
    @inline(__always)
    mutating func recordAccumulating(_ a: Tensor, _ pullback: @escaping (Tensor, GradientSink) -> Void) {
        guard a.node != nil, let tape = Tape.current, let ia = tape.index(of: a) else { return }
        node = tape.append { tape, g in pullback(g, GradientSink(tape: tape, index: ia)) }
    }

    /// Records a two-input op whose pullback adds the inputs' gradients itself:
    /// `pullback(g, sinkA, sinkB)` gets a sink for each input that needs a gradient (nil for the
    /// others) and writes into it, e.g. with a BLAS product's beta = 1 (see `GradientSink`).
    @inline(__always)
    mutating func recordAccumulating(
        _ a: Tensor, _ b: Tensor,
        _ pullback: @escaping (Tensor, GradientSink?, GradientSink?) -> Void
    ) {
        guard a.node != nil || b.node != nil, let tape = Tape.current else { return }
        let ia = tape.index(of: a) ?? -1
        let ib = tape.index(of: b) ?? -1
        if ia < 0 && ib < 0 { return }
        node = tape.append { tape, g in
            pullback(
                g, ia >= 0 ? GradientSink(tape: tape, index: ia) : nil,
                ib >= 0 ? GradientSink(tape: tape, index: ib) : nil)
        }
    }

    /// Records an op over many inputs whose pullback adds the inputs' gradients itself:
    /// `pullback(g, sinks)` gets one sink per input (nil where no gradient is needed).
    mutating func recordAccumulating(_ inputs: [Tensor], _ pullback: @escaping (Tensor, [GradientSink?]) -> Void) {
        guard inputs.contains(where: { $0.node != nil }), let tape = Tape.current else { return }
        let indices = inputs.map { tape.index(of: $0) ?? -1 }
        if indices.allSatisfy({ $0 < 0 }) { return }
        node = tape.append { tape, g in
            pullback(g, indices.map { $0 >= 0 ? GradientSink(tape: tape, index: $0) : nil })
        }
    }

    /// Records an op over many inputs: `pullback(g, needed)` returns one gradient per input.
    mutating func record(_ inputs: [Tensor], _ pullback: @escaping (Tensor, [Bool]) -> [Tensor?]) {
        guard inputs.contains(where: { $0.node != nil }), let tape = Tape.current else { return }
        let indices = inputs.map { tape.index(of: $0) ?? -1 }
        if indices.allSatisfy({ $0 < 0 }) { return }
        node = tape.append { tape, g in
            let grads = pullback(g, indices.map { $0 >= 0 })
            for (i, index) in indices.enumerated() where index >= 0 {
                if let gi = grads[i] { tape.accumulate(gi, at: index) }
            }
        }
    }
}

/// Where a pullback adds one input's gradient: straight into that input's gradient on the tape.
struct GradientSink {
    let tape: Tape
    let index: Int

    /// `write(pointer, accumulate)` stores (false) or adds (true) a gradient of `shape` at
    /// `pointer`; see `Tape.accumulate(at:shape:_:)`.
    @inline(__always)
    func add(shape: [Int], _ write: (UnsafeMutablePointer<Float>, Bool) -> Void) {
        tape.accumulate(at: index, shape: shape, write)
    }
}
