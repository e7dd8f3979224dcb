import Foundation
import Tensors

/// One finished (or cut-off) hypothesis of a beam search.
public struct BeamHypothesis: Sendable, Equatable {
    /// The output ids, ending with `<eos>` when `isFinished`.
    public var tokens: [Int]
    /// log P(tokens | source), the sum of the steps' log-probabilities.
    public var logProbability: Double
    /// The length-normalised score log P / |tokens|^α used for ranking.
    public var score: Double
    /// The attention weights of each step over the source (empty without attention).
    public var weights: [[Double]]
    /// Whether the hypothesis ended with `<eos>` (false: stopped at the length limit).
    public var isFinished: Bool
}

extension Seq2Seq {
    /// Beam search for one source sentence (ids without padding).
    ///
    /// Keeps the `beamWidth` best partial outputs by log-probability; each step extends every
    /// one by its `beamWidth` most likely words and keeps the best `beamWidth` extensions
    /// overall. An extension ending in `<eos>` is set aside as finished; the search ends when
    /// `beamWidth` hypotheses are finished or after `maxLength` steps. Hypotheses are ranked by
    /// log P / |y|^α (`lengthPenalty` α: 0 = raw log-probability, which favours short outputs;
    /// 1 = per-token average). With `beamWidth` 1 this is greedy decoding.
    public func beamSearch(
        _ source: [Int], beamWidth: Int = 4, maxLength: Int, lengthPenalty: Double = 1
    ) -> [BeamHypothesis] {
        requireArgument(beamWidth >= 1, "beamSearch: beamWidth must be at least 1")
        return withoutGradient {
            let base = encoder(source, batchSize: 1, lengths: [source.count])
            struct Beam {
                var tokens: [Int]
                var logP: Double
                var weights: [[Double]]
            }
            var beams = [Beam(tokens: [], logP: 0, weights: [])]
            var state = decoder.initialState(base)
            var memory = base
            var finished: [BeamHypothesis] = []
            func normalised(_ logP: Double, _ length: Int) -> Double {
                logP / Foundation.pow(Double(Swift.max(length, 1)), lengthPenalty)
            }
            for _ in 0..<maxLength {
                if memory.batchSize != beams.count { memory = base.repeatingRow(0, count: beams.count) }
                let previous = beams.map { $0.tokens.last ?? Vocabulary.bos }
                let step = decoder.step(previous, state: state, memory: memory)
                let logProbs = step.logits.logSoftmax(axis: -1).scalars
                let vocab = step.logits.shape[1]
                let w = step.weights?.scalars
                var candidates: [(beam: Int, word: Int, logP: Double)] = []
                for (b, beam) in beams.enumerated() {
                    let row = logProbs[(b * vocab)..<((b + 1) * vocab)]
                    let top = row.indices.sorted { row[$0] > row[$1] }.prefix(beamWidth)
                    for i in top { candidates.append((b, i - b * vocab, beam.logP + Double(row[i]))) }
                }
                candidates.sort { $0.logP > $1.logP }
                var next: [Beam] = []
                var parents: [Int] = []
                for c in candidates where next.count < beamWidth - finished.count {
                    var beam = beams[c.beam]
                    beam.tokens.append(c.word)
                    beam.logP = c.logP
                    if let w {
                        beam.weights.append(w[(c.beam * source.count)..<((c.beam + 1) * source.count)].map(Double.init))
                    }
                    if c.word == Vocabulary.eos {
                        finished.append(
                            BeamHypothesis(
                                tokens: beam.tokens, logProbability: beam.logP,
                                score: normalised(beam.logP, beam.tokens.count), weights: beam.weights, isFinished: true
                            ))
                        if finished.count >= beamWidth { break }
                    } else {
                        next.append(beam)
                        parents.append(c.beam)
                    }
                }
                if finished.count >= beamWidth || next.isEmpty {
                    beams = []
                    break
                }
                beams = next
                state = step.state.selectingRows(parents)
            }
            let open = beams.map {
                BeamHypothesis(
                    tokens: $0.tokens, logProbability: $0.logP, score: normalised($0.logP, $0.tokens.count),
                    weights: $0.weights, isFinished: false)
            }
            return (finished + open).sorted { $0.score > $1.score }
        }
    }
}
