#!/usr/bin/env python3
"""Generates the English -> French corpus the lessons train on (assets/data/en-fr.tsv).

Every pair is realised by pyrealb (https://github.com/lapalme/pyrealb, Apache-2.0) from one
sentence plan built twice, once with the English and once with the French lexicon, so the two
sides always mean the same thing and agree in tense, number and gender:

    subject [relative clause] [negation] verb object [relative clause] [prepositional phrases]

Sentence length is controlled by how many adjectives (0..--max-adjectives per noun phrase),
prepositional phrases (0..--max-pps) and relative clauses (0..--max-relatives) a plan gets;
they are drawn uniformly, so short and long sentences are equally common. The French side has
what makes alignment interesting: adjectives after the noun (rouge, bleu, heureux) next to
adjectives before it (grand, vieux), `ne ... pas` around the verb, elision (l', n'), passé
composé for the English simple past, gender and number agreement on articles and adjectives.

Output: a header line `english<TAB>french`, then one pair a line, lower-cased, tokens separated by
single spaces (apostrophes stay on the elided word: `n' a pas vu`), no final full stop.
The same text is written as a Swift string literal into the SequenceModels module
(Sources/SequenceModels/Tasks/EnglishFrenchText.swift) so lessons need no Python and no data path
at run time; a test checks that the two copies are identical.

    python3 tools/data/make_en_fr.py            # rewrites both files (deterministic: --seed)
"""
import argparse
import random
import re
from pathlib import Path

import pyrealb
from pyrealb import NP, PP, SP, VP, A, D, N, P, Pro, S, V, loadEn, loadFr

# (English, French) lexicon. Subjects are animate; objects may be anything; places follow a preposition.
ANIMATES = [("dog", "chien"), ("cat", "chat"), ("man", "homme"), ("woman", "femme"),
            ("child", "enfant"), ("teacher", "professeur"), ("friend", "ami"), ("doctor", "médecin"),
            ("girl", "fille"), ("boy", "garçon"), ("student", "étudiant"), ("horse", "cheval"),
            ("bird", "oiseau"), ("neighbour", "voisin")]
THINGS = [("book", "livre"), ("letter", "lettre"), ("key", "clé"), ("flower", "fleur"),
          ("car", "voiture"), ("box", "boîte"), ("window", "fenêtre"), ("apple", "pomme"),
          ("table", "table"), ("picture", "tableau")]
PLACES = [("garden", "jardin"), ("house", "maison"), ("park", "parc"), ("river", "rivière"),
          ("street", "rue"), ("school", "école"), ("kitchen", "cuisine"), ("forest", "forêt")]
PREPOSITIONS = [("in", "dans"), ("on", "sur"), ("under", "sous"), ("behind", "derrière")]
VERBS = [("see", "voir"), ("like", "aimer"), ("find", "trouver"), ("follow", "suivre"),
         ("help", "aider"), ("watch", "regarder"), ("take", "prendre"), ("carry", "porter"),
         ("draw", "dessiner"), ("hear", "entendre"), ("call", "appeler"), ("paint", "peindre")]
# French places grand/petit/vieux/jeune/nouveau/beau before the noun, the others after it.
ADJECTIVES = [("big", "grand"), ("small", "petit"), ("old", "vieux"), ("young", "jeune"),
              ("new", "nouveau"), ("beautiful", "beau"), ("red", "rouge"), ("blue", "bleu"),
              ("green", "vert"), ("black", "noir"), ("white", "blanc"), ("happy", "heureux"),
              ("fast", "rapide"), ("heavy", "lourd"), ("famous", "célèbre")]
# English present / simple past / future and their French renderings.
TENSES = [("p", "p"), ("ps", "pc"), ("f", "f")]


