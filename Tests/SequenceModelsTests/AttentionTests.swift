import SequenceModels
import Tensors
import Testing

/// The scoring module for a reference case, with PyTorch's weights loaded.
func referenceScoring(_ name: String, _ c: [String: Any]) -> any AttentionScoring {
    var rng = RandomGenerator(seed: 1)
    let scoring: any AttentionScoring =
        switch name {
        case "dot": DotScoring()
        case "scaled_dot": ScaledDotScoring()
        case "general": GeneralScoring(queryDim: 4, keyDim: 4, rng: &rng)
        case "concat": ConcatScoring(queryDim: 4, keyDim: 4, hidden: 6, rng: &rng)
        case "additive": AdditiveScoring(queryDim: 4, keyDim: 4, hidden: 6, rng: &rng)
        default: LocationScoring(queryDim: 4, maxSourceLength: 6, rng: &rng)
        }
    Reference.load(c, into: scoring)
    return scoring
}

@Test(arguments: ["dot", "scaled_dot", "general", "concat", "additive", "location"])
func attentionVariantMatchesPyTorch(name: String) {
    let c = Reference.named("attention_" + name)
    let attention = Attention(referenceScoring(name, c))
    let q = Reference.tensor(c, "inputs", "q")
    let k = Reference.tensor(c, "inputs", "k")
    let v = Reference.tensor(c, "inputs", "v")
    let lengths = c["key_lengths"] as? [Int] ?? []
    expectClose(attention.scoring.scores(query: q, keys: k), Reference.tensor(c, "outputs", "scores"), "\(name) scores")
    let out = attention(query: q, keys: k, values: v, keyLengths: lengths)
    expectClose(out.weights, Reference.tensor(c, "outputs", "weights"), "\(name) weights")
    expectClose(out.context, Reference.tensor(c, "outputs", "context"), "\(name) context")
    // A single query per row ([batch, dq]) gives the first query's row without the query axis.
    let single = attention(query: q.select(axis: 1, index: 0), keys: k, values: v, keyLengths: lengths)
    expectClose(single.weights, out.weights.select(axis: 1, index: 0), "\(name) single query")
    #expect(single.context.shape == [2, 3])
}

@Test func multiHeadAttentionMatchesPyTorch() {
    let c = Reference.named("multi_head")
    var rng = RandomGenerator(seed: 3)
    let mha = MultiHeadAttention(queryDim: 8, heads: 2, rng: &rng)
    Reference.load(c, into: mha)
    let q = Reference.tensor(c, "inputs", "q")
    let kv = Reference.tensor(c, "inputs", "kv")
    let lengths = c["key_lengths"] as? [Int] ?? []
    let out = mha(query: q, keys: kv, values: kv, keyLengths: lengths)
    expectClose(out.context, Reference.tensor(c, "outputs", "context"), "context")
    expectClose(out.headWeights ?? Tensor(0), Reference.tensor(c, "outputs", "head_weights"), "head weights")
    let (_, grads) = valueWithGradient(of: mha) {
        mha(query: q, keys: kv, values: kv, keyLengths: lengths).context.squared().sum()
    }
    for (name, value) in c["gradients"] as? [String: Any] ?? [:] {
        expectClose(grads[name] ?? Tensor(0), Reference.tensor(value), tolerance: 2e-4, "d/d\(name)")
    }
}

@Test(arguments: AttentionKind.allExamples)
func everyKindNormalisesAndMasks(kind: AttentionKind) {
    var rng = RandomGenerator(seed: 21)
    let attention = makeAttention(kind, queryDim: 8, keyDim: 8, hidden: 8, rng: &rng)
    let q = randomTensor([3, 4, 8], seed: 22)
    let k = randomTensor([3, 6, 8], seed: 23)
    let lengths = [6, 2, 4]
    let out = attention(query: q, keys: k, keyLengths: lengths)
    #expect(out.context.shape == [3, 4, 8])
    #expect(out.weights.shape == [3, 4, 6])
    let w = out.weights.scalars
    for b in 0..<3 {
        for i in 0..<4 {
            let row = w[(b * 4 + i) * 6..<(b * 4 + i + 1) * 6]
            #expect(abs(row.reduce(0, +) - 1) < 1e-5, "\(kind): row sums to \(row.reduce(0, +))")
            for j in lengths[b]..<6 { #expect(row[row.startIndex + j] == 0, "\(kind): masked key \(j) has weight") }
        }
    }
    let causal = attention(query: q, keys: k.slice(axis: 1, 0..<4), causal: true).weights.scalars
    for b in 0..<3 { for i in 0..<4 { for j in (i + 1)..<4 { #expect(causal[(b * 4 + i) * 4 + j] == 0) } } }
    if case .multiHead(let heads) = kind {
        #expect(out.headWeights?.shape == [3, heads, 4, 6])
    }
}

@Test func attentionKindNamesRoundTrip() throws {
    for kind in AttentionKind.allExamples { #expect(try AttentionKind(name: kind.description) == kind) }
    #expect(try AttentionKind(name: "Bahdanau") == .additive)
    #expect(try AttentionKind(name: "scaled_dot") == .scaledDot)
    #expect(try AttentionKind(name: "multihead:8") == .multiHead(heads: 8))
    #expect(try AttentionKind(name: "location") == .location(maxSourceLength: 64))
}

@Test func unknownAttentionNameThrowsListingTheValidNames() {
    for bad in ["cosine", "bogus", "multi-head:x", "location:0", ""] {
        #expect(throws: AttentionKind.UnknownName(name: bad)) { try AttentionKind(name: bad) }
    }
    let message = AttentionKind.UnknownName(name: "bogus").description
    #expect(message.hasPrefix("unknown attention 'bogus': use one of dot, general, concat, additive"))
    #expect(message.contains("multi-head[:H]"))
}

@Test func attentionGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 31)
    let inputs = Inputs(["q": randomTensor([2, 2, 4], seed: 32), "k": randomTensor([2, 3, 4], seed: 33)])
    for kind in AttentionKind.allExamples.map({ k -> AttentionKind in
        if case .location = k { return .location(maxSourceLength: 5) }
        if case .multiHead = k { return .multiHead(heads: 2) }
        return k
    }) {
        let attention = makeAttention(kind, queryDim: 4, keyDim: 4, hidden: 4, rng: &rng)
        let loss = { weightedSum(attention(query: inputs["q"], keys: inputs["k"], keyLengths: [3, 2]).context) }
        checkGradients(inputs, samples: 4, loss)
        if !attention.namedParameters.isEmpty { checkGradients(attention, samples: 4, loss) }
    }
}
