import Tensors

extension Transformer {
    /// Greedy decoding: starting from `bos`, repeatedly appends argmax of the next-token logits,
    /// for at most `maxLength` tokens; a row stops at its first `eos`. Runs without gradients
    /// and in whatever training mode the model is in (call `setTraining(false)` first).
    ///
    /// With `useCache` each step feeds only the newest token and reuses every layer's projected
    /// keys/values (`DecoderCache`), O(t) per step instead of re-running the whole prefix; both
    /// paths compute the same function, so they produce the same tokens.
    ///
    /// Returns one row per source row: the generated tokens without `bos`, up to and excluding `eos`.
    public func greedyDecode(
        _ source: [[Int]], sourceLengths: [Int]? = nil, bos: Int, eos: Int, maxLength: Int, useCache: Bool = true
    ) -> [[Int]] {
        withoutGradient {
            let batch = source.count
            let memory = encode(source, sourceLengths: sourceLengths).memory
            let mask = sourceMask(sourceLengths, sourceTime: memory.shape[1])
            var tokens = [[Int]](repeating: [bos], count: batch)
            var finished = [Bool](repeating: false, count: batch)
            let cache = DecoderCache(layers: decoder.layers.count)
            for step in 0..<maxLength {
                let last: Tensor
                if useCache {
                    let x = embedTarget(tokens.map { [$0[step]] }, offset: step)
                    last = decoder.step(x, memory: memory, memoryMask: mask, cache: cache).output
                } else {
                    let out = decoder(embedTarget(tokens, offset: 0), memory: memory, memoryMask: mask).output
                    last = out.select(axis: 1, index: step).expandingShape(at: 1)
                }
                let next = generator(last).argmaxIndices(axis: -1)
                for b in 0..<batch {
                    tokens[b].append(finished[b] ? eos : next[b])
                    if next[b] == eos { finished[b] = true }
                }
                if finished.allSatisfy({ $0 }) { break }
            }
            return tokens.map { row in
                let body = row.dropFirst()
                return Array(body.prefix { $0 != eos })
            }
        }
    }
}
