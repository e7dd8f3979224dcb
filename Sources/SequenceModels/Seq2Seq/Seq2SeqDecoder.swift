import Tensors

/// The decoder's state between steps: the recurrent state sₜ and the previous attentional
/// vector h̃ₜ (fed back as input, Luong's "input feeding").
public struct DecoderState {
    /// sₜ (`[batch, hidden]`, plus c for an LSTM).
    public var recurrent: RecurrentState
    /// h̃ₜ `[batch, hidden]` (zeros before the first step).
    public var attentional: Tensor

    /// A state from its parts.
    public init(recurrent: RecurrentState, attentional: Tensor) {
        self.recurrent = recurrent
        self.attentional = attentional
    }

    /// The rows `rows`, in that order (beam reordering).
    public func selectingRows(_ rows: [Int]) -> DecoderState {
        DecoderState(recurrent: recurrent.selectingRows(rows), attentional: attentional.gatheringRows(rows))
    }
}

/// Everything one decoding step computes, in the order the study notes describe it
/// (for a batch of B rows, source length S, hidden size H, target vocabulary V):
///
/// 1. the RNN reads [embedding(yₜ₋₁); h̃ₜ₋₁] and the previous state → `hidden` sₜ `[B, H]`;
/// 2. each encoder state hⱼ gets a `scores` entry score(sₜ, hⱼ) `[B, S]`;
/// 3. softmax → `weights` αₜ `[B, S]` (0 at padding, rows sum to 1);
/// 4. `context` cₜ = Σⱼ αₜⱼ hⱼ `[B, H]`;
/// 5. `concatenated` [sₜ; cₜ] `[B, 2H]`;
/// 6. the feed-forward layer → `attentional` h̃ₜ = tanh(W_c [sₜ; cₜ] + b_c) `[B, H]`;
/// 7. `logits` W_o h̃ₜ + b_o `[B, V]`, `probabilities` = softmax(logits), `words` = argmax.
///
/// The plain seq2seq has no attention: its `context` is the encoder's final state at every
/// step, `scores`/`weights` are nil.
public struct DecoderStep {
    /// sₜ, the decoder RNN's new hidden state `[B, H]`.
    public var hidden: Tensor
    /// The unnormalised scores `[B, S]` (nil without attention or for multi-head attention).
    public var scores: Tensor?
    /// The attention weights `[B, S]` (the mean over heads for multi-head; nil without attention).
    public var weights: Tensor?
    /// Multi-head attention only: every head's weights `[B, heads, S]`.
    public var headWeights: Tensor?
    /// cₜ `[B, H]`.
    public var context: Tensor
    /// [sₜ; cₜ] `[B, 2H]`.
    public var concatenated: Tensor
    /// h̃ₜ = tanh(W_c [sₜ; cₜ] + b_c) `[B, H]`, the feed-forward output.
    public var attentional: Tensor
    /// W_o h̃ₜ + b_o `[B, V]`.
    public var logits: Tensor
    /// The state to pass to the next step.
    public var state: DecoderState

    /// softmax(logits) `[B, V]`.
    public var probabilities: Tensor { logits.softmax(axis: -1) }
    /// The most probable word id of each row (greedy output).
    public var words: [Int] { logits.argmaxIndices(axis: -1) }
}

/// The decoder of `Seq2Seq`: embedding, one GRU/LSTM cell, optional attention, the combine
/// layer W_c `[H, 2H]` and the output layer W_o `[V, H]` (see `DecoderStep` for the formulas).
public struct Seq2SeqDecoder: Module {
    /// The target embedding table `[V, E]`.
    public let embedding: Embedding
    /// The recurrent cell; its input is [embedding; h̃] of size E + H.
    public let cell: any RecurrentCell
    /// The attention mechanism (nil: the plain, fixed-context seq2seq).
    public let attention: (any AttentionMechanism)?
    /// W_c: [sₜ; cₜ] → h̃ₜ.
    public let combine: Linear
    /// W_o: h̃ₜ → logits.
    public let output: Linear

