#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The four OpenBLAS entry points Tensors calls, bound by name when first used.
///
/// Why not `import COpenBLAS`: notebook programs (and the kernel's per-cell modules) compile
/// against Tensors' `.swiftmodule` without the C module map, and Tensors is not built with library
/// evolution, so even an `internal import` makes every client load the C module ("missing
/// required module 'COpenBLAS'"); `@_implementationOnly` hides it but is deprecated for such
/// modules ("may lead to instability"). Binding the symbols from the already-linked library
/// (Tensors links `libopenblas`) needs no module at all, in Tensors or in its clients.
///
/// The signatures follow `cblas.h` (OpenBLAS 0.3, `blasint` = 32-bit `int`); the enum values are
/// the CBLAS standard's.
enum OpenBLAS {
    /// `cblas_sgemm(order, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc)`.
    typealias SGEMM =
        @convention(c) (
            Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
            UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32
        ) -> Void

    /// `CblasRowMajor`.
    static let rowMajor: Int32 = 101
    /// `CblasNoTrans`.
    static let noTranspose: Int32 = 111
    /// `CblasTrans`.
    static let transpose: Int32 = 112

    /// `cblas_sgemm`.
    static let sgemm: SGEMM = symbol("cblas_sgemm")
    /// `int openblas_get_num_threads(void)`.
    static let getThreadCount: @convention(c) () -> Int32 = symbol("openblas_get_num_threads")
    /// `void openblas_set_num_threads(int)`.
    static let setThreadCount: @convention(c) (Int32) -> Void = symbol("openblas_set_num_threads")
    /// `char *openblas_get_corename(void)`.
    static let coreName: @convention(c) () -> UnsafeMutablePointer<CChar>? = symbol("openblas_get_corename")

    /// The function `name` of the loaded OpenBLAS, as `T`; stops with what to install when it is
    /// not loaded.
    private static func symbol<T>(_ name: String) -> T {
        guard let address = dlsym(nil, name) else {  // nil: RTLD_DEFAULT, every loaded library
            fatalError("OpenBLAS's \(name) is not loaded: install OpenBLAS (Debian: apt install libopenblas-dev)")
        }
        return unsafeBitCast(address, to: T.self)
    }
}
