import Foundation
import NotebookOutput
import NotebookTestSupport
import Testing

/// Lesson 3: six score functions trained identically; the claims of its discussion.
@Suite(.serialized, .tags(.slow)) struct ScoringLessonTests {
    @Test func everyVariantIsComparedAndTheDiscussionHolds() throws {
        let lesson = try Lessons.render("03-scoring-functions.md")
        #expect(lesson.run.succeeded, "failed cells: \(lesson.run.failedCells.map(\.ordinal))")

        let names = ["dot", "general", "concat", "additive", "scaled-dot", "location:30"]
        let table = try #require(
            lesson.tables(captioned: "Attention variants on toy-translation (mean and standard deviation over 3 seeds)")
                .first)
        #expect(table.rows.map(\.first) == names)
        for row in table.rows {
            for column in table.columns.dropFirst() {
                let value = try #require(table.number(row: row[0], column: column), "\(row[0]) \(column)")
                #expect(value.isFinite && value >= 0, "\(row[0]) \(column) = \(value)")
            }
        }
        func value(_ name: String, _ column: String) throws -> Double {
            try #require(table.number(row: name, column: column))
        }
        let exact = try Dictionary(uniqueKeysWithValues: names.map { ($0, try value($0, "sequence acc.")) })
        // Location, which ignores the source words, has the lowest mean exact match, with a
        // respectable token accuracy.
        let location = try #require(exact["location:30"])
        #expect(location == exact.values.min(), "\(exact)")
        #expect(try value("location:30", "token acc.") > 80 && location < 50)
        // General and concat learn the alignment with every seed.
        for name in ["general", "concat"] {
            #expect(try #require(exact[name]) >= 90 && value(name, "sequence acc. ± sd") < 5, "\(name): \(exact)")
        }
        // The within-noise verdicts are printed from the table's means and deviations.
        let deviation = try Dictionary(
            uniqueKeysWithValues: names.map {
                ($0, try #require(table.number(row: $0, column: "sequence acc. ± sd")))
            })
        for (a, b) in [
            ("dot", "general"), ("concat", "dot"), ("concat", "general"), ("additive", "concat"),
            ("scaled-dot", "dot"), ("location:30", "dot"),
        ] {
            let (x, y) = (try #require(exact[a]), try #require(exact[b]))
            let (dx, dy) = (try #require(deviation[a]), try #require(deviation[b]))
            // The table rounds to 0.1, so leave a margin before calling the rule's outcome.
            guard abs(abs(x - y) - (dx + dy)) > 0.2 else { continue }
            let expected = abs(x - y) < dx + dy ? "within seed noise" : "\(x > y ? a : b) is ahead"
            let line = try #require(
                lesson.printed.split(separator: "\n").first { $0.hasPrefix("\(a) ") && $0.contains(" vs \(b) ") })
            #expect(line.hasSuffix(expected), "\(line): expected \(expected)")
        }
        // The discussion quotes the same verdicts inline.
        for (a, b) in [
            ("dot", "general"), ("concat", "dot"), ("concat", "general"), ("additive", "concat"), ("scaled-dot", "dot"),
        ] {
            let printed = lesson.printed.split(separator: "\n").first {
                $0.hasPrefix("\(a) ") && $0.contains(" vs \(b) ")
            }
            #expect(printed.map(String.init) == lesson.inline("verdict(\"\(a)\", \"\(b)\")"), "\(a) vs \(b)")
        }
        // Dot is the least reliable: the largest deviation of all, below general on average.
        let dotDeviation = try #require(deviation["dot"])
        #expect(dotDeviation == deviation.values.max() && dotDeviation > 10, "\(deviation)")
        #expect(try #require(exact["dot"]) < (try #require(exact["general"])))
        // Scaled dot's mean is below dot's.
        #expect(try #require(exact["scaled-dot"]) < (try #require(exact["dot"])))
        // Parameter counts follow the formulas: dot and scaled dot add none, general adds H².
        #expect(try value("dot", "parameters") == value("scaled-dot", "parameters"))
        #expect(try value("general", "parameters") - value("dot", "parameters") == 32 * 32)
        // Speed is a benchmark's business, not a test's: only check the column is there.
        #expect(try value("dot", "steps/s") > 0)

        // Scaled dot has the softest attention of all six.
        let sharpness = try #require(lesson.tables(captioned: "Sharpness of the attention").first)
        let largest = sharpness.numbers(column: "mean largest weight")
        let entropy = sharpness.numbers(column: "mean entropy (bits)")
        #expect(largest.count == 6 && entropy.count == 6)
        #expect(largest[4] == largest.min() && entropy[4] == entropy.max(), "largest \(largest), entropy \(entropy)")

        // One heatmap per variant, rows are distributions.
        let heatmaps = lesson.heatmaps.filter { $0.xLabel == "source" }
        #expect(heatmaps.map(\.title) == names.map(Optional.some))
        for heatmap in heatmaps {
            for row in heatmap.values { #expect(abs(row.reduce(0, +) - 1) < 1e-3) }
        }
        #expect(!lesson.lineCharts(titled: "Training Loss").isEmpty)
    }
}
