import Tensors

extension Seq2Seq {
    /// Every word of the greedy translation of `source` (up to, not including, `<eos>`) as an
    /// `AttentionDecision`: for output step t, α is the decoder's attention at that step, the
    /// distribution is the step's softmax over the target vocabulary with the greedy words
    /// 1…t−1 fed back (teacher forcing on the model's own output, so interventions change
    /// step t only), and leaving out position i removes source word i.
    ///
    /// Needs a single-head attention model (`configuration.attention` not nil, not multi-head).
    public func decisions(for source: [String], in dataset: SequenceDataset, maxLength: Int) -> [AttentionDecision] {
        let ids = dataset.sourceVocabulary.encode(source)
        let inputs = withoutGradient { encoder.embedding(ids, shape: [1, ids.count]) }
        let greedy = withoutGradient {
            greedyDecode(memory: encoder(embedded: inputs, lengths: [ids.count]), maxLength: maxLength)
        }
        let words = greedy.tokens[0], weights = greedy.weights[0]
        let steps = words.firstIndex(of: Vocabulary.eos) ?? words.count
        let model = self
        // The output distribution at step t, from an embedded source, with α replaced at step t.
        func stepDistribution(_ x: Tensor, step t: Int, replaced: [Double]?) -> Tensor {
            let memory = model.encoder(embedded: x, lengths: [x.shape[1]])
            var state = model.decoder.initialState(memory)
            var previous = Vocabulary.bos
            for k in 0..<t {
                state = model.decoder.step([previous], state: state, memory: memory).state
                previous = words[k]
            }
            let reweight = replaced.map { w in { (_: Tensor) in Tensor(shape: [1, w.count], scalars: w.map(Float.init)) } }
            return model.decoder.step([previous], state: state, memory: memory, reweight: reweight)
                .probabilities.squeezingShape(at: [0])
        }
        return (0..<Swift.min(steps, weights.count)).map { t in
            AttentionDecision(
                tokens: source, weights: weights[t], inputs: inputs, predicted: words[t],
                distribution: { x, replaced in stepDistribution(x, step: t, replaced: replaced) },
                withoutPosition: { position in
                    var kept = ids
                    kept.remove(at: position)
                    let x = model.encoder.embedding(kept, shape: [1, kept.count])
                    return stepDistribution(x, step: t, replaced: nil).scalars.map(Double.init)
                },
                parameters: model.parameters)
        }
    }
}
