import Foundation

/// NUL-terminated copies of strings, owned here and freed with the table (C callers get
/// pointers that stay valid as long as the handle that owns the table).
final class CStringTable: @unchecked Sendable {
    // SAFETY: written only in init, freed only in deinit.
    /// One C string per input string, in order.
    let pointers: [UnsafeMutablePointer<CChar>]

    init(_ strings: [String]) {
        pointers = strings.map { text in
            let bytes = Array(text.utf8CString)
            let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
            copy.initialize(from: bytes, count: bytes.count)
            return copy
        }
    }

    deinit {
        for p in pointers { p.deallocate() }
    }
}
