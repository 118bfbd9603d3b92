import Foundation
import Testing
@testable import RenderKit

@Suite struct PNGFileTests {
    @Test func renderedFrameRoundTripsThroughLibpngWithTheAskedSize() throws {
        let renderer = Renderer(width: 96, height: 64)
        var scene = Scene(camera: Camera(eye: SIMD3(0.5, -0.5, 0.4), target: .zero))
        scene.append(RenderItem(.capsule(radius: 0.05, halfLength: 0.1), pose: .identity, color: Color(200, 60, 30)))
        let frame = renderer.render(scene)
        let dir = try temporaryDirectory()
        let path = dir + "/frame_0001.png"
        try PNGFile.write(frame, to: path)
        let decoded = try PNGFile.read(from: path)
        #expect(decoded.width == 96 && decoded.height == 64)
        let identical = decoded == frame
        #expect(identical)
        // atomic write leaves no temporary files behind
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["frame_0001.png"])
    }

    @Test func writingIntoAMissingDirectoryThrows() {
        let image = RGBImage(width: 4, height: 4)
        #expect(throws: PNGError.directoryMissing(path: "/nonexistent-renderkit-dir/a.png")) {
            try PNGFile.write(image, to: "/nonexistent-renderkit-dir/a.png")
        }
    }

    @Test func readingANonPNGFileThrowsALibpngError() throws {
        let path = try temporaryDirectory() + "/not.png"
        try Data("hello".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try PNGFile.read(from: path)
        } throws: { error in
            if case PNGError.libpng = error { return true } else { return false }
        }
        #expect(throws: PNGError.self) { try PNGFile.read(from: path + ".missing") }
    }
}
