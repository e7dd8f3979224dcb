import SequenceModels
import Tensors
import Testing

/// Learning tests: fixed seeds, small models, release mode.
@Suite(.serialized) struct Seq2SeqLearningTests {
    @Test func attentionSeq2SeqReversesLength8Sequences() {
        let data = SequenceTasks.reverse(count: 6000, lengths: 8...8, symbols: 8, validationFraction: 0.05, seed: 11)
        let model = Seq2Seq(
            Seq2SeqConfiguration(for: data, embeddingSize: 16, hiddenSize: 48, attention: .additive), seed: 3)
        let clock = ContinuousClock()
        let start = clock.now
        let history = train(
            model, on: data,
            configuration: TrainingConfiguration(
                epochs: 8, batchSize: 64, learningRate: 1e-2, clipNorm: 1, seed: 5, evaluateEvery: 1)
        ) { p in
            if p.validation != nil { print(p) }
        }
        print("reverse-8: \(history.steps) steps, \(clock.now - start), \(history.stepsPerSecond) steps/s")
        let final = evaluate(model, on: data.validation, of: data).result
        #expect(final.sequenceAccuracy >= 0.99, "validation exact match \(final.sequenceAccuracy)")
        #expect(history.epochLosses.last! < history.epochLosses.first!)
    }

    @Test func attentionBeatsPlainSeq2SeqOnLongTranslations() {
        let data = SequenceTasks.translation(count: 3000, clauses: 1...3, validationFraction: 0.1, seed: 21)
        let config = TrainingConfiguration(
            epochs: 4, batchSize: 64, learningRate: 1e-2, clipNorm: 1, seed: 2, evaluateEvery: 0)
        var longest: [String: LengthBucket] = [:]
        for attention in [nil, AttentionKind.dot] as [AttentionKind?] {
            let model = Seq2Seq(
                Seq2SeqConfiguration(for: data, embeddingSize: 16, hiddenSize: 32, attention: attention), seed: 4)
            let clock = ContinuousClock()
            let start = clock.now
            let history = train(model, on: data, configuration: config)
            let (_, predictions, references) = evaluate(model, on: data.validation, of: data)
            let buckets = SequenceMetrics.lengthBuckets(
                sourceLengths: data.validation.map(\.source.count), predictions: predictions, references: references)
            print(
                "\(model.configuration.label): \(history.steps) steps in \(clock.now - start); buckets \(buckets.map { "\($0.lengths): tok \($0.tokenAccuracy) seq \($0.sequenceAccuracy)" })"
            )
            longest[model.configuration.label] = buckets.last
        }
        let plain = longest["GRU, no attention"]!
        let attention = longest["GRU + dot attention"]!
        #expect(plain.lengths == attention.lengths && plain.lengths.upperBound >= 20)
        #expect(
            attention.tokenAccuracy > plain.tokenAccuracy + 0.1,
            "longest bucket \(attention.lengths): attention \(attention.tokenAccuracy) vs plain \(plain.tokenAccuracy)")
    }
}
