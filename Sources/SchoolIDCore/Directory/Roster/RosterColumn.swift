/// A column a roster's header row may name, recognised case-insensitively in Russian or
/// English, in any order.
enum RosterColumn: CaseIterable, Sendable {
    case lastName
    case firstName
    case patronymic
    case birthDate

    /// The header spellings of this column, lower-cased with single spaces.
    var names: [String] {
        switch self {
        case .lastName: ["фамилия", "last name", "last_name"]
        case .firstName: ["имя", "first name", "first_name"]
        case .patronymic: ["отчество", "patronymic", "middle name"]
        case .birthDate: ["дата рождения", "birth date", "birth_date", "birthdate"]
        }
    }

    /// Whether a roster must have this column.
    var isRequired: Bool { self == .lastName || self == .firstName }

    /// The English name for error details.
    var label: String {
        switch self {
        case .lastName: "last name"
        case .firstName: "first name"
        case .patronymic: "patronymic"
        case .birthDate: "birth date"
        }
    }

    /// The column a header cell names: trimmed, lower-cased, internal whitespace runs
    /// collapsed (`"Дата  Рождения "` → birth date); `nil` when it names none.
    init?(header cell: String) {
        let key = cell.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard let column = Self.allCases.first(where: { $0.names.contains(key) }) else { return nil }
        self = column
    }
}
