/// Runs `body` on a fresh tape and back-propagates from the value it returns, adding
/// d(value)/d(p) into `p.gradient` for every `Parameter` `p` whose value `body` used.
///
/// The returned value must be a scalar (one element; e.g. a mean loss). Gradients accumulate:
/// call this several times before an optimiser step to sum gradients over micro-batches, and
/// call `zeroGradients()` on the model (or `zeroGradient()` per parameter) after the step.
///
/// ```swift
/// let loss = backpropagate { crossEntropy(logits: model(x), labels: y) }
/// optimizer.step(model)
/// model.zeroGradients()
/// ```
@discardableResult
public func backpropagate(
    file: StaticString = #fileID, line: UInt = #line, _ body: () throws -> Tensor
) rethrows -> Tensor {
    let tape = Tape()
    let result = try Tape.with(tape, body)
    if result.count != 1 {
        shapeFailure(
            "backpropagate: the value must be a scalar (one element) but has shape \(result.shape)",
            file: file, line: line)
    }
    if let node = result.node, node.tapeToken == tape.token {
        Tape.with(nil) {
            tape.backward(from: node.index, seed: Tensor(shape: result.shape, repeating: 1))
        }
    }
    return result.detached
}

/// Computes `body`'s scalar value and its gradient with respect to each of `parameters`,
/// without touching their accumulated `gradient`s.
///
/// Returns one gradient per parameter, shaped like its value (zeros where `body` did not use it).
public func valueWithGradient(
    at parameters: [Parameter], file: StaticString = #fileID, line: UInt = #line,
    _ body: () throws -> Tensor
) rethrows -> (value: Tensor, gradients: [Tensor]) {
    let saved = parameters.map { $0.gradient }
    for p in parameters { p.gradient = nil }
    defer { for (p, g) in zip(parameters, saved) { p.gradient = g } }
    let value = try backpropagate(file: file, line: line, body)
    let grads = parameters.map { $0.gradient ?? Tensor.zeros($0.shape) }
    return (value, grads)
}

/// Computes `body`'s scalar value and the gradient for every named parameter of `model`,
/// without touching their accumulated `gradient`s. The dictionary is keyed by parameter name.
public func valueWithGradient(
    of model: some Module, file: StaticString = #fileID, line: UInt = #line,
    _ body: () throws -> Tensor
) rethrows -> (value: Tensor, gradients: [String: Tensor]) {
    let named = model.namedParameters
    let (value, grads) = try valueWithGradient(
        at: named.map { $0.parameter }, file: file, line: line, body)
    var result: [String: Tensor] = [:]
    for (entry, g) in zip(named, grads) { result[entry.name] = g }
    return (value, result)
}

/// Runs `body` recording nothing, even inside a gradient computation (evaluation mode).
/// Results do not depend on parameters as far as gradients are concerned.
public func withoutGradient<R>(_ body: () throws -> R) rethrows -> R {
    try Tape.with(nil, body)
}
