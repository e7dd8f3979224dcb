import Foundation
import NotebookOutput
import Testing

/// Lesson 8: attention against gradient × input, leave-one-out, permutations and uniform
/// weights, on a classifier and a translator; the prose's verdicts follow the run's numbers.
@Suite(.serialized) struct ExplanationLessonTests {
    @Test func theVerdictsFollowTheMeasurements() throws {
        let lesson = try Lessons.render("08-is-attention-an-explanation.md")
        #expect(lesson.run.succeeded, "failed cells: \(lesson.run.failedCells.map(\.ordinal))")

        let scores = try #require(lesson.tables(captioned: "Held-out scores with the learned and with uniform").first)
        func score(_ row: String, _ column: String) throws -> Double { try #require(scores.number(row: row, column: column), "\(row) \(column)") }
        let accuracy = try score("classifier accuracy", "learned attention")
        let uniformAccuracy = try score("classifier accuracy", "uniform attention")
        let bleu = try score("translator BLEU", "learned attention"), uniformBLEU = try score("translator BLEU", "uniform attention")
        // Both models learned their task: the classifier beats always answering "affirmative".
        #expect(accuracy > (try score("classifier accuracy", "majority class")) + 10, "\(scores.rows)")
        #expect(bleu > 30, "translator BLEU \(bleu)")

        let summary = try #require(lesson.tables(captioned: "Is attention an explanation? Medians over held-out decisions").first)
        #expect(summary.columns == ["measure", "classifier", "translator"])
        func median(_ row: String, _ model: String) throws -> Double { try #require(summary.number(row: row, column: model), "\(row) \(model)") }
        for model in ["classifier", "translator"] {
            #expect(try median("decisions explained", model) >= 20)
            for row in ["median τ(attention, gradient×input)", "median τ(attention, leave-one-out)", "median τ(gradient×input, leave-one-out)"] {
                #expect((-1...1).contains(try median(row, model)), "\(row) \(model)")
            }
            for row in ["median TVD, permuted attention", "median TVD, uniform attention", "same top position (attention, leave-one-out)"] {
                #expect((0...1).contains(try median(row, model)), "\(row) \(model)")
            }
        }

        // Each comparative word in the prose is the one the numbers call for (the table rounds, so
        // only check where the margin exceeds the rounding).
        #expect(lesson.inline("classifierAccuracy - classifierUniformAccuracy < 0.02 ? \"not needed\"")
                == ((accuracy - uniformAccuracy) < 2 ? "not needed" : "needed"))
        #expect(lesson.inline("translated.bleu - uniformBLEU > 0.05 ? \"needed\"") == ((bleu - uniformBLEU) > 5 ? "needed" : "not needed"))
        let attentionBest = try max(median("median τ(attention, gradient×input)", "classifier"),
                                    median("median τ(attention, leave-one-out)", "classifier"))
        let yardstick = try median("median τ(gradient×input, leave-one-out)", "classifier")
        if abs(attentionBest - yardstick) > 0.01 {
            #expect(lesson.inline("\"the odd one out\"") == (attentionBest < yardstick ? "the odd one out" : "no worse than the others"))
        }
        let looTranslator = try median("median τ(attention, leave-one-out)", "translator")
        let looClassifier = try median("median τ(attention, leave-one-out)", "classifier")
        if abs(looTranslator - looClassifier) > 0.01 {
            #expect(lesson.inline("? \"better\" : \"no better\"") == (looTranslator > looClassifier ? "better" : "no better"))
        }
        let permutedTranslator = try median("median TVD, permuted attention", "translator")
        let permutedClassifier = try median("median TVD, permuted attention", "classifier")
        if abs(permutedTranslator - 2 * permutedClassifier) > 0.002 {
            #expect(lesson.inline("? \"far more\" : \"not much more\"") == (permutedTranslator > 2 * permutedClassifier ? "far more" : "not much more"))
        }
        // The closing verdicts.
        let classifierVerdict = try #require(lesson.inline("\"For the classifier, the weights are not an explanation"))
        let dismissed = accuracy - uniformAccuracy < 2 && permutedClassifier < 0.05
        #expect(classifierVerdict.hasPrefix(dismissed ? "For the classifier, the weights are not" : "For the classifier, the tests do not dismiss"))
        let translatorVerdict = try #require(lesson.inline("\"For the translator, attention is needed"))
        let needed = bleu - uniformBLEU > 5 && permutedTranslator > 2 * permutedClassifier
        #expect(translatorVerdict.hasPrefix(needed ? "For the translator, attention is needed" : "For the translator, too"))

        // One heatmap per example model, three measures over the input words, rows summing to 1.
        let heatmaps = lesson.heatmaps.filter { $0.xLabel == "input" }
        #expect(heatmaps.count == 2)
        for heatmap in heatmaps {
            #expect(heatmap.rowLabels == ["attention", "|gradient × input|", "leave-one-out"])
            for row in heatmap.values { #expect(abs(row.reduce(0, +) - 1) < 1e-3) }
        }
    }
}
