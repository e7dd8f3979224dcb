extension SequenceTasks {
    /// Is this English sentence negated? A two-class task on the English side of the pyrealb
    /// corpus (`EnglishFrenchCorpus`): class 1 ("negated") when the sentence contains the token
    /// "not" anywhere (main or relative clause), class 0 ("affirmative") otherwise. About 30 %
    /// of the sentences are negated. One word decides the label, and the words around it
    /// ("does", "did", "will") give hints: a task where we know which tokens matter.
    public static func englishNegation(
        count: Int? = nil, validationFraction: Double = 0.15, seed: UInt64
    ) throws(ParallelCorpusError) -> ClassificationDataset {
        let sentences = try EnglishFrenchCorpus.load().pairs.map(\.source)
        let examples = sentences.prefix(count ?? sentences.count).map {
            ClassificationExample(tokens: $0, label: $0.contains("not") ? 1 : 0)
        }
        return ClassificationDataset(
            name: "en-negation", classes: ["affirmative", "negated"],
            examples: Array(examples), validationFraction: validationFraction, seed: seed)
    }
}