def plan(rng, args):
    """One sentence plan: plain data both languages are realised from."""
    def noun_phrase(nouns, adjectives):
        return {"noun": rng.randrange(len(nouns)), "nouns": nouns, "plural": rng.random() < 0.4,
                "adjectives": rng.sample(range(len(ADJECTIVES)), adjectives), "relative": None}

    adjective_slots = [rng.randint(0, args.max_adjectives) for _ in range(3)]
    subject = noun_phrase(ANIMATES, adjective_slots[0])
    obj = noun_phrase(ANIMATES + THINGS, adjective_slots[1])
    relatives = rng.randint(0, args.max_relatives)
    for _ in range(relatives):
        host = rng.choice([subject, obj])
        if host["relative"] is None:
            host["relative"] = {"verb": rng.randrange(len(VERBS)),
                                "object": noun_phrase(ANIMATES + THINGS, adjective_slots[2])}
    pps = [{"preposition": rng.randrange(len(PREPOSITIONS)),
            "place": noun_phrase(PLACES, rng.randint(0, min(1, args.max_adjectives)))}
           for _ in range(rng.randint(0, args.max_pps))]
    return {"subject": subject, "object": obj, "verb": rng.randrange(len(VERBS)), "pps": pps,
            "tense": rng.randrange(len(TENSES)), "negated": rng.random() < args.negation}


def realise(sentence, side):
    """The sentence in language `side` (0: English, 1: French) as a pyrealb string."""
    (loadEn if side == 0 else loadFr)()
    tense = TENSES[sentence["tense"]][side]
    determiner = "the" if side == 0 else "le"

    def noun_phrase(phrase):
        parts = [D(determiner), N(phrase["nouns"][phrase["noun"]][side])]
        parts += [A(ADJECTIVES[a][side]) for a in phrase["adjectives"]]
        if phrase["relative"] is not None:
            relative = phrase["relative"]
            pronoun = Pro("that" if side == 0 else "qui")
            parts.append(SP(pronoun, VP(V(VERBS[relative["verb"]][side]).t(tense),
                                        noun_phrase(relative["object"]))))
        np = NP(*parts)
        return np.n("p") if phrase["plural"] else np

    verb_phrase = VP(V(VERBS[sentence["verb"]][side]), noun_phrase(sentence["object"]),
                     *[PP(P(PREPOSITIONS[pp["preposition"]][side]), noun_phrase(pp["place"]))
                       for pp in sentence["pps"]])
    clause = S(noun_phrase(sentence["subject"]), verb_phrase).t(tense)
    if sentence["negated"]:
        clause = clause.typ({"neg": True})
    return clause.realize()


def tokens(text):
    """Lower-cased tokens; an elided word keeps its apostrophe (`l'`, `n'`); no final stop."""
    text = text.strip().lower().replace("’", "'")
    text = re.sub(r"[.!?]+$", "", text)
    return re.findall(r"[^\s']+'|[^\s']+", text)


SWIFT_TEMPLATE = '''// swift-format-ignore-file
// Generated by tools/data/make_en_fr.py from pyrealb {version}: do not edit. The same text is
// assets/data/en-fr.tsv (a test checks they are identical); see assets/data/README.md.

extension EnglishFrenchCorpus {{
    /// The corpus's TSV text, compiled into the module so that a notebook binary needs no data file
    /// (a multi-line literal drops the line break before its closing quotes: the blank line keeps
    /// the file's final newline).
    public static let text = #"""
{text}
"""#
}}
'''


def main():
    root = Path(__file__).resolve().parents[2]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=4000, help="distinct pairs to write")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--max-adjectives", type=int, default=2, help="per noun phrase")
    parser.add_argument("--max-pps", type=int, default=2, help="prepositional phrases per sentence")
    parser.add_argument("--max-relatives", type=int, default=1, help="relative clauses per sentence")
    parser.add_argument("--negation", type=float, default=0.3, help="fraction of negated sentences")
    parser.add_argument("--tsv", type=Path, default=root / "assets/data/en-fr.tsv")
    parser.add_argument("--swift", type=Path,
                        default=root / "Sources/SequenceModels/Tasks/EnglishFrenchText.swift")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    seen, lines = set(), ["english\tfrench"]
    while len(lines) - 1 < args.count:
        sentence = plan(rng, args)
        english, french = (" ".join(tokens(realise(sentence, side))) for side in (0, 1))
        if english in seen or "[[" in english + french:  # pyrealb marks unknown words [[...]]
            continue
        seen.add(english)
        lines.append(f"{english}\t{french}")
    text = "\n".join(lines) + "\n"
    args.tsv.parent.mkdir(parents=True, exist_ok=True)
    args.tsv.write_text(text, encoding="utf-8")
    version = getattr(pyrealb, "__version__", None) or "3.3.1"
    args.swift.write_text(SWIFT_TEMPLATE.format(version=version, text=text), encoding="utf-8")
    print(f"{args.count} pairs -> {args.tsv} and {args.swift}")


if __name__ == "__main__":
    main()