    /// The hidden size H.
    public var hiddenSize: Int { cell.hiddenSize }

    /// A decoder with fresh parameters; `attention` nil builds the plain seq2seq decoder.
    public init(
        vocabularySize: Int, embeddingSize: Int, hiddenSize: Int, cell kind: RecurrentCellKind,
        attention: AttentionKind?, attentionHidden: Int, rng: inout RandomGenerator
    ) {
        embedding = Embedding(vocabularySize: vocabularySize, dim: embeddingSize, rng: &rng)
        switch kind {
        case .gru: cell = GRUCell(inputSize: embeddingSize + hiddenSize, hiddenSize: hiddenSize, rng: &rng)
        case .lstm: cell = LSTMCell(inputSize: embeddingSize + hiddenSize, hiddenSize: hiddenSize, rng: &rng)
        }
        self.attention = attention.map {
            makeAttention($0, queryDim: hiddenSize, keyDim: hiddenSize, hidden: attentionHidden, rng: &rng)
        }
        combine = Linear(2 * hiddenSize, hiddenSize, rng: &rng)
        output = Linear(hiddenSize, vocabularySize, rng: &rng)
    }

    /// `embedding.*`, `cell.*`, `attention.*` (when present), `combine.*`, `output.*`.
    public var namedParameters: [NamedParameter] {
        embedding.namedParameters(prefix: "embedding") + cell.namedParameters(prefix: "cell")
            + (attention?.namedParameters(prefix: "attention") ?? [])
            + combine.namedParameters(prefix: "combine") + output.namedParameters(prefix: "output")
    }

    /// The state before the first step: s₀ = the encoder's final state, h̃₀ = 0.
    public func initialState(_ memory: EncoderMemory) -> DecoderState {
        DecoderState(
            recurrent: memory.finalState,
            attentional: Tensor.zeros([memory.batchSize, hiddenSize]))
    }

    /// One step for the previous words `previous` (one id per row); see `DecoderStep`.
    /// With `inspect`, also computes the raw scores (an extra score evaluation). `reweight`
    /// replaces the attention weights `[B, S]` by its result (same shape) before the context
    /// is formed, cₜ = Σⱼ reweight(αₜ)ⱼ hⱼ: the interventions of `AttentionDecision`
    /// (permuted or uniform weights). It applies to single-head attention only.
    public func step(
        _ previous: [Int], state: DecoderState, memory: EncoderMemory, inspect: Bool = false,
        reweight: ((Tensor) -> Tensor)? = nil
    ) -> DecoderStep {
        let x = Tensor.concatenate([embedding(previous), state.attentional], axis: -1)
        let recurrent = cell(x, state: state.recurrent)
        let s = recurrent.hidden
        var scores: Tensor? = nil
        var weights: Tensor? = nil
        var heads: Tensor? = nil
        let context: Tensor
        if let attention {
            let out = attention(query: s, keys: memory.outputs, values: memory.outputs, mask: memory.paddingMask)
            if let reweight, out.headWeights == nil {
                let replaced = reweight(out.weights)
                context = matmul(replaced.expandingShape(at: 1), memory.outputs).squeezingShape(at: [1])
                weights = replaced
            } else {
                context = out.context
                weights = out.weights
            }
            heads = out.headWeights.map { $0.squeezingShape(at: [2]) }
            if inspect, let single = attention as? Attention {
                scores = single.scoring.scores(query: s.expandingShape(at: 1), keys: memory.outputs).squeezingShape(
                    at: [1])
            }
        } else {
            context = memory.finalState.hidden
        }
        let concatenated = Tensor.concatenate([s, context], axis: -1)
        let attentional = combine(concatenated).tanh()
        return DecoderStep(
            hidden: s, scores: scores, weights: weights, headWeights: heads, context: context,
            concatenated: concatenated, attentional: attentional, logits: output(attentional),
            state: DecoderState(recurrent: recurrent, attentional: attentional))
    }
}
