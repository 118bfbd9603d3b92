/// Read-only rows of one column: `view[e]` is env e's row, `width` elements, the width the
/// table gave the field (its schema's, or the run-time width of a field sized at creation).
/// Views a system gets from its `SystemAccess` cover only its shard's envs; in debug builds a
/// row outside them, or an element outside a row, traps.
public struct ColumnView<Scalar: ColumnScalar> {
    /// Element 0 of env 0's row.
    @usableFromInline let base: UnsafePointer<Scalar>
    /// Elements per row.
    public let width: Int
    /// The envs whose rows the view may touch.
    public let envs: Range<Int>

    @inlinable init(base: UnsafePointer<Scalar>, width: Int, envs: Range<Int>) {
        self.base = base
        self.width = width
        self.envs = envs
    }

    /// Env `e`'s row, `width` elements.
    @inlinable public subscript(e: Int) -> UnsafeBufferPointer<Scalar> {
        assert(envs.contains(e), "ColumnView: env \(e) is outside \(envs)")
        return UnsafeBufferPointer(start: base + width * e, count: width)
    }

    /// The rows of a contiguous range of envs, `[envs.count, width]` row-major (for bulk calls).
    @inlinable public func rows(_ range: Range<Int>) -> UnsafeBufferPointer<Scalar> {
        assert(range.isEmpty || (envs.contains(range.lowerBound) && range.upperBound <= envs.upperBound),
               "ColumnView: envs \(range) are outside \(envs)")
        return UnsafeBufferPointer(start: base + width * range.lowerBound, count: width * range.count)
    }

    /// The column as one value per env; the field must have width 1.
    @inlinable public var scalars: ScalarView<Scalar> {
        precondition(width == 1, "ColumnView.scalars: the field has \(width) elements per row")
        return ScalarView(base: base, envs: envs)
    }
}

/// Mutable rows of one column: `view[e]` is env e's row, `width` elements (see `ColumnView`).
public struct MutableColumnView<Scalar: ColumnScalar> {
    /// Element 0 of env 0's row.
    @usableFromInline let base: UnsafeMutablePointer<Scalar>
    /// Elements per row.
    public let width: Int
    /// The envs whose rows the view may touch.
    public let envs: Range<Int>

    @inlinable init(base: UnsafeMutablePointer<Scalar>, width: Int, envs: Range<Int>) {
        self.base = base
        self.width = width
        self.envs = envs
    }

    /// Env `e`'s row, `width` elements.
    @inlinable public subscript(e: Int) -> UnsafeMutableBufferPointer<Scalar> {
        assert(envs.contains(e), "MutableColumnView: env \(e) is outside \(envs)")
        return UnsafeMutableBufferPointer(start: base + width * e, count: width)
    }

    /// The rows of a contiguous range of envs, `[envs.count, width]` row-major (for bulk calls).
    @inlinable public func rows(_ range: Range<Int>) -> UnsafeMutableBufferPointer<Scalar> {
        assert(range.isEmpty || (envs.contains(range.lowerBound) && range.upperBound <= envs.upperBound),
               "MutableColumnView: envs \(range) are outside \(envs)")
        return UnsafeMutableBufferPointer(start: base + width * range.lowerBound, count: width * range.count)
    }

    /// The column as one value per env; the field must have width 1.
    @inlinable public var scalars: MutableScalarView<Scalar> {
        precondition(width == 1, "MutableColumnView.scalars: the field has \(width) elements per row")
        return MutableScalarView(base: base, envs: envs)
    }
}

/// A width-1 column read as one value per env: `view[e]`.
public struct ScalarView<Scalar: ColumnScalar> {
    @usableFromInline let base: UnsafePointer<Scalar>
    /// The envs the view may touch.
    public let envs: Range<Int>

    @inlinable init(base: UnsafePointer<Scalar>, envs: Range<Int>) {
        self.base = base
        self.envs = envs
    }

    /// Env `e`'s value.
    @inlinable public subscript(e: Int) -> Scalar {
        assert(envs.contains(e), "ScalarView: env \(e) is outside \(envs)")
        return base[e]
    }
}

/// A width-1 column read and written as one value per env: `view[e]`.
public struct MutableScalarView<Scalar: ColumnScalar> {
    @usableFromInline let base: UnsafeMutablePointer<Scalar>
    /// The envs the view may touch.
    public let envs: Range<Int>

    @inlinable init(base: UnsafeMutablePointer<Scalar>, envs: Range<Int>) {
        self.base = base
        self.envs = envs
    }

    /// Env `e`'s value.
    @inlinable public subscript(e: Int) -> Scalar {
        get {
            assert(envs.contains(e), "MutableScalarView: env \(e) is outside \(envs)")
            return base[e]
        }
        nonmutating set {
            assert(envs.contains(e), "MutableScalarView: env \(e) is outside \(envs)")
            base[e] = newValue
        }
    }
}
