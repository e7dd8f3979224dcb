/// The TeX commands the math converter knows, by kind.
enum TeXSymbols {
    /// Greek letters (identifiers; capitals upright).
    static let greek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ",
        "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
        "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ",
        "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ",
        "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ",
        "Psi": "Ψ", "Omega": "Ω",
    ]

    /// Symbols that are identifiers (ordinary).
    static let identifiers: [String: String] = [
        "infty": "∞", "partial": "∂", "nabla": "∇", "top": "⊤", "bot": "⊥", "ell": "ℓ", "emptyset": "∅",
        "varnothing": "∅", "hbar": "ℏ", "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ", "prime": "′", "dagger": "†",
        "checkmark": "✓", "%": "%", "#": "#", "$": "$", "&": "&", "_": "_",
    ]

    /// Symbols that are operators, relations or punctuation.
    static let operators: [String: String] = [
        "cdot": "⋅", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "ast": "∗", "star": "⋆", "circ": "∘",
        "bullet": "∙", "odot": "⊙", "oplus": "⊕", "otimes": "⊗", "ominus": "⊖", "le": "≤", "leq": "≤", "ge": "≥",
        "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈", "sim": "∼", "simeq": "≃", "cong": "≅", "equiv": "≡",
        "propto": "∝", "ll": "≪", "gg": "≫", "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "supset": "⊃",
        "subseteq": "⊆", "supseteq": "⊇", "cup": "∪", "cap": "∩", "setminus": "∖", "wedge": "∧", "land": "∧",
        "vee": "∨", "lor": "∨", "neg": "¬", "lnot": "¬", "forall": "∀", "exists": "∃", "to": "→",
        "rightarrow": "→", "leftarrow": "←", "gets": "←", "leftrightarrow": "↔", "Rightarrow": "⇒",
        "Leftarrow": "⇐", "Leftrightarrow": "⇔", "implies": "⟹", "iff": "⟺", "mapsto": "↦",
        "longrightarrow": "⟶", "longmapsto": "⟼", "uparrow": "↑", "downarrow": "↓", "ldots": "…",
        "dots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱", "mid": "∣", "parallel": "∥", "perp": "⊥",
        "colon": ":", "langle": "⟨", "rangle": "⟩", "lVert": "‖", "rVert": "‖", "|": "‖", "lvert": "|",
        "rvert": "|", "vert": "|", "Vert": "‖", "{": "{", "}": "}", "lbrace": "{", "rbrace": "}", "lfloor": "⌊",
        "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "lbrack": "[", "rbrack": "]", "backslash": "∖",
        "triangleq": "≜", "coloneqq": "≔", "preceq": "⪯", "succeq": "⪰", "prec": "≺", "succ": "≻",
        "models": "⊨", "vdash": "⊢", "sqcup": "⊔", "uplus": "⊎",
    ]

    /// Large operators: limits go above and below in display math.
    static let largeOperators: [String: String] = [
        "sum": "∑", "prod": "∏", "coprod": "∐", "bigcup": "⋃", "bigcap": "⋂", "bigoplus": "⨁",
        "bigotimes": "⨂", "bigvee": "⋁", "bigwedge": "⋀",
    ]

    /// Integrals: limits stay at the side.
    static let integrals: [String: String] = ["int": "∫", "iint": "∬", "iiint": "∭", "oint": "∮"]

    /// Named functions, set upright; the second value says whether limits go below (`\max_x`).
    static let functions: [String: Bool] = [
        "sin": false, "cos": false, "tan": false, "cot": false, "sec": false, "csc": false, "arcsin": false,
        "arccos": false, "arctan": false, "sinh": false, "cosh": false, "tanh": false, "exp": false, "log": false,
        "ln": false, "lg": false, "det": true, "dim": false, "ker": false, "deg": false, "gcd": true, "hom": false,
        "arg": false, "lim": true, "liminf": true, "limsup": true, "max": true, "min": true, "sup": true,
        "inf": true, "Pr": true, "argmax": true, "argmin": true, "softmax": false, "sgn": false, "tr": false,
        "rank": false, "diag": false,
    ]

    /// Accents: the mark, and whether it stretches over its base.
    static let accents: [String: (mark: String, stretchy: Bool)] = [
        "hat": ("^", false), "widehat": ("^", true), "tilde": ("~", false), "widetilde": ("~", true),
        "bar": ("‾", false), "overline": ("‾", true), "vec": ("→", false), "overrightarrow": ("→", true),
        "overleftarrow": ("←", true), "dot": ("˙", false), "ddot": ("¨", false), "check": ("ˇ", false),
        "breve": ("˘", false), "acute": ("´", false), "grave": ("`", false), "mathring": ("˚", false),
    ]

    /// Spacing commands, in em.
    static let spaces: [String: Double] = [
        ",": 0.167, ":": 0.222, ">": 0.222, ";": 0.278, " ": 0.333, "quad": 1, "qquad": 2, "enspace": 0.5,
        "thinspace": 0.167, "medspace": 0.222, "thickspace": 0.278, "!": 0,
    ]

    /// Commands that change nothing we draw.
    static let ignored: Set<String> = [
        "displaystyle", "textstyle", "scriptstyle", "limits", "nolimits", "left.", "right.", "nonumber",
        "notag", "label", "mathstrut", "strut", "not",
    ]

    /// Delimiter sizes: `\big(` … `\Bigg)`, in em.
    static let bigSizes: [String: Double] = [
        "big": 1.2, "bigl": 1.2, "bigr": 1.2, "bigm": 1.2, "Big": 1.6, "Bigl": 1.6, "Bigr": 1.6, "Bigm": 1.6,
        "bigg": 2.1, "biggl": 2.1, "biggr": 2.1, "Bigg": 2.6, "Biggl": 2.6, "Biggr": 2.6,
    ]
}
