import Tensors

extension AttentionClassifier {
    /// The classification of `tokens` as an `AttentionDecision`: α is the pooling attention,
    /// the distribution is softmax(logits) over the classes, leaving out position i removes
    /// token i from the sentence.
    public func decision(for tokens: [String], vocabulary: Vocabulary) -> AttentionDecision {
        let ids = vocabulary.encode(tokens)
        let inputs = withoutGradient { encoder.embedding(ids, shape: [1, ids.count]) }
        let (logits, weights) = withoutGradient { self(embedded: inputs, lengths: [ids.count]) }
        let distribution = { (x: Tensor, replaced: [Double]?) -> Tensor in
            let reweight = replaced.map { w in { (_: Tensor) in Tensor(shape: [1, w.count], scalars: w.map(Float.init)) } }
            return self(embedded: x, lengths: [x.shape[1]], reweight: reweight).logits.softmax(axis: -1).squeezingShape(at: [0])
        }
        let withoutPosition = { (position: Int) -> [Double] in
            var kept = ids
            kept.remove(at: position)
            let x = encoder.embedding(kept, shape: [1, kept.count])
            return self(embedded: x, lengths: [kept.count]).logits.softmax(axis: -1).scalars.map(Double.init)
        }
        return AttentionDecision(
            tokens: tokens, weights: weights.scalars.map(Double.init), inputs: inputs,
            predicted: logits.argmaxIndices(axis: -1)[0], distribution: distribution,
            withoutPosition: withoutPosition, parameters: parameters)
    }
}
