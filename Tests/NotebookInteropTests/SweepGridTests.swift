import Foundation
import NotebookDocument
import NotebookPublishing
import Testing

@Suite struct SweepGridTests {
    @Test func severalAxesGiveTheirCartesianProductFirstAxisSlowest() throws {
        let grid = try SweepGrid.parse(["attention=dot,general", "seed=1,2,3"])
        let points = grid.points
        #expect(points.count == 6)
        #expect(
            points.map(\.description) == [
                "attention=dot seed=1", "attention=dot seed=2", "attention=dot seed=3",
                "attention=general seed=1", "attention=general seed=2", "attention=general seed=3",
            ])
        #expect(points[4].fileSuffix == ".attention-general.seed-2")
        #expect(points[4].label == "general, 2")
        #expect(grid.label == "attention, seed")
        #expect(grid.comparisonSuffix == ".attention.seed")
    }

    @Test(arguments: ["seed", "=1,2", "seed=", "seed=1,,2", "seed=1,1"])
    func malformedAxesAreSyntaxErrors(argument: String) {
        #expect(throws: SweepAxis.SyntaxError.self) { try SweepGrid.parse([argument]) }
    }

    @Test func anAxisNamedTwiceIsAnError() {
        #expect(throws: SweepAxis.SyntaxError.self) { try SweepGrid.parse(["seed=1", "seed=2"]) }
    }

    @Test func unsafeFileNameCharactersBecomeUnderscores() {
        let point = SweepPoint(assignments: [ParameterAssignment(name: "path", value: "../a b/c")])
        #expect(point.fileSuffix == ".path-.._a_b_c")
    }
}

@Suite struct SweepPlanTests {
    private func plan(_ values: [String], fixed: [ParameterAssignment] = []) throws -> SweepPlan {
        SweepPlan(
            notebookPath: "/notes/it's here.md", grid: try SweepGrid(axes: [SweepAxis(name: "x", values: values)]),
            fixedParameters: fixed, resultsFolder: "/shared/results", executable: "/opt/bin/notebook",
            runArguments: ["--timeout", "60.0"])
    }

    @Test func everyArgumentIsOneSingleQuotedShellWord() throws {
        let manifest = try plan(["a;rm -rf ~", "$(id)"]).manifest(notebookSource: "# N\n")
        #expect(manifest.points.count == 2)
        #expect(
            manifest.points[0].command
                == #"'/opt/bin/notebook' 'render' '/notes/it'\''s here.md' '-p' 'x=a;rm -rf ~' '--save-result' '/shared/results' '--no-cache' '--quiet' '--timeout' '60.0'"#
        )
        #expect(manifest.points[1].command.contains("'x=$(id)'"))
    }

    @Test func shellQuotingRoundTripsThroughARealShell() throws {
        let words = ["plain", "it's", "a b", "$HOME", "`id`", "\\", "\"q\"", "*"]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "printf '%s\\n' " + words.map(SweepPlan.shellQuoted).joined(separator: " ")]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(String(decoding: output, as: UTF8.self) == words.joined(separator: "\n") + "\n")
    }

    @Test func fixedParametersComeFirstAndEnterTheResultAddress() throws {
        let fixed = [ParameterAssignment(name: "task", value: "en-fr")]
        let source = "# N\n"
        let withFixed = try plan(["1"], fixed: fixed).manifest(notebookSource: source).points[0]
        let without = try plan(["1"]).manifest(notebookSource: source).points[0]
        #expect(withFixed.parameters.map(\.argument) == ["task=en-fr", "x=1"])
        #expect(withFixed.command.contains("'-p' 'task=en-fr' '-p' 'x=1'"))
        #expect(withFixed.resultFile != without.resultFile)
        let digest = SweepPointResult.digest(of: source)
        #expect(
            withFixed.resultFile == SweepPointResult.fileName(notebookDigest: digest, parameters: withFixed.parameters))
    }

    @Test func resultAddressesDependOnTheNotebookAndDoNotCollide() {
        let a = [ParameterAssignment(name: "x", value: "1y=2")]
        let b = [ParameterAssignment(name: "x", value: "1"), ParameterAssignment(name: "y", value: "2")]
        #expect(
            SweepPointResult.fileName(notebookDigest: "d", parameters: a)
                != SweepPointResult.fileName(notebookDigest: "d", parameters: b))
        #expect(
            SweepPointResult.fileName(notebookDigest: "d", parameters: a)
                != SweepPointResult.fileName(notebookDigest: "e", parameters: a))
        #expect(
            SweepPointResult.digest(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func aValueWithALineBreakCannotBePlanned() throws {
        let folder = FileManager.default.temporaryDirectory.path + "/plan-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var planner = try plan(["one\ntwo"])
        planner.resultsFolder = folder
        #expect(throws: SweepPlan.LineBreakError.self) {
            try planner.write(to: folder + "/plan.sh", notebookSource: "# N\n")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/plan.sh"))
    }
}
