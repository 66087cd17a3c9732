import Foundation

/// One figure over several runs: the smallest, the median and the largest value, so a
/// reader sees the spread of a shared machine beside the typical value.
struct Stat: Equatable, Encodable, Sendable {
    let min: Double
    let median: Double
    let max: Double

    init(min: Double, median: Double, max: Double) {
        self.min = min
        self.median = median
        self.max = max
    }

    /// The spread of `values` (at least one); the median of an even count is the upper middle.
    init(_ values: [Double]) {
        precondition(!values.isEmpty, "a Stat needs at least one value")
        let sorted = values.sorted()
        self.init(min: sorted[0], median: sorted[sorted.count / 2], max: sorted[sorted.count - 1])
    }

    private enum CodingKeys: String, CodingKey { case min, median, max }

    /// Numbers as JSON numbers; a value no run produced (infinite or NaN) as `null`.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        for (key, value) in [(CodingKeys.min, min), (.median, median), (.max, max)] {
            try container.encode(jsonNumber(value), forKey: key)
        }
    }

    /// `min / median / max`, each through `format`.
    func rendered(_ format: (Double) -> String = formatNumber) -> String {
        "\(format(min)) / \(format(median)) / \(format(max))"
    }
}

/// A number for a report cell: whole with thousands separated from 100 up (and counts),
/// otherwise with as many decimals as keep two or three significant digits.
func formatNumber(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "-" : "∞" }
    let magnitude = abs(value)
    if magnitude >= 100 || (value == value.rounded() && magnitude < 1e15) {
        return (value < 0 ? "-" : "") + formatRate(magnitude)
    }
    if magnitude >= 10 { return String(format: "%.1f", value) }
    return String(format: "%.2f", value)
}

/// A measured value for JSON: three decimals are more than any run repeats; no value
/// (infinite or NaN, a run that produced nothing) is `null`.
func jsonNumber(_ value: Double) -> Double? {
    value.isFinite ? (value * 1000).rounded() / 1000 : nil
}
