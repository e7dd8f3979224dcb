import Foundation

/// How a per-position loss is combined.
public enum LossReduction: Sendable {
    /// The mean over the positions that are not ignored (a scalar). 0 when all are ignored.
    case mean
    /// The sum over the positions that are not ignored (a scalar).
    case sum
    /// One loss per position (shape: the logits' shape without the class axis); 0 where ignored.
    case none
}

/// Cross-entropy between `logits` `[..., classes]` and integer class `labels`, fused with
/// log-softmax (stable) and with PyTorch's conventions:
///
/// - `labels` has one entry per row of `logits` (row-major over the leading axes), each in
///   `0..<classes` or equal to `ignoreIndex` (padding: contributes no loss and no gradient).
/// - With label smoothing ε the target is (1 − ε)·onehot + ε/classes, so a row's loss is
///   (1 − ε)(lse − x_t) + ε(lse − mean(x)), lse = log Σ exp x.
/// - Gradient per row: (softmax(x) − target) · (scale of the reduction).
public func crossEntropy(
    logits: Tensor, labels: [Int], ignoreIndex: Int = -100, labelSmoothing: Float = 0,
    reduction: LossReduction = .mean, file: StaticString = #fileID, line: UInt = #line
) -> Tensor {
    if logits.rank < 1 {
        shapeFailure("crossEntropy: logits must have a class axis, got shape \(logits.shape)", file: file, line: line)
    }
    let classes = logits.shape[logits.rank - 1]
    let rows = classes == 0 ? 0 : logits.count / classes
    if labels.count != rows {
        shapeFailure(
            "crossEntropy: logits \(logits.shape) have \(rows) rows but \(labels.count) labels were given",
            file: file, line: line)
    }
    if let bad = labels.firstIndex(where: { $0 != ignoreIndex && ($0 < 0 || $0 >= classes) }) {
        shapeFailure(
            "crossEntropy: label \(labels[bad]) at position \(bad) is outside 0..<\(classes) (and is not the ignore index \(ignoreIndex))",
            file: file, line: line)
    }
    let probabilities = Tensor(uninitializedShape: logits.shape)
    let perRow = Tensor(uninitializedShape: Array(logits.shape.dropLast()))
    let px = logits.storage.pointer
    let pp = probabilities.storage.pointer
    let pl = perRow.storage.pointer
    let eps = labelSmoothing
    var total: Float = 0
    var counted = 0
    // probabilities and log Σ exp for every row in one vectorised pass
    let lse = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(rows, 1))
    defer { lse.deallocate() }
    SoftmaxKernel.softmax(px, pp, rows: rows, n: classes, logSumExp: lse)
    for r in 0..<rows {
        let t = labels[r]
        if t == ignoreIndex {
            pl[r] = 0
            continue
        }
        let xr = px + r &* classes
        var loss = (1 - eps) * (lse[r] - xr[t])
        if eps != 0 { loss += eps * (lse[r] - RowKernels.sum(xr, classes) / Float(classes)) }
        pl[r] = loss
        total += loss
        counted += 1
    }
    var y: Tensor
    switch reduction {
    case .mean: y = Tensor(counted == 0 ? 0 : total / Float(counted))
    case .sum: y = Tensor(total)
    case .none: y = perRow
    }
    let labelsCopy = labels
    let count = counted
    y.record(logits) { g in
        let dx = Tensor(uninitializedShape: probabilities.shape)
        let pd = dx.storage.pointer
        let pg = g.storage.pointer
        let smooth = eps / Float(classes)
        for r in 0..<rows {
            let o = r &* classes
            let t = labelsCopy[r]
            if t == ignoreIndex {
                (pd + o).initialize(repeating: 0, count: classes)
                continue
            }
            let s: Float
            switch reduction {
            case .mean: s = pg[0] / Float(count)
            case .sum: s = pg[0]
            case .none: s = pg[r]
            }
            for j in 0..<classes { pd[o &+ j] = (pp[o &+ j] - smooth) * s }
            pd[o &+ t] -= (1 - eps) * s
        }
        return dx
    }
    return y
}
