import SchoolIDCrypto

extension OTPDestination {
    /// ``contactIndex(key:)`` under every `index` key a stored row may still carry
    /// (``DataKeyProvider/indexKeys``), the active key's first.
    public func contactIndexCandidates(keys: any DataKeyProvider) -> [[UInt8]] {
        keys.indexKeys.map { contactIndex(key: $0).bytes }
    }
}

extension ContactReader {
    /// The verified contact equal to `destination`, whichever `index` key its row was
    /// indexed under (a re-index may be under way): the one lookup every service uses.
    /// - Throws: a backend error.
    public func verifiedContact(_ destination: OTPDestination, keys: any DataKeyProvider) throws -> AccountContact? {
        let kind = AccountContact.Kind(destination)
        for index in destination.contactIndexCandidates(keys: keys) {
            if let contact = try verifiedContact(kind: kind, valueIndex: index) { return contact }
        }
        return nil
    }
}
