import Foundation
import SequenceModels
import Tensors

/// `bench profile <gru|transformer> [steps]`: one untimed training step of a `bench models`
/// model, then `steps` (default 3) more inside `profiledTrainingSteps`, the function
/// tools/bench/callgrind.sh counts instructions in (`--toggle-collect`), so model construction,
/// the first step's allocations and process start-up stay out of the count.
///
/// Unlike `bench models` it does not re-execute itself: the caller fixes OPENBLAS_CORETYPE and
/// OPENBLAS_NUM_THREADS (the script uses Haswell and 1, so counts compare across AVX2 machines).
func runProfileBenchmark(arguments: [String]) {
    let name = arguments.first ?? "transformer"
    let steps = arguments.count > 1 ? Int(arguments[1]) ?? 3 : 3
    guard let model = BenchmarkModel.named(name), steps > 0 else {
        print("usage: bench profile <gru|transformer> [steps > 0]")
        exit(64)
    }
    _ = model.train(steps: 1)
    let history = profiledTrainingSteps(model, steps: steps)
    print(
        "profile \(name): \(steps) steps, OpenBLAS core \(BLASEnvironment.coreName), "
            + "final loss \(history.stepLosses.last.map { String(format: "%.4f", $0) } ?? "?")")
}

/// The measured steps (not inlined: its symbol is what callgrind toggles collection on).
@inline(never)
func profiledTrainingSteps(_ model: BenchmarkModel, steps: Int) -> TrainingHistory {
    model.train(steps: steps)
}
