import SequenceModels
import Tensors
import Testing

@Suite struct TasksTests {
    @Test func vocabularyHasSpecialsFirst() {
        let v = Vocabulary(tokens: ["x", "y", "x"])
        #expect(v.count == 7)
        #expect(v.tokens.prefix(5) == ["<pad>", "<bos>", "<eos>", "<unk>", "<mask>"])
        #expect(
            v.encode(["y", "zz"], addBOS: true, addEOS: true) == [Vocabulary.bos, 6, Vocabulary.unk, Vocabulary.eos])
        #expect(v.decode([Vocabulary.bos, 5, 6, Vocabulary.eos, 5]) == ["x", "y"])
    }

    @Test func reverseTaskIsSeededAndCorrect() {
        let a = SequenceTasks.reverse(count: 200, lengths: 8...8, symbols: 10, seed: 7)
        let b = SequenceTasks.reverse(count: 200, lengths: 8...8, symbols: 10, seed: 7)
        let c = SequenceTasks.reverse(count: 200, lengths: 8...8, symbols: 10, seed: 8)
        #expect(a.train == b.train && a.validation == b.validation)
        #expect(a.train != c.train)
        #expect(a.train.count == 180 && a.validation.count == 20)
        #expect(a.train.allSatisfy { $0.target == $0.source.reversed() && $0.source.count == 8 })
        let trainSources = Set(a.train.map(\.source))
        #expect(a.validation.allSatisfy { !trainSources.contains($0.source) })
        #expect(a.sourceVocabulary.count == 15)
    }

    @Test func sortAndCopyTasks() {
        let s = SequenceTasks.sort(count: 50, lengths: 3...6, seed: 1)
        #expect(s.train.allSatisfy { $0.target == $0.source.sorted() })
        #expect(Set(s.train.map(\.source.count)).isSubset(of: Set(3...6)))
        let c = SequenceTasks.copy(count: 50, lengths: 3...6, seed: 1)
        #expect(c.train.allSatisfy { $0.target == $0.source })
    }

    @Test func batchesPadAndShift() {
        let ex = [
            SequenceExample(source: ["a", "b", "c"], target: ["c", "b", "a"]),
            SequenceExample(source: ["a"], target: ["a"]),
        ]
        let v = Vocabulary(tokens: ["a", "b", "c"])
        let batch = SequenceBatch(ex, sourceVocabulary: v, targetVocabulary: v)
        #expect(batch.sourceLength == 3 && batch.targetLength == 4)
        #expect(batch.sourceIDs == [5, 6, 7, 5, 0, 0])
        #expect(batch.decoderInputIDs == [1, 7, 6, 5, 1, 5, 0, 0])
        #expect(batch.targetIDs == [7, 6, 5, 2, 5, 2, 0, 0])
        #expect(batch.targetLengths == [4, 2])
        #expect(batch.sourcePaddingMask.scalars == [0, 0, 0, 0, 1, 1])
        #expect(batch.targetRows == [[7, 6, 5, 2], [5, 2]])
    }

    @Test func shuffledBatchesAreDeterministicAndCoverEverything() {
        let d = SequenceTasks.copy(count: 100, lengths: 2...5, seed: 3)
        let b1 = d.trainingBatches(size: 16, shuffleSeed: 11)
        let b2 = d.trainingBatches(size: 16, shuffleSeed: 11)
        #expect(b1.map(\.sourceIDs) == b2.map(\.sourceIDs))
        #expect(b1.map(\.batchSize).reduce(0, +) == d.train.count)
        #expect(b1.last?.batchSize == d.train.count % 16)
    }

    @Test func datesNormaliseToISO() {
        let d = SequenceTasks.dates(count: 300, seed: 5)
        for e in d.train + d.validation {
            let iso = e.target.joined()
            #expect(iso.count == 10)
            let parts = iso.split(separator: "-").compactMap { Int($0) }
            #expect(parts.count == 3 && (1950...2049).contains(parts[0]) && (1...12).contains(parts[1]))
        }
        // The formats named in the lesson.
        let date = CalendarDate(year: 2021, month: 3, day: 3)
        #expect(date.weekday == 2)  // Wednesday
        #expect(date.humanFormats.contains("3 March 2021"))
        #expect(date.humanFormats.contains("03/03/21"))
        #expect(date.humanFormats.contains("March 3rd, 2021"))
        #expect(date.humanFormats.contains("Wed, Mar 3 2021"))
        #expect(CalendarDate(year: 2000, month: 2, day: 29).iso == "2000-02-29")
        #expect(CalendarDate(year: 1970, month: 1, day: 1).weekday == 3)  // Thursday
    }

    @Test func translationReordersWords() {
        let source = "the big red dog sees the cat and the bird eats the small fish".split(separator: " ").map(
            String.init)
        let result = ToyTranslation.translate(source)
        #expect(
            result?.target.joined(separator: " ")
                == "INU AKA OOKI ga NEKO o MIRU to TORI ga SAKANA CHIISA o TABERU")
        #expect(result?.alignment == [3, 2, 1, 3, 6, 6, 4, 7, 9, 9, 13, 12, 13, 10])
        #expect(ToyTranslation.translate(["the", "dog", "sees"]) == nil)
        let d = SequenceTasks.translation(count: 400, seed: 2)
        let lengths = Set(d.train.map(\.source.count))
        #expect(lengths.min()! <= 6 && lengths.max()! >= 20)
        #expect(d.train.allSatisfy { ToyTranslation.translate($0.source)?.target == $0.target })
    }

    @Test func bitCopyLayout() {
        var rng = RandomGenerator(seed: 1)
        let b = BitCopyBatch(batchSize: 2, length: 3, width: 4, using: &rng)
        #expect(b.inputs.shape == [2, 7, 5] && b.targets.shape == [2, 3, 4])
        for t in 0..<3 {
            for k in 0..<4 { #expect(b.inputs.element(at: [1, t, k]) == b.targets.element(at: [1, t, k])) }
        }
        #expect(b.inputs.element(at: [0, 3, 4]) == 1)
        #expect((4..<7).allSatisfy { t in (0..<5).allSatisfy { b.inputs.element(at: [0, t, $0]) == 0 } })
    }

    @Test func toyCorpusAndQA() {
        let s = ToyCorpus.sentences(count: 300, seed: 4)
        #expect(s == ToyCorpus.sentences(count: 300, seed: 4))
        let v = ToyCorpus.vocabulary
        #expect(s.allSatisfy { $0.last == "." && $0.allSatisfy(v.contains) })
        let qa = ToyCorpus.questionAnswering(count: 50, seed: 4)
        for q in qa {
            #expect(q.question.last == "?")
            let subject = q.question.first == "where" ? q.question[2] : q.question[3]
            // The answer lies in the sentence about the person asked about.
            let sentenceStart = q.context[..<q.answerStart].lastIndex(of: ".").map { $0 + 1 } ?? 0
            #expect(q.context[sentenceStart] == subject)
            #expect(q.question.allSatisfy(v.contains) && q.context.allSatisfy(v.contains))
        }
    }
}
