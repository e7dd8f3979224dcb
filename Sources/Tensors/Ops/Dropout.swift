/// Inverted dropout: in training each element is zeroed with probability `rate` and the
/// survivors are scaled by 1 / (1 − rate), so evaluation needs no rescaling.
///
/// Returns `x` unchanged when `rate` is 0 or `isTraining` is false. The mask comes from
/// `generator`, so runs are reproducible. Gradient: g ⊙ mask / (1 − rate).
public func dropout(
    _ x: Tensor, rate: Float, isTraining: Bool = true, using generator: inout RandomGenerator
) -> Tensor {
    requireArgument(rate >= 0 && rate < 1, "dropout: rate \(rate) must be in [0, 1)")
    if !isTraining || rate == 0 { return x }
    let mask = Tensor(uninitializedShape: x.shape)
    let scale = 1 / (1 - rate)
    let pm = mask.storage.pointer
    for i in 0..<mask.count { pm[i] = generator.nextUniform() < rate ? 0 : scale }
    var y = x.zipElements(mask, *)
    y.record(x) { g in g.zipElements(mask, *) }
    return y
}
