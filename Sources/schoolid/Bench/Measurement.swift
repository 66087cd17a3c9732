import SchoolIDBase
import Foundation

/// Operations per second of one operation over several timed runs.
struct Measurement {
    let name: String
    let rates: [Double]

    /// The rates' min / median / max.
    var stat: Stat { Stat(rates) }

    /// Runs `operation` repeatedly for `seconds`, `runs` times, after one warm-up call.
    static func measure(_ name: String, seconds: Double, runs: Int, _ operation: () throws -> Void) rethrows -> Measurement {
        try operation()
        var rates: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<runs {
            var count = 0
            let start = clock.now
            let deadline = start.advanced(by: .milliseconds(Int64(seconds * 1000)))
            var now = start
            repeat {
                for _ in 0..<8 { try operation() }
                count += 8
                now = clock.now
            } while now < deadline
            let elapsed = start.duration(to: now)
            rates.append(Double(count) / elapsed.secondsValue)
        }
        return Measurement(name: name, rates: rates)
    }
}

/// Formats a rate with a thousands separator and no decimals.
func formatRate(_ rate: Double) -> String {
    let whole = Int(rate.rounded())
    var digits = String(whole)
    var index = digits.count - 3
    while index > 0 {
        digits.insert(" ", at: digits.index(digits.startIndex, offsetBy: index))
        index -= 3
    }
    return digits
}
