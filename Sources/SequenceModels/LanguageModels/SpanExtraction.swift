import Tensors

/// A SQuAD-style extractive QA head: start/end logits for every position of an encoder's output.
///
/// hidden `[batch, time, dModel]` → start and end logits `[batch, time]` ((W h + b) split in two);
/// positions outside the context (mask 1) are set to −1e9. Parameter: `qa_outputs.*` (`[2, dModel]`).
public struct SpanExtractionHead: Module {
    /// dModel → (start, end).
    public let projection: Linear

    /// A head over `dModel`-wide encoder outputs.
    public init(dModel: Int, rng: inout RandomGenerator) {
        projection = Linear(dModel, 2, rng: &rng)
    }

    /// `qa_outputs.*`.
    public var namedParameters: [NamedParameter] { projection.namedParameters(prefix: "qa_outputs") }

    /// Start and end logits `[batch, time]`; `excluded` `[batch, time]` (1 = not a possible answer
    /// position, e.g. question tokens and padding) gets −1e9.
    public func callAsFunction(_ hidden: Tensor, excluded: Tensor? = nil) -> (start: Tensor, end: Tensor) {
        let both = projection(hidden)  // [b, t, 2]
        var start = both.slice(axis: 2, 0..<1).squeezingShape(at: [2])
        var end = both.slice(axis: 2, 1..<2).squeezingShape(at: [2])
        if let excluded {
            start = start.maskedFill(where: excluded, with: -1e9)
            end = end.maskedFill(where: excluded, with: -1e9)
        }
        return (start, end)
    }
}

/// The best answer span of one example: the (start, end) with start ≤ end < start + maxLength
/// maximising startLogits[start] + endLogits[end] (SQuAD's decoding), and that score.
/// `allowed` (if given) limits both ends to those positions. Nil when no span is possible.
public func bestSpan(startLogits: [Float], endLogits: [Float], maxLength: Int, allowed: Range<Int>? = nil)
    -> (start: Int, end: Int, score: Float)?
{
    let n = Swift.min(startLogits.count, endLogits.count)
    let range = allowed.map { $0.clamped(to: 0..<n) } ?? 0..<n
    var best: (start: Int, end: Int, score: Float)? = nil
    for s in range {
        for e in s..<Swift.min(range.upperBound, s + maxLength) {
            let score = startLogits[s] + endLogits[e]
            if score > (best?.score ?? -Float.infinity) { best = (s, e, score) }
        }
    }
    return best
}
