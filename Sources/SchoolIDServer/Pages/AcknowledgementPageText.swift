import SchoolIDCore

/// The texts of the acknowledgement pages (`/account/acknowledgements…`, issue 10) in
/// Russian (the default) and English; shaped like ``PageText`` (exhaustive switches,
/// plain text, no markup). Error messages come from the error catalogue.
enum AcknowledgementPageText: PageCatalogue {
    // The list
    case listTitle, listLink, childLink, listExplanation, noChildren, pendingHeading, noPending, signedHeading
    case noSigned, requestedBy, deadlineLabel, signLink, signedAtLabel, signedByLabel, methodLabel, withdrawnAtLabel
    case receiptLink, stateSigned, stateWithdrawn, signerYou, roleTrusted, methodSMS, methodPassword, titleUnavailable
    // The confirmation page
    case detailTitle, detailExplanation, documentLabel, digestLabel, digestExplanation, childLabel, noDeadline
    case smsHeading, smsExplanation, smsSubmit, codeHeading, codeSentExplanation, codeField, resendAfterLabel
    case codeSubmit, passwordHeading, passwordExplanation, passwordField, passwordSubmit
    case signedExplanation, withdrawnExplanation, ledgerIndexLabel, withdrawHeading, withdrawExplanation
    case withdrawSubmit, backToList
    // After signing
    case successTitle, successExplanation

    /// The Russian text.
    var russian: String {
        switch self {
        case .listTitle: "Подписи в дневнике"
        case .listLink: "Подписи в дневнике: замечания и уведомления"
        case .childLink: "Подписи"
        case .listExplanation: "Дневник просит вас подтвердить, что вы прочитали замечание учителя или уведомление школы. Подпись получает дневник; её можно проверить без SchoolID."
        case .noChildren: "Пока нет детей, за которых вы можете подписывать."
        case .pendingHeading: "Ждут подписи"
        case .noPending: "Нет документов, ожидающих подписи."
        case .signedHeading: "Подписанные"
        case .noSigned: "Пока ничего не подписано."
        case .requestedBy: "Запросил"
        case .deadlineLabel: "Подписать до"
        case .signLink: "Подписать"
        case .signedAtLabel: "Подписано"
        case .signedByLabel: "Кем"
        case .methodLabel: "Способ"
        case .withdrawnAtLabel: "Подпись отозвана"
        case .receiptLink: "Скачать квитанцию"
        case .stateSigned: "подписано"
        case .stateWithdrawn: "подпись отозвана"
        case .signerYou: "вами"
        case .roleTrusted: "доверенное лицо"
        case .methodSMS: "код из SMS"
        case .methodPassword: "пароль"
        case .titleUnavailable: "(название недоступно)"
        case .detailTitle: "Подтверждение документа"
        case .detailExplanation: "Проверьте название и отпечаток документа: они должны совпадать с тем, что показывает дневник."
        case .documentLabel: "Номер документа в дневнике"
        case .digestLabel: "Отпечаток документа (SHA-256)"
        case .digestExplanation: "Сравните группы символов с отпечатком на странице дневника. Если хоть один символ отличается, не подписывайте."
        case .childLabel: "Ребёнок"
        case .noDeadline: "без срока"
        case .smsHeading: "Подписать кодом из SMS"
        case .smsExplanation: "Мы пришлём код на ваш подтверждённый телефон. Код подходит только для этого документа."
        case .smsSubmit: "Прислать код"
        case .codeHeading: "Введите код из SMS"
        case .codeSentExplanation: "Код отправлен. Он действует до"
        case .codeField: "Код из SMS"
        case .resendAfterLabel: "Новый код можно запросить после"
        case .codeSubmit: "Подписать"
        case .passwordHeading: "Подписать паролем"
        case .passwordExplanation: "Введите пароль от SchoolID ещё раз, чтобы подтвердить, что это вы."
        case .passwordField: "Пароль"
        case .passwordSubmit: "Подписать паролем"
        case .signedExplanation: "Документ подписан. Квитанция записана в журнал подписей."
        case .withdrawnExplanation: "Подпись отозвана. Запись о подписи осталась в журнале, к ней добавлена запись об отзыве."
        case .ledgerIndexLabel: "Номер записи в журнале"
        case .withdrawHeading: "Отозвать подпись"
        case .withdrawExplanation: "Отзыв не удаляет подпись: в журнал добавляется запись об отзыве. Введите пароль, чтобы подтвердить."
        case .withdrawSubmit: "Отозвать подпись"
        case .backToList: "Назад к подписям"
        case .successTitle: "Документ подписан"
        case .successExplanation: "Спасибо! Дневник получил квитанцию о подписи. Сохраните её копию, если хотите."
        }
    }

