import Foundation
import SequenceModels
import Tensors
import Testing

/// The measures of Explanation/ and the models' decisions they read.
@Suite struct ExplanationTests {
    // τ_b by hand: pairs, concordant C, discordant D, tied n₁ (x) and n₂ (y).
    @Test func kendallTauMatchesHandComputedValues() throws {
        #expect(try #require(kendallTau([1, 2, 3, 4], [10, 20, 30, 40])) == 1)
        #expect(try #require(kendallTau([1, 2, 3, 4], [4, 3, 2, 1])) == -1)
        // One tie in x: C = 5, D = 0, n₀ = 6, n₁ = 1, n₂ = 0 → 5/√(5·6).
        #expect(abs(try #require(kendallTau([1, 2, 2, 3], [1, 3, 2, 4])) - 5 / 30.0.squareRoot()) < 1e-12)
        // Ties in both: C = 5, D = 1, n₀ = 10, n₁ = n₂ = 2 → 4/√(8·8) = 0.5.
        #expect(abs(try #require(kendallTau([1, 1, 2, 3, 3], [2, 1, 1, 3, 2])) - 0.5) < 1e-12)
        // scipy.stats.kendalltau([0.3,0.1,0.1,0.5,0.2,0.2,0.9], [3,1,2,2,5,1,4]) = 0.3684210526 (= 7/19).
        #expect(
            abs(try #require(kendallTau([0.3, 0.1, 0.1, 0.5, 0.2, 0.2, 0.9], [3, 1, 2, 2, 5, 1, 4])) - 7 / 19.0) < 1e-12
        )
    }

    @Test func kendallTauIsUndefinedWithoutAnOrder() {
        #expect(kendallTau([1, 1, 1], [1, 2, 3]) == nil)
        #expect(kendallTau([1], [1]) == nil)
        #expect(kendallTau([1, 2], [1, 2, 3]) == nil)
    }

    @Test func totalVariationDistanceAndMedian() {
        #expect(totalVariationDistance([0.5, 0.5], [1, 0]) == 0.5)
        #expect(totalVariationDistance([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]) == 0)
        #expect(totalVariationDistance([1, 0], [0, 1]) == 1)
        #expect([3, 1, 2].median == 2 && [4, 1, 3, 2].median == 2.5 && [Double]().median == 0)
    }

