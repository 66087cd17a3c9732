/// Every path the server answers, in one place (kratos's route constants).
public enum Routes {
    public static let health = "/healthz"
    public static let ready = "/readyz"
    public static let metrics = "/metrics"
    public static let jwks = "/.well-known/jwks.json"
    public static let openAPI = "/v1/openapi.json"

    // JSON API: access
    public static let login = "/v1/login"
    public static let logout = "/v1/logout"
    public static let passwordChange = "/v1/password/change"
    public static let me = "/v1/me"

    // JSON API: directory
    public static let schools = "/v1/schools"
    public static let schoolClasses = "/v1/schools/:school_id/classes"
    public static let schoolStaff = "/v1/schools/:school_id/staff"
    public static let classTeachers = "/v1/classes/:class_id/teachers"
    public static let classStudents = "/v1/classes/:class_id/students"
    public static let enrolmentEnd = "/v1/enrolments/:enrolment_id/end"
    public static let accountDisable = "/v1/accounts/:account_id/disable"
    public static let accountUnlock = "/v1/accounts/:account_id/unlock"
    public static let audit = "/v1/audit"

    // JSON API: credentials
    public static let classCredentialBatches = "/v1/classes/:class_id/credential-batches"
    public static let credentialBatch = "/v1/credential-batches/:batch_id"
    public static let credentialBatchCSV = "/v1/credential-batches/:batch_id/credentials.csv"
    public static let studentTemporaryPassword = "/v1/students/:account_id/temporary-password"

    // JSON API: recovery (no authentication)
    public static let recoveryLogin = "/v1/recovery/login"
    public static let recoveryPassword = "/v1/recovery/password"
    public static let recoveryPasswordResend = "/v1/recovery/password/resend"
    public static let recoveryPasswordConfirm = "/v1/recovery/password/confirm"

    // HTML pages
    public static let home = "/"
    public static let loginPage = "/login"
    public static let logoutPage = "/logout"
    public static let passwordChangePage = "/password/change"
    public static let teacherPage = "/teacher"
    public static let teacherClassPage = "/teacher/classes/:class_id"
    public static let teacherClassUpload = "/teacher/classes/:class_id/roster"
    public static let batchPage = "/teacher/batches/:batch_id"
    public static let batchSlipsPage = "/teacher/batches/:batch_id/slips"
    public static let batchCSVPage = "/teacher/batches/:batch_id/credentials.csv"
    public static let accountPage = "/account"
    public static let teacherReissue = "/teacher/students/:account_id/temporary-password"
    public static let recoverPage = "/recover"
    public static let recoverLoginPage = "/recover/login"
    public static let recoverPasswordPage = "/recover/password"
    public static let recoverPasswordFlowPage = "/recover/password/:flow_id"

    /// A concrete path from a template: `path(credentialBatch, "batch_id", "bat_…")`.
    static func path(_ template: String, _ parameter: String, _ value: String) -> String {
        template.replacingOccurrences(of: ":" + parameter, with: value)
    }
}
