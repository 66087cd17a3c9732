import Foundation
import Synchronization

/// Every write a client saw acknowledged, with what proves it later ("lost writes" are
/// entries the server no longer shows).
///
/// A write whose request failed in transport (in flight at a kill) was not
/// acknowledged and is not checked; for a password change it adds the new password as
/// a candidate, since the server may or may not have committed it.
final class LoadJournal: Sendable {
    struct State: Sendable {
        /// login → passwords that may be current; the last acknowledged one is first.
        var accounts: [String: [String]] = [:]
        var accountsCreated = 0
        var passwordChanges = 0
        /// acknowledgement id → signed (receipt issued).
        var receipts: Set<String> = []
        /// phone → SMS messages the API acknowledged as queued ("code sent").
        var messages: [String: Int] = [:]

        var acknowledged: Int { accountsCreated + passwordChanges + receipts.count + messages.values.reduce(0, +) }
    }

    private let state = Mutex(State())

    var snapshot: State { state.withLock { $0 } }

    func accountCreated(_ login: String, password: String) {
        state.withLock {
            $0.accounts[login] = [password]
            $0.accountsCreated += 1
        }
    }

    func passwordChanged(_ login: String, to password: String) {
        state.withLock {
            $0.accounts[login] = [password]
            $0.passwordChanges += 1
        }
    }

    /// A change whose answer never came: either password may be current now.
    func passwordMaybeChanged(_ login: String, to password: String) {
        state.withLock { $0.accounts[login, default: []].append(password) }
    }

    func receiptIssued(_ acknowledgement: String) { _ = state.withLock { $0.receipts.insert(acknowledgement) } }

    func messageQueued(to phone: String) { state.withLock { $0.messages[phone, default: 0] += 1 } }
}
