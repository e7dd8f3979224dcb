import Foundation
import NotebookOutput
import NotebookTestSupport
import Testing

/// Lesson 5 renders with its default parameters and every claim its prose makes holds in its
/// own outputs.
@Suite(.serialized, .tags(.slow)) struct TransformerLessonTests {
    static let lesson = Result { try Lessons.render("05-the-transformer.md") }

    var lesson: Lessons.Rendered { get throws { try Self.lesson.get() } }

    func table(_ caption: String) throws -> Table {
        try #require(try lesson.tables(captioned: caption).first, "no table captioned \(caption)")
    }

    func heatmap(_ title: String) throws -> Heatmap {
        try #require(try lesson.heatmaps.first { $0.title == title }, "no heatmap titled \(title)")
    }

    @Test func everyCellRuns() throws {
        let run = try lesson.run
        #expect(run.succeeded, "failed cells: \(run.failedCells.map(\.ordinal))")
    }

    @Test func positionalEncodingSimilarityDependsOnlyOnTheOffset() throws {
        let table = try table("depend only on the offset")
        let spreads = table.numbers(column: "spread")
        #expect(spreads.count == 5 && spreads.allSatisfy { $0 < 1e-3 })
        let atZero = table.numbers(column: "PE[0]·PE[0+k]")
        #expect(atZero.first == 16)  // d/2 sin²+cos² pairs
        #expect(zip(atZero, atZero.dropFirst()).allSatisfy { $0 > $1 }, "similarity falls with the offset")
        let encoding = try heatmap("Sinusoidal positional encoding PE[pos, i] (d = 32)")
        #expect(encoding.values.count == 40 && encoding.values.allSatisfy { $0.count == 32 })
        #expect(encoding.xLabel == "dimension i" && encoding.yLabel == "position pos")
        #expect(try lesson.lineCharts(titled: "sine dimensions").first?.series.count == 4)
    }

    @Test func scalingKeepsScoresAtUnitSpread() throws {
        let table = try table("divided by √d_k")
        let raw = table.numbers(column: "std of q·k")
        let scaled = table.numbers(column: "std of q·k/√d_k")
        let widths = table.numbers(column: "d_k")
        for (w, r) in zip(widths, raw) { #expect(abs(r / w.squareRoot() - 1) < 0.1) }
        #expect(scaled.allSatisfy { abs($0 - 1) < 0.05 })
        let unscaledMax = table.numbers(column: "largest weight (unscaled)")
        let scaledMax = table.numbers(column: "largest weight (scaled)")
        #expect(zip(unscaledMax, unscaledMax.dropFirst()).allSatisfy { $0 < $1 })
        #expect(unscaledMax.last! > 0.9 && scaledMax.allSatisfy { $0 < 0.4 })
    }

    @Test func attentionRowsSumToOneAndMatchTheLibrary() throws {
        let check = try table("by hand and by the library")
        let sums = try #require(check.rows.first { $0.first == "row sums" })[1]
        #expect(
            sums.split(separator: ",").allSatisfy { abs(Double($0.trimmingCharacters(in: .whitespaces))! - 1) < 1e-4 })
        #expect(try #require(check.number(row: "max |by hand − library|", column: "value")) < 1e-5)
        let handMap = try heatmap("softmax(QKᵀ/√d) with Q = K = V = X")
        #expect(handMap.xLabel == "key" && handMap.yLabel == "query")
        // Identical words get identical rows and equal weight on each other.
        #expect(handMap.values[0] == handMap.values[4] && abs(handMap.values[0][0] - handMap.values[0][4]) < 1e-9)
        let heads = try lesson.heatmaps.filter { $0.title?.hasPrefix("head ") == true }
        #expect(heads.count >= 8)  // untrained multi-head panels and the trained cross-attention panels
        for head in heads {
            for row in head.values { #expect(abs(row.reduce(0, +) - 1) < 1e-4) }
        }
        let shapes = try table("Multi-head attention shapes")
        #expect(shapes.rows.first { $0.first == "head weights" }?[1] == "[1, 4, 6, 6]")
    }

    @Test func maskedWeightsAreExactlyZero() throws {
        #expect(try table("Padding mask check").number(row: "largest weight on a padding key", column: "value") == 0)
        let padding = try heatmap("Padding mask: no weight on the pads")
        for row in padding.values {
            #expect(row[4] == 0 && row[5] == 0)
            #expect(abs(row.reduce(0, +) - 1) < 1e-4)
        }
        let causalCheck = try table("Causal mask check")
        #expect(causalCheck.number(row: "largest weight above the diagonal (all heads)", column: "value") == 0)
        #expect(causalCheck.number(row: "first word's weight on itself", column: "value") == 1)
        let causal = try heatmap("head 1 weights under the mask")
        for (i, row) in causal.values.enumerated() {
            #expect(row[(i + 1)...].allSatisfy { $0 == 0 })
            #expect(abs(row.reduce(0, +) - 1) < 1e-4)
        }
    }

    @Test func layerNormNormalisesExamplesAndBatchNormFeatures() throws {
        let perExample = try table("Per-example statistics")
        let perFeature = try table("Per-feature statistics")
        #expect(perExample.numbers(column: "mean after LN").allSatisfy { abs($0) < 1e-3 })
        #expect(perExample.numbers(column: "std after LN").allSatisfy { abs($0 - 1) < 2e-3 })
        #expect(perFeature.numbers(column: "mean after BN").allSatisfy { abs($0) < 1e-3 })
        #expect(perFeature.numbers(column: "std after BN").allSatisfy { abs($0 - 1) < 2e-3 })
        // ... and not the other way round.
        #expect(perFeature.numbers(column: "mean after LN").map(abs).max()! > 0.3)
        #expect(perExample.numbers(column: "mean after BN").map(abs).max()! > 0.3)
        #expect(perExample.numbers(column: "mean before").map(abs).max()! > 1)
    }

    @Test func onlyBatchNormInTrainingModeDependsOnTheBatch() throws {
        let table = try table("depend on its batch?")
        let column = "max |Δ| of example 1's output, batch A vs batch B"
        #expect(try #require(table.number(row: "LayerNorm", column: column)) < 1e-5)
        #expect(try #require(table.number(row: "BatchNorm, training mode", column: column)) > 0.1)
        #expect(try #require(table.number(row: "BatchNorm, evaluation mode", column: column)) < 1e-5)
        let alone = table.rows.first { $0.first == "BatchNorm, training mode" }?[2] ?? ""
        #expect(alone.split(separator: " ").allSatisfy { Double($0) == 0 }, "a batch of one normalises to 0")
        let layerAlone = table.rows.first { $0.first == "LayerNorm" }?[2] ?? ""
        #expect(layerAlone.split(separator: " ").contains { Double($0)! != 0 })
    }

    @Test func dropoutZeroesAboutTheRateOnlyInTraining() throws {
        let table = try table("Dropout in training and evaluation")
        let zeroed = try #require(table.number(row: "training", column: "fraction zeroed"))
        #expect(abs(zeroed - 0.1) < 0.015)
        #expect(table.number(row: "training", column: "surviving value") == 1.1111)
        #expect(abs(try #require(table.number(row: "training", column: "mean")) - 1) < 0.02)
        #expect(table.number(row: "evaluation", column: "fraction zeroed") == 0)
        #expect(table.number(row: "evaluation", column: "surviving value") == 1)
    }

    @Test func theTransformerLearnsToyTranslation() throws {
        let table = try table("Transformer on toy translation")
        #expect(try #require(table.number(row: "validation sequence accuracy (exact match)", column: "value")) >= 90)
        #expect(try #require(table.number(row: "validation token accuracy", column: "value")) >= 97)
        let validationLoss = try #require(table.number(row: "validation loss", column: "value"))
        let floor = try #require(table.number(row: "label-smoothing floor", column: "value"))
        #expect(validationLoss >= floor && validationLoss < floor + 0.15)
        let loss = try #require(try lesson.lineCharts(titled: "Loss (label-smoothed").first)
        let train = try #require(loss.series.first { $0.name == "train loss" }?.y)
        #expect(train.last! < train.first! / 3)
        let noam = try #require(try lesson.lineCharts(titled: "Noam schedule").first?.series.first)
        let peak = noam.y.indices.max { noam.y[$0] < noam.y[$1] }!
        #expect(noam.x[peak] == 200, "the learning rate peaks at the end of warm-up")
        let examples = try self.table("Greedy translations of validation sentences")
        #expect(examples.rows.filter { $0.last == "✓" }.count >= 5)
    }

    @Test func cachedDecodingEqualsUncachedDecoding() throws {
        let table = try table("with and without the KV cache")
        let decoded = try #require(table.number(row: "sentences decoded", column: "value"))
        #expect(decoded == 200)
        #expect(table.number(row: "identical outputs (cached vs uncached)", column: "value") == decoded)
    }

    @Test func crossAttentionFindsTheAlignment() throws {
        let table = try table("Cross-attention vs the true word alignment")
        let column = "strongest weight on the aligned source word"
        let mean = try #require(table.number(row: "mean of heads", column: column))
        let chance = try #require(table.number(row: "chance (a uniformly random source word)", column: column))
        #expect(mean > 50 && mean > 4 * chance)
        let averaged = try heatmap("Cross-attention averaged over heads")
        #expect(averaged.xLabel == "source" && averaged.rowLabels.last == "<eos>")
    }
}
