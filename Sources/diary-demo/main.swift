// diary-demo: a minimal diary service that signs people in through SchoolID.
// Parses the command line, then serves until interrupted.
import DiaryDemo
import Foundation
import SchoolIDBase

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--help") || arguments.contains("-h") {
    print(DiaryDemoConfiguration.usage)
    exit(0)
}
let configuration: DiaryDemoConfiguration
do {
    configuration = try DiaryDemoConfiguration(arguments: arguments, environment: ProcessInfo.processInfo.environment)
} catch {
    FileHandle.standardError.write(Data("diary-demo: \(error)\n\n\(DiaryDemoConfiguration.usage)\n".utf8))
    exit(2)
}
let demo = DiaryDemo(configuration: configuration)
let origin = configuration.redirectBase
try await demo.run { port in
    // Written unbuffered, so a supervisor or a pipe sees it at once.
    FileHandle.standardOutput.write(Data("diary-demo listening on \(configuration.host):\(port); open \(origin)/\n".utf8))
}
