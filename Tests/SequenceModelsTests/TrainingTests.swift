import NotebookOutput
import SequenceModels
import Tensors
import Testing

@Suite struct TrainingTests {
    let data = SequenceTasks.copy(count: 300, lengths: 2...4, symbols: 5, seed: 2)

    func run(seed: UInt64, reports: inout [TrainingProgress]) -> TrainingHistory {
        let model = Seq2Seq(
            Seq2SeqConfiguration(for: data, embeddingSize: 8, hiddenSize: 16, attention: .dot), seed: seed)
        var seen: [TrainingProgress] = []
        let h = train(
            model, on: data,
            configuration: TrainingConfiguration(
                epochs: 3, batchSize: 32, learningRate: 1e-2, seed: seed, evaluateEvery: 2, progressEvery: 3)
        ) { seen.append($0) }
        reports = seen
        return h
    }

    @Test func historyProgressAndDeterminism() {
        var reports: [TrainingProgress] = []
        var again: [TrainingProgress] = []
        let h = run(seed: 4, reports: &reports)
        let stepsPerEpoch = (data.train.count + 31) / 32
        #expect(h.steps == 3 * stepsPerEpoch && h.epochLosses.count == 3 && h.epochSeconds.count == 3)
        #expect(h.gradientNorms.count == h.steps)
        #expect(h.evaluatedEpochs == [2, 3] && h.validation.count == 2)
        #expect(h.epochLosses[2] < h.epochLosses[0])
        // Every 3rd step plus one report per epoch, in order, ending at fraction 1.
        #expect(reports.count == h.steps / 3 + 3)
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.step <= $1.step })
        #expect(reports.last?.fraction == 1 && reports.last?.validation != nil)
        #expect(reports.filter { $0.validation != nil }.map(\.epoch) == [2, 3])
        let h2 = run(seed: 4, reports: &again)
        #expect(h2.stepLosses == h.stepLosses)
        let h3 = run(seed: 5, reports: &again)
        #expect(h3.stepLosses != h.stepLosses)
    }

    @Test func historyCharts() {
        var reports: [TrainingProgress] = []
        let h = run(seed: 1, reports: &reports)
        let loss = h.lossChart()
        #expect(loss.series.map(\.name) == ["train loss", "validation loss"])
        #expect(loss.series[0].y == h.epochLosses && loss.series[1].x == [2, 3])
        #expect(h.accuracyChart().series.count == 3)
        let smooth = h.smoothedStepLosses(window: 4)
        #expect(smooth.count == h.steps)
        #expect(abs(smooth[5] - h.stepLosses[2...5].reduce(0, +) / 4) < 1e-12)
        let curves = TrainingDisplay.curves([("a", h), ("b", h)], metric: .sequenceAccuracy)
        #expect(curves.series.map(\.name) == ["a", "b"] && curves.series[0].y == h.validation.map(\.sequenceAccuracy))
    }

    @Test func clippingBoundsTheUpdateNorm() {
        // With clipNorm, the recorded norms are the pre-clip norms; gradients after clipping are ≤ maxNorm.
        let model = Seq2Seq(Seq2SeqConfiguration(for: data, embeddingSize: 8, hiddenSize: 16, attention: nil), seed: 3)
        let batch = data.trainingBatches(size: 16)[0]
        backpropagate { model.loss(batch) * 1000 }
        let before = clipGradientsByGlobalNorm(model.parameters, maxNorm: 0.5)
        var sq: Float = 0
        for p in model.parameters { for g in p.gradient?.scalars ?? [] { sq += g * g } }
        #expect(before > 0.5 && abs(sq.squareRoot() - 0.5) < 1e-3)
        model.zeroGradients()
    }
}
