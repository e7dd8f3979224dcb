import Foundation
import NotebookExecution
import NotebookOutput
import NotebookTestSupport
import Testing

/// Lesson 7 compares every attention variant with its default parameters, takes other tasks and
/// variant lists from the command line, and rejects bad values with a message saying what to use.
@Suite(.serialized, .tags(.slow)) struct CompareLessonTests {
    static let name = "07-compare-attention-variants.md"
    static let defaultVariants = [
        "none", "dot", "general", "concat", "additive", "scaled-dot", "location:64", "multi-head:4",
    ]
    static let lesson = Result { try Lessons.render(name) }

    var lesson: Lessons.Rendered { get throws { try Self.lesson.get() } }

    @Test func defaultComparisonHasEveryVariant() throws {
        let lesson = try lesson
        #expect(lesson.run.succeeded, "failed cells: \(lesson.run.failedCells.map(\.ordinal))")
        let table = try #require(lesson.tables(captioned: "Attention variants on toy-translation").first)
        #expect(table.rows.map { $0[0] } == Self.defaultVariants)
        let curves = lesson.lineCharts(titled: "Training Loss") + lesson.lineCharts(titled: "Sequence Accuracy")
        #expect(curves.count == 2 && curves.allSatisfy { $0.series.map(\.name) == Self.defaultVariants })
        let lengths = try #require(lesson.lineCharts(titled: "Accuracy by source length").first)
        #expect(lengths.series.count == Self.defaultVariants.count)
        // One heatmap per variant that has attention weights (all but "none"), rows summing to 1.
        let maps = lesson.heatmaps
        #expect(maps.compactMap(\.title) == Array(Self.defaultVariants.dropFirst()))
        for map in maps {
            #expect(map.xLabel == "source")
            for row in map.values { #expect(abs(row.reduce(0, +) - 1) < 1e-3) }
        }
    }

    @Test func attentionBeatsTheFixedContextVector() throws {
        let table = try #require(try lesson.tables(captioned: "Attention variants on").first)
        let plain = try #require(table.number(row: "none", column: "sequence acc."))
        let best = table.numbers(column: "sequence acc.").max()!
        #expect(best >= 90 && best > plain + 50)
        // Content-based scores beat the bottleneck on the longest sources, where it is worst.
        let buckets = try #require(try lesson.tables(captioned: "Accuracy by source length").first)
        let longest = try #require(buckets.rows.last)
        let plainLong = try #require(Double(longest[2].dropLast()))
        let additiveLong = try #require(
            Double(longest[buckets.columns.firstIndex(of: "additive (token acc.)")!].dropLast()))
        #expect(additiveLong > plainLong + 30)
        // Dot and scaled-dot add no parameters; multi-head adds the most.
        let parameters = Dictionary(uniqueKeysWithValues: table.rows.map { ($0[0], Int($0[6])!) })
        #expect(parameters["dot"] == parameters["none"] && parameters["scaled-dot"] == parameters["none"])
        #expect(parameters["multi-head:4"] == parameters.values.max())
    }

    @Test func oneSeedSaysItsRankingMayBeLuckAndConcatIsPlacedAgainstLessonThree() throws {
        let lesson = try lesson
        let results = lesson.outputs.compactMap { if case .result(.text(let text)) = $0 { text } else { nil } }
        #expect(results.contains { $0.contains("One seed per variant: differences of a few points may be luck") })
        let table = try #require(lesson.tables(captioned: "Attention variants on toy-translation").first)
        let concat = try #require(table.number(row: "concat", column: "sequence acc."))
        let dot = try #require(table.number(row: "dot", column: "sequence acc."))
        let expected =
            abs(dot - concat) < 5
            ? "on a par, as in lesson 3"
            : dot > concat ? "concat is behind dot at this budget" : "concat is ahead of dot"
        #expect(lesson.inline("concatVerdict")?.hasPrefix(expected) == true, "concat \(concat)% vs dot \(dot)%")
        #expect(lesson.inline("concatMean.map") == "\(concat)%")
    }

    @Test func severalSeedsAndTheEnglishFrenchTask() throws {
        let run = try Lessons.render(
            Self.name,
            parameters: [
                ("task", "en-fr"), ("epochs", "1"), ("examples", "200"), ("variants", "none,dot"), ("seeds", "2"),
            ])
        #expect(run.run.succeeded, "failed cells: \(run.run.failedCells.map(\.ordinal))")
        let table = try #require(
            run.tables(captioned: "Attention variants on en-fr (mean and standard deviation over 2 seeds)").first)
        #expect(table.rows.map { $0[0] } == ["none", "dot"] && table.columns.contains("sequence acc. ± sd"))
        let results = run.outputs.compactMap { if case .result(.text(let text)) = $0 { text } else { nil } }
        #expect(results.contains { $0.hasPrefix("Within seed noise of the best") })
    }

    @Test func otherTasksAndVariantsComeFromParameters() throws {
        let variants = ["none", "additive", "multi-head:2"]
        let reverse = try Lessons.render(
            Self.name,
            parameters: [
                ("task", "reverse"), ("epochs", "2"), ("examples", "300"), ("variants", "none, additive,multi-head:2"),
            ])
        #expect(reverse.run.succeeded)
        let table = try #require(reverse.tables(captioned: "Attention variants on reverse-3-12").first)
        #expect(table.rows.map { $0[0] } == variants)
        #expect(reverse.heatmaps.compactMap(\.title) == ["additive", "multi-head:2"])

        let dates = try Lessons.render(
            Self.name,
            parameters: [
                ("task", "dates"), ("epochs", "1"), ("examples", "200"),
                ("variants", "dot"),
            ])
        #expect(dates.run.succeeded)
        #expect(try #require(dates.tables(captioned: "Attention variants on").first).rows.map { $0[0] } == ["dot"])
    }

    @Test func badParametersGiveAClearMessage() throws {
        let badTask = try Lessons.render(Self.name, parameters: [("task", "poetry")])
        let taskFailure = try #require(badTask.run.failedCells.first)
        guard case .failed(let failure) = taskFailure.status else {
            Issue.record("not a failure")
            return
        }
        #expect(failure.message.contains("unknown task 'poetry'"))
        #expect(failure.message.contains("translation, en-fr, reverse, dates"))

        let badVariant = try Lessons.render(Self.name, parameters: [("task", "reverse"), ("variants", "dot,fancy")])
        guard case .failed(let variantFailure) = try #require(badVariant.run.failedCells.first).status else {
            Issue.record("not a failure")
            return
        }
        #expect(variantFailure.message.contains("'fancy' is not a variant"))
    }
}
