/// A named parameter of a module: `name` is a dotted path such as `"encoder.weight"`.
public struct NamedParameter {
    /// The dotted path of the parameter inside its model.
    public var name: String
    /// The parameter itself (shared with the layer that uses it).
    public var parameter: Parameter

    /// Pairs a name with a parameter.
    public init(_ name: String, _ parameter: Parameter) {
        self.name = name
        self.parameter = parameter
    }
}

/// Anything that owns trainable parameters: a layer, a block of layers, a whole model.
///
/// A conforming type lists its parameters with stable, unique names; composite modules
/// prefix their children's names, so the names form paths used by optimisers (state),
/// `save(to:)`/`load(from:)` (file entries) and `valueWithGradient(of:)` (gradient keys):
///
/// ```swift
/// struct Dense: Module {
///     let weight: Parameter   // [input, output]
///     let bias: Parameter     // [output]
///     var namedParameters: [NamedParameter] { [.init("weight", weight), .init("bias", bias)] }
///     func callAsFunction(_ x: Tensor) -> Tensor { matmul(x, weight.value) + bias.value }
/// }
/// struct MLP: Module {
///     let hidden: Dense, output: Dense
///     var namedParameters: [NamedParameter] {
///         hidden.namedParameters(prefix: "hidden") + output.namedParameters(prefix: "output")
///     }
/// }
/// ```
public protocol Module {
    /// Every trainable parameter with its dotted name, in a stable order.
    var namedParameters: [NamedParameter] { get }
}

extension Module {
    /// The parameters in `namedParameters` order.
    public var parameters: [Parameter] { namedParameters.map(\.parameter) }

    /// `namedParameters` with `prefix.` put in front of every name (for composite modules).
    public func namedParameters(prefix: String) -> [NamedParameter] {
        namedParameters.map { NamedParameter(prefix + "." + $0.name, $0.parameter) }
    }

    /// The total number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + Shape.count($1.shape) } }

    /// Clears every parameter's accumulated gradient (call after each optimiser step).
    public func zeroGradients() { for p in parameters { p.zeroGradient() } }
}

extension Array where Element == NamedParameter {
    /// The entries with `prefix.` in front of every name (for modules held in arrays:
    /// `layers.enumerated().flatMap { $1.namedParameters.prefixed("layers.\($0)") }`).
    public func prefixed(_ prefix: String) -> [NamedParameter] {
        map { NamedParameter(prefix + "." + $0.name, $0.parameter) }
    }
}

/// A module that maps one tensor to one tensor (`callAsFunction`), so it can be composed
/// and swapped generically (e.g. activation blocks, feed-forward layers).
public protocol Layer: Module {
    /// Applies the layer to `input`; the shapes are documented by each conforming type.
    func callAsFunction(_ input: Tensor) -> Tensor
}
