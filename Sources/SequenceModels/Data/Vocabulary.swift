import Tensors

/// A token ↔ id table with the special tokens every sequence model here relies on.
///
/// Ids `0...4` are always `<pad>`, `<bos>`, `<eos>`, `<unk>`, `<mask>` (in that order), so
/// padding is id 0 everywhere (`crossEntropy(ignoreIndex: Vocabulary.pad)`), and the other
/// tokens follow in the order they were first given. Unknown tokens encode to `<unk>`.
///
/// ```swift
/// let vocab = Vocabulary(tokens: ["a", "b", "c"])
/// vocab.encode(["a", "z"], addEOS: true)   // [5, 3, 2]
/// vocab.decode([5, 3, 2])                  // ["a", "<unk>"] (stops at <eos>)
/// ```
public struct Vocabulary: Sendable, Equatable {
    /// Padding (id 0): ignored by losses and metrics.
    public static let pad = 0
    /// Beginning of sequence: the decoder's first input.
    public static let bos = 1
    /// End of sequence: the decoder's last target; decoding stops when it is produced.
    public static let eos = 2
    /// Unknown token: what tokens outside the table encode to.
    public static let unk = 3
    /// Mask token for masked language modelling (BERT).
    public static let mask = 4
    /// The spellings of the special tokens, by id.
    public static let specialTokens = ["<pad>", "<bos>", "<eos>", "<unk>", "<mask>"]

    /// Every token, by id (the specials first).
    public private(set) var tokens: [String]
    private var ids: [String: Int]

    /// A vocabulary of the special tokens followed by `tokens` (duplicates and specials are
    /// kept once, first occurrence wins).
    public init(tokens: some Sequence<String>) {
        self.tokens = Vocabulary.specialTokens
        ids = [:]
        for (i, t) in Vocabulary.specialTokens.enumerated() { ids[t] = i }
        for t in tokens where ids[t] == nil {
            ids[t] = self.tokens.count
            self.tokens.append(t)
        }
    }

    /// A vocabulary of every token occurring at least `minimumCount` times in `sentences`,
    /// most frequent first (ties broken alphabetically, so the table is deterministic).
    public init(sentences: [[String]], minimumCount: Int = 1) {
        var counts: [String: Int] = [:]
        for s in sentences { for t in s { counts[t, default: 0] += 1 } }
        let kept = counts.filter { $0.value >= minimumCount }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map(\.key)
        self.init(tokens: kept)
    }

    /// The number of tokens, specials included (the size of an embedding table or output layer).
    public var count: Int { tokens.count }

    /// The id of `token` (`Vocabulary.unk` when it is not in the table).
    public func id(of token: String) -> Int { ids[token] ?? Vocabulary.unk }

    /// Whether `token` has its own id.
    public func contains(_ token: String) -> Bool { ids[token] != nil }

    /// The spelling of `id` (`"<unk>"` for an id outside the table).
    public func token(_ id: Int) -> String {
        id >= 0 && id < tokens.count ? tokens[id] : Vocabulary.specialTokens[Vocabulary.unk]
    }

    /// The ids of `tokens`, optionally wrapped in `<bos>` … `<eos>`.
    public func encode(_ tokens: [String], addBOS: Bool = false, addEOS: Bool = false) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(tokens.count + 2)
        if addBOS { out.append(Vocabulary.bos) }
        for t in tokens { out.append(id(of: t)) }
        if addEOS { out.append(Vocabulary.eos) }
        return out
    }

    /// The tokens of `ids`. With `stopAtEOS` decoding ends at the first `<eos>`; with
    /// `skipSpecial` the `<pad>` and `<bos>` ids are dropped (`<unk>`/`<mask>` are kept).
    public func decode(_ ids: [Int], stopAtEOS: Bool = true, skipSpecial: Bool = true) -> [String] {
        var out: [String] = []
        for id in ids {
            if stopAtEOS && id == Vocabulary.eos { break }
            if skipSpecial && (id == Vocabulary.pad || id == Vocabulary.bos || id == Vocabulary.eos) { continue }
            out.append(token(id))
        }
        return out
    }
}
