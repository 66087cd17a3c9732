import DiaryDemo
import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDStore
import SchoolIDTesting
import SchoolIDVerifier
import Testing

/// Issue 10's "Done when" through `diary-demo`: the demo asks for a teacher's note to be
/// signed, the guardian signs with the SMS code, and the demo verifies the receipt
/// offline — signature, document bytes, inclusion under a checkpoint consistent with the
/// one it held before; a changed note and a rewritten history are refused.
@Suite struct DiaryDemoAcknowledgementTests {
    @Test("two notes signed by SMS code verify offline, and the held checkpoint advances by a consistency proof")
    func signAndVerify() async throws {
        try await DiaryDemoAckWorld.run { world in
            let (first, second) = (world.students[0], world.students[1])
            let page = try await world.notes(first)
            let note = world.demo.note(student: first.rawValue)
            #expect(page.bodyText.contains("Не отправлено на подпись."))
            #expect(DiaryDemoAckWorld.element("digest", in: page)?.replacingOccurrences(of: " ", with: "")
                == VerifiedReceipt.digest(of: note.bytes))
            #expect(DiaryDemoAckWorld.element("document", in: page) == "note-\(first.rawValue)-1")

            let id = try await world.askToSign(first)
            let pending = try await world.notes(first)
            #expect(pending.bodyText.contains("Ждёт подписи родителя (<code>\(id)</code>)"))
            #expect(try await world.heldCheckpoint() == nil)

            try await world.signWithSMS(id)
            let signed = try await world.notes(first)
            #expect(signed.bodyText.contains("Подпись проверена: <code>\(id)</code>"), "\(signed.bodyText)")
            #expect(DiaryDemoAckWorld.element("signer-role", in: signed) == "guardian")
            #expect(DiaryDemoAckWorld.element("relation", in: signed) == "mother")
            #expect(DiaryDemoAckWorld.element("method", in: signed) == "sms-otp")
            #expect(DiaryDemoAckWorld.element("ledger-index", in: signed) == "0")
            #expect(DiaryDemoAckWorld.element("tree-size", in: signed) == "1")
            let held = try #require(try await world.heldCheckpoint())
            #expect(held.treeSize == 1)

            try await world.signWithSMS(try await world.askToSign(second))
            let later = try await world.notes(second)
            #expect(DiaryDemoAckWorld.element("ledger-index", in: later) == "1", "\(later.bodyText)")
            #expect(DiaryDemoAckWorld.element("tree-size", in: later) == "2")
            // The size-2 checkpoint was accepted only along the consistency proof from size 1.
            let advanced = try #require(try await world.heldCheckpoint())
            #expect(advanced.treeSize == 2 && advanced.root != held.root)
            // The first receipt still verifies, now against the bigger checkpoint.
            #expect(try await world.notes(first).bodyText.contains("Подпись проверена: <code>\(id)</code>"))
        }
    }

    @Test("a note changed by one byte after signing shows the mismatch and offers a new request")
    func tamperedNote() async throws {
        try await DiaryDemoAckWorld.run { world in
            let student = world.students[0]
            let id = try await world.askToSign(student)
            try await world.signWithSMS(id)
            #expect(try await world.notes(student).bodyText.contains("Подпись проверена"))
            #expect(!(try await world.notes(student).bodyText.contains("/notes/request")))

            var bytes = world.demo.note(student: student.rawValue).bytes
            bytes[bytes.count - 2] ^= 0x01
            world.demo.replaceNote(student: student.rawValue, with: bytes)
            let page = try await world.notes(student)
            #expect(!page.bodyText.contains("Подпись проверена"))
            #expect(DiaryDemoAckWorld.element("reason", in: page) == "document_mismatch")
            #expect(page.bodyText.contains("action=\"/students/\(student.rawValue)/notes/request\""))
        }
    }

    @Test("a demo holding a checkpoint of the original history refuses the ledger after a leaf was rewritten")
    func rewrittenHistory() async throws {
        try await DiaryDemoAckWorld.run { world in
            try await world.signWithSMS(try await world.askToSign(world.students[0]))
            #expect(try await world.notes(world.students[0]).bodyText.contains("Подпись проверена"))
            let held = try #require(try await world.heldCheckpoint())

            try await world.acks.environment.storage.write { tx in
                try (tx as! SQLiteWriteTransaction).connection.executeScript(
                    "UPDATE ledger_entries SET leaf_data = zeroblob(32) WHERE ledger_index = 0;")
            }
            try await world.signWithSMS(try await world.askToSign(world.students[1]))
            let page = try await world.notes(world.students[1])
            #expect(!page.bodyText.contains("Подпись проверена"))
            #expect(DiaryDemoAckWorld.element("reason", in: page) == "checkpoint_inconsistent", "\(page.bodyText)")
            #expect(try await world.heldCheckpoint() == held)
        }
    }

    @Test("asking for a signature without the session's CSRF token, or for a student not in the token, is refused")
    func refusedRequests() async throws {
        try await DiaryDemoAckWorld.run { world in
            let student = world.students[0]
            let forged = try await world.diary.post("/students/\(student.rawValue)/notes/request",
                                                    form: [("csrf_token", "not-the-token")])
            #expect(forged.status == 403)
            let listed = try await world.acks.mother.get("/v1/acknowledgements?student=\(student.rawValue)")
            #expect(AcknowledgementWorld.ids(listed).isEmpty)
            let other = try await world.diary.get("/students/\(world.acks.outsider.rawValue)/notes")
            #expect(other.status == 403)
        }
    }

    @Test("--checkpoint-store sets the checkpoint file; without it the checkpoint is kept in memory")
    func checkpointStoreOption() throws {
        let plain = try DiaryDemoConfiguration(arguments: DiaryDemoConfigurationTests.minimal,
                                               environment: DiaryDemoConfigurationTests.secret)
        #expect(plain.checkpointStorePath == nil)
        let kept = try DiaryDemoConfiguration(
            arguments: DiaryDemoConfigurationTests.minimal + ["--checkpoint-store", "/var/lib/diary/checkpoint.json"],
            environment: DiaryDemoConfigurationTests.secret)
        #expect(kept.checkpointStorePath == "/var/lib/diary/checkpoint.json")
    }
}
