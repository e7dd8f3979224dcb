// swift-tools-version: 6.1
import PackageDescription

/// The notebook runner and the libraries its notebooks use.
///
/// Module map (see README.md, "Architecture"):
/// - `CMark`, `COpenBLAS`, `CZMQ`: system libraries (Debian's `libcmark-dev`, `libopenblas-dev`,
///   `libzmq3-dev`).
/// - `NotebookDocument`: Markdown → `Notebook` (the only module that imports CMark), and the
///   value a run of it produces (`NotebookRun`).
/// - `NotebookOutput`: the typed output records shared by the runtime (writer) and runner (reader).
/// - `NotebookExecution`: plan, compile, run, collect, cache.
/// - `NotebookKernel`: cells one at a time with state kept (per-cell modules, fork snapshots),
///   run in `notebook-cell-host`, compiled in `notebook-cell-compiler`; `JupyterKernel`: the
///   Jupyter protocol on it (`notebook kernel`).
/// - `NotebookReport`: a notebook and its run → self-contained HTML (reports, index, sweep page).
/// - `NotebookPublishing`: discover → parse → execute → render → write; formats, sweeps, the
///   index: the one entry point the CLI, the server, the benchmark and the tests call.
/// - `NotebookInterop`: Jupyter notebooks (export, import) and Markdown with outputs.
/// - `NotebookServer`: the live preview server (`notebook serve`, on Hummingbird).
/// - `Tensors`, `SequenceModels`: the CPU tensor engine and the models.
/// - `NotebookRuntime`: what a cell sees (display API); built as a dynamic library.
/// - `notebook`: the command line; `bench`: the benchmarks; `notebook-fuzz`: the fuzzer.
///
/// Linux only: the runner relies on `/proc`, `prctl` and process groups, the tensor engine on
/// glibc's `dlsym`; no other platform is claimed.
let package = Package(
    name: "attention-notebooks",
    products: [
        .executable(name: "notebook", targets: ["NotebookCLI"]),
        .executable(name: "bench", targets: ["Benchmarks"]),
        .executable(name: "notebook-fuzz", targets: ["NotebookFuzz"]),
        .executable(name: "notebook-cell-host", targets: ["NotebookCellHost"]),
        .executable(name: "notebook-cell-compiler", targets: ["NotebookCellCompiler"]),
        .library(name: "NotebookRuntime", type: .dynamic, targets: ["NotebookRuntime"]),
        .library(
            name: "NotebookKit",
            targets: ["NotebookDocument", "NotebookExecution", "NotebookReport", "NotebookPublishing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // `swift package generate-documentation` (tools/docs.sh): the API reference as a static site.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CMark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CZMQ", pkgConfig: "libzmq", providers: [.apt(["libzmq3-dev"])]),
        .systemLibrary(
            name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .target(
            name: "NotebookDocument",
            dependencies: ["CMark", "NotebookOutput", .product(name: "Yams", package: "Yams")]),
        .target(name: "NotebookOutput"),
        .target(
            name: "NotebookExecution",
            dependencies: ["NotebookDocument", "NotebookOutput", .product(name: "Crypto", package: "swift-crypto")]),
        // The cell-at-a-time engine (one module per cell, fork snapshots) and its C host process.
        .target(
            name: "NotebookKernel",
            dependencies: ["NotebookDocument", "NotebookOutput", "NotebookExecution"]),
        // Exports its `pthread_create`, so that every thread a cell starts gets an alternate
        // signal stack (signalstack.c) and its stack overflow is reported as one.
        .executableTarget(
            name: "NotebookCellHost",
            linkerSettings: [.unsafeFlags(["-Xlinker", "--export-dynamic-symbol=pthread_create"])]),
        // The resident compiler of the kernel's cells (in-process SourceKit, loaded at run time).
        .executableTarget(name: "NotebookCellCompiler"),
        // The Jupyter kernel: messaging protocol over ZeroMQ, on the cell engine.
        .target(
            name: "JupyterKernel",
            dependencies: [
                "NotebookKernel", "NotebookInterop", "NotebookOutput", "CZMQ",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "NotebookReport",
            dependencies: [
                "NotebookDocument", "NotebookOutput",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // assets/report (a symlink: SwiftPM takes resources from inside the target only),
            // compiled into the binary so a copied `notebook` needs no file beside it.
            resources: [
                .embedInCode("Assets/page.html"), .embedInCode("Assets/report.css"),
                .embedInCode("Assets/chart-standalone.css"), .embedInCode("Assets/copy-button.js"),
                .embedInCode("Assets/attention-explorer.js"),
                .embedInCode("Assets/live-reload.js"), .embedInCode("Assets/tables/html-entities.tsv"),
                .embedInCode("Assets/tables/tex-symbols.tsv"),
            ]),
        .target(
            name: "NotebookPublishing",
            dependencies: [
                "NotebookDocument", "NotebookOutput", "NotebookExecution", "NotebookReport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "NotebookInterop",
            dependencies: [
                "NotebookDocument", "NotebookOutput", "NotebookExecution", "NotebookReport", "NotebookPublishing",
            ]),
        .target(
            name: "NotebookServer",
            dependencies: [
                "NotebookDocument", "NotebookExecution", "NotebookReport", "NotebookPublishing", "NotebookKernel",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]),
        .target(
            name: "Tensors",
            // native: AVX-512 for the SIMD kernels (baseline x86-64 turns them into libm calls);
            // unchecked exclusivity: the tape's arrays are class properties accessed per op.
            swiftSettings: [.unsafeFlags(["-target-cpu", "native", "-enforce-exclusivity=unchecked"])],
            // OpenBLAS's functions are bound by name (Kernels/OpenBLAS.swift): no C module import.
            linkerSettings: [.linkedLibrary("openblas")]),
        .target(name: "SequenceModels", dependencies: ["Tensors", "NotebookOutput"]),
        .target(
            name: "NotebookRuntime",
            dependencies: ["NotebookOutput", "Tensors", "SequenceModels"]),
        .executableTarget(
            name: "NotebookCLI",
            dependencies: [
                "NotebookDocument", "NotebookExecution", "NotebookReport", "NotebookPublishing", "NotebookInterop",
                "NotebookServer", "NotebookKernel", "JupyterKernel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "Benchmarks",
            dependencies: [
                "NotebookDocument", "NotebookExecution", "NotebookOutput", "NotebookReport", "NotebookPublishing",
                "NotebookKernel", "Tensors", "SequenceModels", "COpenBLAS",
            ]),
        // Reliability: seeded fuzz targets (library), their command line, and the suite that
        // tries bad input, hostile output, faults and concurrency end to end.
        .target(
            name: "NotebookFuzzing",
            dependencies: ["NotebookDocument", "NotebookOutput", "NotebookExecution", "NotebookReport"]),
        .executableTarget(name: "NotebookFuzz", dependencies: ["NotebookFuzzing"]),
        .testTarget(
            name: "ReliabilityTests",
            dependencies: [
                "NotebookDocument", "NotebookOutput", "NotebookExecution", "NotebookReport", "NotebookFuzzing",
                "NotebookTestSupport",
            ]),
        .testTarget(
            name: "NotebookDocumentTests", dependencies: ["NotebookDocument", "NotebookTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "NotebookExecutionTests",
            dependencies: ["NotebookDocument", "NotebookExecution", "NotebookOutput"]),
        .testTarget(
            name: "NotebookReportTests",
            dependencies: [
                "NotebookDocument", "NotebookExecution", "NotebookReport", "NotebookOutput", "NotebookTestSupport",
            ],
            exclude: ["Golden"]),
        .testTarget(name: "NotebookCLITests", dependencies: ["NotebookTestSupport"], exclude: ["Fixtures", "Golden"]),
        .testTarget(
            name: "NotebookInteropTests",
            dependencies: [
                "NotebookDocument", "NotebookExecution", "NotebookOutput", "NotebookReport", "NotebookInterop",
                "NotebookPublishing", "NotebookTestSupport",
            ]),
        .testTarget(name: "NotebookServerTests", dependencies: ["NotebookTestSupport"]),
        // The finite-difference gradient comparison both numeric suites use.
        .target(name: "GradientChecking", path: "Tests/GradientChecking"),
        // Launching the built executables, watching their processes, golden files: shared by the
        // test targets that run `notebook` as a user would.
        .target(name: "NotebookTestSupport", path: "Tests/NotebookTestSupport"),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors", "GradientChecking"]),
        .testTarget(
            name: "NotebookKernelTests",
            dependencies: [
                "NotebookKernel", "NotebookExecution", "NotebookOutput", "NotebookDocument", "NotebookTestSupport",
            ]),
        .testTarget(
            name: "JupyterKernelTests", dependencies: ["JupyterKernel", "NotebookTestSupport"],
            exclude: ["Clients", "Fixtures"]),
        .testTarget(
            name: "LessonTests",
            dependencies: [
                "NotebookDocument", "NotebookExecution", "NotebookOutput", "NotebookPublishing", "NotebookTestSupport",
            ]),
        .testTarget(
            name: "SequenceModelsTests", dependencies: ["SequenceModels", "Tensors", "GradientChecking"],
            exclude: ["Fixtures"]),
    ]
)