    // sᵢ = Σₑ xᵢₑ ∂f/∂xᵢₑ = d/dε f(X with row i scaled by 1 + ε) at ε = 0: one central
    // difference per row, against the tape's gradient.
    @Test func gradientTimesInputMatchesFiniteDifferences() {
        let model = AttentionClassifier(vocabularySize: 12, classes: 3, embeddingSize: 6, hiddenSize: 8, seed: 4)
        let x = randomTensor([1, 5, 6], seed: 7)
        let f = { (x: Tensor) in
            model(embedded: x, lengths: [5]).logits.logSoftmax(axis: -1).select(axis: 1, index: 2).sum()
        }
        let saliency = gradientTimesInput(x, preserving: model.parameters, f)
        #expect(saliency.count == 5)
        let h: Float = 1e-2
        for i in 0..<5 {
            func scaled(_ by: Float) -> Float {
                var scalars = x.scalars
                for e in (i * 6)..<(i * 6 + 6) { scalars[e] *= by }
                return withoutGradient { f(Tensor(shape: x.shape, scalars: scalars)).item() }
            }
            let difference = Double((scaled(1 + h) - scaled(1 - h)) / (2 * h))
            #expect(
                abs(difference - saliency[i]) < 2e-3 + 2e-2 * abs(difference),
                "row \(i): \(difference) vs \(saliency[i])")
        }
        #expect(model.parameters.allSatisfy { $0.gradient == nil }, "the model's gradients are left untouched")
    }

    @Test func gradientTimesInputOfAQuadratic() {
        // f(X) = Σ aᵢₑ xᵢₑ²: ∂f/∂x = 2ax, so sᵢ = Σₑ 2 aᵢₑ xᵢₑ².
        let x = Tensor(shape: [2, 2], scalars: [1, 2, 3, -1])
        let a = Tensor(shape: [2, 2], scalars: [0.5, 1, -1, 2])
        let s = gradientTimesInput(x) { ($0 * $0 * a).sum() }
        let expected: [Double] = [9, -14]  // 2·(0.5·1 + 1·4), 2·(−1·9 + 2·1)
        #expect(s == expected)
    }

    @Test func leaveOneOutAndPermutationEffects() {
        #expect(
            leaveOneOutImportance(full: [1, 0], withoutEachPosition: [[1, 0], [0.25, 0.75], [0.5, 0.5]]) == [
                0, 0.75, 0.5,
            ])
        #expect(leaveOneOutRows([7, 8, 9]) == [8, 9, 7, 9, 7, 8])
        var rng = RandomGenerator(seed: 1)
        #expect(
            attentionPermutationEffect(weights: [0.1, 0.2, 0.7], permutations: 10, rng: &rng) { _ in [0.4, 0.6] } == 0)
        #expect(attentionPermutationEffect(weights: [1 / 3, 1 / 3, 1 / 3], permutations: 10, rng: &rng) { $0 } == 0)
        let peaked = attentionPermutationEffect(weights: [0, 0, 0, 1], permutations: 41, rng: &rng) { $0 }
        #expect(peaked == 1, "three shuffles in four move the peak: the median moves all the mass")
    }

    @Test func uniformAttentionSpreadsOverRealTokensOnly() {
        let w = uniformAttention(lengths: [2, 4], positions: 4)
        #expect(w.scalars == [0.5, 0.5, 0, 0, 0.25, 0.25, 0.25, 0.25])
    }

    @Test func classifierDecisionReproducesTheModel() throws {
        let data = try SequenceTasks.englishNegation(count: 60, seed: 2)
        let model = AttentionClassifier(vocabularySize: data.vocabulary.count, classes: 2, seed: 3)
        let example = data.validation[0]
        let decision = model.decision(for: example.tokens, vocabulary: data.vocabulary)
        #expect(decision.weights.count == example.tokens.count)
        #expect(abs(decision.weights.reduce(0, +) - 1) < 1e-5)
        let own = withoutGradient { decision.distribution(decision.inputs).scalars.map(Double.init) }
        let replayed = decision.reweighted(decision.weights)
        #expect(zip(own, decision.probabilities).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(zip(own, replayed).allSatisfy { abs($0 - $1) < 1e-5 }, "feeding α back changes nothing")
        // Leave-one-out rows are the model on the shortened sentence.
        var shortened = example.tokens
        shortened.remove(at: 1)
        let direct = model.decision(for: shortened, vocabulary: data.vocabulary).probabilities
        #expect(zip(direct, decision.withoutEachPosition[1]).allSatisfy { abs($0 - $1) < 1e-5 })
        var rng = RandomGenerator(seed: 5)
        let explanation = decision.explained(permutations: 5, rng: &rng)
        #expect(explanation.leaveOneOut.count == example.tokens.count)
        #expect(explanation.gradientTimesInput.count == example.tokens.count)
        #expect((0...1).contains(explanation.permutationEffect) && (0...1).contains(explanation.uniformEffect))
        // Uniform attention on every example: accuracy is still a fraction.
        #expect((0...1).contains(model.accuracy(on: data.validation, of: data, uniformAttention: true)))
    }

    @Test func translatorDecisionsFollowTheGreedyTranslation() throws {
        let data = SequenceTasks.translation(count: 40, clauses: 1...1, validationFraction: 0.25, seed: 1)
        let model = Seq2Seq(Seq2SeqConfiguration(for: data, embeddingSize: 8, hiddenSize: 16), seed: 2)
        let source = data.validation[0].source
        let decisions = model.decisions(for: source, in: data, maxLength: 6)
        #expect(!decisions.isEmpty && decisions.count <= 6)
        for (t, decision) in decisions.enumerated() {
            let p = withoutGradient { decision.distribution(decision.inputs) }
            #expect(p.argmaxIndices(axis: -1) == [decision.predicted], "the decision is the greedy word")
            #expect(zip(p.scalars, decision.probabilities).allSatisfy { abs(Double($0) - $1) < 1e-5 })
            #expect(zip(p.scalars, decision.reweighted(decision.weights)).allSatisfy { abs(Double($0) - $1) < 1e-5 })
            #expect(decision.withoutEachPosition.count == source.count)
            // Row 0 of leave-one-out: the source without its first word, fed the same words.
            let shortened = Array(source.dropFirst())
            let direct = model.decisions(for: shortened, in: data, maxLength: 6)
            if t == 0, let first = direct.first {
                #expect(zip(first.probabilities, decision.withoutEachPosition[0]).allSatisfy { abs($0 - $1) < 1e-5 })
            }
        }
    }
}
