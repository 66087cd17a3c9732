import Foundation

/// The machine a bench report was measured on: figures from different machines, build
/// modes or kernels are not comparable, so the report carries them.
struct MachineProbe: Encodable, Sendable {
    let cpuModel: String
    let cores: Int
    let memoryTotalBytes: Int?
    let kernel: String
    let build: String
    let date: String
    let commandLine: String

    /// This machine now, through `/proc/cpuinfo`, `/proc/meminfo`, `uname(2)` and the build's `DEBUG` flag.
    static func current(commandLine: [String] = CommandLine.arguments, now: Date = Date()) -> MachineProbe {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let formatter = ISO8601DateFormatter()
        return MachineProbe(cpuModel: cpuModel(cpuinfo: cpuinfo) ?? "unknown",
                            cores: ProcessInfo.processInfo.activeProcessorCount,
                            memoryTotalBytes: memoryTotal(meminfo: meminfo), kernel: kernelRelease(),
                            build: buildMode, date: formatter.string(from: now),
                            commandLine: commandLine.map(quoted).joined(separator: " "))
    }

    /// `debug` or `release`: debug figures are several times slower and only show the shape.
    static var buildMode: String {
        #if DEBUG
        "debug"
        #else
        "release"
        #endif
    }

    /// The first `model name` of a `/proc/cpuinfo` text.
    static func cpuModel(cpuinfo: String) -> String? {
        for line in cpuinfo.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == "model name" {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// `MemTotal` of a `/proc/meminfo` text, in bytes (the file counts kibibytes as "kB").
    static func memoryTotal(meminfo: String) -> Int? {
        guard let line = meminfo.split(separator: "\n").first(where: { $0.hasPrefix("MemTotal:") }) else { return nil }
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 2, let kibibytes = Int(fields[1]) else { return nil }
        return kibibytes * 1024
    }

    /// The kernel release, as `uname -r` prints it.
    static func kernelRelease() -> String {
        var names = utsname()
        guard uname(&names) == 0 else { return "unknown" }
        return withUnsafeBytes(of: &names.release) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }

    /// An argument as a shell would need it to reproduce the command.
    static func quoted(_ argument: String) -> String {
        let plain = argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,@".contains($0) }
        return plain && !argument.isEmpty ? argument : "'" + argument.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// Markdown lines for the report's head.
    var markdown: String {
        let memory = memoryTotalBytes.map { String(format: "%.1f GiB", Double($0) / 1_073_741_824) } ?? "unknown"
        return """
        - machine: \(cpuModel), \(cores) cores, \(memory) memory, Linux \(kernel)
        - SchoolID build: \(build)
        - date: \(date)
        - command: `\(commandLine)`
        """
    }
}
