import Foundation
import NotebookDocument

/// The parts of Swift's JSON crash report (`SWIFT_BACKTRACE=format=json`) the runner uses.
struct Backtrace {
    /// The first frame in the notebook's Markdown file.
    var location: SourceLocation?
    /// "Swift runtime failure: …", when a frame names one.
    var runtimeFailure: String?
    /// Whether the crash was a memory access just below (or at) the crashed thread's stack
    /// pointer: the stack grew into its guard page, which is a stack overflow, not a bad pointer
    /// or an exhausted memory limit.
    var isStackOverflow = false

    /// How far below the stack pointer a fault still counts as the stack's own growth. A call
    /// pushes a return address (the fault is then 8 bytes below the stack pointer: measured on
    /// x86-64, through the runner and standalone), and a large frame is probed a page at a time,
    /// so its faults land within a page or two below; 64 KiB leaves room for frames probed
    /// further down.
    static let stackGrowthWindow: UInt64 = 64 << 10
    /// How far above the stack pointer a fault still counts (a push that wrote the word being
    /// reported, or a red-zone access).
    static let stackRedZone: UInt64 = 256

    /// Reads the report at `path`; an unreadable or malformed report gives an empty value.
    static func read(_ path: String, notebookPath: String) -> Backtrace {
        var result = Backtrace()
        guard let data = FileManager.default.contents(atPath: path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let threads = object["threads"] as? [[String: Any]]
        else { return result }
        let crashed = threads.first { ($0["crashed"] as? Bool) == true } ?? threads.first
        let registers = crashed?["registers"] as? [String: Any]
        if let fault = (object["faultAddress"] as? String).flatMap(address),
            let stackPointer = ((registers?["rsp"] ?? registers?["sp"]) as? String).flatMap(address)
        {
            result.isStackOverflow = isStackGrowth(fault: fault, stackPointer: stackPointer)
        }
        for frame in (crashed?["frames"] as? [[String: Any]]) ?? [] {
            let symbol = (frame["description"] as? String) ?? (frame["symbol"] as? String) ?? ""
            if result.runtimeFailure == nil, let range = symbol.range(of: "Swift runtime failure: ") {
                result.runtimeFailure =
                    "Swift runtime failure: "
                    + (symbol[range.upperBound...]
                        .components(separatedBy: " + ").first ?? "")
            }
            if result.location == nil, let source = frame["sourceLocation"] as? [String: Any],
                let file = source["file"] as? String, let line = source["line"] as? Int,
                file == notebookPath || file.hasSuffix("/" + (notebookPath as NSString).lastPathComponent)
            {
                result.location = SourceLocation(file: notebookPath, line: line, column: source["column"] as? Int)
            }
        }
        return result
    }

    /// Whether a fault at `fault` is the stack growing past its end, seen from `stackPointer`.
    static func isStackGrowth(fault: UInt64, stackPointer: UInt64) -> Bool {
        fault <= stackPointer ? stackPointer - fault <= stackGrowthWindow : fault - stackPointer < stackRedZone
    }

    /// `0x00007ffdc7d79ff8` as a number.
    private static func address(_ text: String) -> UInt64? {
        guard text.hasPrefix("0x") else { return nil }
        return UInt64(text.dropFirst(2), radix: 16)
    }
}
