import Foundation
import NotebookOutput
import NotebookTestSupport
import Testing

/// Lesson 6 renders with its default parameters and its claims hold in its own outputs.
@Suite(.serialized, .tags(.slow)) struct SelfSupervisedLessonTests {
    static let lesson = Result { try Lessons.render("06-self-supervised-learning.md") }

    var lesson: Lessons.Rendered { get throws { try Self.lesson.get() } }

    func table(_ caption: String) throws -> Table {
        try #require(try lesson.tables(captioned: caption).first, "no table captioned \(caption)")
    }

    @Test func everyCellRuns() throws {
        let run = try lesson.run
        #expect(run.succeeded, "failed cells: \(run.failedCells.map(\.ordinal))")
    }

    @Test func maskingFollowsBERTs15PercentAnd80_10_10() throws {
        let table = try table("Masking counts")
        let share = { (row: String) in table.number(row: row, column: "share") ?? -1 }
        #expect(abs(share("selected for prediction") - 15) < 1)
        #expect(abs(share("→ replaced by <mask>") - 80) < 2.5)
        #expect(abs(share("→ replaced by a random word") - 10) < 2)
        #expect(abs(share("→ left unchanged") - 10) < 2)
        let count = { (row: String) in Int(table.number(row: row, column: "count") ?? -1) }
        #expect(
            count("→ replaced by <mask>") + count("→ replaced by a random word") + count("→ left unchanged")
                == count("selected for prediction"))
        #expect(count("selected for prediction") > 2000)
        // The examples show bracketed selections and the words to predict, never a special token.
        let examples = try self.table("BERT masking on four documents")
        #expect(examples.rows.count == 4 && examples.rows.contains { $0[0].contains("[<mask>]") })
        #expect(!examples.rows.contains { $0[0].contains("[<bos>]") || $0[0].contains("[<eos>]") })
    }

    @Test func maskedAttendsBothWaysCausalOnlyLeft() throws {
        let table = try table("How much each model looks to the right")
        let column = "mean attention weight on later words (all layers and heads)"
        #expect(try #require(table.number(row: "causal LM (GPT-style)", column: column)) == 0)
        #expect(try #require(table.number(row: "masked LM (BERT-style)", column: column)) > 0.1)
        let causal = try #require(try lesson.heatmaps.first { $0.title == "causal LM, layer 1" })
        let masked = try #require(try lesson.heatmaps.first { $0.title == "masked LM, layer 1" })
        for (i, row) in causal.values.enumerated() {
            #expect(row[(i + 1)...].allSatisfy { $0 == 0 })
            #expect(abs(row.reduce(0, +) - 1) < 1e-4)
        }
        #expect(masked.values.enumerated().contains { i, row in row[(i + 1)...].contains { $0 > 0.05 } })
    }

    @Test func eachModelPredictsWhatItWasTrainedFor() throws {
        let fills = try table("Masked LM: fill in the blank")
        let places = ["kitchen", "garden", "office", "bedroom", "hallway", "park"]
        let top = { (row: Int) in String(fills.rows[row][1].split(separator: " ")[0]) }
        #expect(places.contains(top(0)))
        #expect(["on", "under", "near", "behind"].contains(top(1)))
        #expect(["mary", "john", "sandra", "daniel", "alice", "bob"].contains(top(2)))
        #expect(["ball", "book", "apple", "box", "hat"].contains(top(3)))
        #expect(["small", "big", "old", "young"].contains(top(4)))
        let generated = try table("Causal LM: next-word generation")
        for row in generated.rows {
            #expect(row[1].hasPrefix(row[0]) && row[1].contains("."), "greedy continuation of \(row[0])")
        }
    }

    @Test func bothSidesGiveLowerPerplexityThanLeftOnly() throws {
        let table = try table("Predicting each held-out word")
        let masked = try #require(table.number(row: "masked LM (BERT-style)", column: "perplexity"))
        let causal = try #require(table.number(row: "causal LM (GPT-style)", column: "perplexity"))
        let unigram = try #require(table.number(row: "unigram frequencies", column: "perplexity"))
        #expect(masked < causal && causal < unigram / 5)
        #expect(
            try #require(table.number(row: "masked LM (BERT-style)", column: "top-1 accuracy"))
                > (try #require(table.number(row: "causal LM (GPT-style)", column: "top-1 accuracy"))))
    }

    @Test func spanReaderBeatsTheTrivialBaseline() throws {
        let table = try table("Question answering on 200 held-out questions")
        let reader = try #require(table.number(row: "reader fine-tuned from the masked LM", column: "exact match"))
        let random = try #require(table.number(row: "random span", column: "exact match"))
        #expect(reader > 10 * random && reader > 50)
        #expect(try #require(table.number(row: "reader fine-tuned from the masked LM", column: "F1")) >= reader)
        // The comparison with the no-learning rule is stated by the run, and agrees with the table.
        let rule = try #require(table.number(row: "first place / first colour", column: "exact match"))
        #expect(
            try lesson.inline("versusRule") == (reader > rule ? "beats" : "loses to"),
            "reader \(reader)%, rule \(rule)%")
        #expect(try lesson.inline("percent(ruleExact)") == "\(rule)%")
        // "With several candidates it guesses": within 15 points of picking one candidate at random.
        let several = try #require(try self.table("Exact match by number of candidate answers").rows.last)
        let (readerSeveral, guess) = (
            try #require(Double(several[4].dropLast())), try #require(Double(several[5].dropLast()))
        )
        #expect(abs(readerSeveral - guess) < 15, "reader \(readerSeveral)% vs guessing \(guess)%")
        let split = try self.table("Exact match by number of candidate answers")
        #expect(try #require(split.number(row: "one candidate", column: "fine-tuned reader")) >= 95)
        let shown = try self.table("A held-out question with its predicted span")
        #expect(shown.rows.first?[1].contains("【") == true)
        let span = try #require(try lesson.heatmaps.first { $0.rowLabels == ["start", "end"] })
        for row in span.values { #expect(abs(row.reduce(0, +) - 1) < 1e-3) }
    }
}
