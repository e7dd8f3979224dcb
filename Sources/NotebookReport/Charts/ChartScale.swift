import Foundation

/// Axis ticks at "nice" numbers (1, 2, 5 × 10ⁿ), and their labels.
struct ChartScale: Equatable {
    /// The axis range, widened to whole ticks.
    var lower: Double
    /// The axis range's upper end.
    var upper: Double
    /// The tick values, ascending.
    var ticks: [Double]
    /// The distance between ticks (for linear axes).
    var step: Double
    /// Whether positions are logarithmic (values are then log10 of the data).
    var isLogarithmic: Bool

    /// A linear scale covering `minimum...maximum` with about `count` ticks. Equal ends are
    /// widened so the axis is never empty; non-finite ends give the range 0…1.
    static func linear(_ minimum: Double, _ maximum: Double, count: Int = 5) -> ChartScale {
        var low = minimum
        var high = maximum
        if !low.isFinite || !high.isFinite {
            low = 0
            high = 1
        }
        if low > high { swap(&low, &high) }
        if high - low < 1e-12 * max(abs(low), abs(high), 1e-300) || high == low {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        let range = niceNumber(high - low, round: false)
        let step = niceNumber(range / Double(max(count - 1, 1)), round: true)
        let lower = (low / step).rounded(.down) * step
        let upper = (high / step).rounded(.up) * step
        var ticks: [Double] = []
        var tick = lower
        var guardCount = 0
        while tick <= upper + step * 0.5, guardCount < 50 {
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
            guardCount += 1
        }
        return ChartScale(lower: lower, upper: upper, ticks: ticks, step: step, isLogarithmic: false)
    }

    /// A base-10 logarithmic scale covering positive `minimum...maximum`; ticks at powers of ten.
    /// Positions are in decades (`log10` of the value).
    static func logarithmic(_ minimum: Double, _ maximum: Double) -> ChartScale {
        var low = log10(minimum)
        var high = log10(maximum)
        if !low.isFinite || !high.isFinite {
            low = 0
            high = 1
        }
        var lower = low.rounded(.down)
        var upper = high.rounded(.up)
        if upper - lower < 1 { upper = lower + 1 }
        let decades = Int(upper - lower)
        let every = max(1, Int((Double(decades) / 6).rounded(.up)))
        lower = (lower / Double(every)).rounded(.down) * Double(every)
        var ticks: [Double] = []
        var exponent = lower
        while exponent <= upper + 0.5, ticks.count < 50 {
            ticks.append(exponent)
            exponent += Double(every)
        }
        upper = max(upper, ticks.last ?? upper)
        return ChartScale(lower: lower, upper: upper, ticks: ticks, step: Double(every), isLogarithmic: true)
    }

    /// Where `value` (in scale units: log10 for logarithmic scales) falls, from 0 to 1.
    func fraction(_ value: Double) -> Double {
        upper == lower ? 0.5 : (value - lower) / (upper - lower)
    }

    /// The label of a tick.
    func label(_ tick: Double) -> String {
        if isLogarithmic {
            let exponent = Int(tick.rounded())
            if (-3...4).contains(exponent) {
                return ChartScale.plain(pow(10, Double(exponent)), decimals: max(0, -exponent))
            }
            return "1e\(exponent)"
        }
        let magnitude = max(abs(lower), abs(upper))
        if magnitude >= 1e6 || (magnitude < 1e-3 && magnitude > 0) {
            return tick == 0 ? "0" : String(format: "%.2g", tick)
        }
        let decimals = max(0, min(6, Int(-log10(step).rounded(.down))))
        return ChartScale.plain(tick, decimals: decimals)
    }

    private static func plain(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// Heckbert's nice number: 1, 2, 5 or 10 times a power of ten, near `value`.
    static func niceNumber(_ value: Double, round: Bool) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        let exponent = log10(value).rounded(.down)
        let fraction = value / pow(10, exponent)
        let nice: Double
        if round {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * pow(10, exponent)
    }
}

/// Numbers as SVG coordinates: one decimal, and never `nan` or `inf`.
enum SVGNumber {
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.1f", rounded)
    }
}
