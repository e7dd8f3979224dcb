import NotebookOutput
import Tensors

/// A decoded sentence with the attention that produced it.
public struct Translation: Sendable, Equatable {
    /// The source tokens.
    public var source: [String]
    /// The output tokens (without `<eos>`).
    public var output: [String]
    /// `weights[i][j]`: attention of output step i on source token j (empty without attention).
    /// Includes the step that produced `<eos>` when it was produced.
    public var weights: [[Double]]
    /// The target tokens the weights' rows belong to (`output` plus `<eos>` when produced).
    public var rowLabels: [String]
}

extension Seq2Seq {
    /// Greedy translation of one tokenised sentence with `dataset`'s vocabularies.
    public func translate(_ source: [String], in dataset: SequenceDataset, maxLength: Int = 50) -> Translation {
        let ids = dataset.sourceVocabulary.encode(source)
        let memory = withoutGradient { encoder(ids, batchSize: 1, lengths: [ids.count]) }
        let (tokens, weights) = greedyDecode(memory: memory, maxLength: maxLength)
        return Translation(source: source, ids: tokens[0], weights: weights[0], vocabulary: dataset.targetVocabulary)
    }

    /// Beam-search translation of one sentence: the best hypothesis by length-normalised score.
    public func translateWithBeam(
        _ source: [String], in dataset: SequenceDataset, beamWidth: Int = 4, maxLength: Int = 50,
        lengthPenalty: Double = 1
    ) -> Translation {
        let ids = dataset.sourceVocabulary.encode(source)
        let best = beamSearch(ids, beamWidth: beamWidth, maxLength: maxLength, lengthPenalty: lengthPenalty).first
        return Translation(
            source: source, ids: best?.tokens ?? [], weights: best?.weights ?? [],
            vocabulary: dataset.targetVocabulary)
    }
}

extension Translation {
    /// Builds a translation from output ids (cut at `<eos>`) and per-step weights.
    init(source: [String], ids: [Int], weights: [[Double]], vocabulary: Vocabulary) {
        self.source = source
        output = vocabulary.decode(ids)
        rowLabels = ids.map { vocabulary.token($0) }
        self.weights = weights
    }

    /// The attention weights as a labelled heatmap (rows: output tokens, columns: source tokens).
    public func heatmap(title: String? = nil) -> Heatmap {
        AttentionDisplay.heatmap(weights: weights, sourceTokens: source, targetTokens: rowLabels, title: title)
    }
}
