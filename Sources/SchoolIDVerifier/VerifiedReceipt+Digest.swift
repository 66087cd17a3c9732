import SchoolIDBase
import SchoolIDCrypto

extension VerifiedReceipt {
    /// The `digest` a receipt for `document` carries: lowercase hex SHA-256 (FIPS 180-4) of
    /// the document bytes — what a diary service sends as `digest` in
    /// `POST /v1/acknowledgements` and what ``matches(document:)`` compares.
    /// - Parameter document: the document's bytes, exactly as shown to the guardian.
    /// - Returns: 64 lowercase hex characters.
    public static func digest(of document: [UInt8]) -> String {
        Hex.encode(SHA256.hash(document))
    }
}
