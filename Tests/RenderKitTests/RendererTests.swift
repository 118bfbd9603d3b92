import Foundation
import Testing
@testable import RenderKit

@Suite struct RendererTests {
    let background = Color(200, 200, 200)

    func plainScene(camera: Camera) -> Scene {
        Scene(camera: camera, light: DirectionalLight(castsShadows: false), backgroundTop: background, backgroundBottom: background)
    }

    @Test func redBoxCoversExactlyItsProjectedSilhouette() {
        let (w, h) = (320, 240)
        let eye = SIMD3<Double>(0.6, -0.5, 0.4), target = SIMD3<Double>(0, 0, 0.05), fov = 40.0
        let half = SIMD3<Double>(0.05, 0.04, 0.03), centre = SIMD3<Double>(0.01, 0.02, 0.05)
        let axis = SIMD3<Double>(0.3, 0.2, 1), angle = 0.7
        var scene = plainScene(camera: Camera(eye: SIMD3<Float>(eye), target: SIMD3<Float>(target), verticalFOVDegrees: Float(fov)))
        scene.append(RenderItem(.box(halfExtents: SIMD3<Float>(half)),
                                pose: Pose(position: SIMD3<Float>(centre), orientation: Pose.quaternion(axis: SIMD3<Float>(axis), angle: Float(angle))),
                                color: .red))
        let image = Renderer(width: w, height: h).render(scene)
        // project the 8 corners with independent math; the silhouette is their convex hull
        let corners = (0..<8).map { i in
            let local = SIMD3(i & 1 == 0 ? -half.x : half.x, i & 2 == 0 ? -half.y : half.y, i & 4 == 0 ? -half.z : half.z)
            return referenceProject(centre + rodrigues(local, axis: axis, angle: angle), eye: eye, target: target,
                                    up: SIMD3(0, 0, 1), fovDegrees: fov, width: w, height: h)
        }
        // flip y so the hull is counter-clockwise in the usual y-up sense
        let hull = convexHull(corners.map { SIMD2($0.x, -$0.y) })
        var inside = 0, outside = 0
        for y in 0..<h {
            for x in 0..<w {
                let d = signedDistance(SIMD2(Double(x) + 0.5, -(Double(y) + 0.5)), hull: hull)
                let c = image[x, y]
                if d > 1.5 {
                    inside += 1
                    #expect(c.r > 90 && c.g == 0 && c.b == 0, "pixel (\(x), \(y)) inside the silhouette is \(c)")
                } else if d < -1.5 {
                    outside += 1
                    #expect(c == background, "pixel (\(x), \(y)) outside the silhouette is \(c)")
                }
            }
        }
        #expect(inside > 1000 && outside > 30000, "inside \(inside), outside \(outside)")
    }

    @Test(arguments: [false, true])
    func nearBoxHidesFarBoxWhateverTheDrawOrder(nearFirst: Bool) {
        let camera = Camera(eye: SIMD3(1, 0, 0.2), target: SIMD3(0, 0, 0.2), verticalFOVDegrees: 40)
        let near = RenderItem(.box(halfExtents: SIMD3(0.05, 0.08, 0.08)), pose: Pose(position: SIMD3(0.3, 0, 0.2)),
                              color: Color(0, 0, 255))
        let far = RenderItem(.box(halfExtents: SIMD3(0.05, 0.3, 0.08)), pose: Pose(position: SIMD3(-0.3, 0, 0.2)),
                             color: Color(0, 255, 0))
        var scene = plainScene(camera: camera)
        scene.items = nearFirst ? [near, far] : [far, near]
        let image = Renderer(width: 120, height: 90).render(scene)
        let centre = image[60, 45]
        #expect(centre.b > 90 && centre.g == 0, "centre shows \(centre), expected the near blue box")
        // the far box is wider, so it still shows beside the near one
        let side = image[60 - 24, 45]
        #expect(side.g > 90 && side.b == 0, "side shows \(side), expected the far green box")
    }

