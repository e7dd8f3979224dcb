import Foundation
import NotebookTestSupport
import Testing

/// `render --sweep ... --plan` → the commands run elsewhere (here: GNU parallel, from another
/// folder) → `notebook sweep collect`, through the built executable.
@Suite struct SweepPlanCLITests {
    static let notebook = """
        ---
        title: Planned sweep
        params:
          variant: dot
          seed: 1
        ---
        # Planned sweep

        ```swift
        print("ran variant=\\(variant) seed=\\(seed)")
        display(LineChart(series: [Series(name: "loss", y: [Double(seed), 1])], title: "Loss", xLabel: "step"))
        ```
        """

    /// Runs `command` with `/bin/sh` in `/` (not the test's folder): what a remote worker does.
    private func shell(_ command: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func planRunsElsewhereAndCollectListsWhatIsMissing() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.notebook.write(toFile: folder + "/notes.md", atomically: true, encoding: .utf8)
        let plan = folder + "/plan.sh"
        let results = folder + "/results"

        let planned = try NotebookBinary.run([
            "render", folder + "/notes.md", "--sweep", "variant=dot,general", "--sweep", "seed=1,2",
            "--plan", plan, "--results", results, "--timeout", "120", "--process-limit", "64",
        ])
        #expect(planned.status == 0, "\(planned.standardError)")
        let lines = try String(contentsOfFile: plan, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { $0.contains("'--save-result' '\(results)'") && $0.contains("'--timeout' '120.0'") })
        #expect(lines.allSatisfy { $0.contains("'--process-limit' '64'") }, "the process limit is forwarded")
        #expect(lines[3].contains("'-p' 'variant=general' '-p' 'seed=2'"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/notes.html"), "planning runs nothing")

        // Three of four points run, two at a time, from another folder.
        #expect(try shell("head -n 3 '\(plan)' | parallel --will-cite --jobs 2") == 0)
        let partial = try NotebookBinary.run(["sweep", "collect", results])
        #expect(partial.status == 1)
        #expect(partial.standardError.contains("variant=general seed=2: missing: line 4 of the plan"))
        var page = try String(contentsOfFile: results + "/notes.variant.seed.sweep.html", encoding: .utf8)
        #expect(page.contains("ran variant=dot seed=1") && page.contains("ran variant=general seed=1"))
        #expect(page.contains("not run yet"), "the missing point is listed, not dropped")
        #expect(page.contains("general, 2"))
        #expect(FileManager.default.fileExists(atPath: results + "/notes.variant-dot.seed-2.html"))
        #expect(!FileManager.default.fileExists(atPath: results + "/notes.variant-general.seed-2.html"))

        // The last point runs as a Slurm array task would (the README's script); the sweep is complete.
        let slurm = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("tools/sweep/slurm-array.sh").path
        #expect(try shell("SLURM_ARRAY_TASK_ID=4 bash '\(slurm)' '\(plan)'") == 0)
        let complete = try NotebookBinary.run(["sweep", "collect", results, "--out", folder + "/pages"])
        #expect(complete.status == 0, "\(complete.standardError)")
        page = try String(contentsOfFile: folder + "/pages/notes.variant.seed.sweep.html", encoding: .utf8)
        #expect(page.contains("ran variant=general seed=2") && !page.contains("not run yet"))
        let report = try String(contentsOfFile: folder + "/pages/notes.variant-general.seed-2.html", encoding: .utf8)
        #expect(report.contains("ran variant=general seed=2"))
        #expect(page.contains("href=\"./notes.variant-general.seed-2.html\""))

        // A damaged result is reported by its file, never taken for a run.
        let damaged = try #require(
            try FileManager.default.contentsOfDirectory(atPath: results).first {
                $0.hasSuffix(".json") && $0 != "sweep.json"
            })
        try "{\"format\": 1}".write(toFile: results + "/" + damaged, atomically: true, encoding: .utf8)
        let broken = try NotebookBinary.run(["sweep", "collect", results])
        #expect(broken.status == 1)
        #expect(broken.standardError.contains(damaged + ": error: not a sweep result"))
    }

    /// A point whose run failed is collected and named with what failed (here an inline
    /// expression, which fails a run as a cell does).
    @Test func collectNamesWhatFailedInAPoint() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let notebook = """
            ---
            params:
              n: 1
            ---
            # Failing point

            ```swift
            struct TooLarge: Error {}
            func checked(_ value: Int) throws -> Int {
                if value > 1 { throw TooLarge() }
                return value
            }
            ```

            The value is `{swift} try checked(n)`.
            """
        try notebook.write(toFile: folder + "/notes.md", atomically: true, encoding: .utf8)
        let plan = folder + "/plan.sh"
        let results = folder + "/results"
        let planned = try NotebookBinary.run([
            "render", folder + "/notes.md", "--sweep", "n=1,2", "--plan", plan, "--results", results,
        ])
        #expect(planned.status == 0, "\(planned.standardError)")
        _ = try shell("sh '\(plan)'")
        let collected = try NotebookBinary.run(["sweep", "collect", results])
        #expect(collected.status == 1)
        #expect(
            collected.standardError.contains("n=2: error: 1 inline expression failed (see its report)"),
            "\(collected.standardError)")
        #expect(!collected.standardError.contains("n=1: error"))
    }

    @Test func badPlansAndFlagsAreClearErrors() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.notebook.write(toFile: folder + "/notes.md", atomically: true, encoding: .utf8)
        let noManifest = try NotebookBinary.run(["sweep", "collect", folder])
        #expect(noManifest.status == 65)
        #expect(noManifest.standardError.contains("sweep.json: error: no sweep plan here"))
        let noResults = try NotebookBinary.run([
            "render", folder + "/notes.md", "--sweep", "seed=1,2", "--plan", folder + "/p.sh",
        ])
        #expect(noResults.status == 64)
        #expect(noResults.standardError.contains("--plan needs --results"))
        let noSweep = try NotebookBinary.run([
            "render", folder + "/notes.md", "--plan", folder + "/p.sh", "--results", folder,
        ])
        #expect(noSweep.status == 64)
        let twice = try NotebookBinary.run(["render", folder + "/notes.md", "--sweep", "seed=1", "--sweep", "seed=2"])
        #expect(twice.status == 64)
        #expect(twice.standardError.contains("names 'seed' twice"))
        try "not json".write(toFile: folder + "/sweep.json", atomically: true, encoding: .utf8)
        let garbage = try NotebookBinary.run(["sweep", "collect", folder])
        #expect(garbage.status == 65)
        #expect(garbage.standardError.contains("not a sweep plan"))
    }
}
