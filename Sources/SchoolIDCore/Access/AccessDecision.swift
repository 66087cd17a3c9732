import SchoolIDBase

/// A data service of a diary portal that a person may be allowed to see for a student.
/// Raw values are the wire names (and a trusted person's grant lists them).
public enum Service: String, Hashable, Sendable, CaseIterable, Codable, Comparable {
    case diary
    case attendance
    case nutrition

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One student a person may see, with the services and why.
public struct AccessGrant: Hashable, Sendable {
    /// Why the person sees the student. Raw values are the wire names.
    public enum Via: String, Hashable, Sendable, Codable {
        /// The student themselves.
        case `self`
        /// An active guardian link.
        case guardian
        /// An active trusted-person grant.
        case trusted
    }

    public var studentID: Account.ID
    public var services: Set<Service>
    public var via: Via
    /// What the access rests on, as a token's `grant` claim names it: the guardian
    /// link id (``Via/guardian``), the trusted invitation id (``Via/trusted``) or the
    /// student's own account id (``Via/self``). Introspection later checks that it is
    /// still in force.
    public var grantID: String

    public init(studentID: Account.ID, services: Set<Service>, via: Via, grantID: String) {
        self.studentID = studentID
        self.services = services
        self.via = via
        self.grantID = grantID
    }
}

/// Everything a person may see: students (self, children, granted children) and, for
/// staff, classes (never student lists: the roster is a separate permission).
public struct AccessView: Hashable, Sendable {
    /// One entry per student, sorted by id; services merged when two paths lead to
    /// the same student (a guardian's all-services link wins over a narrower grant).
    public var students: [AccessGrant]
    /// Classes the person teaches, or every class of a school they administer.
    public var classes: [SchoolClass.ID]

    public init(students: [AccessGrant], classes: [SchoolClass.ID]) {
        self.students = students
        self.classes = classes
    }
}

/// The one decision of which students and services a person may see (issue 7), used
/// by `GET /v1/me/access` and by everything that hands data out for a student
/// (tokens for diary services later). Default deny: nothing is visible unless one of
/// the rules below grants it, and the rules are read from the store at each call, so
/// an ended link or a revoked grant stops access at the next request.
///
/// - a student sees themselves, every service;
/// - an adult sees the children they are actively linked to as guardian, every service;
/// - a trusted person sees the granted child and services while the grant is active
///   (``TrustedAccessService/activeGrants(of:at:in:)``);
/// - staff see classes: the ones they teach, and every class of a school they administer.
public enum AccessDecision {
    /// The person's whole view at `now`.
    /// - Throws: a store error.
    public static func view(for actor: Actor, at now: UnixTime, in tx: any ReadTransaction) throws -> AccessView {
        var grants: [Account.ID: AccessGrant] = [:]
        func merge(_ grant: AccessGrant) {
            if var existing = grants[grant.studentID] {
                // The stronger path names the grant; between equals the smaller id, so
                // the choice does not depend on store order.
                if existing.via == .trusted, grant.via != .trusted {
                    existing.via = grant.via
                    existing.grantID = grant.grantID
                } else if existing.via == grant.via, grant.grantID < existing.grantID {
                    existing.grantID = grant.grantID
                }
                existing.services.formUnion(grant.services)
                grants[grant.studentID] = existing
            } else {
                grants[grant.studentID] = grant
            }
        }
        let account = actor.account
        guard account.status == .active else { return AccessView(students: [], classes: []) }
        if account.category == .student {
            merge(AccessGrant(studentID: account.id, services: Set(Service.allCases), via: .self,
                              grantID: account.id.rawValue))
        } else {
            for link in try tx.guardianLinks.links(ofGuardian: account.id) where link.state == .active {
                merge(AccessGrant(studentID: link.studentID, services: Set(Service.allCases), via: .guardian,
                                  grantID: link.id.rawValue))
            }
            try TrustedAccessService.activeGrants(of: account.id, at: now, in: tx).forEach(merge)
        }
        return AccessView(students: grants.values.sorted { $0.studentID < $1.studentID },
                          classes: try staffClasses(of: actor, in: tx))
    }

    /// Classes for staff: taught classes, plus every class of an administered school
    /// (current and past years). A platform admin administers schools, not classes.
    private static func staffClasses(of actor: Actor, in tx: any ReadTransaction) throws -> [SchoolClass.ID] {
        var classes = actor.taughtClasses
        for membership in actor.memberships where membership.role == .schoolAdmin {
            guard let schoolID = membership.schoolID else { continue }
            classes.formUnion(try tx.classes.classes(in: schoolID, schoolYearStart: nil).map(\.id))
        }
        return classes.sorted()
    }
}
