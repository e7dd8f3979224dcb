import Foundation
import Tensors
import Testing

@Suite struct PersistenceTests {
    struct Model: Module {
        let embedding: Parameter
        let scale: Parameter
        var namedParameters: [NamedParameter] { [.init("embedding", embedding), .init("scale", scale)] }
        init(seed: UInt64, width: Int = 3) {
            var g = RandomGenerator(seed: seed)
            embedding = Parameter(Tensor.randomNormal([4, width], using: &g))
            scale = Parameter(Tensor(2.5))
        }
    }

    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tensors-\(UUID().uuidString)-\(name)").path
    }

    @Test func saveThenLoadRestoresEveryValue() throws {
        let path = temporaryPath("model.params")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let saved = Model(seed: 1)
        let loaded = Model(seed: 2)
        try saved.save(to: path)
        #expect(loaded.embedding.value != saved.embedding.value)
        try loaded.load(from: path)
        #expect(loaded.embedding.value == saved.embedding.value)
        #expect(loaded.scale.value == Tensor(2.5))
        let entries = try ParameterArchive.read(from: path)
        #expect(entries.map(\.name) == ["embedding", "scale"])
        #expect(entries[0].tensor.shape == [4, 3])
    }

    @Test func mismatchesNameTheFileAndTheParameter() throws {
        let path = temporaryPath("wide.params")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Model(seed: 1, width: 5).save(to: path)
        let model = Model(seed: 1)
        let before = model.embedding.value
        #expect(
            throws: TensorError.parameterMismatch(
                path: path, name: "embedding", reason: "the file has shape [4, 5] but the model expects [4, 3]")
        ) {
            try model.load(from: path)
        }
        #expect(model.embedding.value == before)

        try ParameterArchive.write([("scale", Tensor(1))], to: path)
        let missing = #expect(throws: TensorError.self) { try model.load(from: path) }
        #expect(missing?.description == "\(path): parameter 'embedding': missing from the file")

        try ParameterArchive.write(
            [("embedding", before), ("scale", Tensor(1)), ("extra", Tensor(0))], to: path)
        let extra = #expect(throws: TensorError.self) { try model.load(from: path) }
        #expect(extra?.description == "\(path): parameter 'extra': in the file but not in the model")
    }

    @Test func badFilesAreReportedWithTheirPath() throws {
        let path = temporaryPath("broken.params")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: TensorError.self) { try ParameterArchive.read(from: path) }
        try Model(seed: 1).save(to: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(data.count - 3).write(to: URL(fileURLWithPath: path))
        let truncated = #expect(throws: TensorError.self) { try ParameterArchive.read(from: path) }
        #expect(truncated?.description.hasPrefix("\(path): file is truncated") == true)
        try Data("hello world, not tensors".utf8).write(to: URL(fileURLWithPath: path))
        let magic = #expect(throws: TensorError.self) { try ParameterArchive.read(from: path) }
        #expect(magic?.description == "\(path): not a parameter file (bad magic)")
    }
}