    func slabImage(supersampling: Int) -> RGBImage {
        let camera = Camera(eye: SIMD3(0, 0, 1), target: .zero, up: SIMD3(0, 1, 0), verticalFOVDegrees: 40)
        var scene = Scene(camera: camera, light: DirectionalLight(direction: SIMD3(0, 0, -1), castsShadows: false),
                          backgroundTop: .black, backgroundBottom: .black)
        scene.append(RenderItem(.box(halfExtents: SIMD3(0.15, 0.1, 0.01)),
                                pose: Pose(orientation: Pose.quaternion(axis: SIMD3(0, 0, 1), angle: 0.3)), color: .white))
        return Renderer(width: 100, height: 100, supersampling: supersampling).render(scene)
    }

    @Test func supersamplingProducesIntermediateValuesOnEdges() {
        func intermediateCount(_ image: RGBImage, face: Color) -> Int {
            var n = 0
            for y in 0..<image.height {
                for x in 0..<image.width where image[x, y] != .black && image[x, y] != face { n += 1 }
            }
            return n
        }
        let aliased = slabImage(supersampling: 1), smooth = slabImage(supersampling: 2)
        let face = aliased[50, 50]
        #expect(face.r > 200, "the slab's top face is lit: \(face)")
        let aliasedCount = intermediateCount(aliased, face: face), smoothCount = intermediateCount(smooth, face: face)
        #expect(aliasedCount == 0)
        // the slab's outline is ~140 pixels long; most edge pixels are partly covered
        #expect(smoothCount > 70)
        let smoothFace = smooth[50, 50]
        #expect(smoothFace == face)
    }

    @Test func tessellationsAreCachedPerShapeAndSize() {
        let renderer = Renderer(width: 8, height: 8)
        let a = renderer.mesh(for: .capsule(radius: 0.01, halfLength: 0.02))
        let b = renderer.mesh(for: .capsule(radius: 0.01, halfLength: 0.02))
        let c = renderer.mesh(for: .capsule(radius: 0.01, halfLength: 0.03))
        #expect(a === b && a !== c && renderer.cachedShapeCount == 2)
    }

    @Test func cameraProjectionMatchesTheReferenceMath() throws {
        let camera = Camera(eye: SIMD3(0.3, -0.7, 0.5), target: SIMD3(0, 0.1, 0), verticalFOVDegrees: 55)
        let p = SIMD3<Float>(0.05, 0.02, 0.1)
        let got = try #require(camera.project(p, width: 640, height: 480))
        let want = referenceProject(SIMD3<Double>(p), eye: SIMD3(0.3, -0.7, 0.5), target: SIMD3(0, 0.1, 0),
                                    up: SIMD3(0, 0, 1), fovDegrees: 55, width: 640, height: 480)
        #expect(abs(Double(got.x) - want.x) < 0.01 && abs(Double(got.y) - want.y) < 0.01)
        #expect(camera.project(SIMD3(0.6, -1.4, 1.0), width: 640, height: 480) == nil, "behind the camera")
    }

    @Test func shadowDarkensTheTableUnderAnOccluder() throws {
        let camera = Camera(eye: SIMD3(0, -0.01, 1.2), target: .zero, verticalFOVDegrees: 40)
        // light travels along +x and down at 45 degrees: a sphere at x = -0.1, z = 0.2 shades x = +0.1 on the table
        var scene = Scene(camera: camera, light: DirectionalLight(direction: SIMD3(1, 0, -1)))
        scene.append(RenderItem(.box(halfExtents: SIMD3(0.4, 0.4, 0.01)), pose: Pose(position: SIMD3(0, 0, -0.01)), color: .white))
        scene.append(RenderItem(.sphere(radius: 0.05), pose: Pose(position: SIMD3(-0.1, 0, 0.2)), color: .white))
        let image = Renderer(width: 120, height: 120).render(scene)
        let inShadow = try #require(camera.project(SIMD3(0.1, 0, 0), width: 120, height: 120))
        let inLight = try #require(camera.project(SIMD3(0.1, 0.2, 0), width: 120, height: 120))
        let shadowed = image[Int(inShadow.x), Int(inShadow.y)], lit = image[Int(inLight.x), Int(inLight.y)]
        #expect(Int(shadowed.r) + 60 < Int(lit.r), "shadowed \(shadowed) vs lit \(lit)")
    }
}
