/// A tensor's link to a tape: which tape (by its unique token) and which entry on it.
///
/// Op outputs get a fresh node; a `Parameter` owns one node for its whole life and re-registers
/// it on each new tape the first time the parameter is used there (no hashing, O(1)).
@usableFromInline
final class AutodiffNode {
    /// The token of the tape `index` refers to.
    var tapeToken: UInt64
    /// The entry on that tape.
    var index: Int
    /// Set for a parameter's node: where gradients of this leaf end up. The parameter owns
    /// this node and clears the reference in its `deinit`, so it never dangles; `unowned(unsafe)`
    /// rather than `weak` because a weak reference gives the parameter a side table and makes
    /// every retain/release of it take the slow path (~10% of a small op's cost).
    unowned(unsafe) var parameter: Parameter?

    init(tapeToken: UInt64, index: Int) {
        self.tapeToken = tapeToken
        self.index = index
    }

    init(parameter: Parameter) {
        self.tapeToken = 0
        self.index = -1
        self.parameter = parameter
    }
}
