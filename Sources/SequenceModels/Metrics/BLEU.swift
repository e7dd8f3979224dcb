import Foundation
import Tensors

/// The parts of a corpus BLEU score (Papineni et al., 2002), on a 0…1 scale.
///
/// BLEU = BP · exp(Σₙ wₙ log pₙ) with wₙ = 1/N, where pₙ is the corpus-level modified n-gram
/// precision (clipped matches / hypothesis n-grams, summed over all sentences before
/// dividing) and BP = 1 if c > r, else exp(1 − r/c), with c the total hypothesis length and r
/// the total length of the closest reference of each sentence (ties: the shorter one).
public struct BLEUScore: Sendable, Equatable {
    /// The score in 0…1 (multiply by 100 for the sacrebleu scale).
    public var score: Double
    /// pₙ for n = 1…N.
    public var precisions: [Double]
    /// Clipped n-gram matches for n = 1…N.
    public var matches: [Int]
    /// Hypothesis n-gram counts for n = 1…N.
    public var totals: [Int]
    /// The brevity penalty BP.
    public var brevityPenalty: Double
    /// c, the total hypothesis length.
    public var hypothesisLength: Int
    /// r, the effective reference length.
    public var referenceLength: Int
}

/// Corpus BLEU of tokenised `hypotheses` against one or more `references` per hypothesis,
/// without smoothing, as `sacrebleu.corpus_bleu(..., tokenize="none", smooth_method="none")`
/// (÷100) and `nltk.translate.bleu_score.corpus_bleu` with default weights: when any pₙ is 0
/// the score is 0. `references[i]` are the references of `hypotheses[i]`.
public func corpusBLEU<Token: Hashable>(
    hypotheses: [[Token]], references: [[[Token]]], maxOrder: Int = 4
) -> BLEUScore {
    requireArgument(
        hypotheses.count == references.count,
        "corpusBLEU: \(hypotheses.count) hypotheses but \(references.count) reference lists")
    requireArgument(maxOrder >= 1, "corpusBLEU: maxOrder must be at least 1")
    var matches = [Int](repeating: 0, count: maxOrder)
    var totals = [Int](repeating: 0, count: maxOrder)
    var c = 0
    var r = 0
    for (hyp, refs) in zip(hypotheses, references) {
        c += hyp.count
        if let closest = refs.map(\.count).min(by: { (abs($0 - hyp.count), $0) < (abs($1 - hyp.count), $1) }) {
            r += closest
        }
        for n in 1...maxOrder {
            let hypCounts = ngramCounts(hyp, order: n)
            var maxRef: [ArraySlice<Token>: Int] = [:]
            for ref in refs {
                for (gram, k) in ngramCounts(ref, order: n) { maxRef[gram] = Swift.max(maxRef[gram] ?? 0, k) }
            }
            for (gram, k) in hypCounts { matches[n - 1] += Swift.min(k, maxRef[gram] ?? 0) }
            totals[n - 1] += Swift.max(0, hyp.count - n + 1)
        }
    }
    let precisions = zip(matches, totals).map { m, t in t == 0 ? 0 : Double(m) / Double(t) }
    let bp: Double = c == 0 ? 0 : (c > r ? 1 : Foundation.exp(1 - Double(r) / Double(c)))
    let score: Double
    if precisions.contains(0) {
        score = 0
    } else {
        score = bp * Foundation.exp(precisions.map { Foundation.log($0) }.reduce(0, +) / Double(maxOrder))
    }
    return BLEUScore(
        score: score, precisions: precisions, matches: matches, totals: totals, brevityPenalty: bp,
        hypothesisLength: c, referenceLength: r)
}

/// Corpus BLEU with a single reference per hypothesis.
public func corpusBLEU<Token: Hashable>(
    hypotheses: [[Token]], references: [[Token]], maxOrder: Int = 4
) -> BLEUScore {
    corpusBLEU(hypotheses: hypotheses, references: references.map { [$0] }, maxOrder: maxOrder)
}

/// How often each n-gram of `order` occurs in `tokens`.
func ngramCounts<Token: Hashable>(_ tokens: [Token], order: Int) -> [ArraySlice<Token>: Int] {
    var counts: [ArraySlice<Token>: Int] = [:]
    if tokens.count >= order {
        for i in 0...(tokens.count - order) { counts[tokens[i..<(i + order)], default: 0] += 1 }
    }
    return counts
}
