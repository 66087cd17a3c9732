import Foundation

/// One suite's results (`crypto`, `http`, `login`, `tokens`, `acks`): titled tables whose
/// numeric cells are numbers, not text, so the same model renders as Markdown for people
/// and as JSON for tools. A suite whose tools are missing is a section that says why.
struct BenchSection: Encodable, Sendable {
    let suite: String
    let title: String
    /// Lines printed under the title (conditions, filesystem, anchors).
    var notes: [String] = []
    var tables: [BenchTable] = []
    /// Why the suite did not run (for example "needs wrk"); its tables are then empty.
    var skipped: String? = nil

    /// A section that could not run.
    static func skipped(_ suite: String, title: String, reason: String) -> BenchSection {
        BenchSection(suite: suite, title: title, skipped: reason)
    }

    /// The section as Markdown: a level-3 heading, the notes, then each table.
    var markdown: String {
        var lines = ["### \(title)", ""]
        if let skipped {
            lines.append("skipped: \(skipped)")
            return lines.joined(separator: "\n")
        }
        for note in notes { lines += [note, ""] }
        for table in tables { lines += [table.markdown, ""] }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    private enum CodingKeys: String, CodingKey { case suite, title, notes, tables, skipped }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(suite, forKey: .suite)
        try container.encode(title, forKey: .title)
        try container.encode(notes, forKey: .notes)
        try container.encode(tables, forKey: .tables)
        if let skipped { try container.encode("skipped: \(skipped)", forKey: .skipped) }
    }
}

/// A table of a section: column headings and rows of cells.
struct BenchTable: Encodable, Sendable {
    var title: String? = nil
    let columns: [String]
    var rows: [[BenchCell]] = []

    /// A GitHub-flavoured Markdown table: the first column and columns of text alone
    /// left-aligned, columns holding figures right-aligned.
    var markdown: String {
        var lines: [String] = []
        if let title { lines += ["**\(title)**", ""] }
        let textual = columns.indices.map { column in
            column == 0 || rows.allSatisfy { row in
                guard column < row.count else { return false }
                switch row[column] {
                case .text, .none: return true
                default: return false
                }
            }
        }
        lines.append("| " + columns.joined(separator: " | ") + " |")
        lines.append("| " + textual.map { $0 ? "---" : "---:" }.joined(separator: " | ") + " |")
        for row in rows {
            lines.append("| " + row.map(\.markdown).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}

/// One cell: text, a single measured or reference value, a min/median/max over the runs,
/// a ratio in percent, or a gate's verdict. In JSON a value is a number, a Stat is
/// `{"min","median","max"}`, a verdict is `"pass"`/`"fail"` and an absent value `null`.
enum BenchCell: Equatable, Encodable, Sendable {
    case text(String)
    case value(Double, unit: String = "")
    case stat(Stat, unit: String = "")
    case percent(Double)
    case gate(Bool)
    case none

    /// A verdict on `value` (absent when the value is).
    static func gate(_ value: Double?, _ passes: (Double) -> Bool) -> BenchCell {
        value.map { .gate(passes($0)) } ?? .none
    }

    /// `numerator / denominator` in percent, or absent.
    static func ratio(_ numerator: Double, _ denominator: Double?) -> BenchCell {
        guard let denominator, denominator > 0 else { return .none }
        return .percent(100 * numerator / denominator)
    }

    var markdown: String {
        switch self {
        case .text(let text): text.replacingOccurrences(of: "|", with: "\\|")
        case .value(let value, let unit): formatNumber(value) + (unit.isEmpty ? "" : " \(unit)")
        case .stat(let stat, let unit): stat.rendered() + (unit.isEmpty ? "" : " \(unit)")
        case .percent(let value): String(format: "%.0f%%", value)
        case .gate(let passed): passed ? "pass" : "**fail**"
        case .none: "-"
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .value(let value, _): try container.encode(jsonNumber(value))
        case .stat(let stat, _): try container.encode(stat)
        case .percent(let value): try container.encode(value.isFinite ? (value * 10).rounded() / 10 : nil)
        case .gate(let passed): try container.encode(passed ? "pass" : "fail")
        case .none: try container.encodeNil()
        }
    }
}
