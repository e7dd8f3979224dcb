import Tensors

/// A sequence classifier with attention pooling, the model Jain & Wallace (2019) probe, built
/// from the encoder of `Seq2Seq` (embedding and a one-layer GRU or LSTM):
///
///     hⱼ = encoder(x)ⱼ                      [B, S, H]
///     eⱼ = vᵀ tanh(W₁ hⱼ + b)               additive score without a query (`AdditiveScoring`
///                                           with q = 0), [B, S]
///     α  = softmax(e) over the real tokens  [B, S] (0 at padding)
///     c  = Σⱼ αⱼ hⱼ                         [B, H]
///     logits = W_o c + b_o                  [B, classes]
///
/// Parameters: `encoder.*`, `attention.scoring.*`, `output.*`.
public struct AttentionClassifier: Module {
    /// The encoder (same type as the translator's).
    public let encoder: Seq2SeqEncoder
    /// Additive attention pooling (queried with zeros, so eⱼ depends on hⱼ alone).
    public let attention: Attention
    /// W_o: context → class logits.
    public let output: Linear

    /// A classifier with fresh parameters drawn from `seed`.
    public init(
        vocabularySize: Int, classes: Int, embeddingSize: Int = 16, hiddenSize: Int = 32,
        cell: RecurrentCellKind = .gru, seed: UInt64
    ) {
        var rng = RandomGenerator(seed: seed)
        encoder = Seq2SeqEncoder(
            vocabularySize: vocabularySize, embeddingSize: embeddingSize,
            hiddenSize: hiddenSize, cell: cell, rng: &rng)
        attention = Attention(AdditiveScoring(queryDim: hiddenSize, keyDim: hiddenSize, hidden: hiddenSize, rng: &rng))
        output = Linear(hiddenSize, classes, rng: &rng)
    }

    /// `encoder.*`, `attention.*`, `output.*`.
    public var namedParameters: [NamedParameter] {
        encoder.namedParameters(prefix: "encoder") + attention.namedParameters(prefix: "attention")
            + output.namedParameters(prefix: "output")
    }

    /// Logits `[B, classes]` and attention weights `[B, S]` for embedded inputs `[B, S, E]`.
    /// `reweight` replaces α `[B, S]` by its result before pooling (permuted or uniform weights).
    public func callAsFunction(embedded: Tensor, lengths: [Int], reweight: ((Tensor) -> Tensor)? = nil)
        -> (logits: Tensor, weights: Tensor)
    {
        let memory = encoder(embedded: embedded, lengths: lengths)
        let query = Tensor.zeros([memory.batchSize, encoder.hiddenSize])
        let pooled = attention(query: query, keys: memory.outputs, values: memory.outputs, mask: memory.paddingMask)
        guard let reweight else { return (output(pooled.context), pooled.weights) }
        let weights = reweight(pooled.weights)
        let context = matmul(weights.expandingShape(at: 1), memory.outputs).squeezingShape(at: [1])
        return (output(context), weights)
    }

    /// Logits and weights for a batch (see `callAsFunction(embedded:lengths:reweight:)`).
    public func callAsFunction(_ batch: ClassificationBatch, reweight: ((Tensor) -> Tensor)? = nil)
        -> (logits: Tensor, weights: Tensor)
    {
        let length = batch.ids.count / Swift.max(batch.batchSize, 1)
        return self(
            embedded: encoder.embedding(batch.ids, shape: [batch.batchSize, length]),
            lengths: batch.lengths, reweight: reweight)
    }

    /// Mean cross-entropy of the batch's labels, a scalar.
    public func loss(_ batch: ClassificationBatch) -> Tensor {
        crossEntropy(logits: self(batch).logits, labels: batch.labels)
    }

    /// The fraction of `examples` classified correctly (no gradients); with `uniformAttention`
    /// every α is replaced by 1/L over the L real tokens (the baseline of Wiegreffe & Pinter 2019).
    public func accuracy(
        on examples: [ClassificationExample], of dataset: ClassificationDataset,
        uniformAttention: Bool = false
    ) -> Double {
        withoutGradient {
            var correct = 0
            for batch in dataset.batches(examples, size: 128) {
                let uniform =
                    uniformAttention
                    ? { (w: Tensor) in SequenceModels.uniformAttention(lengths: batch.lengths, positions: w.shape[1]) }
                    : nil
                let predicted = self(batch, reweight: uniform).logits.argmaxIndices(axis: -1)
                correct += zip(predicted, batch.labels).filter { $0 == $1 }.count
            }
            return examples.isEmpty ? 0 : Double(correct) / Double(examples.count)
        }
    }

    /// Trains with Adam on `dataset.train` for `epochs`, reshuffling every epoch with `seed`.
    @discardableResult
    public func train(
        on dataset: ClassificationDataset, epochs: Int, batchSize: Int = 32,
        learningRate: Float = 3e-3, seed: UInt64 = 0,
        progress: ((TrainingProgress) -> Void)? = nil
    ) -> TrainingHistory {
        TrainingLoop.run(
            parameters: parameters,
            configuration: TrainingConfiguration(
                epochs: epochs, batchSize: batchSize, learningRate: learningRate, seed: seed),
            batches: { dataset.batches(dataset.train, size: batchSize, shuffleSeed: seed &* 1_000_003 &+ UInt64($0)) },
            loss: { loss($0) }, progress: progress)
    }
}
