/// A school. This issue defines only its identifier; later issues add the fields.
public enum School {
    /// The kind tag of school identifiers.
    public enum Kind: IdentifierKind {
        public static let prefix = "sch"
        public static let noun = "a school identifier"
    }

    /// A school's opaque identifier (`sch_…`).
    public typealias ID = Identifier<Kind>
}
