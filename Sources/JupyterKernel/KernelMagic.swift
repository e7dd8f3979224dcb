import Foundation

/// A kernel command in a cell instead of Swift code (its first line starts with `%`).
///
/// `%rerun-from N` goes back to the state from before the cell executed as `In[N]` (the engine's
/// snapshot) and runs that cell and every later cell that succeeded again, in order, with the
/// code they had; their outputs appear under the magic's cell. Use it after a cell changed
/// something outside the program (a file, a random state you want fresh) or to replay a chain
/// from an earlier point without restarting the kernel.
enum KernelMagic: Equatable {
    /// `%rerun-from N`.
    case rerunFrom(executionCount: Int)

    /// The magic of a cell, nil when the cell is Swift code; a readable error when the cell
    /// starts with `%` but is not a known magic.
    static func parse(_ code: String) -> Result<KernelMagic, MagicError>? {
        let text = code.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("%") else { return nil }
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        switch words.first {
        case "%rerun-from":
            guard words.count == 2, let count = Int(words[1]), count > 0 else {
                return .failure(
                    MagicError(description: "usage: %rerun-from N (N: the execution count of a cell, as in In[N])"))
            }
            return .success(.rerunFrom(executionCount: count))
        default:
            return .failure(
                MagicError(description: "unknown magic \(words.first ?? "%"); the kernel knows %rerun-from N"))
        }
    }
}

/// A cell that starts with `%` but is not a magic the kernel knows, or is used wrongly.
struct MagicError: Error, Equatable, CustomStringConvertible {
    /// What is wrong and what to write instead.
    var description: String
}
