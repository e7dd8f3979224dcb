import Foundation
import NotebookOutput
import NotebookTestSupport
import Testing

/// Lesson 8: attention against gradient × input, leave-one-out, permutations and uniform
/// weights, on a classifier and a translator; the prose's verdicts follow the run's numbers.
@Suite(.serialized, .tags(.slow)) struct ExplanationLessonTests {
    @Test func theVerdictsFollowTheMeasurements() throws {
        let lesson = try Lessons.render("08-is-attention-an-explanation.md")
        #expect(lesson.run.succeeded, "failed cells: \(lesson.run.failedCells.map(\.ordinal))")

        let scores = try #require(lesson.tables(captioned: "Held-out scores with the learned and with uniform").first)
        func score(_ row: String, _ column: String) throws -> Double {
            try #require(scores.number(row: row, column: column), "\(row) \(column)")
        }
        let accuracy = try score("classifier accuracy", "learned attention")
        let uniformAccuracy = try score("classifier accuracy", "uniform attention")
        let bleu = try score("translator BLEU", "learned attention")
        let uniformBLEU = try score("translator BLEU", "uniform attention")
        // Both models learned their task: the classifier beats always answering "affirmative".
        #expect(accuracy > (try score("classifier accuracy", "majority class")) + 10, "\(scores.rows)")
        #expect(bleu > 30, "translator BLEU \(bleu)")

        let summary = try #require(
            lesson.tables(captioned: "Is attention an explanation? Medians over held-out decisions").first)
        let models = ["classifier, negated", "classifier, affirmative", "translator"]
        #expect(summary.columns == ["measure"] + models)
        func median(_ row: String, _ model: String) throws -> Double {
            try #require(summary.number(row: row, column: model), "\(row) \(model)")
        }
        let (toGradient, toLeaveOneOut, yardstick) = (
            "median τ(attention, gradient×input)", "median τ(attention, leave-one-out)",
            "median τ(gradient×input, leave-one-out)"
        )
        let (permuted, largest) = ("median TVD, permuted attention", "median largest weight")
        for model in models {
            #expect(try median("decisions explained", model) >= 12)
            for row in [toGradient, toLeaveOneOut, yardstick] {
                #expect((-1...1).contains(try median(row, model)), "\(row) \(model)")
            }
            for row in [
                permuted, "median TVD, uniform attention", "same top position (attention, leave-one-out)", largest,
            ] {
                #expect((0...1).contains(try median(row, model)), "\(row) \(model)")
            }
        }

        // Each comparative word in the prose is the one the numbers call for; the table rounds, so
        // a comparison is only checked where its margin exceeds the rounding.
        func check(_ code: String, _ expected: String, margin: Double = 1) {
            guard margin > 0.011 else { return }
            #expect(lesson.inline(code) == expected, "\(code)")
        }
        check(
            "classifierAccuracy - classifierUniformAccuracy < 0.02 ? \"not needed\"",
            accuracy - uniformAccuracy < 2 ? "not needed" : "needed", margin: abs(accuracy - uniformAccuracy - 2))
        check(
            "translated.bleu - uniformBLEU > 0.05 ? \"needed\"", bleu - uniformBLEU > 5 ? "needed" : "not needed",
            margin: abs(bleu - uniformBLEU - 5))
        func strength(_ tau: Double) -> String {
            tau >= 0.7 ? "strong" : tau >= 0.4 ? "moderate" : tau >= 0.2 ? "weak" : "no"
        }
        func nearestThreshold(_ tau: Double) -> Double { [0.7, 0.4, 0.2].map { abs(tau - $0) }.min() ?? 1 }
        let looNegated = try median(toLeaveOneOut, "classifier, negated")
        let looTranslator = try median(toLeaveOneOut, "translator")
        check(
            "strength(min(negatedSummary.attentionVersusLeaveOneOut", strength(min(looNegated, looTranslator)),
            margin: nearestThreshold(min(looNegated, looTranslator)))
        check(
            "strength(max(negatedSummary.attentionVersusLeaveOneOut", strength(max(looNegated, looTranslator)),
            margin: nearestThreshold(max(looNegated, looTranslator)))
        let looAffirmative = try median(toLeaveOneOut, "classifier, affirmative")
        check(
            "strength(affirmativeSummary.attentionVersusLeaveOneOut)", strength(looAffirmative),
            margin: nearestThreshold(looAffirmative))
        func oddOneOut(_ model: String) throws -> (Bool, Double) {
            let best = try max(median(toGradient, model), median(toLeaveOneOut, model))
            let other = try median(yardstick, model)
            return (best < other, abs(best - other))
        }
        let (negatedOdd, negatedMargin) = try oddOneOut("classifier, negated")
        let (translatorOdd, translatorMargin) = try oddOneOut("translator")
        check(
            "? \"the odd one out in both models\"",
            negatedOdd && translatorOdd
                ? "the odd one out in both models"
                : negatedOdd || translatorOdd ? "the odd one out in one model" : "no worse than the other measures",
            margin: min(negatedMargin, translatorMargin))
        let permutedNegated = try median(permuted, "classifier, negated")
        let permutedTranslator = try median(permuted, "translator")
        check(
            "negatedSummary.permutationEffect < 0.1 ? \"close to zero as well\"",
            permutedNegated < 0.1 ? "close to zero as well" : "large", margin: abs(permutedNegated - 0.1) * 100)
        check(
            "translatorSummary.permutationEffect < 0.1 ? \"close to zero\"",
            permutedTranslator < 0.1 ? "close to zero" : "large", margin: abs(permutedTranslator - 0.1) * 100)
        // The closing verdicts.
        let classifierNeedsAttention = accuracy - uniformAccuracy >= 2 && permutedNegated >= 0.1
        #expect(
            lesson.inline("? \"This classifier needs its attention")?.hasPrefix(
                classifierNeedsAttention
                    ? "This classifier needs its attention" : "For this classifier the weights are not") == true)
        let translatorNeedsAttention = bleu - uniformBLEU > 5 && permutedTranslator >= 0.1
        #expect(
            lesson.inline("? \"The translator needs its attention")?.hasPrefix(
                translatorNeedsAttention ? "The translator needs its attention" : "For the translator, too") == true)
        #expect(
            lesson.inline("? \"Yet even where attention is needed")?.hasPrefix(
                negatedOdd || translatorOdd ? "Yet even where" : "Its ranking") == true)
        // What this run shows, as the lesson states it: attention is needed by both models, decides
        // their outputs where it is peaked, and is flat and idle on affirmative sentences.
        #expect(classifierNeedsAttention && translatorNeedsAttention, "\(scores.rows) \(summary.rows)")
        #expect(try median(largest, "classifier, affirmative") < median(largest, "classifier, negated"))
        #expect(try median(permuted, "classifier, affirmative") < 0.1)

        // One heatmap per example model, three measures over the input words, rows summing to 1.
        let heatmaps = lesson.heatmaps.filter { $0.xLabel == "input" }
        #expect(heatmaps.count == 2)
        for heatmap in heatmaps {
            #expect(heatmap.rowLabels == ["attention", "|gradient × input|", "leave-one-out"])
            for row in heatmap.values { #expect(abs(row.reduce(0, +) - 1) < 1e-3) }
        }
    }
}
