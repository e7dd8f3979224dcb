import Foundation
import Tensors
import Testing

@Suite struct EnvironmentTests {
    @Test func coreTypeFollowsTheCPUFlags() {
        let zen4: Set = ["avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512_bf16"]
        #expect(BLASEnvironment.recommendedOpenBLASCoreType(cpuFlags: zen4) == "Cooperlake")
        #expect(BLASEnvironment.recommendedOpenBLASCoreType(cpuFlags: zen4.subtracting(["avx512_bf16"])) == "SkylakeX")
        #expect(BLASEnvironment.recommendedOpenBLASCoreType(cpuFlags: ["avx2", "fma", "avx512f"]) == "Haswell")
        #expect(BLASEnvironment.recommendedOpenBLASCoreType(cpuFlags: ["sse2", "avx"]) == nil)
    }

    @Test func flagsAreReadFromCpuinfo() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cpuinfo-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "processor\t: 0\nmodel name\t: Test CPU\nflags\t\t: fpu sse2 avx2 fma\n\nprocessor\t: 1\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(BLASEnvironment.cpuFlags(cpuinfoPath: path) == ["fpu", "sse2", "avx2", "fma"])
        #expect(BLASEnvironment.cpuFlags(cpuinfoPath: path + ".missing").isEmpty)
    }

    @Test func environmentReplacesAWrongPresetUnlessAskedNotTo() {
        guard let core = BLASEnvironment.recommendedOpenBLASCoreTypeForThisCPU() else {
            #expect(BLASEnvironment.recommendedEnvironment(current: [:]).isEmpty)
            return
        }
        #expect(BLASEnvironment.recommendedEnvironment(current: [:]) == ["OPENBLAS_CORETYPE": core])
        #expect(BLASEnvironment.recommendedEnvironment(current: ["OPENBLAS_CORETYPE": core]).isEmpty)
        #expect(
            BLASEnvironment.recommendedEnvironment(current: ["OPENBLAS_CORETYPE": "Prescott"]) == [
                "OPENBLAS_CORETYPE": core
            ])
        #expect(
            BLASEnvironment.recommendedEnvironment(
                current: ["OPENBLAS_CORETYPE": "Prescott"], replacingExisting: false
            ).isEmpty)
    }

    @Test func noamScheduleWarmsUpThenDecays() {
        let s = NoamSchedule(modelSize: 512, warmupSteps: 4000)
        let peak = s(4000)
        #expect(abs(peak - Float(1 / (512.0 * 4000).squareRoot())) < 1e-9)
        #expect(s(1) < s(2) && s(2000) < peak)
        #expect(s(8000) < peak && abs(s(16000) - peak / 2) < 1e-9)
        #expect(abs(s(100) - Float(100 * pow(4000.0, -1.5) / 512.0.squareRoot())) < 1e-10)
        #expect(ConstantSchedule(0.1)(7) == 0.1)
    }
}
