import SchoolIDHTTP

extension PageRoutes {
    /// `/admin…`: the admin console (issue 11, ``AdminPages``). Changes the JSON API
    /// guards with a step-up come back to the page whose form posted them.
    func registerAdminPages(in router: inout Router) {
        let admin = AdminPages(context: context, keyring: keyring)
        let schoolReturn = StepUpReturn.formField(fallback: Routes.adminSchoolsPage)
        add(&router, .GET, Routes.adminPage) { try await admin.home($0) }
        add(&router, .GET, Routes.adminSchoolsPage) { try await admin.schools($0) }
        add(&router, .POST, Routes.adminSchoolsPage, stepUpReturn: .page(Routes.adminSchoolsPage)) {
            try await admin.createSchool($0)
        }
        add(&router, .GET, Routes.adminSchoolPage) { try await admin.school($0) }
        add(&router, .POST, Routes.adminSchoolStaffPage, stepUpReturn: schoolReturn) { try await admin.addStaff($0) }
        add(&router, .POST, Routes.adminSchoolClassesPage, stepUpReturn: schoolReturn) { try await admin.createClass($0) }
        add(&router, .POST, Routes.adminClassTeacherPage, stepUpReturn: schoolReturn) { try await admin.assignTeacher($0) }
        let clients = StepUpReturn.page(Routes.adminClientsPage)
        add(&router, .GET, Routes.adminClientsPage) { try await admin.clients($0) }
        add(&router, .POST, Routes.adminClientsPage, stepUpReturn: clients) { try await admin.registerClient($0) }
        add(&router, .POST, Routes.adminClientRotatePage, stepUpReturn: clients) { try await admin.rotateClientSecret($0) }
        add(&router, .POST, Routes.adminClientDisablePage, stepUpReturn: clients) { try await admin.disableClient($0) }
        add(&router, .GET, Routes.adminKeysPage) { try await admin.keys($0) }
        add(&router, .POST, Routes.adminKeysRotatePage, stepUpReturn: .page(Routes.adminKeysPage)) {
            try await admin.rotateKeys($0)
        }
        add(&router, .GET, Routes.adminAuditPage) { try await admin.audit($0) }
    }
}
