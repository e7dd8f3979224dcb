import Foundation
import SequenceModels
import Testing

@Suite struct MetricsTests {
    let eos = Vocabulary.eos

    @Test func tokenAccuracyIgnoresPadding() {
        let refs = [[5, 6, 7, eos], [5, eos, 0, 0]]
        let preds = [[5, 9, 7, eos, 8], [5, 6]]
        // Row 0: 3 of 4 right; row 1: 1 of 2 (padding not counted).
        #expect(SequenceMetrics.tokenAccuracy(predictions: preds, references: refs) == 4.0 / 6.0)
    }

    @Test func sequenceAccuracyCutsAtEOS() {
        let refs = [[5, 6, eos, 0], [7, eos, 0, 0], [8, 8, eos, 0]]
        let preds = [[5, 6, eos, 9, 9], [7, 7, eos], [8, 8]]
        #expect(SequenceMetrics.sequenceAccuracy(predictions: preds, references: refs) == 1.0 / 3.0)
    }

    @Test func perplexityIsExpOfLoss() {
        #expect(abs(SequenceMetrics.perplexity(meanNegativeLogLikelihood: log(10.0)) - 10) < 1e-9)
    }

    @Test func lengthBucketsSplitByLength() {
        let lengths = [2, 3, 4, 5, 6, 7]
        let refs = lengths.map { _ in [5, eos] }
        let preds = lengths.map { $0 < 5 ? [5, eos] : [6, eos] }
        let buckets = SequenceMetrics.lengthBuckets(
            sourceLengths: lengths, predictions: preds, references: refs, bucketCount: 3)
        #expect(buckets.map(\.lengths) == [2...3, 4...5, 6...7])
        #expect(buckets.map(\.sequenceAccuracy) == [1, 0.5, 0])
        #expect(buckets.map(\.tokenAccuracy) == [1, 0.75, 0.5])
    }
}
