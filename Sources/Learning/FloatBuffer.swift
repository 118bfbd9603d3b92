/// A fixed-capacity, 64-byte aligned, zero-initialised buffer of `Float` owned by this object.
///
/// It never grows: every network and rollout buffer is allocated once at its maximum size and
/// reused, so hot loops never allocate. Shape bookkeeping lives in the owner.
public final class FloatBuffer {
    /// Number of `Float` elements. Fixed at creation.
    public let count: Int
    /// Start of the storage; valid for `count` elements for the lifetime of this object.
    public let pointer: UnsafeMutablePointer<Float>

    /// Allocates `count` zeroed elements (64-byte aligned for SIMD loads and BLAS).
    public init(count: Int) {
        precondition(count >= 0, "FloatBuffer: negative count \(count)")
        self.count = count
        // SAFETY: allocation of at least one element so the pointer is always valid; it is
        // bound to Float and fully initialised before use.
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: max(count, 1) * MemoryLayout<Float>.stride, alignment: 64)
        pointer = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit {
        // SAFETY: allocated in init with the same base address; Float is trivial.
        UnsafeMutableRawPointer(pointer).deallocate()
    }

    /// Sets every element to `value`.
    public func fill(_ value: Float) {
        // SAFETY: `count` elements are initialised.
        pointer.update(repeating: value, count: count)
    }

    /// Copies the contents into a Swift array (tests, checkpoints).
    public func toArray() -> [Float] {
        // SAFETY: `count` initialised elements.
        Array(UnsafeBufferPointer(start: pointer, count: count))
    }

    /// Overwrites the first `values.count` elements (must be <= `count`).
    public func copy(from values: [Float]) {
        precondition(values.count <= count, "FloatBuffer: \(values.count) values exceed capacity \(count)")
        values.withUnsafeBufferPointer { source in
            // SAFETY: bounds checked above; regions do not overlap (distinct allocations).
            guard let base = source.baseAddress else { return }
            pointer.update(from: base, count: values.count)
        }
    }

    /// Subscript access for tests and cold paths. Bounds-checked.
    public subscript(index: Int) -> Float {
        get {
            precondition(index >= 0 && index < count, "FloatBuffer index \(index) out of range \(count)")
            return pointer[index]
        }
        set {
            precondition(index >= 0 && index < count, "FloatBuffer index \(index) out of range \(count)")
            pointer[index] = newValue
        }
    }
}
