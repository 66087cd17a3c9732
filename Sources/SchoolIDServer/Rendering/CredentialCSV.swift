import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// The one-time CSV of a finished batch's logins, as both the JSON API
/// (`GET /v1/credential-batches/:batch_id/credentials.csv`) and the teacher page
/// (`GET /teacher/batches/:batch_id/credentials.csv`) hand it out: `;`-separated,
/// UTF-8 with BOM, formula cells defused (``CSVDocument``), `no-store`.
enum CredentialCSV {
    /// The column names (Russian: the file is for Russian-locale spreadsheets).
    static let header = ["Фамилия", "Имя", "Отчество", "Логин", "Временный пароль", "Действует до"]

    /// One row per issued credential; dates in the school's time zone.
    static func rows(_ issued: [IssuedCredential], timeZone: String) -> [[String]] {
        issued.map { credential in
            [credential.profile.lastName, credential.profile.firstName, credential.profile.patronymic ?? "",
             credential.login.rawValue, credential.password, ISODate.string(credential.expiresAt, timeZone: timeZone)]
        }
    }

    /// The download response.
    static func response(schoolClass: SchoolClass, school: School, batchID: CredentialBatch.ID,
                         issued: [IssuedCredential]) -> Response
    {
        var headers = HTTPHeaders()
        headers.set("Content-Type", "text/csv; charset=utf-8")
        headers.set("Content-Disposition",
                    "attachment; filename=\"\(school.code)-\(schoolClass.grade)-\(batchID.rawValue).csv\"")
        headers.set("Cache-Control", "no-store")
        return Response(status: .ok, headers: headers, body: CSVDocument.render(header: header, rows: rows(issued, timeZone: school.timeZone)))
    }
}
