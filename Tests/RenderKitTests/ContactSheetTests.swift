import Testing
@testable import RenderKit

@Suite struct ContactSheetTests {
    let policies = ["ACPPO", "PPO", "random"]

    func sheet() -> ContactSheet {
        let rows = policies.enumerated().map { r, name in
            ContactSheet.Row(label: name, frames: (0..<4).map { c in
                ContactSheet.Frame(image: RGBImage(width: 40, height: 30, fill: Color.palette[r]), caption: "step \(c * 40)")
            })
        }
        return ContactSheet(title: "object 7", rows: rows)
    }

    @Test func sheetHasOneRowPerPolicyWithItsFramesAndLabel() {
        let s = sheet(), l = s.layout, image = s.render()
        #expect(image.width == l.width && image.height == l.height)
        #expect(l.rowCount == policies.count && l.columnCount == 4)
        #expect(l.height == l.titleHeight + l.padding + 3 * (30 + l.captionHeight + l.padding))
        for r in policies.indices {
            // every frame sits where the layout says, filled with its row's colour
            for c in 0..<4 {
                let f = l.frameRect(row: r, column: c)
                let first = image[f.x, f.y], last = image[f.x + f.width - 1, f.y + f.height - 1], before = image[f.x - 1, f.y + 5]
                #expect(first == Color.palette[r] && last == Color.palette[r])
                #expect(before != Color.palette[r], "frame \(r),\(c) starts at its rect")
            }
            // the label band holds band background plus ink (the policy name), and nothing else
            let band = l.labelRect(row: r)
            var ink = 0, other = 0
            for y in band.y..<(band.y + band.height) {
                for x in band.x..<(band.x + band.width) {
                    if image[x, y] == s.labelColor { ink += 1 } else if image[x, y] != s.labelBackground { other += 1 }
                }
            }
            #expect(ink > 20 && other == 0, "row \(r) label band: \(ink) ink pixels, \(other) stray")
        }
        // scanning down the first frame column finds exactly one frame-coloured run per policy
        let x = l.frameRect(row: 0, column: 0).x + 20
        var runs: [Color] = []
        for y in 0..<image.height where Color.palette.prefix(3).contains(image[x, y]) {
            if y == 0 || image[x, y - 1] != image[x, y] { runs.append(image[x, y]) }
        }
        #expect(runs == Array(Color.palette.prefix(3)))
    }

    @Test func gridStacksSheetsWithPadding() {
        let one = sheet().render()
        let grid = ContactSheet.grid([one, one, one], columns: 2, padding: 10)
        #expect(grid.width == 10 + 2 * (one.width + 10) && grid.height == 10 + 2 * (one.height + 10))
        let f = sheet().layout.frameRect(row: 1, column: 2)
        let pixel = grid[10 + one.width + 10 + f.x, 10 + f.y]
        #expect(pixel == Color.palette[1])
    }

    @Test func textRendersInkAndMeasuresItsWidth() {
        var image = RGBImage(width: 80, height: 20)
        image.drawText("Hi 1", x: 2, y: 2, color: .black, scale: 2)
        var minX = Int.max, maxX = Int.min
        for y in 0..<20 { for x in 0..<80 where image[x, y] == .black { minX = min(minX, x); maxX = max(maxX, x) } }
        #expect(minX == 2)
        #expect(maxX < 2 + BitmapFont.width(of: "Hi 1", scale: 2))
    }
}
