/// Elementwise arithmetic with NumPy broadcasting: shapes are aligned at the trailing axis and
/// axes of size 1 stretch, so `[batch, n] + [n]` adds a bias to every row.
///
/// Mismatched shapes stop with e.g. `add: shapes [2, 3] and [4] do not match (cannot broadcast)`.
extension Tensor {
    @inline(__always)
    static func broadcastShape(
        _ op: String, _ a: Tensor, _ b: Tensor, file: StaticString, line: UInt
    ) -> [Int] {
        if a.shape == b.shape { return a.shape }
        guard let s = Shape.broadcast(a.shape, b.shape) else {
            shapeFailure(
                .shapeMismatch(operation: op, shapes: [a.shape, b.shape], detail: "cannot broadcast"),
                file: file, line: line)
        }
        return s
    }

    /// a + b, broadcasting. Gradient: g summed to each input's shape.
    public func adding(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let out = Tensor.broadcastShape("add", self, other, file: file, line: line)
        var y = Broadcast.binary(self, other, out: out, +)
        let sa = shape
        let sb = other.shape
        y.record(self, other) { g, needA, needB in
            (needA ? Broadcast.reduce(g, to: sa) : nil, needB ? Broadcast.reduce(g, to: sb) : nil)
        }
        return y
    }

    /// a − b, broadcasting. Gradient: (g, −g) summed to each input's shape.
    public func subtracting(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let out = Tensor.broadcastShape("subtract", self, other, file: file, line: line)
        var y = Broadcast.binary(self, other, out: out, -)
        let sa = shape
        let sb = other.shape
        y.record(self, other) { g, needA, needB in
            (
                needA ? Broadcast.reduce(g, to: sa) : nil,
                needB ? Broadcast.reduce(g.mapElements { -$0 }, to: sb) : nil
            )
        }
        return y
    }

    /// a ⊙ b (elementwise product), broadcasting. Gradient: (g ⊙ b, g ⊙ a) summed to shape.
    public func multiplying(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let out = Tensor.broadcastShape("multiply", self, other, file: file, line: line)
        var y = Broadcast.binary(self, other, out: out, *)
        let a = self.detached
        let b = other.detached
        y.record(self, other) { g, needA, needB in
            (
                needA ? Broadcast.reduce(Tensor.gradientProduct(g, b), to: a.shape) : nil,
                needB ? Broadcast.reduce(Tensor.gradientProduct(g, a), to: b.shape) : nil
            )
        }
        return y
    }

    /// g ⊙ x with `x` broadcast to g's shape. Same-size operands take the 16-lane kernel: in the
    /// pullback closure the generic loop's `*` was not inlined (a call per element, ~4% of the
    /// GRU benchmark).
    static func gradientProduct(_ g: Tensor, _ x: Tensor) -> Tensor {
        if x.count == g.count { return g.zipVector(x) { $0 * $1 } }
        return Broadcast.binary(g, x, out: g.shape) { $0 * $1 }
    }

    /// a / b elementwise, broadcasting. Gradient: (g / b, −g·a / b²) summed to shape.
    public func dividing(by other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let out = Tensor.broadcastShape("divide", self, other, file: file, line: line)
        var y = Broadcast.binary(self, other, out: out, /)
        let a = self.detached
        let b = other.detached
        y.record(self, other) { g, needA, needB in
            let gOverB = Broadcast.binary(g, b, out: g.shape, /)
            return (
                needA ? Broadcast.reduce(gOverB, to: a.shape) : nil,
                needB
                    ? Broadcast.reduce(
                        Broadcast.binary(Broadcast.binary(gOverB, b, out: g.shape, /), a, out: g.shape) { -$0 * $1 },
                        to: b.shape) : nil
            )
        }
        return y
    }

    /// Elementwise a + b with broadcasting (see `adding`).
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.adding(rhs) }
    /// Elementwise a − b with broadcasting (see `subtracting`).
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.subtracting(rhs) }
    /// Elementwise a ⊙ b with broadcasting (see `multiplying`).
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.multiplying(rhs) }
    /// Elementwise a / b with broadcasting (see `dividing`).
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.dividing(by: rhs) }

    /// x + s for every element.
    public static func + (lhs: Tensor, rhs: Float) -> Tensor {
        var y = lhs.mapElements { $0 + rhs }
        y.record(lhs) { $0 }
        return y
    }
    /// s + x for every element.
    public static func + (lhs: Float, rhs: Tensor) -> Tensor { rhs + lhs }
    /// x − s for every element.
    public static func - (lhs: Tensor, rhs: Float) -> Tensor { lhs + (-rhs) }
    /// s − x for every element.
    public static func - (lhs: Float, rhs: Tensor) -> Tensor {
        var y = rhs.mapElements { lhs - $0 }
        y.record(rhs) { g in g.mapElements { -$0 } }
        return y
    }
    /// x · s for every element.
    public static func * (lhs: Tensor, rhs: Float) -> Tensor {
        var y = lhs.mapElements { $0 * rhs }
        y.record(lhs) { g in g.mapElements { $0 * rhs } }
        return y
    }
    /// s · x for every element.
    public static func * (lhs: Float, rhs: Tensor) -> Tensor { rhs * lhs }
    /// x / s for every element.
    public static func / (lhs: Tensor, rhs: Float) -> Tensor { lhs * (1 / rhs) }
    /// s / x for every element. Gradient: −g·s / x².
    public static func / (lhs: Float, rhs: Tensor) -> Tensor {
        var y = rhs.mapElements { lhs / $0 }
        let x = rhs.detached
        y.record(rhs) { g in g.zipElements(x) { -$0 * lhs / ($1 * $1) } }
        return y
    }
    /// −x for every element.
    public static prefix func - (x: Tensor) -> Tensor {
        var y = x.mapElements { -$0 }
        y.record(x) { g in g.mapElements { -$0 } }
        return y
    }

    /// In-place a += b (b broadcast to a's shape). Not recorded: for accumulating values.
    public static func += (lhs: inout Tensor, rhs: Tensor) { lhs = withoutGradient { lhs + rhs } }
    /// In-place a −= b (b broadcast to a's shape). Not recorded.
    public static func -= (lhs: inout Tensor, rhs: Tensor) { lhs = withoutGradient { lhs - rhs } }
    /// In-place a ⊙= b (b broadcast to a's shape). Not recorded.
    public static func *= (lhs: inout Tensor, rhs: Tensor) { lhs = withoutGradient { lhs * rhs } }
    /// In-place a *= s. Not recorded.
    public static func *= (lhs: inout Tensor, rhs: Float) {
        lhs.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] *= rhs } }
    }
}
