import Foundation
import NotebookOutput
import NotebookTestSupport
import Testing

/// Lesson 2: one decoding step recomputed by hand agrees with `DecoderStep`; alignments are
/// distributions and follow the target word order.
@Suite(.serialized, .tags(.slow)) struct DecodingStepLessonTests {
    @Test func handComputedStepMatchesTheModel() throws {
        let lesson = try Lessons.render("02-one-decoding-step.md")
        #expect(lesson.run.succeeded, "failed cells: \(lesson.run.failedCells.map(\.ordinal))")

        // Every quantity of the step, recomputed with loops, equals the model's.
        let byHand = try #require(lesson.tables(captioned: "Each step recomputed by hand").first)
        #expect(byHand.rows.count == 7)
        for row in byHand.rows {
            let difference = try #require(byHand.number(row: row[0], column: "max |difference|"), "\(row)")
            #expect(difference < 1e-4, "\(row[0]): \(difference)")
        }
        #expect(try #require(byHand.number(row: "3c. context c_t", column: "max |difference|")) < 1e-5)
        let word = try #require(byHand.rows.last)
        #expect(word[1] == word[2], "the hand-computed output word is the model's")

        // The weighted-sum table adds up to the model's context.
        let sum = try #require(lesson.tables(captioned: "The context vector as a weighted sum").first)
        let hand = try #require(sum.rows.first { $0.first == "c_t = Σ" })
        let model = try #require(sum.rows.first { $0.first == "DecoderStep.context" })
        #expect(abs(try #require(Double(hand[1])) - 1) < 1e-3, "weights sum to 1")
        for (a, b) in zip(hand.dropFirst(2), model.dropFirst(2)) {
            #expect(abs(try #require(Double(a)) - (try #require(Double(b)))) < 1e-3)
        }
        #expect(lesson.printed.contains("max |by hand − model| of the context"))

        // The trained model translates, and its attention moves with the target word order.
        #expect(lesson.printed.contains("greedy output: SENSEI FURU ga HON AKA o MITSUKERU <eos>"))
        let looked = try #require(lesson.tables(captioned: "What each step looked at").first)
        func focus(_ word: String) -> String? { looked.rows.first { $0.first == word }?[1] }
        #expect(focus("SENSEI") == "teacher")
        #expect(focus("HON") == "book")
        #expect(focus("MITSUKERU") == "finds", "the verb comes last in the target but from the middle of the source")

        // Every alignment heatmap row is a distribution over the source words.
        let alignments = lesson.heatmaps.filter { $0.xLabel == "source" }
        #expect(alignments.count == 2)
        for heatmap in alignments {
            #expect(heatmap.rowLabels.count == heatmap.values.count && !heatmap.columnLabels.isEmpty)
            for row in heatmap.values { #expect(abs(row.reduce(0, +) - 1) < 1e-3) }
        }
        // The long sentence's alignment is not diagonal: some output word attends before an earlier one.
        let long = try #require(alignments.last)
        let argmax = long.values.map { row in row.indices.max { row[$0] < row[$1] }! }
        #expect(zip(argmax, argmax.dropFirst()).contains { $1 < $0 }, "alignment \(argmax)")
    }
}
