import Foundation

/// The storage under a benchmark: the filesystem type of a directory and how long a 4 KiB
/// write followed by `fsync` takes there — what every committed transaction waits for,
/// so any write-bound figure is read beside it.
struct FilesystemProbe: Encodable, Sendable {
    let type: String
    let minMilliseconds: Double
    let medianMilliseconds: Double
    let p99Milliseconds: Double

    init(type: String, minMilliseconds: Double, medianMilliseconds: Double, p99Milliseconds: Double) {
        self.type = type
        self.minMilliseconds = minMilliseconds
        self.medianMilliseconds = medianMilliseconds
        self.p99Milliseconds = p99Milliseconds
    }

    /// Measures `samples` write+fsync pairs in a scratch file under `directory`.
    static func measure(in directory: String, samples: Int = 200) -> FilesystemProbe {
        let type = Subprocess.run(["stat", "-f", "-c", "%T", directory]).trimmingCharacters(in: .whitespacesAndNewlines)
        let path = directory + "/fsync-probe"
        let descriptor = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            return FilesystemProbe(type: type, minMilliseconds: .nan, medianMilliseconds: .nan, p99Milliseconds: .nan)
        }
        defer {
            close(descriptor)
            unlink(path)
        }
        let block = [UInt8](repeating: 0x5A, count: 4096)
        var durations: [Double] = []
        for index in 0..<samples {
            let start = ContinuousClock.now
            _ = block.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(index % 16 * 4096)) }
            _ = fsync(descriptor)
            durations.append(start.duration(to: .now).secondsValue * 1000)
        }
        durations.sort()
        return FilesystemProbe(type: type.isEmpty ? "unknown" : type, minMilliseconds: durations[0],
                               medianMilliseconds: durations[samples / 2],
                               p99Milliseconds: durations[min(samples - 1, samples * 99 / 100)])
    }

    /// One line for a report.
    var summary: String {
        String(format: "filesystem %@, 4 KiB write + fsync: min %.2f ms, median %.2f ms, p99 %.2f ms", type,
               minMilliseconds, medianMilliseconds, p99Milliseconds)
    }

    private enum CodingKeys: String, CodingKey { case type, writeFsyncMilliseconds }
    private enum LatencyKeys: String, CodingKey { case min, median, p99 }

    /// `{"type": …, "writeFsyncMilliseconds": {"min", "median", "p99"}}`, unmeasured values as `null`.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        var latency = container.nestedContainer(keyedBy: LatencyKeys.self, forKey: .writeFsyncMilliseconds)
        for (key, value) in [(LatencyKeys.min, minMilliseconds), (.median, medianMilliseconds), (.p99, p99Milliseconds)] {
            try latency.encode(jsonNumber(value), forKey: key)
        }
    }
}
