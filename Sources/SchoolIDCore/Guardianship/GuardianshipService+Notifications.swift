import SchoolIDBase

extension GuardianshipService {
    /// Queues ``MessageTemplate/guardianLinkedNotice(studentLogin:)`` for the class
    /// teachers (when the policy says so) and every other active guardian of the
    /// child, to one verified contact each (the phone, else the email), in the
    /// recipient's language; inside the unit that made the link, so both commit
    /// together. People without a verified contact are skipped (they see the link in
    /// their account).
    /// - Throws: a sealing or store error.
    func notifyLinked(_ link: GuardianLink, pupil: Pupil, now: UnixTime, in tx: any WriteTransaction) throws {
        var recipients: [Account.ID] = []
        if environment.policies.guardianship.notifyClassTeacher {
            recipients += try tx.classes.teachers(of: pupil.schoolClass.id)
        }
        recipients += try tx.guardianLinks.links(ofStudent: link.studentID)
            .filter { $0.state == .active && $0.guardianID != link.guardianID }.map(\.guardianID)
        var seen: Set<Account.ID> = [link.guardianID]
        let template = MessageTemplate.guardianLinkedNotice(studentLogin: pupil.account.login?.rawValue ?? "")
        for recipientID in recipients where seen.insert(recipientID).inserted {
            guard let recipient = try tx.accounts.account(recipientID), recipient.status == .active else { continue }
            try Courier.notify(recipient, template, reach: .one, environment: environment, now: now, in: tx)
        }
    }
}
