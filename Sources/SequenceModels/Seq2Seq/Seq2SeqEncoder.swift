import Tensors

/// Which recurrent cell an encoder-decoder uses.
public enum RecurrentCellKind: String, Sendable, CaseIterable {
    /// `GRUCell` (state: h).
    case gru
    /// `LSTMCell` (state: h and the memory cell c).
    case lstm
}

/// What the encoder hands the decoder.
///
/// The plain seq2seq uses only `finalState` (one fixed vector per sentence, whatever its
/// length: the bottleneck); the attention decoder also reads `outputs`, one vector per source
/// token.
public struct EncoderMemory {
    /// Every encoder hidden state, `[batch, sourceLength, hidden]` (zeros at padding).
    public var outputs: Tensor
    /// The state after each row's last real token (`[batch, hidden]`, plus c for an LSTM).
    public var finalState: RecurrentState
    /// The true source lengths.
    public var lengths: [Int]
    /// Attention mask `[batch, 1, sourceLength]`, 1 at padding (see `AttentionMask.padding`).
    public var paddingMask: Tensor

    /// The number of rows.
    public var batchSize: Int { outputs.shape[0] }

    /// Row `index` repeated `count` times (a beam of `count` hypotheses over one sentence).
    public func repeatingRow(_ index: Int, count: Int) -> EncoderMemory {
        let rows = [Int](repeating: index, count: count)
        return selectingRows(rows)
    }

    /// The rows `rows` of every part, in that order (rows may repeat).
    public func selectingRows(_ rows: [Int]) -> EncoderMemory {
        let s = outputs.shape[1]
        let h = outputs.shape[2]
        let flat = outputs.reshaped(to: [outputs.shape[0], s * h]).gatheringRows(rows).reshaped(to: [rows.count, s, h])
        return EncoderMemory(
            outputs: flat, finalState: finalState.selectingRows(rows), lengths: rows.map { lengths[$0] },
            paddingMask: AttentionMask.padding(keyLengths: rows.map { lengths[$0] }, keyCount: s))
    }
}

extension RecurrentState {
    /// The rows `rows` of h (and c), in that order: reorders beams after a search step.
    public func selectingRows(_ rows: [Int]) -> RecurrentState {
        RecurrentState(hidden: hidden.gatheringRows(rows), cell: cell?.gatheringRows(rows))
    }
}

/// The encoder: token embedding followed by a one-layer GRU or LSTM over the padded source.
///
/// ids `[batch, sourceLength]` → outputs `[batch, sourceLength, hidden]` and the final state.
/// Parameters: `embedding.weight` `[sourceVocabulary, embedding]`, `rnn.weight_ih_l0`, ….
public struct Seq2SeqEncoder: Module {
    enum Network {
        case gru(GRU)
        case lstm(LSTM)
    }

    /// The source embedding table.
    public let embedding: Embedding
    let network: Network

    /// An encoder with fresh parameters.
    public init(
        vocabularySize: Int, embeddingSize: Int, hiddenSize: Int, cell: RecurrentCellKind,
        rng: inout RandomGenerator
    ) {
        embedding = Embedding(vocabularySize: vocabularySize, dim: embeddingSize, rng: &rng)
        switch cell {
        case .gru: network = .gru(GRU(inputSize: embeddingSize, hiddenSize: hiddenSize, rng: &rng))
        case .lstm: network = .lstm(LSTM(inputSize: embeddingSize, hiddenSize: hiddenSize, rng: &rng))
        }
    }

    /// The hidden size H of the recurrent network.
    public var hiddenSize: Int {
        switch network {
        case .gru(let g): g.hiddenSize
        case .lstm(let l): l.hiddenSize
        }
    }

    /// `embedding.*` and `rnn.*` (PyTorch names).
    public var namedParameters: [NamedParameter] {
        let rnn: [NamedParameter]
        switch network {
        case .gru(let g): rnn = g.namedParameters
        case .lstm(let l): rnn = l.namedParameters
        }
        return embedding.namedParameters(prefix: "embedding") + rnn.prefixed("rnn")
    }

    /// Encodes source ids `[batch, sourceLength]` (row-major) with per-row `lengths`.
    public func callAsFunction(_ ids: [Int], batchSize: Int, lengths: [Int]) -> EncoderMemory {
        let length = ids.count / Swift.max(batchSize, 1)
        return callAsFunction(embedded: embedding(ids, shape: [batchSize, length]), lengths: lengths)
    }

    /// Encodes already embedded sources `[batch, sourceLength, embedding]` (rows of the
    /// embedding table, or anything shaped like them: gradient-based saliency differentiates
    /// with respect to this input) with per-row `lengths`.
    public func callAsFunction(embedded x: Tensor, lengths: [Int]) -> EncoderMemory {
        let length = x.shape[1]
        let out: RecurrentOutput
        switch network {
        case .gru(let g): out = g(x, lengths: lengths)
        case .lstm(let l): out = l(x, lengths: lengths)
        }
        return EncoderMemory(
            outputs: out.outputs, finalState: out.finalStates[0], lengths: lengths,
            paddingMask: AttentionMask.padding(keyLengths: lengths, keyCount: length))
    }
}
