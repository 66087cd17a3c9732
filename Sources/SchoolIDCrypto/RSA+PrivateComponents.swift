extension RSA {
    /// The integers of an RSA private key, unsigned big-endian as in JWK (RFC 7518 §6.3).
    ///
    /// Not `Encodable` and not printable: these are secrets.
    public struct PrivateComponents: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
        CustomReflectable
    {
        /// Modulus (JWK `n`).
        public var n: [UInt8]
        /// Public exponent (JWK `e`).
        public var e: [UInt8]
        /// Private exponent (JWK `d`).
        public var d: [UInt8]
        /// First prime factor (JWK `p`).
        public var p: [UInt8]
        /// Second prime factor (JWK `q`).
        public var q: [UInt8]
        /// d mod (p − 1) (JWK `dp`).
        public var dp: [UInt8]
        /// d mod (q − 1) (JWK `dq`).
        public var dq: [UInt8]
        /// q⁻¹ mod p (JWK `qi`).
        public var qi: [UInt8]

        /// Collects the components.
        public init(n: [UInt8], e: [UInt8], d: [UInt8], p: [UInt8], q: [UInt8],
                    dp: [UInt8], dq: [UInt8], qi: [UInt8]) {
            self.n = n
            self.e = e
            self.d = d
            self.p = p
            self.q = q
            self.dp = dp
            self.dq = dq
            self.qi = qi
        }

        public var description: String { "RSA.PrivateComponents(redacted)" }
        public var debugDescription: String { description }
        public var customMirror: Mirror { Mirror(self, children: [:]) }
    }
}
