import Foundation

/// Elementwise functions and their derivatives. Each takes any shape and returns the same shape.
extension Tensor {
    /// eˣ. Gradient: g · eˣ.
    public func exp() -> Tensor {
        var y = mapVector(VectorMath.exp)
        let out = y.detached
        y.record(self) { g in g.zipElements(out, *) }
        return y
    }

    /// Natural logarithm ln x (x > 0; ln 0 = −inf). Gradient: g / x.
    public func log() -> Tensor {
        var y = mapElements { Foundation.log($0) }
        let x = detached
        y.record(self) { g in g.zipElements(x, /) }
        return y
    }

    /// tanh x. Gradient: g · (1 − tanh² x).
    public func tanh() -> Tensor {
        var y = mapVector(VectorMath.tanh)
        let out = y.detached
        y.record(self) { g in g.zipElements(out) { $0 * (1 - $1 * $1) } }
        return y
    }

    /// σ(x) = 1 / (1 + e⁻ˣ). Gradient: g · σ(x)(1 − σ(x)).
    public func sigmoid() -> Tensor {
        var y = mapVector(VectorMath.sigmoid)
        let out = y.detached
        y.record(self) { g in g.zipElements(out) { $0 * $1 * (1 - $1) } }
        return y
    }

    /// max(x, 0). Gradient: g where x > 0, else 0.
    public func relu() -> Tensor {
        var y = mapElements { Swift.max($0, 0) }
        let x = detached
        y.record(self) { g in g.zipElements(x) { $1 > 0 ? $0 : 0 } }
        return y
    }

    /// GELU, the exact form PyTorch uses by default: x · Φ(x) = ½ x (1 + erf(x / √2)).
    /// Gradient: g · (Φ(x) + x · φ(x)), φ(x) = e^(−x²/2) / √(2π).
    public func gelu() -> Tensor {
        var y = mapVector { x in 0.5 * x * (1 + VectorMath.erf(x * 0.707_106_781_186_547_5)) }
        let x = detached
        y.record(self) { g in
            let dx = x.mapVector { x in
                let cdf = 0.5 * (1 + VectorMath.erf(x * 0.707_106_781_186_547_5))
                let pdf = VectorMath.exp(-0.5 * x * x) * 0.398_942_280_401_432_7
                return cdf + x * pdf
            }
            return g.zipElements(dx, *)
        }
        return y
    }

    /// log(1 + eˣ), computed as max(x, 0) + log(1 + e^(−|x|)) so it never overflows.
    /// Gradient: g · σ(x).
    public func softplus() -> Tensor {
        var y = mapElements { Swift.max($0, 0) + Foundation.log1p(Foundation.exp(-Swift.abs($0))) }
        let x = detached
        y.record(self) { g in g.zipVector(x) { g, x in g * VectorMath.sigmoid(x) } }
        return y
    }

    /// sin x. Gradient: g · cos x.
    public func sin() -> Tensor {
        var y = mapElements { Foundation.sin($0) }
        let x = detached
        y.record(self) { g in g.zipElements(x) { $0 * Foundation.cos($1) } }
        return y
    }

    /// cos x. Gradient: −g · sin x.
    public func cos() -> Tensor {
        var y = mapElements { Foundation.cos($0) }
        let x = detached
        y.record(self) { g in g.zipElements(x) { -$0 * Foundation.sin($1) } }
        return y
    }

    /// √x. Gradient: g / (2√x).
    public func sqrt() -> Tensor {
        var y = mapElements { $0.squareRoot() }
        let out = y.detached
        y.record(self) { g in g.zipElements(out) { $0 / (2 * $1) } }
        return y
    }

    /// x². Gradient: 2 g x.
    public func squared() -> Tensor {
        var y = mapElements { $0 * $0 }
        let x = detached
        y.record(self) { g in g.zipElements(x) { 2 * $0 * $1 } }
        return y
    }

    /// xᵖ for a constant exponent p (x > 0 unless p is an integer). Gradient: g · p · xᵖ⁻¹.
    public func pow(_ p: Float) -> Tensor {
        var y = mapElements { Foundation.pow($0, p) }
        let x = detached
        y.record(self) { g in g.zipElements(x) { $0 * p * Foundation.pow($1, p - 1) } }
        return y
    }

    /// |x|. Gradient: g · sign(x) (0 at 0).
    public func abs() -> Tensor {
        var y = mapElements { Swift.abs($0) }
        let x = detached
        y.record(self) { g in g.zipElements(x) { $1 > 0 ? $0 : ($1 < 0 ? -$0 : 0) } }
        return y
    }

    /// x limited to [lower, upper]. Gradient: g inside the interval, 0 outside.
    public func clamped(to range: ClosedRange<Float>) -> Tensor {
        let lo = range.lowerBound
        let hi = range.upperBound
        var y = mapElements { Swift.min(Swift.max($0, lo), hi) }
        let x = detached
        y.record(self) { g in g.zipElements(x) { $1 >= lo && $1 <= hi ? $0 : 0 } }
        return y
    }
}

/// eˣ elementwise (see `Tensor.exp()`).
public func exp(_ x: Tensor) -> Tensor { x.exp() }
/// ln x elementwise (see `Tensor.log()`).
public func log(_ x: Tensor) -> Tensor { x.log() }
/// tanh x elementwise (see `Tensor.tanh()`).
public func tanh(_ x: Tensor) -> Tensor { x.tanh() }
/// σ(x) = 1 / (1 + e⁻ˣ) elementwise (see `Tensor.sigmoid()`).
public func sigmoid(_ x: Tensor) -> Tensor { x.sigmoid() }
/// max(x, 0) elementwise (see `Tensor.relu()`).
public func relu(_ x: Tensor) -> Tensor { x.relu() }
/// ½ x (1 + erf(x / √2)) elementwise (see `Tensor.gelu()`).
public func gelu(_ x: Tensor) -> Tensor { x.gelu() }
/// √x elementwise (see `Tensor.sqrt()`).
public func sqrt(_ x: Tensor) -> Tensor { x.sqrt() }
