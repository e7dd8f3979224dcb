import Tensors

/// A calendar date (proleptic Gregorian), the ground truth of the date-normalisation task.
public struct CalendarDate: Sendable, Equatable, Hashable {
    /// The year, e.g. 2021.
    public var year: Int
    /// The month, 1...12.
    public var month: Int
    /// The day of the month, 1...31.
    public var day: Int

    /// A date; no validation (use `CalendarDate.daysIn(month:year:)`).
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// English month names, January first.
    public static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]
    /// English weekday names, Monday first.
    public static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// Whether `year` is a Gregorian leap year.
    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// The number of days of `month` in `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The weekday, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    public var weekday: Int { ((daysSinceEpoch % 7) + 7 + 3) % 7 }

    /// ISO 8601 `YYYY-MM-DD`.
    public var iso: String { "\(year)-\(Self.twoDigits(month))-\(Self.twoDigits(day))" }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n % 100)" }

    static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }

    /// The human spellings the task draws from (US order for slashes, European for dots):
    /// "3 March 2021", "03/03/21", "March 3rd, 2021", "Wed, Mar 3 2021", "3/3/2021",
    /// "03.03.2021", "Wednesday, March 3, 2021", "mar 3 2021", "3 Mar 21", "2021/03/03".
    public var humanFormats: [String] {
        let m = Self.monthNames[month - 1]
        let mon = String(m.prefix(3))
        let w = Self.weekdayNames[weekday]
        let wd = String(w.prefix(3))
        let yy = Self.twoDigits(year % 100)
        let mm = Self.twoDigits(month)
        let dd = Self.twoDigits(day)
        return [
            "\(day) \(m) \(year)", "\(mm)/\(dd)/\(yy)", "\(m) \(Self.ordinal(day)), \(year)",
            "\(wd), \(mon) \(day) \(year)", "\(month)/\(day)/\(year)", "\(dd).\(mm).\(year)",
            "\(w), \(m) \(day), \(year)", "\(mon.lowercased()) \(day) \(year)", "\(day) \(mon) \(yy)",
            "\(year)/\(mm)/\(dd)",
        ]
    }
}

extension SequenceTasks {
    /// Date normalisation: a human-written date → ISO `YYYY-MM-DD`, character by character
    /// (`"Wed, Mar 3 2021"` → `2 0 2 1 - 0 3 - 0 3`). Dates are uniform over 1950…2049, so
    /// two-digit years are unambiguous (50–99 → 19xx, 00–49 → 20xx); the format is uniform
    /// over `CalendarDate.humanFormats`. Source and target vocabularies are characters.
    public static func dates(count: Int, validationFraction: Double = 0.1, seed: UInt64) -> SequenceDataset {
        var rng = RandomGenerator(seed: seed)
        var seen = Set<String>()
        var examples: [SequenceExample] = []
        var attempts = 0
        while examples.count < count && attempts < count * 20 {
            attempts += 1
            let year = rng.int(in: 1950...2049)
            let month = rng.int(in: 1...12)
            let date = CalendarDate(
                year: year, month: month, day: rng.int(in: 1...CalendarDate.daysIn(month: month, year: year)))
            let text = rng.pick(date.humanFormats)
            if seen.insert(text).inserted {
                examples.append(SequenceExample(source: text.map(String.init), target: date.iso.map(String.init)))
            }
        }
        let digits = (0...9).map(String.init) + ["-"]
        return SequenceDataset(
            name: "dates", examples: examples, validationFraction: validationFraction, seed: seed &+ 1,
            targetTokens: digits)
    }
}
