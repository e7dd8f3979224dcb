import Foundation

/// The colours of charts: a qualitative palette for series, and a sequential scale for heatmaps.
enum ChartColors {
    /// Ten distinct colours that read on light and dark backgrounds (Tableau 10).
    static let palette = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
        "#bab0ac",
    ]

    /// The colour of series `index`.
    static func series(_ index: Int) -> String { palette[index % palette.count] }

    /// Viridis, sampled at nine evenly spaced points.
    private static let viridis: [(Double, Double, Double)] = [
        (68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141), (39, 173, 129),
        (92, 200, 99), (170, 220, 50), (253, 231, 37),
    ]

    /// The sequential scale's stops, low to high, as `#rrggbb` (what the explorer script
    /// interpolates between, as ``sequential(_:)`` does).
    static var sequentialStops: [String] {
        viridis.map { String(format: "#%02x%02x%02x", Int($0.0), Int($0.1), Int($0.2)) }
    }

    /// The heatmap colour of `fraction` (0…1, clamped) as `#rrggbb`, and whether text on it should
    /// be dark.
    static func sequential(_ fraction: Double) -> (color: String, darkText: Bool) {
        let t = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let position = t * Double(viridis.count - 1)
        let index = min(Int(position), viridis.count - 2)
        let local = position - Double(index)
        let (r0, g0, b0) = viridis[index]
        let (r1, g1, b1) = viridis[index + 1]
        let r = r0 + (r1 - r0) * local
        let g = g0 + (g1 - g0) * local
        let b = b0 + (b1 - b0) * local
        let luminance = (0.299 * r + 0.587 * g + 0.114 * b) / 255
        return (String(format: "#%02x%02x%02x", Int(r.rounded()), Int(g.rounded()), Int(b.rounded())), luminance > 0.55)
    }
}
