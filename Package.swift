// swift-tools-version: 6.1
// SchoolID uses no Swift packages: Foundation, Swift Testing, and OpenSSL 3 + SQLite 3
// through the two system-library targets below. Dependencies point one way, down
// the module table in README.md.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "SchoolID",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "schoolid", targets: ["schoolid"]),
        // What diary services link to verify SchoolID tokens offline.
        .library(name: "SchoolIDVerifier", targets: ["SchoolIDVerifier"]),
        // A minimal diary service that signs people in through SchoolID (demo and end-to-end tests).
        .executable(name: "diary-demo", targets: ["diary-demo"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSchoolIDOpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CSchoolIDSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Linux headers Glibc does not export (epoll, eventfd, GNU posix_spawn actions).
        .systemLibrary(name: "CSchoolIDLinux"),
        .target(name: "SchoolIDBase", dependencies: ["CSchoolIDLinux"], swiftSettings: strict),
        .target(name: "SchoolIDCrypto", dependencies: ["SchoolIDBase", "CSchoolIDOpenSSL"], swiftSettings: strict),
        .target(name: "SchoolIDJOSE", dependencies: ["SchoolIDBase", "SchoolIDCrypto"], swiftSettings: strict),
        .target(name: "SchoolIDVerifier", dependencies: ["SchoolIDBase", "SchoolIDCrypto", "SchoolIDJOSE"], swiftSettings: strict),
        // What a third-party diary service would write: no SchoolID server module in it.
        .target(
            name: "DiaryDemo",
            dependencies: ["SchoolIDBase", "SchoolIDJOSE", "SchoolIDHTTP", "SchoolIDNet", "SchoolIDVerifier"],
            swiftSettings: strict
        ),
        .executableTarget(name: "diary-demo", dependencies: ["DiaryDemo", "SchoolIDBase"], swiftSettings: strict),
        .target(name: "SchoolIDCore", dependencies: ["SchoolIDBase", "SchoolIDCrypto", "SchoolIDJOSE"], swiftSettings: strict),
        .target(
            name: "SchoolIDStore",
            dependencies: ["SchoolIDBase", "SchoolIDCrypto", "SchoolIDCore", "CSchoolIDSQLite"],
            swiftSettings: strict
        ),
        .target(name: "SchoolIDHTTP", dependencies: ["SchoolIDBase"], swiftSettings: strict),
        .target(
            name: "SchoolIDNet",
            dependencies: ["SchoolIDBase", "SchoolIDCrypto", "SchoolIDHTTP", "CSchoolIDLinux"],
            swiftSettings: strict
        ),
        .target(
            name: "SchoolIDServer",
            dependencies: ["SchoolIDBase", "SchoolIDCrypto", "SchoolIDJOSE", "SchoolIDCore", "SchoolIDStore",
                           "SchoolIDHTTP", "SchoolIDNet"],
            swiftSettings: strict
        ),
        .target(
            name: "SchoolIDTesting",
            dependencies: ["SchoolIDBase", "SchoolIDCrypto", "SchoolIDJOSE", "SchoolIDCore", "SchoolIDStore",
                           "SchoolIDHTTP", "SchoolIDNet", "SchoolIDServer"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "schoolid",
            dependencies: ["SchoolIDBase", "SchoolIDCrypto", "SchoolIDJOSE", "SchoolIDCore", "SchoolIDStore",
                           "SchoolIDHTTP", "SchoolIDNet", "SchoolIDServer", "SchoolIDVerifier"],
            swiftSettings: strict
        ),
        .testTarget(name: "SchoolIDBaseTests", dependencies: ["SchoolIDBase", "SchoolIDTesting"], swiftSettings: strict),
        .testTarget(name: "SchoolIDCryptoTests", dependencies: ["SchoolIDCrypto", "SchoolIDTesting"], swiftSettings: strict),
        .testTarget(name: "SchoolIDJOSETests", dependencies: ["SchoolIDJOSE", "SchoolIDTesting"], swiftSettings: strict),
        .testTarget(
            name: "SchoolIDVerifierTests", dependencies: ["SchoolIDVerifier", "SchoolIDTesting"], swiftSettings: strict
        ),
        .testTarget(name: "SchoolIDCoreTests", dependencies: ["SchoolIDCore", "SchoolIDTesting"], swiftSettings: strict),
        .testTarget(name: "SchoolIDStoreTests", dependencies: ["SchoolIDStore", "SchoolIDTesting"], swiftSettings: strict),
        .testTarget(name: "SchoolIDHTTPTests", dependencies: ["SchoolIDHTTP", "SchoolIDTesting"], swiftSettings: strict),
        .testTarget(name: "SchoolIDNetTests", dependencies: ["SchoolIDNet", "SchoolIDTesting"], swiftSettings: strict),
        .testTarget(
            name: "SchoolIDServerTests",
            dependencies: ["SchoolIDServer", "SchoolIDVerifier", "SchoolIDTesting", "DiaryDemo"],
            swiftSettings: strict
        ),
        .testTarget(name: "SchoolIDCLITests", dependencies: ["SchoolIDTesting", "schoolid"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
