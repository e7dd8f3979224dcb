import Tensors

/// A tiny synthetic language pair whose word order differs, so attention must learn
/// alignments that are not diagonal.
///
/// Source (English-like, SVO, adjectives before the noun):
/// `the big red dog sees the cat and the bird eats the small fish`
///
/// Target (SOV, adjectives after the noun in reverse order, case particles, no articles):
/// `INU AKA OOKI ga NEKO o MIRU to TORI ga SAKANA CHIISA o TABERU`
///
/// Each clause `the A₁ A₂ N₁ V the N₂` becomes `N₁' A₂' A₁' ga N₂' o V'`; clauses are joined by
/// `and` → `to`, in the same order.
public enum ToyTranslation {
    /// Nouns and their translations.
    public static let nouns: [(String, String)] = [
        ("dog", "INU"), ("cat", "NEKO"), ("bird", "TORI"), ("fish", "SAKANA"), ("man", "OTOKO"),
        ("woman", "ONNA"), ("child", "KODOMO"), ("teacher", "SENSEI"), ("horse", "UMA"),
        ("apple", "RINGO"), ("book", "HON"), ("car", "KURUMA"),
    ]
    /// Adjectives and their translations.
    public static let adjectives: [(String, String)] = [
        ("big", "OOKI"), ("small", "CHIISA"), ("red", "AKA"), ("blue", "AO"), ("old", "FURU"),
        ("new", "ATARASHI"), ("happy", "URESHI"), ("quick", "HAYA"),
    ]
    /// Verbs and their translations.
    public static let verbs: [(String, String)] = [
        ("sees", "MIRU"), ("eats", "TABERU"), ("likes", "SUKU"), ("follows", "OU"),
        ("finds", "MITSUKERU"), ("helps", "TASUKERU"), ("reads", "YOMU"), ("buys", "KAU"),
    ]

    static let lexicon: [String: String] = {
        var table: [String: String] = [:]
        for (s, t) in nouns + adjectives + verbs { table[s] = t }
        return table
    }()

    /// Translates a grammatical source sentence, also returning for each target token the
    /// index of the source token it translates (the particles `ga`/`o` point at their noun,
    /// `to` at `and`). Returns nil for a sentence outside the grammar.
    public static func translate(_ source: [String]) -> (target: [String], alignment: [Int])? {
        var target: [String] = []
        var alignment: [Int] = []
        var i = 0
        func nounPhrase() -> (noun: Int, adjectives: [Int])? {
            guard i < source.count, source[i] == "the" else { return nil }
            i += 1
            var adjs: [Int] = []
            while i < source.count, adjectives.contains(where: { $0.0 == source[i] }) {
                adjs.append(i)
                i += 1
            }
            guard i < source.count, nouns.contains(where: { $0.0 == source[i] }) else { return nil }
            i += 1
            return (i - 1, adjs)
        }
        func emit(_ phrase: (noun: Int, adjectives: [Int]), particle: String) {
            target.append(lexicon[source[phrase.noun]]!)
            alignment.append(phrase.noun)
            for a in phrase.adjectives.reversed() {
                target.append(lexicon[source[a]]!)
                alignment.append(a)
            }
            target.append(particle)
            alignment.append(phrase.noun)
        }
        while true {
            guard let subject = nounPhrase(), i < source.count,
                verbs.contains(where: { $0.0 == source[i] })
            else { return nil }
            let verb = i
            i += 1
            guard let object = nounPhrase() else { return nil }
            emit(subject, particle: "ga")
            emit(object, particle: "o")
            target.append(lexicon[source[verb]]!)
            alignment.append(verb)
            if i == source.count { return (target, alignment) }
            guard source[i] == "and" else { return nil }
            target.append("to")
            alignment.append(i)
            i += 1
        }
    }

    /// A random grammatical source sentence of `clauses` clauses with 0…`maxAdjectives`
    /// adjectives per noun phrase.
    static func sentence(clauses: Int, maxAdjectives: Int, using rng: inout RandomGenerator) -> [String] {
        var words: [String] = []
        func phrase() {
            words.append("the")
            let n = rng.int(in: 0...maxAdjectives)
            var used = Set<String>()
            while used.count < n {
                let a = rng.pick(adjectives).0
                if used.insert(a).inserted { words.append(a) }
            }
            words.append(rng.pick(nouns).0)
        }
        for c in 0..<clauses {
            if c > 0 { words.append("and") }
            phrase()
            words.append(rng.pick(verbs).0)
            phrase()
        }
        return words
    }
}

extension SequenceTasks {
    /// The synthetic translation task (see `ToyTranslation`): `count` distinct sentences with
    /// 1…`maxClauses` clauses (source lengths 5…10 per clause), so short and long sentences
    /// both occur and `LengthBuckets` can compare models by length.
    public static func translation(
        count: Int, clauses: ClosedRange<Int> = 1...3, maxAdjectives: Int = 2,
        validationFraction: Double = 0.1, seed: UInt64
    ) -> SequenceDataset {
        var rng = RandomGenerator(seed: seed)
        var seen = Set<[String]>()
        var examples: [SequenceExample] = []
        var attempts = 0
        while examples.count < count && attempts < count * 20 {
            attempts += 1
            let source = ToyTranslation.sentence(
                clauses: rng.int(in: clauses), maxAdjectives: maxAdjectives, using: &rng)
            if seen.insert(source).inserted, let (target, _) = ToyTranslation.translate(source) {
                examples.append(SequenceExample(source: source, target: target))
            }
        }
        let sourceTokens =
            ["the", "and"] + (ToyTranslation.nouns + ToyTranslation.adjectives + ToyTranslation.verbs).map(\.0)
        let targetTokens =
            ["ga", "o", "to"] + (ToyTranslation.nouns + ToyTranslation.adjectives + ToyTranslation.verbs).map(\.1)
        return SequenceDataset(
            name: "toy-translation", examples: examples, validationFraction: validationFraction,
            seed: seed &+ 1, sourceTokens: sourceTokens, targetTokens: targetTokens)
    }
}
