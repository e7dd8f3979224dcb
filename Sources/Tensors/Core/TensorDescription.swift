import Foundation

/// Printing: `Tensor [2, 3]` followed by the values as nested brackets; axes longer than
/// 6 show their first and last 3 entries around `…`, so big tensors stay readable.
extension Tensor: CustomStringConvertible, CustomDebugStringConvertible {
    /// The shape and (elided) values, e.g. `Tensor [2, 2]\n[[1, 2],\n [3, 4]]`.
    public var description: String {
        var out = "Tensor \(shape)\n"
        if rank == 0 {
            out += Tensor.format(storage.pointer[0])
            return out
        }
        appendValues(to: &out, axis: 0, offset: 0, indent: 1)
        return out
    }

    /// Same as `description`.
    public var debugDescription: String { description }

    private static let edge = 3

    private func appendValues(to out: inout String, axis: Int, offset: Int, indent: Int) {
        let n = shape[axis]
        let stride = Shape.count(Array(shape[(axis + 1)...]))
        let shown: [Int?] =
            n > 2 * Tensor.edge
            ? Array(0..<Tensor.edge) + [nil] + Array((n - Tensor.edge)..<n)
            : Array(0..<n)
        out += "["
        for (position, index) in shown.enumerated() {
            if position > 0 {
                out +=
                    axis == rank - 1
                    ? ", "
                    : "," + String(repeating: "\n", count: rank - axis - 1)
                        + String(repeating: " ", count: indent)
            }
            guard let index else {
                out += "…"
                continue
            }
            if axis == rank - 1 {
                out += Tensor.format(storage.pointer[offset + index])
            } else {
                appendValues(to: &out, axis: axis + 1, offset: offset + index * stride, indent: indent + 1)
            }
        }
        out += "]"
    }

    /// Up to 4 significant digits; integers without a fraction (`2`, `-0.5`, `1.235e-05`).
    static func format(_ x: Float) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded() && Swift.abs(x) < 1e6 { return String(Int(x)) }
        return String(format: "%.4g", Double(x))
    }
}
