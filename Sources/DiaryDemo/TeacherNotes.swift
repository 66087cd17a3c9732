import Synchronization

/// A teacher's note about one student: the document a guardian is asked to acknowledge.
/// The bytes are the document; SchoolID only ever sees their SHA-256.
public struct TeacherNote: Hashable, Sendable {
    /// The diary's document id, sent as `document` (`note-<student>-1`).
    public let documentID: String
    /// The title shown to the guardian at SchoolID and in the SMS.
    public let title: String
    /// The document bytes (UTF-8 text), hashed into the request's `digest`.
    public let bytes: [UInt8]
}

/// The demo's notes: one fixed sample note per student, which a teacher may edit
/// (``replace(student:with:)``) — after which a receipt for the old text no longer
/// matches the document the diary shows.
final class TeacherNotes: Sendable {
    static let title = "Замечание учителя: опоздание на урок"
    private let edited = Mutex<[String: [UInt8]]>([:])

    /// The note about `student`: the sample text unless it was edited.
    func note(for student: String) -> TeacherNote {
        let bytes = edited.withLock { $0[student] } ?? Self.sample(for: student)
        return TeacherNote(documentID: "note-\(student)-1", title: Self.title, bytes: bytes)
    }

    /// Replaces the note's bytes (a teacher's edit).
    func replace(student: String, with bytes: [UInt8]) {
        edited.withLock { $0[student] = bytes }
    }

    /// The fixed sample text about `student`.
    static func sample(for student: String) -> [UInt8] {
        Array("""
        Уважаемые родители! Ученик \(student) опоздал на урок математики 29.11.2026 на 15 минут \
        без уважительной причины. Просим подтвердить, что вы ознакомлены с замечанием. \
        Классный руководитель.
        """.utf8)
    }
}
