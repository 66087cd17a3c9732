import SchoolIDBase
import Synchronization

/// A deterministic random source for tests (SplitMix64). It lives only in this module
/// so that `schoolid` can never link it.
public final class SeededRandomSource: RandomSource {
    private let state: Mutex<UInt64>

    /// Creates a source whose output depends only on `seed`.
    public init(seed: UInt64) { state = Mutex(seed) }

    public func fill(_ bytes: inout [UInt8]) {
        state.withLock { state in
            for index in bytes.indices {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                bytes[index] = UInt8(truncatingIfNeeded: z ^ (z >> 31))
            }
        }
    }
}
