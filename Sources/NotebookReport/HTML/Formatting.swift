import Foundation
import NotebookOutput

/// How numbers, sizes, durations and dates are written in reports.
enum Formatting {
    /// A duration for people: `0.4 ms`, `120 ms`, `1.23 s`, `2 min 03 s`, `1 h 02 min`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "–" }
        if seconds < 0.001 { return String(format: "%.2f ms", seconds * 1000) }
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds < 60 { return String(format: "%.2f s", seconds) }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return String(format: "%d min %02d s", whole / 60, whole % 60) }
        return String(format: "%d h %02d min", whole / 3600, (whole % 3600) / 60)
    }

    /// A byte count: `512 B`, `12.3 KB`, `4.5 MB`, `1.2 GB` (powers of 1000).
    static func bytes(_ count: Int) -> String {
        let value = Double(count)
        if count < 1000 { return "\(count) B" }
        if value < 1e6 { return String(format: "%.1f KB", value / 1e3) }
        if value < 1e9 { return String(format: "%.1f MB", value / 1e6) }
        return String(format: "%.1f GB", value / 1e9)
    }

    /// An integer with thousands separators: `2,000,000`.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return number < 0 ? "-" + result : result
    }

    /// A date and time with its UTC offset: `2025-03-01 14:05:09 +01:00`.
    static func date(_ date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = timeZone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600
        let minutes = (abs(offset) % 3600) / 60
        let day = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        let time = String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        return "\(day) \(time) \(sign)" + String(format: "%02d:%02d", hours, minutes)
    }

    /// The date as ISO 8601 in UTC, for `<time datetime>`.
    static func isoDate(_ date: Date) -> String {
        date.ISO8601Format()
    }

    /// A metric, a value in a tooltip or a label: as ``ReadableNumber`` writes it (4 significant
    /// digits, whole numbers whole, exponent form only for tiny or huge magnitudes, never `-0`).
    static func metric(_ value: Double) -> String {
        ReadableNumber.format(value)
    }

    /// A value with a fixed number of decimals that never reads `-0.00` (a negative value that
    /// rounds to zero is written `0.00`).
    static func fixed(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." })
            ? String(text.dropFirst()) : text
    }
}
