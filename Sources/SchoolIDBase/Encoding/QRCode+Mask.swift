/// Data masking (ISO/IEC 18004:2015 §7.8): the eight mask patterns and the penalty
/// rules that choose among them.
extension QRCode {
    /// Whether mask pattern `reference` inverts the module in column `x`, row `y`
    /// (§7.8.2, Table 10; i is the row and j the column there).
    static func masks(_ reference: Int, x: Int, y: Int) -> Bool {
        switch reference {
        case 0: (y + x) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (y + x) % 3 == 0
        case 4: (y / 2 + x / 3) % 2 == 0
        case 5: (y * x) % 2 + (y * x) % 3 == 0
        case 6: ((y * x) % 2 + (y * x) % 3) % 2 == 0
        default: ((y + x) % 2 + (y * x) % 3) % 2 == 0
        }
    }

    /// Inverts the data modules (never function modules) where mask `reference` says so.
    /// Applying the same mask twice restores the modules.
    mutating func apply(mask reference: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] && Self.masks(reference, x: x, y: y) {
                modules[y * size + x].toggle()
            }
        }
    }

    /// Tries every mask with its format information and keeps the one with the lowest
    /// penalty (§7.8.3); ties go to the lower reference.
    mutating func chooseMask() -> Int {
        var best = (reference: 0, penalty: Int.max)
        for reference in 0..<8 {
            apply(mask: reference)
            drawFormatInformation(mask: reference)
            let score = penalty()
            if score < best.penalty { best = (reference, score) }
            apply(mask: reference)
        }
        return best.reference
    }

    /// The penalty of the current modules (§7.8.3.1, Table 11), the sum of four rules:
    /// 1. each run of 5 + i same-coloured modules in a row or column scores 3 + i;
    /// 2. each 2 × 2 block of one colour scores 3 (blocks may overlap);
    /// 3. each 1:1:3:1:1 dark–light–dark–light–dark pattern with 4 light modules before or
    ///    after it in a row or column scores 40 (the quiet zone beyond the edge counts as
    ///    light, and a pattern with light on both sides counts twice);
    /// 4. 10 for every full 5 % by which the dark proportion departs from 50 %.
    func penalty() -> Int {
        var score = 0
        for index in 0..<size {
            let row = (0..<size).map { modules[index * size + $0] }
            let column = (0..<size).map { modules[$0 * size + index] }
            score += Self.runPenalty(row) + Self.runPenalty(column)
            score += Self.finderLikePenalty(row) + Self.finderLikePenalty(column)
        }
        for y in 0..<size - 1 {
            for x in 0..<size - 1 {
                let colour = modules[y * size + x]
                if modules[y * size + x + 1] == colour, modules[(y + 1) * size + x] == colour,
                   modules[(y + 1) * size + x + 1] == colour
                {
                    score += 3
                }
            }
        }
        let dark = modules.lazy.filter { $0 }.count
        let total = size * size
        score += abs(dark * 20 - total * 10) / total * 10
        return score
    }

    /// Rule 1 for one line: 3 + (length − 5) for every run of 5 or more.
    static func runPenalty(_ line: [Bool]) -> Int {
        var score = 0
        var run = 1
        for index in 1...line.count {
            if index < line.count && line[index] == line[index - 1] {
                run += 1
            } else {
                if run >= 5 { score += run - 2 }
                run = 1
            }
        }
        return score
    }

    /// Rule 3 for one line, with four light quiet-zone modules beyond each end: the last
    /// 11 modules are kept as bits (dark = 1) and compared with 1011101 0000 and 0000 1011101.
    static func finderLikePenalty(_ line: [Bool]) -> Int {
        let finderThenLight = 0b101_1101_0000, lightThenFinder = 0b000_0101_1101
        var window = 0
        var score = 0
        for index in 0..<(line.count + 8) {
            let dark = index >= 4 && index < line.count + 4 && line[index - 4]
            window = (window << 1 | (dark ? 1 : 0)) & 0x7FF
            guard index >= 10 else { continue }
            if window == finderThenLight { score += 40 }
            if window == lightThenFinder { score += 40 }
        }
        return score
    }
}
