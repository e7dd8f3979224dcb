import Tensors

extension Seq2Seq {
    /// Every word of the greedy translation of `source` (up to, not including, `<eos>`) as an
    /// `AttentionDecision`: for output step t, α is the decoder's attention at that step, the
    /// distribution is the step's softmax over the target vocabulary with the greedy words
    /// 1…t−1 fed back (teacher forcing on the model's own output, so interventions on α change
    /// step t only), and leaving out position i removes source word i.
    ///
    /// The states along the greedy path and the leave-one-out distributions of every step are
    /// computed once per sentence (a batch of n sources with one word removed each).
    /// Needs a single-head attention model (`configuration.attention` not nil, not multi-head).
    public func decisions(for source: [String], in dataset: SequenceDataset, maxLength: Int) -> [AttentionDecision] {
        let ids = dataset.sourceVocabulary.encode(source)
        let n = ids.count
        let model = self
        return withoutGradient {
            let inputs = encoder.embedding(ids, shape: [1, n])
            let memory = encoder(embedded: inputs, lengths: [n])
            // The greedy path, with the state before every step.
            var states: [DecoderState] = []
            var previous: [Int] = []
            var words: [Int] = []
            var weights: [[Double]] = []
            var probabilities: [[Double]] = []
            var state = decoder.initialState(memory)
            var word = Vocabulary.bos
            for _ in 0..<maxLength {
                let step = decoder.step([word], state: state, memory: memory)
                guard let alpha = step.weights else { break }
                states.append(state)
                previous.append(word)
                word = step.words[0]
                if word == Vocabulary.eos { break }
                words.append(word)
                weights.append(alpha.scalars.map(Double.init))
                probabilities.append(step.probabilities.scalars.map(Double.init))
                state = step.state
            }
            let steps = words.count
            // Leave-one-out: the same path with each source word removed, all n rows at once.
            var withoutEach = [[[Double]]](repeating: [], count: steps)
            if n > 1 && steps > 0 {
                let rows = encoder(
                    embedded: encoder.embedding(leaveOneOutRows(ids), shape: [n, n - 1]),
                    lengths: [Int](repeating: n - 1, count: n))
                var rowState = decoder.initialState(rows)
                for t in 0..<steps {
                    let step = decoder.step([Int](repeating: previous[t], count: n), state: rowState, memory: rows)
                    let p = step.probabilities.scalars
                    let v = p.count / n
                    withoutEach[t] = (0..<n).map { i in p[(i * v)..<((i + 1) * v)].map(Double.init) }
                    rowState = step.state
                }
            }
            return (0..<steps).map { t in
                AttentionDecision(
                    tokens: source, weights: weights[t], inputs: inputs, predicted: words[t],
                    probabilities: probabilities[t], withoutEachPosition: n > 1 ? withoutEach[t] : [probabilities[t]],
                    distribution: { x in
                        let memory = model.encoder(embedded: x, lengths: [n])
                        var state = model.decoder.initialState(memory)
                        for k in 0..<t { state = model.decoder.step([previous[k]], state: state, memory: memory).state }
                        return model.decoder.step([previous[t]], state: state, memory: memory).probabilities
                            .squeezingShape(at: [0])
                    },
                    reweighted: { w in
                        let replaced = Tensor(shape: [1, n], scalars: w.map(Float.init))
                        return model.decoder.step(
                            [previous[t]], state: states[t], memory: memory, reweight: { _ in replaced }
                        )
                        .probabilities.scalars.map(Double.init)
                    },
                    parameters: model.parameters)
            }
        }
    }
}
