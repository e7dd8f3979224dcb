/// Resolves "ambiguous use of 'x'" between cell modules: when several earlier cells declare the
/// same top-level name, the newest declaration wins (as in Jupyter, where running a cell again
/// redefines its names), through a scoped import such as `@testable import var Cell7.x`, which
/// Swift prefers over the whole-module imports.
enum ShadowedDeclarations {
    /// One earlier cell module: its name and source.
    struct Module {
        var name: String
        var source: String
    }

    /// The scoped imports that settle the ambiguities the compiler reported in `output`, given
    /// the earlier modules oldest first; empty when there is nothing this can settle.
    static func scopedImports(compilerOutput output: String, modules: [Module]) -> [String] {
        guard output.contains("ambiguous") else { return [] }
        let order = Dictionary(modules.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        var candidates: [String: Set<String>] = [:]
        for line in output.split(separator: "\n") where line.contains("note: found this candidate in module '") {
            guard let parts = qualifiedName(inCandidateNote: line), parts.count >= 2, order[String(parts[0])] != nil
            else { continue }
            candidates[String(parts[1]), default: []].insert(String(parts[0]))
        }
        var imports: [String] = []
        for (name, owners) in candidates.sorted(by: { $0.key < $1.key }) where owners.count > 1 {
            guard let newest = owners.max(by: { order[$0, default: -1] < order[$1, default: -1] }),
                let module = modules.first(where: { $0.name == newest }),
                let kind = declarationKind(of: name, in: module.source)
            else { continue }
            imports.append("\(kind) \(newest).\(name)")
        }
        return imports
    }

    /// The parts of the candidate's qualified name (`Cell3`, `x`) in a note as `swift-frontend`
    /// prints it (`Cell3.x:1:14: note: found this candidate in module 'Cell3'`, also
    /// `Cell3.P.init:…`) or as the resident compiler does (`notes.md:4:7: note: found this
    /// candidate in module 'Cell3' (Cell3.x)`).
    static func qualifiedName(inCandidateNote line: Substring) -> [Substring]? {
        if line.hasSuffix(")"), let open = line.range(of: "' (", options: .backwards) {
            return line[open.upperBound..<line.index(before: line.endIndex)].split(separator: ".")
        }
        guard let colon = line.firstIndex(of: ":") else { return nil }
        return line[..<colon].split(separator: ".")
    }

    /// The scoped-import kind of the declaration of `name` in `source` (`let` imports as `var`).
    static func declarationKind(of name: String, in source: String) -> String? {
        let kinds = ["struct", "class", "enum", "protocol", "typealias", "actor", "func", "let", "var"]
        for line in source.split(separator: "\n") {
            let words = line.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
            for (index, word) in words.enumerated().dropLast() where kinds.contains(String(word)) {
                if words[index + 1] == name { return word == "let" ? "var" : String(word) }
            }
        }
        return nil
    }
}
