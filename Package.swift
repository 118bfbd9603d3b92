// swift-tools-version:6.0
// ACPPO for universal dexterous grasping: an ECS world over Bullet, PPO / ACPPO on OpenBLAS.
import PackageDescription

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
    name: "ACPPOGrasp",
    products: [
        .executable(name: "world-bench", targets: ["world-bench"]),
        .executable(name: "scripted-grasp", targets: ["scripted-grasp"]),
        .executable(name: "asset-import", targets: ["asset-import"]),
        .executable(name: "world-train", targets: ["world-train"]),
        .executable(name: "render-rollout", targets: ["render-rollout"]),
        // the world behind a C ABI (include/grasp_world.h), for Python (python/acppo_grasp) and C
        .library(name: "GraspWorld", type: .dynamic, targets: ["GraspWorld"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: - System libraries (Debian packages, found through pkg-config)
        .systemLibrary(name: "CBullet", pkgConfig: "bullet", providers: [.apt(["libbullet-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CMPI", pkgConfig: "ompi-c", providers: [.apt(["libopenmpi-dev"])]),

        // MARK: - Implementation details (C ABIs over Bullet)
        .target(name: "BulletShim", dependencies: ["CBullet"],
                cxxSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))]),
        .target(name: "GeometryShim", dependencies: ["CBullet"],
                cxxSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))],
                linkerSettings: [.linkedLibrary("HACD"), .linkedLibrary("LinearMath")]),
        // (C over Open MPI: its handles are macros Swift cannot import)
        .target(name: "ClusterShim", dependencies: ["CMPI"]),

        // MARK: - Libraries
        .target(name: "ECSCore"),
        .target(name: "DurableFiles"),
        .target(name: "AssetImport", dependencies: ["GeometryShim", "DurableFiles"]),
        .target(name: "SimWorld", dependencies: ["ECSCore", "BulletShim", "AssetImport"]),
        .target(name: "Learning", dependencies: ["COpenBLAS", "DurableFiles"]),
        .target(name: "RenderKit", dependencies: ["CPNG", "DurableFiles"]),
        .target(name: "ShapeEncoding", dependencies: ["Learning", "AssetImport"]),
        .target(name: "Training", dependencies: ["SimWorld", "Learning", "ShapeEncoding", "Interchange"]),
        .target(name: "RolloutViews", dependencies: ["SimWorld", "RenderKit", "Training"]),
        .target(name: "Cluster", dependencies: ["ClusterShim", "Learning"]),
        .target(name: "Interchange", dependencies: ["Learning", "DurableFiles"]),
        .target(name: "GraspWorld", dependencies: ["Training"]),

        // MARK: - Executables
        .executableTarget(name: "world-bench", dependencies: ["Training", argumentParser]),
        .executableTarget(name: "scripted-grasp", dependencies: ["SimWorld", argumentParser]),
        .executableTarget(name: "asset-import", dependencies: ["AssetImport", "ShapeEncoding", argumentParser]),
        .executableTarget(name: "world-train", dependencies: ["Training", "RolloutViews", "Cluster", "Interchange", argumentParser]),
        .executableTarget(name: "render-rollout", dependencies: ["RolloutViews", "Training", argumentParser]),

        // MARK: - Tests
        .testTarget(name: "ECSCoreTests", dependencies: ["ECSCore"]),
        .testTarget(name: "SimWorldTests", dependencies: ["SimWorld", "BulletShim"]),
        .testTarget(name: "AssetImportTests", dependencies: ["AssetImport"]),
        .testTarget(name: "LearningTests", dependencies: ["Learning"]),
        .testTarget(name: "RenderKitTests", dependencies: ["RenderKit"]),
        .testTarget(name: "ShapeEncodingTests", dependencies: ["ShapeEncoding"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training"]),
        .testTarget(name: "RolloutViewsTests", dependencies: ["RolloutViews", "Training"]),
        .testTarget(name: "InterchangeTests", dependencies: ["Interchange"]),
        .testTarget(name: "DurableFilesTests", dependencies: ["DurableFiles"]),
        .testTarget(name: "GraspWorldTests", dependencies: ["GraspWorld"]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
