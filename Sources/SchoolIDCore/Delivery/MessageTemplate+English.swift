extension MessageTemplate {
    /// The English SMS: ASCII, one GSM-7 segment (160 characters).
    var englishSMS: String {
        switch self {
        case .registrationCode(let code): "SchoolID: your registration code is \(code). Do not share it with anyone."
        case .phoneChangeCode(let code): "SchoolID: your code to change your phone is \(code). Do not share it with anyone."
        case .emailChangeCode(let code): "SchoolID: your code to change your email is \(code). Do not share it with anyone."
        case .passwordRecoveryCode(let code):
            "SchoolID: your password recovery code is \(code). Do not share it with anyone."
        case .secondFactorCode(let code): "SchoolID: your sign-in code is \(code). Do not share it with anyone."
        case .acknowledgementCode(let code, let title):
            "SchoolID: code \(code) to sign \"\(title)\". Do not share it with anyone."
        case .loginReminder(let login): "SchoolID: your login is \(login)"
        case .familyLoginReminder(let login, let children) where children.isEmpty:
            MessageTemplate.loginReminder(login: login).englishSMS
        case .familyLoginReminder(let login, let children):
            Self.oneSegment("SchoolID: your login is \(login); your children's logins: "
                            + children.joined(separator: ", "), units: 160)
                ?? "SchoolID: your login is \(login). The logins of your \(children.count) children are in your account."
        case .contactAlreadyRegistered:
            "SchoolID: this number is already registered. Sign in with your login or recover access."
        case .passwordChangedNotice:
            "SchoolID: your password was changed. If this was not you, recover access now."
        case .contactChangedNotice(.phone):
            "SchoolID: the phone number of your account was changed. If this was not you, recover access now."
        case .contactChangedNotice(.email):
            "SchoolID: the email address of your account was changed. If this was not you, recover access now."
        case .assistedResetNotice:
            "SchoolID: school staff reset your access. If you did not ask for this, tell your school now."
        case .guardianLinkedNotice(let login):
            "SchoolID: a guardian was linked to student \(login). If this is unexpected, tell the school."
        case .trustedPersonNotice(let login, false): "SchoolID: a trusted person was invited for student \(login)."
        case .trustedPersonNotice(let login, true): "SchoolID: a trusted person of student \(login) accepted."
        case .acknowledgementRequestedNotice(let title): "SchoolID: a note to sign in the diary: \(title)"
        }
    }

    /// The English email.
    var englishEmail: (subject: String, body: String) {
        switch self {
        case .registrationCode(let code):
            ("Your SchoolID registration code", englishCodeBody("Your code to confirm your SchoolID registration: \(code)."))
        case .phoneChangeCode(let code):
            ("Your SchoolID phone change code", englishCodeBody("Your code to change your phone number in SchoolID: \(code)."))
        case .emailChangeCode(let code):
            ("Your SchoolID email change code", englishCodeBody("Your code to confirm your new email address in SchoolID: \(code)."))
        case .passwordRecoveryCode(let code):
            ("SchoolID password recovery", englishCodeBody("Your code to recover your SchoolID password: \(code)."))
        case .secondFactorCode(let code):
            ("Your SchoolID sign-in code", englishCodeBody("Your code to sign in to SchoolID: \(code)."))
        case .acknowledgementCode(let code, let title):
            ("SchoolID document acknowledgement",
             englishCodeBody("You are acknowledging the document \"\(title)\".\nYour confirmation code: \(code)."))
        case .loginReminder(let login):
            ("Your SchoolID login", """
                Your login for SchoolID: \(login)

                If you did not ask for a reminder, you can ignore this email.
                """)
        case .familyLoginReminder(let login, let children):
            ("Your SchoolID logins", """
                Your login for SchoolID: \(login)

                The logins of the children linked to your account:
                \(children.map { "- \($0)" }.joined(separator: "\n"))

                If you did not ask for a reminder, you can ignore this email.
                """)
        case .contactAlreadyRegistered:
            ("Repeated SchoolID registration", """
                Someone tried to register in SchoolID with this address or number, but it already \
                belongs to your account. Nothing has changed.

                If you forgot your login or password, use access recovery on the sign-in page.
                """)
        case .passwordChangedNotice:
            ("Your SchoolID password was changed", """
                The password of your SchoolID account was changed and every session was ended.

                If this was not you, recover access on the sign-in page and tell your school.
                """)
        case .contactChangedNotice(let kind): englishContactChangedEmail(kind)
        case .assistedResetNotice:
            ("School staff reset your SchoolID access", """
                A member of school staff gave your SchoolID account a temporary password and removed its second \
                factor (authenticator app, SMS sign-in, recovery codes); every session was ended.

                This is done when someone has lost both their password and their second factor and comes to \
                school in person. If you did not ask for this, tell your school now.
                """)
        case .guardianLinkedNotice(let login):
            ("A guardian was linked in SchoolID", """
                A guardian was linked to the student with login \(login) in SchoolID: they now see the \
                student's diary, attendance and nutrition.

                If you did not expect this, tell the school: a school admin can end the link.
                """)
        case .trustedPersonNotice(let login, let accepted):
            (accepted ? "A trusted person accepted in SchoolID" : "A trusted person was invited in SchoolID", """
                \(accepted ? "A trusted person accepted the invitation" : "Another guardian invited a trusted person") \
                to see services of the student with login \(login) in SchoolID.

                You can see the invitation and revoke it in your account under invitations.
                """)
        case .acknowledgementRequestedNotice(let title):
            ("A note to sign in the diary", """
                A note to sign in the diary: \(title)

                Read it in the diary and confirm it in SchoolID, under notes to sign.
                """)
        }
    }

    private func englishCodeBody(_ first: String) -> String {
        """
        \(first)

        Do not share this code with anyone, school staff included. If you did not ask for \
        a code, you can ignore this email.
        """
    }

    private func englishContactChangedEmail(_ kind: AccountContact.Kind) -> (subject: String, body: String) {
        let what = kind == .phone ? "phone number" : "email address"
        return ("Your SchoolID \(what) was changed", """
            The \(what) of your SchoolID account was changed. This message goes to the previous one.

            If this was not you, recover access on the sign-in page and tell your school.
            """)
    }
}
