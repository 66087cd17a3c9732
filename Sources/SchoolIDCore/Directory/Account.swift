/// A person's account (student, guardian, trusted person, staff). This issue defines
/// only its identifier; later issues add the fields.
public enum Account {
    /// The kind tag of account identifiers.
    public enum Kind: IdentifierKind {
        public static let prefix = "acc"
        public static let noun = "an account identifier"
    }

    /// An account's opaque identifier (`acc_…`).
    public typealias ID = Identifier<Kind>
}
