/// Every path the server answers, in one place (kratos's route constants).
public enum Routes {
    public static let health = "/healthz"
    public static let ready = "/readyz"
    public static let metrics = "/metrics"
    public static let jwks = "/.well-known/jwks.json"
}
