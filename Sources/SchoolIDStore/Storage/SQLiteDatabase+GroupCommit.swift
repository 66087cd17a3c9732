extension SQLiteDatabase {
    /// Runs every queued unit in as few transactions as possible (group commit).
    ///
    /// All units queued right now share one `BEGIN IMMEDIATE … COMMIT`, and so one
    /// fsync under `synchronous=FULL`. Each runs inside its own `SAVEPOINT`: a unit that
    /// throws is rolled back to it alone and its caller gets the error, while its
    /// siblings commit. Results are released only after the `COMMIT` succeeded.
    func commitQueuedUnits(_ queue: UnitQueue, statistics: StatisticsRecorder) {
        let (units, dropped) = queue.takeAll()
        if dropped > 0 { statistics.record { $0.droppedUnits += dropped } }
        var remaining = units[...]
        while !remaining.isEmpty {
            remaining = commitGroup(remaining, statistics: statistics)
        }
    }

    private typealias Outcome = Result<any Sendable, any Error>

    /// Commits one group; returns the units it could not run because SQLite rolled the
    /// whole transaction back under them (they go into a fresh transaction).
    private func commitGroup(_ units: ArraySlice<PendingUnit>, statistics: StatisticsRecorder) -> ArraySlice<PendingUnit> {
        let connection: SQLiteConnection
        do {
            connection = try self.connection
            try connection.execute("BEGIN IMMEDIATE")
        } catch {
            fail(units, with: error, statistics: statistics)
            return []
        }
        var outcomes: [(PendingUnit, Outcome)] = []
        for index in units.indices {
            let unit = units[index]
            let outcome = runInSavepoint(unit, on: connection)
            if connection.isAutocommit {
                // SQLite aborted the transaction (e.g. SQLITE_FULL): the earlier units'
                // changes are gone too. Fail them and this unit; retry the rest.
                let abort = outcome.failure ?? SQLiteError(code: .abort, message: "transaction rolled back by SQLite")
                fail(outcomes.map(\.0) + [unit], with: abort, statistics: statistics)
                return units[(index + 1)...]
            }
            outcomes.append((unit, outcome))
        }
        do {
            try connection.execute("COMMIT")
        } catch {
            if !connection.isAutocommit { try? connection.execute("ROLLBACK") }
            fail(outcomes.map(\.0), with: error, statistics: statistics)
            return []
        }
        let failed = outcomes.filter { $0.1.failure != nil }.count
        statistics.record {
            $0.commits += 1
            $0.committedUnits += outcomes.count - failed
            $0.failedUnits += failed
        }
        for (unit, outcome) in outcomes { unit.finish(outcome) }
        return []
    }

    private func runInSavepoint(_ unit: PendingUnit, on connection: SQLiteConnection) -> Outcome {
        do {
            try connection.execute("SAVEPOINT unit")
        } catch {
            return .failure(error)
        }
        do {
            let value = try unit.run(SQLiteWriteTransaction(connection: connection))
            try connection.execute("RELEASE unit")
            return .success(value)
        } catch {
            if !connection.isAutocommit {
                try? connection.execute("ROLLBACK TO unit")
                try? connection.execute("RELEASE unit")
            }
            return .failure(error)
        }
    }

    private func fail(_ units: some Sequence<PendingUnit>, with error: any Error, statistics: StatisticsRecorder) {
        var count = 0
        for unit in units {
            unit.finish(.failure(error))
            count += 1
        }
        statistics.record { [count] in $0.failedUnits += count }
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
