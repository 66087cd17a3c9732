internal import CSchoolIDSQLite
import Foundation
import Synchronization

/// The state the C callbacks reach through `pAppData` (the VFS) and each file's header.
final class FaultSwitchboard: Sendable {
    /// The wrapped VFS.
    nonisolated(unsafe) let base: UnsafeMutablePointer<sqlite3_vfs>
    /// The injected fault's code, or 0.
    let fault = Atomic<Int32>(0)
    /// The ``FaultInjectingVFS/Calls`` that fail.
    let calls = Atomic<Int32>(FaultInjectingVFS.Calls.all.rawValue)
    let failures = Atomic<Int>(0)

    init(base: UnsafeMutablePointer<sqlite3_vfs>) {
        self.base = base
    }

    /// The code the write-side `call` returns now, or `nil` to pass it through.
    func failure(_ call: FaultInjectingVFS.Calls) -> Int32? {
        let code = fault.load(ordering: .sequentiallyConsistent)
        guard code != 0, calls.load(ordering: .sequentiallyConsistent) & call.rawValue != 0 else { return nil }
        failures.add(1, ordering: .relaxed)
        return code
    }
}

// The C side of ``FaultInjectingVFS``: a `sqlite3_vfs` whose methods forward to the base
// VFS, and a `sqlite3_io_methods` table whose write-side methods consult the switchboard.
//
// Each file SQLite opens through the VFS is laid out as
//   [sqlite3_file (our pMethods)][switchboard pointer, or nil for temporary files][base file]
// so `szOsFile` is the base's size plus a 16-byte header (8-byte aligned).

private let fileHeaderSize = 16

private func switchboard(_ vfs: UnsafeMutablePointer<sqlite3_vfs>?) -> FaultSwitchboard {
    Unmanaged<FaultSwitchboard>.fromOpaque(vfs!.pointee.pAppData).takeUnretainedValue()
}

private func baseVFS(_ vfs: UnsafeMutablePointer<sqlite3_vfs>?) -> UnsafeMutablePointer<sqlite3_vfs> {
    switchboard(vfs).base
}

/// The base VFS's file inside ours.
private func baseFile(_ file: UnsafeMutablePointer<sqlite3_file>?) -> UnsafeMutablePointer<sqlite3_file> {
    UnsafeMutableRawPointer(file!).advanced(by: fileHeaderSize).assumingMemoryBound(to: sqlite3_file.self)
}

private func baseMethods(_ file: UnsafeMutablePointer<sqlite3_file>?) -> sqlite3_io_methods {
    baseFile(file).pointee.pMethods.pointee
}

/// The injected failure for a write-side call on `file`, if it is a faultable file.
private func injectedFailure(_ file: UnsafeMutablePointer<sqlite3_file>?, _ call: FaultInjectingVFS.Calls) -> Int32? {
    let slot = UnsafeMutableRawPointer(file!).advanced(by: 8).load(as: UnsafeMutableRawPointer?.self)
    guard let slot else { return nil }
    return Unmanaged<FaultSwitchboard>.fromOpaque(slot).takeUnretainedValue().failure(call)
}

/// The io-methods table of every file opened through a fault VFS (version 3, like unix).
private nonisolated(unsafe) let faultIOMethods: UnsafeMutablePointer<sqlite3_io_methods> = {
    let table = UnsafeMutablePointer<sqlite3_io_methods>.allocate(capacity: 1)
    table.initialize(to: sqlite3_io_methods(
        iVersion: 3,
        xClose: { file in baseMethods(file).xClose(baseFile(file)) },
        xRead: { file, buffer, amount, offset in baseMethods(file).xRead(baseFile(file), buffer, amount, offset) },
        xWrite: { file, buffer, amount, offset in
            if let code = injectedFailure(file, .write) { return code }
            return baseMethods(file).xWrite(baseFile(file), buffer, amount, offset)
        },
        xTruncate: { file, size in
            if let code = injectedFailure(file, .truncate) { return code }
            return baseMethods(file).xTruncate(baseFile(file), size)
        },
        xSync: { file, flags in
            if let code = injectedFailure(file, .sync) { return code }
            return baseMethods(file).xSync(baseFile(file), flags)
        },
        xFileSize: { file, size in baseMethods(file).xFileSize(baseFile(file), size) },
        xLock: { file, level in baseMethods(file).xLock(baseFile(file), level) },
        xUnlock: { file, level in baseMethods(file).xUnlock(baseFile(file), level) },
        xCheckReservedLock: { file, result in baseMethods(file).xCheckReservedLock(baseFile(file), result) },
        xFileControl: { file, operation, argument in baseMethods(file).xFileControl(baseFile(file), operation, argument) },
        xSectorSize: { file in baseMethods(file).xSectorSize(baseFile(file)) },
        xDeviceCharacteristics: { file in baseMethods(file).xDeviceCharacteristics(baseFile(file)) },
        xShmMap: { file, page, size, extend, memory in
            let methods = baseMethods(file)
            guard methods.iVersion >= 2, let map = methods.xShmMap else { return SQLITE_IOERR }
            return map(baseFile(file), page, size, extend, memory)
        },
        xShmLock: { file, offset, count, flags in
            let methods = baseMethods(file)
            guard methods.iVersion >= 2, let lock = methods.xShmLock else { return SQLITE_IOERR }
            return lock(baseFile(file), offset, count, flags)
        },
        xShmBarrier: { file in
            let methods = baseMethods(file)
            if methods.iVersion >= 2, let barrier = methods.xShmBarrier { barrier(baseFile(file)) }
        },
        xShmUnmap: { file, delete in
            let methods = baseMethods(file)
            guard methods.iVersion >= 2, let unmap = methods.xShmUnmap else { return SQLITE_OK }
            return unmap(baseFile(file), delete)
        },
        xFetch: { file, offset, amount, pointer in
            let methods = baseMethods(file)
            guard methods.iVersion >= 3, let fetch = methods.xFetch else {
                pointer?.pointee = nil
                return SQLITE_OK
            }
            return fetch(baseFile(file), offset, amount, pointer)
        },
        xUnfetch: { file, offset, pointer in
            let methods = baseMethods(file)
            guard methods.iVersion >= 3, let unfetch = methods.xUnfetch else { return SQLITE_OK }
            return unfetch(baseFile(file), offset, pointer)
        }
    ))
    return table
}()

