import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// `GET /v1/acknowledgements?student=` and `GET /v1/acknowledgements/{id}` (issue 10):
/// the requesting client sees its own, the child's guardians see the child's; anyone
/// else gets 404 (or an empty list of their own).
@Suite struct AcknowledgementReadTests {
    @Test("the requesting client and the child's guardians list and read the acknowledgement")
    func clientAndGuardiansRead() async throws {
        try await AcknowledgementWorld.run { world in
            let token = try await world.clientToken("diary-one")
            let id = try #require(try await world.request(token, world.body()).string("id"))
            let list = "\(Routes.acknowledgements)?student=\(world.child.rawValue)"
            let one = "\(Routes.acknowledgements)/\(id)"

            let byClient = try await APIClient(world.server, bearer: token).get(list)
            #expect(byClient.status == 200 && AcknowledgementWorld.ids(byClient) == [id], "\(byClient.text)")
            for guardian in [world.mother, world.father] {
                let listed = try await guardian.get(list)
                #expect(listed.status == 200 && AcknowledgementWorld.ids(listed) == [id], "\(listed.text)")
                let read = try await guardian.get(one)
                #expect(read.status == 200 && read.string("state") == "pending")
                #expect(read.string("title") == "Замечание: опоздание на урок математики без уважительной причины")
            }
            let read = try await APIClient(world.server, bearer: token).get(one)
            #expect(read.status == 200 && read.string("document") == "note-2026-11-29-1")
        }
    }

    @Test("another client sees none of it and another guardian gets 404")
    func othersDoNotSee() async throws {
        try await AcknowledgementWorld.run { world in
            let token = try await world.clientToken("diary-one")
            let other = try await world.clientToken("diary-two")
            let id = try #require(try await world.request(token, world.body()).string("id"))
            let list = "\(Routes.acknowledgements)?student=\(world.child.rawValue)"
            let one = "\(Routes.acknowledgements)/\(id)"

            let otherList = try await APIClient(world.server, bearer: other).get(list)
            #expect(otherList.status == 200 && AcknowledgementWorld.ids(otherList).isEmpty)
            let otherRead = try await APIClient(world.server, bearer: other).get(one)
            #expect(otherRead.status == 404 && otherRead.string("error") == "acknowledgement_not_found")

            let strangerList = try await world.stranger.get(list)
            #expect(strangerList.status == 404, "\(strangerList.text)")
            let strangerRead = try await world.stranger.get(one)
            #expect(strangerRead.status == 404 && strangerRead.string("error") == "acknowledgement_not_found")

            let anonymous = try await APIClient(world.server).get(one)
            #expect(anonymous.status == 401)
            let missing = try await APIClient(world.server, bearer: token).get(list.replacingOccurrences(
                of: "?student=\(world.child.rawValue)", with: ""))
            #expect(missing.status == 400)
        }
    }
}
