import Foundation
import Tensors

/// Sequence metrics over token-id rows. A reference row is read up to its first `<pad>`
/// (its `<eos>` included, so stopping at the right time counts); a predicted row is read up
/// to and including its first `<eos>`.
public enum SequenceMetrics {
    /// The reference tokens that count: everything before the first `<pad>`.
    static func unpadded(_ row: [Int]) -> ArraySlice<Int> {
        row.prefix { $0 != Vocabulary.pad }
    }

    /// The predicted tokens up to and including the first `<eos>`.
    static func untilEOS(_ row: [Int]) -> ArraySlice<Int> {
        if let end = row.firstIndex(of: Vocabulary.eos) { return row[...end] }
        return row[...]
    }

    /// Token accuracy: the fraction of reference positions (padding excluded) where the
    /// prediction at the same position equals the reference. Missing predictions count as wrong.
    public static func tokenAccuracy(predictions: [[Int]], references: [[Int]]) -> Double {
        requireArgument(
            predictions.count == references.count,
            "tokenAccuracy: \(predictions.count) prediction rows but \(references.count) reference rows")
        var correct = 0
        var total = 0
        for (p, r) in zip(predictions, references) {
            let ref = unpadded(r)
            total += ref.count
            for (i, t) in ref.enumerated() where i < p.count && p[i] == t { correct += 1 }
        }
        return total == 0 ? 0 : Double(correct) / Double(total)
    }

    /// Sequence (exact-match) accuracy: the fraction of rows whose prediction, cut after its
    /// first `<eos>`, equals the unpadded reference exactly.
    public static func sequenceAccuracy(predictions: [[Int]], references: [[Int]]) -> Double {
        requireArgument(
            predictions.count == references.count,
            "sequenceAccuracy: \(predictions.count) prediction rows but \(references.count) reference rows")
        if references.isEmpty { return 0 }
        let hits = zip(predictions, references).filter { Array(untilEOS($0)) == Array(unpadded($1)) }.count
        return Double(hits) / Double(references.count)
    }

    /// Perplexity exp(L) of a mean per-token negative log-likelihood L (natural log).
    public static func perplexity(meanNegativeLogLikelihood loss: Double) -> Double { Foundation.exp(loss) }
}

/// Accuracy of a model by source length: how quality falls off as inputs get longer (the
/// seq2seq bottleneck shows up as a falling curve for the plain model).
public struct LengthBucket: Sendable, Equatable {
    /// The source lengths in this bucket.
    public var lengths: ClosedRange<Int>
    /// How many examples fell in it.
    public var count: Int
    /// Exact-match accuracy in the bucket.
    public var sequenceAccuracy: Double
    /// Token accuracy in the bucket.
    public var tokenAccuracy: Double
}

extension SequenceMetrics {
    /// Splits examples by source length into `bucketCount` equal-width ranges between the
    /// shortest and longest length and scores `predictions` against `references` in each
    /// (empty buckets are left out). `sourceLengths[i]` belongs to row i.
    public static func lengthBuckets(
        sourceLengths: [Int], predictions: [[Int]], references: [[Int]], bucketCount: Int = 3
    ) -> [LengthBucket] {
        guard let lo = sourceLengths.min(), let hi = sourceLengths.max(), bucketCount > 0 else { return [] }
        let width = Swift.max(1, Int((Double(hi - lo + 1) / Double(bucketCount)).rounded(.up)))
        var out: [LengthBucket] = []
        var start = lo
        while start <= hi {
            let range = start...Swift.min(hi, start + width - 1)
            let rows = sourceLengths.indices.filter { range.contains(sourceLengths[$0]) }
            if !rows.isEmpty {
                let p = rows.map { predictions[$0] }
                let r = rows.map { references[$0] }
                out.append(
                    LengthBucket(
                        lengths: range, count: rows.count,
                        sequenceAccuracy: sequenceAccuracy(predictions: p, references: r),
                        tokenAccuracy: tokenAccuracy(predictions: p, references: r)))
            }
            start += width
        }
        return out
    }
}