extension FaultSwitchboard {
    /// The `sqlite3_vfs` of a fault VFS named `name` over `base`; `appData` is the retained switchboard.
    static func makeVFS(over base: UnsafeMutablePointer<sqlite3_vfs>, name: String,
                        appData: UnsafeMutableRawPointer) -> sqlite3_vfs {
        sqlite3_vfs(
            iVersion: 2,
            szOsFile: base.pointee.szOsFile + Int32(fileHeaderSize),
            mxPathname: base.pointee.mxPathname,
            pNext: nil,
            zName: UnsafePointer(strdup(name)),
            pAppData: appData,
            xOpen: { vfs, name, file, flags, outFlags in
                let board = switchboard(vfs)
                let inner = baseFile(file)
                inner.pointee.pMethods = nil
                let code = board.base.pointee.xOpen(board.base, name, inner, flags, outFlags)
                let persistent = flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_WAL) != 0
                let slot: UnsafeMutableRawPointer? = persistent ? Unmanaged.passUnretained(board).toOpaque() : nil
                UnsafeMutableRawPointer(file!).advanced(by: 8).storeBytes(of: slot, as: UnsafeMutableRawPointer?.self)
                // SQLite calls xClose whenever pMethods is set, even after a failed open.
                file!.pointee.pMethods = inner.pointee.pMethods == nil ? nil : UnsafePointer(faultIOMethods)
                return code
            },
            xDelete: { vfs, name, syncDirectory in
                baseVFS(vfs).pointee.xDelete(baseVFS(vfs), name, syncDirectory)
            },
            xAccess: { vfs, name, flags, result in baseVFS(vfs).pointee.xAccess(baseVFS(vfs), name, flags, result) },
            xFullPathname: { vfs, name, count, output in
                baseVFS(vfs).pointee.xFullPathname(baseVFS(vfs), name, count, output)
            },
            xDlOpen: { vfs, name in baseVFS(vfs).pointee.xDlOpen(baseVFS(vfs), name) },
            xDlError: { vfs, count, message in baseVFS(vfs).pointee.xDlError(baseVFS(vfs), count, message) },
            xDlSym: { vfs, handle, symbol in baseVFS(vfs).pointee.xDlSym(baseVFS(vfs), handle, symbol) },
            xDlClose: { vfs, handle in baseVFS(vfs).pointee.xDlClose(baseVFS(vfs), handle) },
            xRandomness: { vfs, count, output in baseVFS(vfs).pointee.xRandomness(baseVFS(vfs), count, output) },
            xSleep: { vfs, microseconds in baseVFS(vfs).pointee.xSleep(baseVFS(vfs), microseconds) },
            xCurrentTime: { vfs, time in baseVFS(vfs).pointee.xCurrentTime(baseVFS(vfs), time) },
            xGetLastError: { vfs, count, message in baseVFS(vfs).pointee.xGetLastError(baseVFS(vfs), count, message) },
            xCurrentTimeInt64: { vfs, time in baseVFS(vfs).pointee.xCurrentTimeInt64(baseVFS(vfs), time) },
            xSetSystemCall: nil,
            xGetSystemCall: nil,
            xNextSystemCall: nil
        )
    }
}
