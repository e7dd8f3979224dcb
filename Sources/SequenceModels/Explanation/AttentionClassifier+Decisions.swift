import Tensors

extension AttentionClassifier {
    /// The classification of `tokens` as an `AttentionDecision`: α is the pooling attention,
    /// the distribution is softmax(logits) over the classes, leaving out position i removes
    /// token i from the sentence.
    public func decision(for tokens: [String], vocabulary: Vocabulary) -> AttentionDecision {
        let ids = vocabulary.encode(tokens)
        let n = ids.count
        return withoutGradient {
            let inputs = encoder.embedding(ids, shape: [1, n])
            let memory = encoder(embedded: inputs, lengths: [n])
            let (logits, weights) = self(embedded: inputs, lengths: [n])
            let probabilities = logits.softmax(axis: -1).scalars.map(Double.init)
            var withoutEach: [[Double]] = []
            if n > 1 {
                let rows = encoder.embedding(leaveOneOutRows(ids), shape: [n, n - 1])
                let p = self(embedded: rows, lengths: [Int](repeating: n - 1, count: n)).logits.softmax(axis: -1)
                    .scalars
                let classes = p.count / n
                withoutEach = (0..<n).map { i in p[(i * classes)..<((i + 1) * classes)].map(Double.init) }
            } else {
                withoutEach = [[Double](repeating: 1 / Double(probabilities.count), count: probabilities.count)]
            }
            let model = self
            return AttentionDecision(
                tokens: tokens, weights: weights.scalars.map(Double.init), inputs: inputs,
                predicted: logits.argmaxIndices(axis: -1)[0], probabilities: probabilities,
                withoutEachPosition: withoutEach,
                distribution: { x in model(embedded: x, lengths: [n]).logits.softmax(axis: -1).squeezingShape(at: [0])
                },
                reweighted: { w in
                    let context = matmul(Tensor(shape: [1, 1, n], scalars: w.map(Float.init)), memory.outputs)
                        .squeezingShape(at: [1])
                    return model.output(context).softmax(axis: -1).scalars.map(Double.init)
                },
                parameters: parameters)
        }
    }
}
