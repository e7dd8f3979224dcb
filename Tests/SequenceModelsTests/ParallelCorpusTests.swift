import Foundation
import SequenceModels
import Testing

/// The TSV loader, and the English → French corpus embedded in SequenceModels.
@Suite struct ParallelCorpusTests {
    @Test func parsesHeaderAndPairsSkippingBlankLines() throws {
        let corpus = try ParallelCorpus(
            text: "english\tfrench\nthe dog\tle chien\n\nthe red cat\tle chat rouge\r\n",
            file: "pairs.tsv")
        #expect(corpus.languages.source == "english" && corpus.languages.target == "french")
        #expect(
            corpus.pairs == [
                SequenceExample(source: ["the", "dog"], target: ["le", "chien"]),
                SequenceExample(source: ["the", "red", "cat"], target: ["le", "chat", "rouge"]),
            ])
    }

    @Test func badFilesNameTheFileAndLine() {
        func problem(_ text: String) -> ParallelCorpusError? {
            do {
                _ = try ParallelCorpus(text: text, file: "pairs.tsv")
                return nil
            } catch { return error }
        }
        let missingColumn = problem("english\tfrench\nthe dog\tle chien\nthe cat\n")
        #expect(missingColumn?.line == 3)
        #expect(missingColumn?.description.hasPrefix("pairs.tsv:3: expected 2 tab-separated columns") == true)
        #expect(problem("english\tfrench\nthe dog\t \n")?.description == "pairs.tsv:2: the french sentence is empty")
        #expect(problem("the dog le chien\n")?.line == 1)
        #expect(problem("english\tfrench\n")?.description.contains("no sentence pairs") == true)
        #expect(problem("english\tfrench\na\tb\tc\n")?.description.contains("found 3") == true)
    }

    @Test func unreadableFileIsNamed() {
        #expect(throws: ParallelCorpusError.self) { try ParallelCorpus(contentsOf: "/nonexistent/en-fr.tsv") }
        do { _ = try ParallelCorpus(contentsOf: "/nonexistent/en-fr.tsv") } catch {
            #expect(error.description.hasPrefix("/nonexistent/en-fr.tsv: cannot be read"))
        }
    }

    @Test func embeddedCorpusIsTheCommittedFile() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(EnglishFrenchCorpus.fileName).path
        let committed = try ParallelCorpus(contentsOf: path)
        #expect(
            try String(contentsOfFile: path, encoding: .utf8) == EnglishFrenchCorpus.text,
            "rerun tools/data/make_en_fr.py: the embedded text differs from \(path)")
        let embedded = try EnglishFrenchCorpus.load()
        #expect(embedded.pairs == committed.pairs && embedded.pairs.count == 4000)
        #expect(embedded.languages.source == "english" && embedded.languages.target == "french")
    }

    @Test func frenchSideHasCrossingAlignmentsAndAgreement() throws {
        let pairs = try EnglishFrenchCorpus.load().pairs
        let joined = pairs.map { ($0.source.joined(separator: " "), $0.target.joined(separator: " ")) }
        // ne … pas around the verb for every English negation, and only then.
        #expect(joined.filter { $0.0.contains(" not ") }.allSatisfy { $0.1.contains(" pas ") })
        #expect(joined.contains { $0.0.contains(" not ") } && joined.contains { !$0.0.contains(" not ") })
        // Colour adjectives follow the noun in French; number agrees.
        #expect(joined.contains { $0.0.hasPrefix("the red cat ") && $0.1.hasPrefix("le chat rouge ") })
        #expect(joined.contains { $0.0.hasPrefix("the red cats ") && $0.1.hasPrefix("les chats rouges ") })
        let lengths = pairs.map(\.source.count)
        #expect(lengths.min() == 5 && lengths.max()! >= 24)
    }

    @Test func englishFrenchTaskHoldsOutSentencesWhoseWordsOccurInTraining() throws {
        let task = try SequenceTasks.englishFrench(seed: 1)
        #expect(task.train.count == 3400 && task.validation.count == 600)
        let trainSources = Set(task.train.map(\.source))
        #expect(task.validation.allSatisfy { !trainSources.contains($0.source) })
        let trainWords = Set(task.train.flatMap { $0.source + $0.target })
        #expect(task.validation.allSatisfy { Set($0.source + $0.target).isSubset(of: trainWords) })
        #expect(try SequenceTasks.englishFrench(count: 500, seed: 1).train.count == 425)
    }
}
