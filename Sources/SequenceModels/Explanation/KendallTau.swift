/// Kendall's rank correlation τ_b between two rankings of the same items (Kendall 1945, the
/// tie-corrected form; `scipy.stats.kendalltau`'s default).
///
/// Over the n₀ = n(n−1)/2 pairs i < j, with sₓ = sign(xᵢ − xⱼ) and s_y = sign(yᵢ − yⱼ):
/// C counts pairs with sₓ·s_y > 0 (concordant), D pairs with sₓ·s_y < 0 (discordant),
/// n₁ pairs tied in x (sₓ = 0) and n₂ pairs tied in y (s_y = 0); then
///
///     τ_b = (C − D) / √((n₀ − n₁)(n₀ − n₂))
///
/// τ_b = 1 when both lists order the items identically, −1 when exactly reversed, about 0 when
/// unrelated. O(n²), meant for the few dozen positions of a sentence.
///
/// - Returns: nil when the lists differ in length, have fewer than two items, or either is
///   constant (the denominator is 0: a ranking with no order says nothing).
public func kendallTau(_ x: [Double], _ y: [Double]) -> Double? {
    guard x.count == y.count, x.count >= 2 else { return nil }
    var concordant = 0
    var discordant = 0
    var tiedX = 0
    var tiedY = 0
    for i in 0..<(x.count - 1) {
        for j in (i + 1)..<x.count {
            let dx = x[i] - x[j]
            let dy = y[i] - y[j]
            if dx == 0 { tiedX += 1 }
            if dy == 0 { tiedY += 1 }
            if dx * dy > 0 { concordant += 1 } else if dx * dy < 0 { discordant += 1 }
        }
    }
    let pairs = x.count * (x.count - 1) / 2
    let denominator = (Double(pairs - tiedX) * Double(pairs - tiedY)).squareRoot()
    guard denominator > 0 else { return nil }
    return Double(concordant - discordant) / denominator
}
