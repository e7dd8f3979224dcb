/// The English → French corpus of the lessons: 4000 sentence pairs realised by pyrealb from
/// shared sentence plans (tools/data/make_en_fr.py; provenance and licence in
/// assets/data/README.md). Source lengths run from 5 to 26 tokens; the French side reorders
/// (post-nominal adjectives), splits (`ne … pas`), elides (`l'`, `n'`) and agrees in gender,
/// number and tense:
///
///     the small bird that carries the student does not watch the doctors in the streets
///     le petit oiseau qui porte l' étudiant ne regarde pas les médecins dans les rues
///
/// The text is compiled into this module (`text`), so a notebook needs neither Python
/// nor a data file at run time.
public enum EnglishFrenchCorpus {
    /// The name the embedded text is reported under in errors.
    public static let fileName = "assets/data/en-fr.tsv"

    /// The embedded corpus, parsed.
    public static func load() throws(ParallelCorpusError) -> ParallelCorpus {
        try ParallelCorpus(text: text, file: fileName)
    }
}

extension SequenceTasks {
    /// English → French translation on the embedded pyrealb corpus (`EnglishFrenchCorpus`):
    /// the first `count` pairs (all when nil), of which `validationFraction` are held out,
    /// chosen by `seed`. Vocabularies come from every pair, so held-out sentences have no unknown
    /// words (every word also occurs in training).
    public static func englishFrench(
        count: Int? = nil, validationFraction: Double = 0.15, seed: UInt64
    ) throws(ParallelCorpusError) -> SequenceDataset {
        let pairs = try EnglishFrenchCorpus.load().pairs
        return SequenceDataset(
            name: "en-fr", examples: Array(pairs.prefix(count ?? pairs.count)),
            validationFraction: validationFraction, seed: seed)
    }
}
