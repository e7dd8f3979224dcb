import NotebookOutput
import SequenceModels
import Tensors
import Testing

@Suite struct ComparisonTests {
    @Test func compareAttentionBuildsTableCurvesAndHeatmaps() {
        let data = SequenceTasks.reverse(count: 200, lengths: 3...6, symbols: 5, validationFraction: 0.2, seed: 3)
        var names = Set<String>()
        let cmp = compareAttention(
            variants: [nil, .dot, .additive], task: data, epochs: 2, seed: 1,
            embeddingSize: 8, hiddenSize: 16
        ) { name, _ in names.insert(name) }
        #expect(names == ["none", "dot", "additive"])
        #expect(cmp.table.rows.map { $0[0] } == ["none", "dot", "additive"])
        #expect(cmp.table.rows.allSatisfy { $0.count == cmp.table.columns.count })
        // Parameter counts: no attention < dot (same, no parameters) < additive.
        let counts = cmp.runs.map(\.parameterCount)
        #expect(counts[0] == counts[1] && counts[2] > counts[1])
        #expect(cmp.curves.items.count == 3)
        guard case .lineChart(let loss) = cmp.curves.items[0] else {
            Issue.record("not a chart")
            return
        }
        #expect(loss.series.map(\.name) == ["none", "dot", "additive"] && loss.series[0].y.count == 2)
        // Heatmaps only for variants with attention, sized output × source of the sample.
        #expect(cmp.heatmaps.items.count == 2)
        guard case .heatmap(let map) = cmp.heatmaps.items[1] else {
            Issue.record("not a heatmap")
            return
        }
        let sample = cmp.runs[2].sample
        #expect(map.title == "additive" && map.columnLabels == sample.source)
        #expect(map.values.count == sample.rowLabels.count && map.rowLabels == sample.rowLabels)
        #expect(sample.source.count == 6)  // the longest validation sentence
        if case .panels(let all) = cmp.output { #expect(all.items.count == 4) } else { Issue.record("not panels") }
    }

    @Test func severalSeedsGiveMeanAndDeviationPerVariant() throws {
        let data = SequenceTasks.reverse(count: 120, lengths: 3...5, symbols: 5, validationFraction: 0.25, seed: 3)
        var labels = Set<String>()
        let cmp = compareAttention(
            variants: [nil, .dot], task: data, epochs: 1, seeds: [1, 2, 3],
            embeddingSize: 8, hiddenSize: 8
        ) { name, _ in labels.insert(name) }
        #expect(labels == ["none@1", "none@2", "none@3", "dot@1", "dot@2", "dot@3"])
        #expect(cmp.runsBySeed.map { $0.map(\.seed) } == [[1, 1], [2, 2], [3, 3]])
        #expect(cmp.runs.map(\.seed) == [1, 1] && cmp.runs.map(\.name) == ["none", "dot"])
        let dot = try #require(cmp.spread("dot"))
        #expect(dot.sequenceAccuracy.values == cmp.runsBySeed.map { $0[1].result.sequenceAccuracy })
        #expect(dot.validationLoss.values == cmp.runsBySeed.map { $0[1].result.loss })
        // Different seeds train different models.
        #expect(Set(dot.validationLoss.values).count == 3)
        let table = cmp.table
        #expect(table.caption == "Attention variants on reverse-3-5 (mean and standard deviation over 3 seeds)")
        #expect(table.columns.contains("sequence acc. ± sd") && table.columns.contains("val loss ± sd"))
        #expect(table.rows.allSatisfy { $0.count == table.columns.count })
        let column = try #require(table.columns.firstIndex(of: "val loss ± sd"))
        #expect(Double(table.rows[1][column]).map { abs($0 - dot.validationLoss.sd) < 1e-4 } == true)
    }

    @Test func seedSpreadStatistics() {
        let spread = SeedSpread([0.9, 0.8, 0.7])
        #expect(abs(spread.mean - 0.8) < 1e-12 && abs(spread.sd - 0.1) < 1e-12)
        #expect(spread.formatted(digits: 2) == "0.80 ± 0.10")
        #expect(SeedSpread([0.5]).sd == 0)
        // Within noise when the means differ by less than the sum of the deviations.
        #expect(spread.overlaps(SeedSpread([0.95, 0.85, 0.75])))
        #expect(!spread.overlaps(SeedSpread([0.3, 0.2, 0.1])))
        // One seed never shows noise.
        #expect(!SeedSpread([0.8]).overlaps(SeedSpread([0.8])))
    }

    @Test func headPanelsAndStepPanels() {
        let w = Tensor(shape: [2, 3, 4], scalars: (0..<24).map { Float($0) / 24 })
        let panels = AttentionDisplay.headPanels(w, queryTokens: ["x", "y", "z"], keyTokens: ["a", "b", "c", "d"])
        #expect(panels.items.count == 2)
        guard case .heatmap(let h2) = panels.items[1] else {
            Issue.record("not a heatmap")
            return
        }
        #expect(h2.values[0] == [12, 13, 14, 15].map { Double(Float($0) / 24) })
        #expect(h2.rowLabels == ["x", "y", "z"] && h2.columnLabels == ["a", "b", "c", "d"] && h2.title == "head 2")

        let data = SequenceTasks.reverse(count: 20, lengths: 4...4, symbols: 5, seed: 1)
        let m = Seq2Seq(Seq2SeqConfiguration(for: data, embeddingSize: 8, hiddenSize: 8, attention: .general), seed: 2)
        let batch = SequenceBatch(
            [data.train[0]], sourceVocabulary: data.sourceVocabulary, targetVocabulary: data.targetVocabulary)
        let memory = m.encode(batch)
        let step = m.decoder.step(
            [Vocabulary.bos], state: m.decoder.initialState(memory), memory: memory, inspect: true)
        let view = AttentionDisplay.step(step, sourceTokens: data.train[0].source, vocabulary: data.targetVocabulary)
        #expect(view.items.count == 3)
        if case .barChart(let bars) = view.items[1] {
            #expect(bars.labels == data.train[0].source && abs(bars.values.reduce(0, +) - 1) < 1e-5)
        } else {
            Issue.record("not a bar chart")
        }
    }
}
