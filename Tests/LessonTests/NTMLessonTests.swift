import Foundation
import NotebookOutput
import NotebookTestSupport
import Testing

/// Lesson 4: NTM addressing, stage by stage, and a copy program built from it.
@Suite(.serialized, .tags(.slow)) struct NTMLessonTests {
    @Test func addressingStagesBehaveAsTheLessonSays() throws {
        let lesson = try Lessons.render("04-ntm-addressing.md")
        #expect(lesson.run.succeeded, "failed cells: \(lesson.run.failedCells.map(\.ordinal))")

        // Higher β gives a sharper content focus; every weighting sums to 1.
        let beta = try #require(lesson.tables(captioned: "Content focus by key strength β").first)
        let betas = beta.numbers(column: "β")
        let maxima = beta.numbers(column: "max weight")
        #expect(betas == betas.sorted() && betas.count >= 4)
        for (lower, higher) in zip(maxima, maxima.dropFirst()) { #expect(higher >= lower) }
        #expect(try #require(maxima.last) > 0.99 && (try #require(maxima.first)) < 0.1)
        #expect(beta.numbers(column: "sum").allSatisfy { abs($0 - 1) < 1e-4 })
        let focusRows = beta.numbers(column: "focus row").dropFirst()  // β = 0 is uniform
        #expect(Set(focusRows) == [5], "the best match does not depend on β")

        // Every weighting heatmap over memory rows is a distribution.
        let weightings = lesson.heatmaps.filter { $0.xLabel == "memory row" }
        #expect(weightings.count >= 8)
        for heatmap in weightings {
            for row in heatmap.values { #expect(abs(row.reduce(0, +) - 1) < 1e-3, "\(heatmap.title ?? "")") }
        }

        // A one-hot shift moves the focus by exactly one row; "stay" keeps it.
        let shift = try #require(lesson.tables(captioned: "Where the shift moves the focus").first)
        func moved(_ name: String) throws -> Double {
            try #require(shift.number(row: name, column: "focus after"))
                - (try #require(shift.number(row: name, column: "focus before")))
        }
        #expect(try moved("+1") == 1)
        #expect(try moved("−1") == -1)
        #expect(try moved("stay") == 0)

        // Sharpening: higher γ, higher maximum.
        let sharpening = try #require(lesson.tables(captioned: "Sharpening by γ").first).numbers(column: "max weight")
        for (lower, higher) in zip(sharpening, sharpening.dropFirst()) { #expect(higher > lower) }

        // Walking by location: without sharpening the focus spreads, with γ = 2 it stays sharp.
        let walk = try #require(lesson.lineCharts(titled: "Largest weight while walking").first)
        let soft = try #require(walk.series.first { $0.name == "γ = 1" }?.y.last)
        let sharp = try #require(walk.series.first { $0.name == "γ = 2" }?.y.last)
        #expect(sharp > 0.9 && soft < 0.5, "γ = 2: \(sharp), γ = 1: \(soft)")

        // A read is the weighted sum of rows, computed by hand too.
        let read = try #require(lesson.tables(captioned: "A read is a weighted sum").first)
        #expect(read.rows.count == 3)
        for (a, b) in zip(read.rows[0].dropFirst(), read.rows[1].dropFirst()) {
            #expect(abs(try #require(Double(a)) - (try #require(Double(b)))) < 1e-3)
        }

        // Gradient descent teaches a head to focus on the row it must read.
        let learned = try #require(lesson.tables(captioned: "What the trained head emits").first)
        #expect(try #require(learned.number(row: "weight on row 9", column: "value")) > 0.95)
        #expect(learned.number(row: "final focus row (w)", column: "value") == 9)

        // The hand-wired copy program is exact up to the memory's size and fails beyond it.
        let copy = try #require(lesson.tables(captioned: "Copy accuracy by sequence length").first)
        for row in copy.rows {
            let length = try #require(Int(row[0]))
            let accuracy = try #require(copy.number(row: row[0], column: "bit accuracy"))
            if length <= 16 {
                #expect(accuracy == 100, "length \(length)")
            } else {
                #expect(accuracy < 70, "length \(length)")
            }
        }
    }
}
