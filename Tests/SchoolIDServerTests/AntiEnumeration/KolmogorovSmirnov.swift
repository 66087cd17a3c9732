import Foundation

/// The two-sample Kolmogorov–Smirnov test: whether two samples come from one
/// distribution, without assuming its shape (timings are skewed and heavy-tailed).
///
/// The statistic is `D = sup |F₁(x) − F₂(x)|` over the empirical distribution
/// functions; the p-value uses the asymptotic Kolmogorov distribution
/// `Q(λ) = 2 Σ_{j≥1} (−1)^{j−1} e^{−2j²λ²}` at `λ = (√nₑ + 0.12 + 0.11/√nₑ)·D`,
/// `nₑ = nm/(n+m)` (Stephens' correction, as in Numerical Recipes §14.3.3), good for
/// the sample sizes used here (≥ 50 each).
struct KolmogorovSmirnov: Sendable {
    /// `D`, in 0…1.
    let statistic: Double
    /// The probability of a `D` at least this large if both samples share one distribution.
    let pValue: Double

    init(_ first: [Double], _ second: [Double]) {
        precondition(!first.isEmpty && !second.isEmpty, "samples must not be empty")
        let a = first.sorted(), b = second.sorted()
        var i = 0, j = 0, d = 0.0
        while i < a.count && j < b.count {
            let x = min(a[i], b[j])
            while i < a.count && a[i] <= x { i += 1 }
            while j < b.count && b[j] <= x { j += 1 }
            d = max(d, abs(Double(i) / Double(a.count) - Double(j) / Double(b.count)))
        }
        statistic = d
        let effective = (Double(a.count) * Double(b.count) / Double(a.count + b.count)).squareRoot()
        pValue = Self.q((effective + 0.12 + 0.11 / effective) * d)
    }

    /// The Kolmogorov survival function `Q(λ)`, 1 for tiny λ.
    static func q(_ lambda: Double) -> Double {
        guard lambda >= 0.2 else { return 1 }
        var sum = 0.0, sign = 1.0
        for j in 1...100 {
            let term = sign * exp(-2 * Double(j * j) * lambda * lambda)
            sum += term
            if abs(term) < 1e-12 { break }
            sign = -sign
        }
        return min(1, max(0, 2 * sum))
    }

    /// The median (the mean of the middle two for an even count).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
