/// A binary min-heap of wait deadlines for the reactor thread's `epoll_wait` timeout.
///
/// Entries are not removed when their wait ends early: a popped entry whose `token`
/// no longer matches its slot is simply ignored (lazy deletion keeps arming O(log n)).
/// Every keep-alive request arms a wait with a deadline, so stale entries pile up at
/// the request rate until their deadlines pass; the reactor calls ``compact(keeping:)``
/// when they outnumber the live ones, which keeps the heap at most a few times the
/// number of connections.
struct DeadlineHeap {
    /// One scheduled deadline.
    struct Entry {
        let deadline: ContinuousClock.Instant
        let fd: Int32
        let token: UInt64
    }

    private var entries: [Entry] = []

    /// The earliest deadline, if any.
    var earliest: ContinuousClock.Instant? { entries.first?.deadline }

    /// Number of entries, stale ones included.
    var count: Int { entries.count }

    /// Adds an entry.
    mutating func push(_ entry: Entry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].deadline < entries[parent].deadline else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    /// Drops every entry `isLive` rejects and restores the heap order (Floyd's O(n)
    /// heapify).
    mutating func compact(keeping isLive: (Entry) -> Bool) {
        entries.removeAll { !isLive($0) }
        var index = entries.count / 2
        while index > 0 {
            index -= 1
            siftDown(from: index)
        }
    }

    /// Removes and returns the earliest entry if its deadline is at or before `now`.
    mutating func popExpired(now: ContinuousClock.Instant) -> Entry? {
        guard let first = entries.first, first.deadline <= now else { return nil }
        let last = entries.removeLast()
        guard !entries.isEmpty else { return first }
        entries[0] = last
        siftDown(from: 0)
        return first
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < entries.count, entries[left].deadline < entries[smallest].deadline { smallest = left }
            if right < entries.count, entries[right].deadline < entries[smallest].deadline { smallest = right }
            if smallest == parent { break }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
