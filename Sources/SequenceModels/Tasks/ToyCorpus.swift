import Tensors

/// A tiny generated English corpus for the language-model lessons (GPT-style next-token
/// prediction, BERT-style masked tokens) and a toy extractive QA set (SQuAD-style spans).
///
/// Everything is drawn from a small grammar with a seeded generator:
/// `the small cat sat on the red mat .`, `mary went to the kitchen .`
public enum ToyCorpus {
    static let names = ["mary", "john", "sandra", "daniel", "alice", "bob"]
    static let places = ["kitchen", "garden", "office", "bedroom", "hallway", "park"]
    static let animals = ["cat", "dog", "bird", "fox", "horse"]
    static let colors = ["red", "blue", "green", "yellow", "black"]
    static let objects = ["ball", "book", "apple", "box", "hat"]
    static let sizes = ["small", "big", "old", "young"]
    static let positions = ["on", "under", "near", "behind"]
    static let things = ["mat", "table", "tree", "chair", "bed"]

    /// One sentence of the grammar (5–9 tokens, ending with `.`).
    static func sentence(using rng: inout RandomGenerator) -> [String] {
        switch rng.int(in: 0...4) {
        case 0:
            return [
                "the", rng.pick(sizes), rng.pick(animals), "sat", rng.pick(positions), "the", rng.pick(colors),
                rng.pick(things), ".",
            ]
        case 1:
            return [rng.pick(names), "went", "to", "the", rng.pick(places), "."]
        case 2:
            return [rng.pick(names), "has", "a", rng.pick(colors), rng.pick(objects), "."]
        case 3:
            return ["the", rng.pick(animals), "is", rng.pick(positions), "the", rng.pick(things), "."]
        default:
            return [rng.pick(names), "picked", "up", "the", rng.pick(objects), "in", "the", rng.pick(places), "."]
        }
    }

    /// `count` sentences (duplicates possible, as in real text), deterministic under `seed`.
    public static func sentences(count: Int, seed: UInt64) -> [[String]] {
        var rng = RandomGenerator(seed: seed)
        return (0..<count).map { _ in sentence(using: &rng) }
    }

    /// Every word the grammar can produce (plus `?` and `'s` used by questions), sorted:
    /// build the LM vocabulary from it so ids do not depend on the sample.
    public static var words: [String] {
        Array(
            Set(
                names + places + animals + colors + objects + sizes + positions + things + [
                    "the", "sat", "went", "to", "has", "a", "is", "picked", "up", "in", ".", "?", "where",
                    "did", "go", "what", "color", "'s",
                ])
        ).sorted()
    }

    /// The vocabulary of `words` (specials first, see `Vocabulary`).
    public static var vocabulary: Vocabulary { Vocabulary(tokens: words) }
}

/// One extractive question-answering example: the answer is the span
/// `context[answerStart...answerEnd]` (inclusive), as in SQuAD.
public struct QAExample: Sendable, Equatable {
    /// The passage tokens.
    public var context: [String]
    /// The question tokens.
    public var question: [String]
    /// Index of the answer's first token in `context`.
    public var answerStart: Int
    /// Index of the answer's last token in `context` (inclusive).
    public var answerEnd: Int

    /// The answer tokens.
    public var answer: [String] { Array(context[answerStart...answerEnd]) }
}

extension ToyCorpus {
    /// `count` QA examples: a context of 2–4 facts about different people (`mary went to the
    /// kitchen . john has a red ball .`) and a question about one of them, `where did mary
    /// go ?` (answer `kitchen`) or `what color is john 's ball ?` (answer `red`).
    public static func questionAnswering(count: Int, seed: UInt64) -> [QAExample] {
        var rng = RandomGenerator(seed: seed)
        return (0..<count).map { _ in
            let people = names.shuffled(using: &rng).prefix(rng.int(in: 2...4))
            var context: [String] = []
            var facts: [(question: [String], answerIndex: Int)] = []
            for person in people {
                if rng.int(in: 0...1) == 0 {
                    context += [person, "went", "to", "the", rng.pick(places), "."]
                    facts.append((["where", "did", person, "go", "?"], context.count - 2))
                } else {
                    let object = rng.pick(objects)
                    context += [person, "has", "a", rng.pick(colors), object, "."]
                    facts.append((["what", "color", "is", person, "'s", object, "?"], context.count - 3))
                }
            }
            let fact = rng.pick(facts)
            return QAExample(
                context: context, question: fact.question, answerStart: fact.answerIndex, answerEnd: fact.answerIndex)
        }
    }
}
