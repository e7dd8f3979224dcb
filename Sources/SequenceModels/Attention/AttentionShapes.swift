import Tensors

/// Input checks for attention: a mistake stops the program with a message naming the
/// mechanism and every shape involved, instead of a matmul failure on internal reshapes. (The
/// runner finds the notebook line that called it in the crash backtrace.)
enum AttentionShapes {
    /// Query `[batch, queries, dq]` or `[batch, dq]`, keys `[batch, keys, dk]`, values
    /// `[batch, keys, dv]`; with `sizes`, dq, dk and dv must be those.
    static func check(
        _ name: String, query: Tensor, keys: Tensor, values: Tensor, sizes: (query: Int, key: Int, value: Int)? = nil
    ) {
        func fail(_ detail: String) -> Never {
            fatalError(
                TensorError.shapeMismatch(
                    operation: name, shapes: [query.shape, keys.shape, values.shape], detail: detail
                ).description)
        }
        guard query.rank == 2 || query.rank == 3 else {
            fail("the query must be [batch, queries, features] or [batch, features]")
        }
        guard keys.rank == 3, values.rank == 3 else { fail("keys and values must be [batch, keys, features]") }
        guard keys.shape[0] == values.shape[0], keys.shape[1] == values.shape[1] else {
            fail("keys and values must have the same batch and key count")
        }
        guard query.shape[0] == keys.shape[0] else {
            fail("the query's batch \(query.shape[0]) ≠ the keys' batch \(keys.shape[0])")
        }
        if let sizes {
            let dq = query.shape[query.rank - 1]
            let dk = keys.shape[2]
            let dv = values.shape[2]
            guard dq == sizes.query else { fail("the query has \(dq) features, the layer expects \(sizes.query)") }
            guard dk == sizes.key else { fail("the keys have \(dk) features, the layer expects \(sizes.key)") }
            guard dv == sizes.value else { fail("the values have \(dv) features, the layer expects \(sizes.value)") }
        }
    }

    /// Dot scores need queries and keys of one feature size.
    static func checkSameFeatures(_ name: String, query: Tensor, keys: Tensor) {
        let dq = query.shape.last ?? 0
        let dk = keys.shape.last ?? 0
        guard dq == dk else {
            fatalError(
                TensorError.shapeMismatch(
                    operation: name, shapes: [query.shape, keys.shape],
                    detail:
                        "query features \(dq) ≠ key features \(dk); use general or additive attention for different sizes"
                ).description)
        }
    }
}
