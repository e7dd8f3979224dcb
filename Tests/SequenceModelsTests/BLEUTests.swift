import SequenceModels
import Testing

@Suite struct BLEUTests {
    @Test(arguments: bleuReferenceCases.indices)
    func matchesSacreBLEU(_ index: Int) {
        let c = bleuReferenceCases[index]
        let bleu = corpusBLEU(hypotheses: c.hypotheses, references: c.references)
        #expect(abs(bleu.score - c.score) < 1e-9, "\(c.name): \(bleu.score) vs \(c.score)")
        #expect(bleu.matches == c.matches, "\(c.name)")
        #expect(bleu.totals == c.totals, "\(c.name)")
        #expect(abs(bleu.brevityPenalty - c.brevityPenalty) < 1e-12, "\(c.name)")
    }

    @Test func identicalCorpusScoresOne() {
        let s = [["a", "b", "c", "d", "e"], ["f", "g", "h", "i"]]
        let bleu = corpusBLEU(hypotheses: s, references: s)
        #expect(bleu.score == 1)
        #expect(bleu.brevityPenalty == 1)
    }

    @Test func missingFourGramsGiveZeroWithoutSmoothing() {
        // Unigrams match but no 4-gram does: p4 = 0, so BLEU is 0.
        let bleu = corpusBLEU(hypotheses: [["d", "c", "b", "a"]], references: [["a", "b", "c", "d"]])
        #expect(bleu.precisions[0] == 1)
        #expect(bleu.precisions[3] == 0)
        #expect(bleu.score == 0)
    }

    @Test func hypothesisLongerThanClosestReferenceHasNoPenalty() {
        // Closest reference length: |4−3| = |4−5|, the tie goes to the shorter (3) → r = 3 < c = 4.
        let bleu = corpusBLEU(
            hypotheses: [["a", "b", "c", "d"]],
            references: [[["a", "b", "c"], ["a", "b", "c", "d", "e"]]], maxOrder: 2)
        #expect(bleu.referenceLength == 3)
        #expect(bleu.brevityPenalty == 1)
        // p1 = 4/4 (d matches the second reference), p2 = 3/3 → BLEU-2 = 1.
        #expect(abs(bleu.score - 1) < 1e-12)
    }
}
