import Foundation

/// `schoolid bench all`'s one report: the machine, the data directory's filesystem and
/// every suite's section, rendered as Markdown for people and as JSON (the same model,
/// sorted keys) for tools.
struct BenchReport: Encodable, Sendable {
    let machine: MachineProbe
    let filesystem: FilesystemProbe
    let sections: [BenchSection]
    /// Runs and seconds per run, shown in the heading.
    let runs: Int
    let seconds: Double

    private enum CodingKeys: String, CodingKey { case machine, filesystem, sections, runs, seconds }

    var markdown: String {
        var lines = [
            "## SchoolID bench report",
            "",
            machine.markdown,
            "- data directory: \(filesystem.summary)",
            "- every figure: min / median / max over \(runs) runs of \(formatNumber(seconds)) s unless stated; "
                + "gates are pass/fail columns, not exit codes",
        ]
        for section in sections { lines += ["", section.markdown] }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON form: sorted keys, pretty-printed, numbers as numbers.
    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Writes `bench-report.md` and `bench-report.json` into `directory` (created).
    func write(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try markdown.write(toFile: directory + "/bench-report.md", atomically: true, encoding: .utf8)
        try json().write(to: URL(fileURLWithPath: directory + "/bench-report.json"), options: .atomic)
    }
}
