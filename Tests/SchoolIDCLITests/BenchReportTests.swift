import Foundation
@testable import schoolid
import SchoolIDTesting
import Testing

/// The bench report model (`schoolid bench all`): figures as min/median/max, Markdown and
/// JSON from the same sections, the machine probe's parsing, and skipped suites — all from
/// given numbers and texts, so nothing here measures or needs wrk.
@Suite struct BenchReportTests {
    @Test("a Stat is the smallest, the upper-middle and the largest of the runs", arguments: [
        ([3.0, 1.0, 2.0], Stat(min: 1, median: 2, max: 3)),
        ([4.0, 1.0, 3.0, 2.0], Stat(min: 1, median: 3, max: 4)),
        ([7.5], Stat(min: 7.5, median: 7.5, max: 7.5)),
    ])
    func statFromRuns(runs: [Double], expected: Stat) {
        #expect(Stat(runs) == expected)
    }

    @Test("numbers keep two or three significant digits and separate thousands", arguments: [
        (4.634, "4.63"), (45.42, "45.4"), (0, "0"), (12, "12"), (1_854.4, "1 854"), (147_663.2, "147 663"), (Double.nan, "-"),
    ])
    func numberFormat(value: Double, expected: String) {
        #expect(formatNumber(value) == expected)
    }

    /// Three runs of two grants against a 2 000/s gate, one reference and one absent value.
    static let section = BenchSection(
        suite: "tokens", title: "Tokens", notes: ["wrk -t1 -c16, 3 runs × 5 s"],
        tables: [BenchTable(columns: ["grant", "grants/s", "reference", "median / reference", "gate ≥ 2 000/s"], rows: [
            [.text("client_credentials"), .stat(Stat([4_644, 4_796, 4_691])), .value(5_000), .ratio(4_691, 5_000),
             .gate(true)],
            [.text("refresh_token"), .stat(Stat([1_854, 2_082, 1_990])), .none, .ratio(1_990, nil), .gate(false)],
        ])])

    @Test("a section renders its notes and a Markdown table with min / median / max cells and pass/fail")
    func sectionMarkdown() {
        #expect(Self.section.markdown == """
            ### Tokens

            wrk -t1 -c16, 3 runs × 5 s

            | grant | grants/s | reference | median / reference | gate ≥ 2 000/s |
            | --- | ---: | ---: | ---: | ---: |
            | client_credentials | 4 644 / 4 691 / 4 796 | 5 000 | 94% | pass |
            | refresh_token | 1 854 / 1 990 / 2 082 | - | - | **fail** |
            """)
    }

    @Test("the same section in JSON has sorted keys, numbers as numbers and a Stat as min/median/max")
    func sectionJSON() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(Self.section), as: UTF8.self)
        #expect(json == #"{"notes":["wrk -t1 -c16, 3 runs × 5 s"],"suite":"tokens","tables":[{"columns":["grant","grants\/s","#
            + #""reference","median \/ reference","gate ≥ 2 000\/s"],"rows":[["client_credentials",{"max":4796,"median":4691,"#
            + #""min":4644},5000,93.8,"pass"],["refresh_token",{"max":2082,"median":1990,"min":1854},null,null,"fail"]]}],"#
            + #""title":"Tokens"}"#)
    }

    @Test("a suite whose tool is missing says so in both outputs, with no tables")
    func skippedSection() throws {
        let skipped = BenchSection.skipped("http", title: "HTTP", reason: "needs wrk")
        #expect(skipped.markdown == "### HTTP\n\nskipped: needs wrk")
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(skipped)) as? [String: Any])
        #expect(object["skipped"] as? String == "skipped: needs wrk")
        #expect((object["tables"] as? [Any])?.isEmpty == true && object["suite"] as? String == "http")
    }

    @Test("a suite names the first tool missing from PATH, and none when all are there")
    func missingTool() {
        #expect(Subprocess.missing(["sh", "schoolid-no-such-tool", "env"]) == "schoolid-no-such-tool")
        #expect(Subprocess.missing(["sh", "env"]) == nil)
    }

    static let cpuinfo = """
        processor\t: 0
        vendor_id\t: GenuineIntel
        model name\t: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz
        cpu MHz\t\t: 2899.968

        processor\t: 1
        model name\t: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz
        """

    static let meminfo = """
        MemTotal:        8039784 kB
        MemFree:          612340 kB
        MemAvailable:    5893312 kB
        """

    @Test("the machine probe reads the CPU model from cpuinfo and MemTotal from meminfo")
    func machineProbeParses() {
        #expect(MachineProbe.cpuModel(cpuinfo: Self.cpuinfo) == "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz")
        #expect(MachineProbe.memoryTotal(meminfo: Self.meminfo) == 8_039_784 * 1024)
        #expect(MachineProbe.cpuModel(cpuinfo: "processor\t: 0\n") == nil)
        #expect(MachineProbe.memoryTotal(meminfo: "MemFree: 1 kB\n") == nil)
    }

    @Test("the command line is quoted so that it can be pasted back into a shell")
    func commandLineQuoting() {
        #expect(MachineProbe.quoted("--seconds") == "--seconds")
        #expect(MachineProbe.quoted("/tmp/bench report") == "'/tmp/bench report'")
        #expect(MachineProbe.quoted("it's") == #"'it'\''s'"#)
    }

    @Test("the report writes bench-report.md and bench-report.json with machine, filesystem and sections")
    func reportFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let machine = MachineProbe(cpuModel: "Test CPU", cores: 2, memoryTotalBytes: 8 * 1_073_741_824, kernel: "6.1.0-test",
                                   build: "release", date: "2026-11-29T22:00:00Z",
                                   commandLine: "schoolid bench all --seconds 5 --runs 3")
        let filesystem = FilesystemProbe(type: "ext2/ext3", minMilliseconds: 0.05, medianMilliseconds: 0.1,
                                         p99Milliseconds: .nan)
        let report = BenchReport(machine: machine, filesystem: filesystem,
                                 sections: [Self.section, .skipped("http", title: "HTTP", reason: "needs nginx")],
                                 runs: 3, seconds: 5)
        try report.write(to: directory.file("out"))

        let markdown = try String(contentsOfFile: directory.file("out/bench-report.md"), encoding: .utf8)
        #expect(markdown == report.markdown)
        #expect(markdown.contains("- machine: Test CPU, 2 cores, 8.0 GiB memory, Linux 6.1.0-test"))
        #expect(markdown.contains("- command: `schoolid bench all --seconds 5 --runs 3`"))
        #expect(markdown.contains("| client_credentials | 4 644 / 4 691 / 4 796 |"))
        #expect(markdown.contains("### HTTP\n\nskipped: needs nginx"))

        let data = try Data(contentsOf: URL(fileURLWithPath: directory.file("out/bench-report.json")))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let machineObject = try #require(object["machine"] as? [String: Any])
        #expect(machineObject["cores"] as? Int == 2 && machineObject["memoryTotalBytes"] as? Int == 8 * 1_073_741_824)
        #expect(machineObject["build"] as? String == "release")
        let latency = try #require((object["filesystem"] as? [String: Any])?["writeFsyncMilliseconds"] as? [String: Any])
        #expect(latency["median"] as? Double == 0.1 && latency["p99"] is NSNull)
        let sections = try #require(object["sections"] as? [[String: Any]])
        #expect(sections.map { $0["suite"] as? String } == ["tokens", "http"])
    }
}
