/// The function patterns (ISO/IEC 18004:2015 §6.3), the format and version information
/// (§7.9, §7.10) and the placement of codewords in the matrix (§7.7).
extension QRCode {
    /// Sets a function module: it is never masked and never holds data.
    mutating func setFunction(x: Int, y: Int, dark: Bool) {
        modules[y * size + x] = dark
        isFunction[y * size + x] = true
    }

    /// Finder patterns with separators (§6.3.3, §6.3.4), timing patterns (§6.3.5),
    /// alignment patterns (§6.3.6, Annex E), the format information area (filled in
    /// once the mask is chosen) and, from version 7, the version information (§7.10).
    mutating func drawFunctionPatterns() {
        for index in 0..<size {
            setFunction(x: 6, y: index, dark: index % 2 == 0)
            setFunction(x: index, y: 6, dark: index % 2 == 0)
        }
        drawFinder(centreX: 3, centreY: 3)
        drawFinder(centreX: size - 4, centreY: 3)
        drawFinder(centreX: 3, centreY: size - 4)
        let positions = Self.alignmentPositions(version: version)
        for (row, y) in positions.enumerated() {
            for (column, x) in positions.enumerated() {
                // The three corners that hold finder patterns have no alignment pattern.
                let last = positions.count - 1
                if (row == 0 && column == 0) || (row == 0 && column == last) || (row == last && column == 0) {
                    continue
                }
                drawAlignment(centreX: x, centreY: y)
            }
        }
        drawFormatInformation(mask: 0)
        drawVersionInformation()
    }

    /// A 7 × 7 finder pattern (dark 7 × 7, light 5 × 5, dark 3 × 3) and the light
    /// one-module separator around it, clipped to the symbol (§6.3.3, §6.3.4).
    private mutating func drawFinder(centreX: Int, centreY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centreX + dx, y = centreY + dy
                guard x >= 0, x < size, y >= 0, y < size else { continue }
                let ring = max(abs(dx), abs(dy))
                setFunction(x: x, y: y, dark: ring != 2 && ring != 4)
            }
        }
    }

    /// A 5 × 5 alignment pattern: dark ring, light ring, dark centre (§6.3.6).
    private mutating func drawAlignment(centreX: Int, centreY: Int) {
        for dy in -2...2 {
            for dx in -2...2 {
                setFunction(x: centreX + dx, y: centreY + dy, dark: max(abs(dx), abs(dy)) != 1)
            }
        }
    }

    /// The 15 format information bits for this level and `mask` (§7.9.1, Annex C): the
    /// level's 2 bits and the 3-bit mask reference, a BCH(15,5) code with generator
    /// x¹⁰ + x⁸ + x⁵ + x⁴ + x² + x + 1 (0x537), XORed with 101010000010010 (0x5412) so
    /// that no combination gives all zeros.
    static func formatInformation(correction: Correction, mask: Int) -> Int {
        let data = correction.formatBits << 3 | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        return (data << 10 | remainder) ^ 0x5412
    }

    /// The 18 version information bits (§7.10, Annex D): the 6-bit version and a
    /// BCH(18,6) code with generator x¹² + x¹¹ + x¹⁰ + x⁹ + x⁸ + x⁵ + x² + 1 (0x1F25).
    static func versionInformation(version: Int) -> Int {
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        return version << 12 | remainder
    }

    /// Writes both copies of the format information (§7.9.1, Figure 25): bits 0–7 down
    /// column 8 and along row 8 beside the top-left finder (skipping the timing pattern),
    /// and again split between the top-right and bottom-left finders, with the dark
    /// module at (8, 4V + 9) that is always dark.
    mutating func drawFormatInformation(mask: Int) {
        let bits = Self.formatInformation(correction: correction, mask: mask)
        func bit(_ index: Int) -> Bool { bits >> index & 1 == 1 }
        for index in 0...5 { setFunction(x: 8, y: index, dark: bit(index)) }
        setFunction(x: 8, y: 7, dark: bit(6))
        setFunction(x: 8, y: 8, dark: bit(7))
        setFunction(x: 7, y: 8, dark: bit(8))
        for index in 9..<15 { setFunction(x: 14 - index, y: 8, dark: bit(index)) }
        for index in 0..<8 { setFunction(x: size - 1 - index, y: 8, dark: bit(index)) }
        for index in 8..<15 { setFunction(x: 8, y: size - 15 + index, dark: bit(index)) }
        setFunction(x: 8, y: size - 8, dark: true)
    }

    /// Writes both 6 × 3 copies of the version information from version 7 (§7.10,
    /// Figure 27): above the bottom-left finder and left of the top-right finder, the
    /// least significant bit first.
    private mutating func drawVersionInformation() {
        guard version >= 7 else { return }
        let bits = Self.versionInformation(version: version)
        for index in 0..<18 {
            let dark = bits >> index & 1 == 1
            let along = size - 11 + index % 3, across = index / 3
            setFunction(x: along, y: across, dark: dark)
            setFunction(x: across, y: along, dark: dark)
        }
    }

    /// Places the codewords (§7.7.3): in two-module-wide columns from the bottom-right
    /// corner, upwards then downwards in turn, right module before left, skipping the
    /// vertical timing pattern's column and every function module, most significant bit
    /// first. Modules left over are remainder bits, 0 before masking.
    mutating func place(_ codewords: [UInt8]) {
        var index = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in [right, right - 1] where !isFunction[y * size + x] && index < codewords.count * 8 {
                    modules[y * size + x] = codewords[index >> 3] >> (7 - index & 7) & 1 == 1
                    index += 1
                }
            }
            right -= 2
        }
    }
}
