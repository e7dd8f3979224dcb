/// The one way numbers are written for people, in the runtime (cell values, tables) and in the
/// report (progress metrics, chart labels, tooltips): the shortest form that reads well.
///
/// - Whole numbers as integers (`3`, `2000000`); a value shown as a cell's result keeps a `.0`
///   (`3.0`) so it still reads as floating point.
/// - Others rounded to `significantDigits` (4 by default) and written without trailing zeros:
///   `0.1 + 0.2` is `0.3`, `2.0 / 3` is `0.6667`, `123456.7` is `123457`.
/// - Exponent form only for very small or very large magnitudes: `1.907e-06`, `1.5e+20`.
/// - Never `-0`: a value that rounds to zero is `0`. Not finite: `nan`, `inf`, `-inf`.
public enum ReadableNumber {
    /// Where a number is shown.
    public enum Style: Sendable {
        /// A table cell, a label, a metric: `3`.
        case compact
        /// A cell's value (`Out[n]`): `3.0`.
        case value
    }

    /// `value` written for people (see ``ReadableNumber``).
    public static func format(_ value: Double, significantDigits: Int = 4, style: Style = .compact) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        if value == 0 { return style == .value ? "0.0" : "0" }
        let magnitude = value.magnitude
        let sign = value < 0 ? "-" : ""
        if value == value.rounded(), magnitude < 1e15 {
            return sign + String(Int(magnitude)) + (style == .value ? ".0" : "")
        }
        let digits = min(max(significantDigits, 1), 15)
        var exponent = decimalExponent(of: magnitude)
        var mantissa = (magnitude / power10(exponent - digits + 1)).rounded()
        if mantissa >= power10(digits) {
            mantissa = (mantissa / 10).rounded()
            exponent += 1
        }
        // Subnormal magnitudes (below 1e-308) have no power of ten to scale by: Swift's own form.
        guard mantissa.isFinite, mantissa < 1e16 else { return sign + String(describing: magnitude) }
        guard mantissa > 0 else { return style == .value ? "0.0" : "0" }
        if exponent < -4 || exponent >= 15 {
            var text = String(Int(mantissa))
            while text.count > 1, text.last == "0" { text.removeLast() }
            let body = text.count > 1 ? text.prefix(1) + "." + text.dropFirst() : text
            let power = String(abs(exponent))
            return sign + body + "e" + (exponent < 0 ? "-" : "+") + (power.count < 2 ? "0" + power : power)
        }
        if exponent >= digits - 1 {
            // As many integer digits as the number has: rounding them away would misread.
            let whole = magnitude.rounded()
            return sign + String(Int(whole)) + (style == .value ? ".0" : "")
        }
        var text = String(Int(mantissa))
        // `text` holds `digits` digits; the decimal point goes after `exponent + 1` of them.
        if exponent < 0 {
            text = String(repeating: "0", count: -exponent) + text
            text.insert(".", at: text.index(after: text.startIndex))
        } else {
            text.insert(".", at: text.index(text.startIndex, offsetBy: exponent + 1))
        }
        while text.last == "0" { text.removeLast() }
        if text.last == "." { text.removeLast() }
        if text == "0" { return style == .value ? "0.0" : "0" }
        return sign + text
    }

    /// `value` written for people (see ``format(_:significantDigits:style:)``).
    public static func format(_ value: Float, significantDigits: Int = 4, style: Style = .compact) -> String {
        format(Double(value), significantDigits: significantDigits, style: style)
    }

    /// ⌊log10(magnitude)⌋, exact at powers of ten.
    private static func decimalExponent(of magnitude: Double) -> Int {
        var exponent = Int((Double(magnitude.exponent) * 0.301_029_995_663_981_2).rounded(.down))
        while power10(exponent) > magnitude { exponent -= 1 }
        while power10(exponent + 1) <= magnitude { exponent += 1 }
        return exponent
    }

    /// 10^exponent, correctly rounded (parsed, not multiplied up).
    private static func power10(_ exponent: Int) -> Double {
        Double("1e\(exponent)") ?? .nan
    }
}
