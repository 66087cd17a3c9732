extension MessageTemplate {
    /// The Russian SMS: one UCS-2 segment (70 code units) whenever it carries a code.
    var russianSMS: String {
        switch self {
        case .registrationCode(let code): "SchoolID: код для регистрации \(code). Никому не сообщайте."
        case .phoneChangeCode(let code): "SchoolID: код для смены телефона \(code). Никому не сообщайте."
        case .emailChangeCode(let code): "SchoolID: код для смены почты \(code). Никому не сообщайте."
        case .passwordRecoveryCode(let code): "SchoolID: код для восстановления пароля \(code). Никому не сообщайте."
        case .secondFactorCode(let code): "SchoolID: код для входа \(code). Никому не сообщайте."
        case .acknowledgementCode(let code, let title):
            "SchoolID: код \(code) — подписать «\(title)». Никому не сообщайте."
        case .loginReminder(let login): "SchoolID: ваш логин для входа \(login)"
        case .familyLoginReminder(let login, let children) where children.isEmpty:
            MessageTemplate.loginReminder(login: login).russianSMS
        case .familyLoginReminder(let login, let children):
            Self.oneSegment("SchoolID: ваш логин \(login), логины детей: " + children.joined(separator: ", "), units: 70)
                ?? "SchoolID: ваш логин \(login), логины детей (\(children.count)) в личном кабинете"
        case .contactAlreadyRegistered: "SchoolID: этот номер уже зарегистрирован. Войдите со своим логином."
        case .passwordChangedNotice: "SchoolID: пароль изменён. Если это не вы, восстановите доступ."
        case .contactChangedNotice(.phone): "SchoolID: номер телефона изменён. Если это не вы, восстановите доступ."
        case .contactChangedNotice(.email): "SchoolID: адрес почты изменён. Если это не вы, восстановите доступ."
        case .assistedResetNotice: "SchoolID: доступ сброшен сотрудником школы. Если это не вы, сообщите в школу."
        case .guardianLinkedNotice(let login): "SchoolID: к ученику \(login) привязан представитель."
        case .trustedPersonNotice(let login, false): "SchoolID: к ученику \(login) приглашено доверенное лицо."
        case .trustedPersonNotice(let login, true): "SchoolID: доверенное лицо ученика \(login) приняло приглашение."
        case .acknowledgementRequestedNotice(let title): "SchoolID: запись в дневнике на подпись: \(title)"
        }
    }

    /// The Russian email.
    var russianEmail: (subject: String, body: String) {
        switch self {
        case .registrationCode(let code):
            ("Код для регистрации в SchoolID", russianCodeBody("Код для подтверждения регистрации в SchoolID: \(code)."))
        case .phoneChangeCode(let code):
            ("Код для смены телефона в SchoolID", russianCodeBody("Код для смены номера телефона в SchoolID: \(code)."))
        case .emailChangeCode(let code):
            ("Код для смены почты в SchoolID", russianCodeBody("Код для подтверждения нового адреса почты в SchoolID: \(code)."))
        case .passwordRecoveryCode(let code):
            ("Восстановление пароля SchoolID", russianCodeBody("Код для восстановления пароля в SchoolID: \(code)."))
        case .secondFactorCode(let code):
            ("Код для входа в SchoolID", russianCodeBody("Код для входа в SchoolID: \(code)."))
        case .acknowledgementCode(let code, let title):
            ("Подтверждение документа в SchoolID",
             russianCodeBody("Вы подтверждаете ознакомление с документом «\(title)».\nКод подтверждения: \(code)."))
        case .loginReminder(let login):
            ("Ваш логин в SchoolID", """
                Ваш логин для входа в SchoolID: \(login)

                Если вы не запрашивали напоминание, просто не обращайте внимания на это письмо.
                """)
        case .familyLoginReminder(let login, let children):
            ("Ваши логины в SchoolID", """
                Ваш логин для входа в SchoolID: \(login)

                Логины детей, привязанных к вашей учётной записи:
                \(children.map { "- \($0)" }.joined(separator: "\n"))

                Если вы не запрашивали напоминание, просто не обращайте внимания на это письмо.
                """)
        case .contactAlreadyRegistered:
            ("Повторная регистрация в SchoolID", """
                Кто-то пытался зарегистрироваться в SchoolID с этим адресом или номером, но он уже \
                привязан к вашей учётной записи. Ничего не изменилось.

                Если вы забыли логин или пароль, воспользуйтесь восстановлением доступа на странице входа.
                """)
        case .passwordChangedNotice:
            ("Пароль SchoolID изменён", """
                Пароль вашей учётной записи SchoolID был изменён, все сеансы завершены.

                Если это сделали не вы, восстановите доступ на странице входа и сообщите в школу.
                """)
        case .contactChangedNotice(let kind): russianContactChangedEmail(kind)
        case .assistedResetNotice:
            ("Доступ к SchoolID сброшен сотрудником школы", """
                Сотрудник школы выдал вашей учётной записи SchoolID временный пароль и удалил второй фактор \
                (приложение-аутентификатор, вход по SMS, коды восстановления); все сеансы завершены.

                Так делают, когда человек потерял и пароль, и второй фактор и пришёл в школу лично. \
                Если вы об этом не просили, сразу сообщите в школу.
                """)
        case .guardianLinkedNotice(let login):
            ("Привязан представитель ученика в SchoolID", """
                К ученику с логином \(login) в SchoolID привязан законный представитель: теперь он видит \
                дневник, посещаемость и питание ученика.

                Если вы этого не ожидали, сообщите в школу: администратор школы может отменить привязку.
                """)
        case .trustedPersonNotice(let login, let accepted):
            (accepted ? "Доверенное лицо приняло приглашение в SchoolID" : "Приглашено доверенное лицо в SchoolID", """
                \(accepted ? "Доверенное лицо приняло приглашение" : "Другой представитель пригласил доверенное лицо") \
                видеть сервисы ученика с логином \(login) в SchoolID.

                Приглашение можно посмотреть и отозвать в личном кабинете, в разделе приглашений.
                """)
        case .acknowledgementRequestedNotice(let title):
            ("Запись в дневнике на подпись", """
                Запись в дневнике на подпись: \(title)

                Прочитайте её в дневнике и подтвердите в SchoolID, в разделе записей на подпись.
                """)
        }
    }

    private func russianCodeBody(_ first: String) -> String {
        """
        \(first)

        Никому не сообщайте этот код, даже сотрудникам школы. Если вы не запрашивали код, \
        просто не обращайте внимания на это письмо.
        """
    }

    private func russianContactChangedEmail(_ kind: AccountContact.Kind) -> (subject: String, body: String) {
        let what = kind == .phone ? "номер телефона" : "адрес электронной почты"
        return ("В SchoolID изменён \(what)", """
            В вашей учётной записи SchoolID изменён \(what). Это сообщение отправлено на прежний.

            Если это сделали не вы, восстановите доступ на странице входа и сообщите в школу.
            """)
    }
}
