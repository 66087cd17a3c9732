extension Duration {
    /// The duration in seconds, as a `Double` (for rates, histograms and APIs that take
    /// `TimeInterval`).
    public var secondsValue: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
