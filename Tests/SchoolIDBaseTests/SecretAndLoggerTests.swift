import Foundation
import SchoolIDBase
import SchoolIDTesting
import Testing

@Suite struct SecretAndLoggerTests {
    @Test("a secret prints as [redacted] through every path") func redaction() {
        let secret = Secret("hunter2-temporary")
        #expect("\(secret)" == "[redacted]")
        #expect(String(reflecting: secret) == "[redacted]")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect(secret.unredacted == "hunter2-temporary")
    }

    @Test("the logger writes one sorted JSON object per line and never a secret") func jsonLines() throws {
        let sink = MemoryLogSink()
        let logger = Logger(label: "test", sink: sink, clock: ManualWallClock(UnixTime(seconds: 7)))
        logger.info("login ok", ["account": "a1", "password": .secret(Secret("hunter2")), "n": 3])
        logger.debug("dropped below the minimum level")
        #expect(sink.lines == [
            #"{"account":"a1","label":"test","level":"info","msg":"login ok","n":3,"password":"[redacted]","ts":7}"#,
        ])
    }

    @Test("seeded randomness is deterministic and uniform draws stay in range") func seeded() {
        let a = SeededRandomSource(seed: 1), b = SeededRandomSource(seed: 1)
        #expect(a.bytes(count: 16) == b.bytes(count: 16))
        let alphabet = Array("abc")
        let text = a.string(length: 300, alphabet: alphabet)
        #expect(Set(text) == Set(alphabet))
        #expect(SystemRandomSource().token().count == 43)
    }
}

@Suite struct LogLineTests {
    @Test("log lines are valid JSON with escaped quotes, backslashes and control characters") func escaping() throws {
        let sink = MemoryLogSink()
        Logger(label: "t", sink: sink, clock: ManualWallClock(UnixTime(seconds: 1)))
            .info("a \"quoted\" \\ path\n\u{01}", ["ok": .bool(true), "кириллица": "значение"])
        let line = try #require(sink.lines.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["msg"] as? String == "a \"quoted\" \\ path\n\u{01}")
        #expect(object["кириллица"] as? String == "значение")
        #expect(object["ok"] as? Bool == true)
    }
}

@Suite struct BufferedSinkTests {
    @Test("the buffered sink writes every line, in order, by the time flush returns") func ordered() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let sink = BufferedStandardErrorSink(descriptor: ends[1])
        for index in 0..<2_000 { sink.write(line: "line \(index)") }  // crosses the 32 KiB batch size
        sink.flush()
        close(ends[1])
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(ends[0], &buffer, buffer.count)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        #expect(String(decoding: data, as: UTF8.self) == (0..<2_000).map { "line \($0)\n" }.joined())
    }
}
