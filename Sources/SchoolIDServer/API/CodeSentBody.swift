import SchoolIDBase
import SchoolIDCore

/// The answer to "send me a code" (step-up SMS, contact change, acknowledgement
/// signing): the challenge to confirm, when it expires and when a resend is allowed.
struct CodeSentBody: Encodable {
    let challengeID: String
    let expiresAt: Int64
    let resendAfter: Int64

    enum CodingKeys: String, CodingKey {
        case challengeID = "challenge_id", expiresAt = "expires_at", resendAfter = "resend_after"
    }

    init(challengeID: Challenge.ID, expiresAt: UnixTime, resendAfter: UnixTime) {
        self.challengeID = challengeID.rawValue
        self.expiresAt = expiresAt.seconds
        self.resendAfter = resendAfter.seconds
    }
}
