import Foundation

/// Where the project's files are: the `assets/` folder of the checkout this was built from,
/// or `$ACPPO_ASSETS` when set (for installed binaries).
public enum ProjectPaths {
    /// Absolute path of the assets folder.
    public static var assets: String {
        if let env = ProcessInfo.processInfo.environment["ACPPO_ASSETS"], !env.isEmpty { return env }
        // this file is <root>/Sources/SimWorld/ProjectPaths.swift
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("assets").path
    }
}