    /// The English text.
    var english: String {
        switch self {
        case .listTitle: "Diary acknowledgements"
        case .listLink: "Diary acknowledgements: notes and notices to sign"
        case .childLink: "Acknowledgements"
        case .listExplanation: "The diary asks you to confirm that you have read a teacher's note or a school notice. The diary receives your signature; anyone can verify it without SchoolID."
        case .noChildren: "There are no children you can sign for yet."
        case .pendingHeading: "Waiting for your signature"
        case .noPending: "Nothing is waiting for a signature."
        case .signedHeading: "Signed"
        case .noSigned: "Nothing has been signed yet."
        case .requestedBy: "Requested by"
        case .deadlineLabel: "Sign by"
        case .signLink: "Sign"
        case .signedAtLabel: "Signed"
        case .signedByLabel: "By"
        case .methodLabel: "Method"
        case .withdrawnAtLabel: "Signature withdrawn"
        case .receiptLink: "Download the receipt"
        case .stateSigned: "signed"
        case .stateWithdrawn: "signature withdrawn"
        case .signerYou: "you"
        case .roleTrusted: "trusted person"
        case .methodSMS: "SMS code"
        case .methodPassword: "password"
        case .titleUnavailable: "(title unavailable)"
        case .detailTitle: "Confirm a document"
        case .detailExplanation: "Check the title and the document's fingerprint: they must match what the diary shows."
        case .documentLabel: "Document number in the diary"
        case .digestLabel: "Document fingerprint (SHA-256)"
        case .digestExplanation: "Compare the groups of characters with the fingerprint on the diary's page. If any character differs, do not sign."
        case .childLabel: "Child"
        case .noDeadline: "no deadline"
        case .smsHeading: "Sign with an SMS code"
        case .smsExplanation: "We will send a code to your verified phone. The code works only for this document."
        case .smsSubmit: "Send me a code"
        case .codeHeading: "Enter the code from the SMS"
        case .codeSentExplanation: "The code has been sent. It works until"
        case .codeField: "Code from the SMS"
        case .resendAfterLabel: "You can ask for a new code after"
        case .codeSubmit: "Sign"
        case .passwordHeading: "Sign with your password"
        case .passwordExplanation: "Enter your SchoolID password again to confirm it is you."
        case .passwordField: "Password"
        case .passwordSubmit: "Sign with password"
        case .signedExplanation: "The document is signed. The receipt is recorded in the signature ledger."
        case .withdrawnExplanation: "The signature has been withdrawn. The signature stays in the ledger, with a withdrawal entry added."
        case .ledgerIndexLabel: "Ledger entry number"
        case .withdrawHeading: "Withdraw the signature"
        case .withdrawExplanation: "Withdrawing does not delete the signature: a withdrawal entry is added to the ledger. Enter your password to confirm."
        case .withdrawSubmit: "Withdraw the signature"
        case .backToList: "Back to acknowledgements"
        case .successTitle: "Document signed"
        case .successExplanation: "Thank you! The diary has received the receipt of your signature. Keep a copy if you wish."
        }
    }
}
