import Foundation
import Training

// The C entry points (include/grasp_world.h). Each validates its arguments, runs under
// `LastError.capture` and returns a `Status` code; none lets a Swift error or trap out.

/// Version of the ABI this library implements (GW_ABI_VERSION in the header).
@_cdecl("gw_abi_version")
public func gw_abi_version() -> Int32 { 1 }

/// The message of the last failed call on this thread ("" if none); valid until the next failed call on it.
@_cdecl("gw_last_error")
public func gw_last_error() -> UnsafePointer<CChar> { LastError.get() }

/// Builds a world from a config JSON text (NUL-terminated UTF-8) and writes its handle.
@_cdecl("gw_create")
public func gw_create(_ configJSON: UnsafePointer<CChar>?, _ handle: UnsafeMutablePointer<UInt64>?) -> Int32 {
    LastError.capture {
        let json = try required(configJSON, "gw_create", "config_json")
        let out = try required(handle, "gw_create", "out_handle")
        let config = try WorldConfig.parse(String(cString: json))
        out.pointee = HandleRegistry.shared.add(try VectorWorld(config: config))
    }
}

/// Destroys a world; its handle and every pointer it gave are invalid afterwards.
@_cdecl("gw_destroy")
public func gw_destroy(_ handle: UInt64) -> Int32 {
    LastError.capture { try HandleRegistry.shared.remove(handle) }
}

/// Writes the env count, observation width and action width (any pointer may be null).
@_cdecl("gw_dims")
public func gw_dims(_ handle: UInt64, _ envCount: UnsafeMutablePointer<Int64>?, _ observationDim: UnsafeMutablePointer<Int64>?,
                    _ actionDim: UnsafeMutablePointer<Int64>?) -> Int32 {
    LastError.capture {
        let w = try HandleRegistry.shared.world(handle)
        envCount?.pointee = Int64(w.envCount)
        observationDim?.pointee = Int64(w.observationDim)
        actionDim?.pointee = Int64(w.actionDim)
    }
}

/// Starts every env afresh: with `has_seed` != 0 exactly as a world created with `seed`, else with the next seed of the handle's stream.
@_cdecl("gw_reset")
public func gw_reset(_ handle: UInt64, _ hasSeed: Int32, _ seed: UInt64) -> Int32 {
    LastError.capture { try HandleRegistry.shared.world(handle).reset(seed: hasSeed != 0 ? seed : nil) }
}

/// Steps every env once with `count` float32 actions, env-major [env_count, action_dim].
@_cdecl("gw_step")
public func gw_step(_ handle: UInt64, _ actions: UnsafePointer<Float>?, _ count: Int64) -> Int32 {
    LastError.capture {
        let w = try HandleRegistry.shared.world(handle)
        let a = try required(actions, "gw_step", "actions")
        try w.step(actions: a, count: Int(exactly: count) ?? -1)
    }
}

/// Writes the base address (float32, row-major [env_count, width]) and row width of a column.
@_cdecl("gw_view")
public func gw_view(_ handle: UInt64, _ column: Int32, _ data: UnsafeMutablePointer<UnsafePointer<Float>?>?,
                    _ width: UnsafeMutablePointer<Int64>?) -> Int32 {
    LastError.capture {
        let w = try HandleRegistry.shared.world(handle)
        guard let c = Column(rawValue: column) else {
            throw GraspWorldError(.argument, "gw_view: unknown column \(column) (0 ... \(Column.allCases.count - 1))")
        }
        let out = try required(data, "gw_view", "out_data")
        let (pointer, rowWidth) = w.view(c)
        out.pointee = pointer
        width?.pointee = Int64(rowWidth)
    }
}

/// Writes the number of observation groups.
@_cdecl("gw_observation_group_count")
public func gw_observation_group_count(_ handle: UInt64, _ count: UnsafeMutablePointer<Int64>?) -> Int32 {
    LastError.capture {
        let w = try HandleRegistry.shared.world(handle)
        try required(count, "gw_observation_group_count", "out_count").pointee = Int64(w.groups.count)
    }
}

/// Writes group `index`'s name (owned by the handle) and its feature range [start, end).
@_cdecl("gw_observation_group")
public func gw_observation_group(_ handle: UInt64, _ index: Int64, _ name: UnsafeMutablePointer<UnsafePointer<CChar>?>?,
                                 _ start: UnsafeMutablePointer<Int64>?, _ end: UnsafeMutablePointer<Int64>?) -> Int32 {
    LastError.capture {
        let w = try HandleRegistry.shared.world(handle)
        guard index >= 0, index < Int64(w.groups.count) else {
            throw GraspWorldError(.argument, "gw_observation_group: index \(index) out of range (0 ..< \(w.groups.count))")
        }
        let group = w.groups[Int(index)]
        name?.pointee = UnsafePointer(w.groupNames.pointers[Int(index)])
        start?.pointee = Int64(group.range.lowerBound)
        end?.pointee = Int64(group.range.upperBound)
    }
}

/// Writes the name of action entry `index` (owned by the handle).
@_cdecl("gw_action_name")
public func gw_action_name(_ handle: UInt64, _ index: Int64, _ name: UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> Int32 {
    LastError.capture {
        let w = try HandleRegistry.shared.world(handle)
        guard index >= 0, index < Int64(w.actionDim) else {
            throw GraspWorldError(.argument, "gw_action_name: index \(index) out of range (0 ..< \(w.actionDim))")
        }
        try required(name, "gw_action_name", "out_name").pointee = UnsafePointer(w.actionNames.pointers[Int(index)])
    }
}

/// Writes the resolved config as JSON (every field; owned by the handle).
@_cdecl("gw_config_json")
public func gw_config_json(_ handle: UInt64, _ json: UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> Int32 {
    LastError.capture {
        let w = try HandleRegistry.shared.world(handle)
        try required(json, "gw_config_json", "out_json").pointee = UnsafePointer(w.configJSON.pointers[0])
    }
}

/// Writes the seed of the world now stepped (the config's, the last reset's, or a drawn one).
@_cdecl("gw_seed")
public func gw_seed(_ handle: UInt64, _ seed: UnsafeMutablePointer<UInt64>?) -> Int32 {
    LastError.capture {
        let w = try HandleRegistry.shared.world(handle)
        try required(seed, "gw_seed", "out_seed").pointee = w.currentSeed
    }
}

/// The pointer, or `.argument` naming the function and parameter when it is null.
private func required<T>(_ pointer: T?, _ function: String, _ parameter: String) throws -> T {
    guard let pointer else { throw GraspWorldError(.argument, "\(function): \(parameter) is null") }
    return pointer
}
