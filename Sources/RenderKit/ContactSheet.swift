/// A labelled grid of frames: one row per policy, one column per time step, like the
/// ACPPO paper's Fig. 1 (policies one above the other, same object and seed).
///
/// Layout (all in pixels): an optional title band at the top, then for every row a label
/// band on the left (`labelWidth` wide) followed by the frames, each with a caption strip
/// underneath. Everything is separated by `padding`. `layout` exposes the geometry so callers
/// and tests can find any cell.
public struct ContactSheet: Sendable {
    /// One thumbnail with its caption (for example `"step 40"` or `"step 40 success"`).
    public struct Frame: Sendable {
        /// The frame; it is resized to the sheet's frame size if needed.
        public var image: RGBImage
        /// Caption drawn under the frame.
        public var caption: String
        /// Caption text colour (for example green once the grasp has succeeded).
        public var captionColor: Color

        /// Creates a captioned frame.
        public init(image: RGBImage, caption: String, captionColor: Color = Color(40, 40, 40)) {
            self.image = image
            self.caption = caption
            self.captionColor = captionColor
        }
    }

    /// One row: a policy name and its frames, left to right in time.
    public struct Row: Sendable {
        /// Label drawn in the row's label band (the policy name).
        public var label: String
        /// Frames in time order.
        public var frames: [Frame]

        /// Creates a row.
        public init(label: String, frames: [Frame]) {
            self.label = label
            self.frames = frames
        }
    }

    /// Optional title drawn at `labelScale` above the rows (for example the object name).
    public var title: String?
    /// Rows, top to bottom.
    public var rows: [Row]
    /// Size every frame is drawn at, pixels.
    public var frameWidth: Int, frameHeight: Int
    /// Width of the row label band, pixels.
    public var labelWidth: Int
    /// Gap between cells and around the sheet, pixels.
    public var padding: Int = 6
    /// Font scale for captions (1 = 5x7 pixel glyphs).
    public var textScale: Int = 1
    /// Font scale for row labels and (doubled) the title.
    public var labelScale: Int = 2
    /// Sheet background.
    public var background = Color.white
    /// Label band background.
    public var labelBackground = Color(232, 235, 240)
    /// Label text colour.
    public var labelColor = Color(20, 20, 30)

    /// Creates a sheet. Frames are resized to `frameWidth x frameHeight` (default: the first
    /// frame's size); the label band defaults to fit the longest label.
    public init(title: String? = nil, rows: [Row], frameWidth: Int? = nil, frameHeight: Int? = nil,
                labelWidth: Int? = nil, textScale: Int = 1, labelScale: Int = 2) {
        let first = rows.lazy.flatMap(\.frames).first?.image
        self.title = title
        self.rows = rows
        self.frameWidth = frameWidth ?? first?.width ?? 160
        self.frameHeight = frameHeight ?? first?.height ?? 120
        self.textScale = textScale
        self.labelScale = labelScale
        self.labelWidth = labelWidth ?? max(40, (rows.map { BitmapFont.width(of: $0.label, scale: labelScale) }.max() ?? 0) + 12)
    }

    /// The sheet geometry for the current settings.
    public var layout: ContactSheetLayout {
        ContactSheetLayout(rowCount: rows.count, columnCount: rows.map(\.frames.count).max() ?? 0,
                           frameWidth: frameWidth, frameHeight: frameHeight, labelWidth: labelWidth,
                           padding: padding, captionHeight: BitmapFont.lineHeight * textScale + 4,
                           titleHeight: title == nil ? 0 : BitmapFont.lineHeight * labelScale + padding)
    }

    /// Draws the sheet.
    public func render() -> RGBImage {
        let l = layout
        var sheet = RGBImage(width: l.width, height: l.height, fill: background)
        if let title {
            sheet.drawText(title, x: l.padding, y: l.padding, color: labelColor, scale: labelScale)
        }
        let textHeight = BitmapFont.height(scale: labelScale)
        for (r, row) in rows.enumerated() {
            let band = l.labelRect(row: r)
            sheet.fill(x: band.x, y: band.y, width: band.width, height: band.height, labelBackground)
            sheet.drawText(row.label, x: band.x + 6, y: band.y + (band.height - textHeight) / 2,
                           color: labelColor, scale: labelScale)
            for (c, frame) in row.frames.enumerated() {
                let cell = l.frameRect(row: r, column: c)
                sheet.blit(frame.image.resized(width: frameWidth, height: frameHeight), x: cell.x, y: cell.y)
                sheet.drawText(frame.caption, x: cell.x + 2, y: cell.y + cell.height + 2,
                               color: frame.captionColor, scale: textScale)
            }
        }
        return sheet
    }

    /// Stacks several rendered sheets (for example one per object) into a grid with
    /// `columns` sheets per row, top-aligned, separated by `padding` pixels.
    public static func grid(_ sheets: [RGBImage], columns: Int, padding: Int = 12,
                            background: Color = .white) -> RGBImage {
        precondition(!sheets.isEmpty && columns >= 1, "ContactSheet.grid: need sheets and columns >= 1")
        let cellWidth = sheets.map(\.width).max()!, cellHeight = sheets.map(\.height).max()!
        let cols = min(columns, sheets.count), gridRows = (sheets.count + cols - 1) / cols
        var out = RGBImage(width: padding + cols * (cellWidth + padding),
                           height: padding + gridRows * (cellHeight + padding), fill: background)
        for (i, sheet) in sheets.enumerated() {
            out.blit(sheet, x: padding + (i % cols) * (cellWidth + padding), y: padding + (i / cols) * (cellHeight + padding))
        }
        return out
    }
}

/// An axis-aligned pixel rectangle `[x, x+width) x [y, y+height)`.
public struct PixelRect: Hashable, Sendable {
    /// Left column, top row, and size, pixels.
    public var x, y, width, height: Int

    /// Whether pixel `(px, py)` lies inside.
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < x + width && py >= y && py < y + height
    }
}

/// Where everything on a contact sheet goes, pixels.
public struct ContactSheetLayout: Hashable, Sendable {
    /// Number of rows (policies) and columns (frames in the longest row).
    public let rowCount: Int, columnCount: Int
    /// Frame size, label band width, gap, caption strip height and title band height, pixels.
    public let frameWidth: Int, frameHeight: Int, labelWidth: Int, padding: Int, captionHeight: Int, titleHeight: Int

    /// Height of one row: frame plus caption strip.
    public var rowHeight: Int { frameHeight + captionHeight }
    /// Total sheet width.
    public var width: Int { 2 * padding + labelWidth + max(1, columnCount) * (frameWidth + padding) }
    /// Total sheet height.
    public var height: Int { titleHeight + padding + max(1, rowCount) * (rowHeight + padding) }

    /// The label band of `row` (as tall as the row's frame).
    public func labelRect(row: Int) -> PixelRect {
        PixelRect(x: padding, y: titleHeight + padding + row * (rowHeight + padding), width: labelWidth, height: frameHeight)
    }

    /// The frame rectangle at `(row, column)`; its caption strip lies just below it.
    public func frameRect(row: Int, column: Int) -> PixelRect {
        PixelRect(x: 2 * padding + labelWidth + column * (frameWidth + padding),
                  y: titleHeight + padding + row * (rowHeight + padding), width: frameWidth, height: frameHeight)
    }
}
