/// The line table of a source file: where each line starts, and the column at regular byte
/// intervals, so that a byte offset becomes a `line:column` position when a diagnostic is made
/// (binary search for the line, then a scan of at most ``blockSize`` bytes for the column).
///
/// Positions in the linter are byte offsets into the file; only a diagnostic needs a line and a
/// column. Columns count Unicode scalars as written: a character reference such as `&#x202F;` occupies
/// as many columns as it has bytes (it is ASCII), a multi-byte UTF-8 sequence one.
///
/// Stored in 4 bytes per line plus 4 bytes per ``blockSize`` bytes of the file (a file is at most
/// 8 MiB, so offsets fit in 32 bits).
public struct LineTable: Hashable, Sendable {
    /// Byte offset of the first byte of each line: `starts[0]` is line 1, at offset 0. Empty when the
    /// table is unknown (an item not read from a file).
    private var starts: [Int32]
    /// The column of the byte at offset `k * blockSize`, for each `k`.
    private var blockColumns: [Int32]

    /// Bytes between two column checkpoints: the longest scan to find a column.
    public static let blockSize = 4096

    /// An unknown table (an item not read from a file): positions are counted from each text run's
    /// own line and column.
    public init() {
        starts = []
        blockColumns = []
    }

    /// The table of a file's bytes.
    public init(bytes: UnsafeBufferPointer<UInt8>) {
        var starts: [Int32] = [0]
        var blockColumns: [Int32] = []
        blockColumns.reserveCapacity(bytes.count / Self.blockSize + 1)
        var column: Int32 = 1
        for index in 0..<bytes.count {
            if index % Self.blockSize == 0 { blockColumns.append(column) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                starts.append(Int32(clamping: index + 1))
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        self.starts = starts
        self.blockColumns = blockColumns
    }

    /// The table of a file's bytes.
    public init(bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { LineTable(bytes: $0) }
    }

    /// Whether the table is unknown.
    public var isEmpty: Bool { starts.isEmpty }

    /// The number of lines (0 for an unknown table).
    public var count: Int { starts.count }

    /// The 1-based line of a byte offset (1 for an unknown table).
    public func line(ofOffset offset: Int) -> Int {
        guard !starts.isEmpty else { return 1 }
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if Int(starts[middle]) <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// Byte offset of the first byte of 1-based `line`.
    public func start(ofLine line: Int) -> Int {
        guard !starts.isEmpty else { return 0 }
        return Int(starts[min(max(line, 1), starts.count) - 1])
    }

    /// The 1-based line and column of byte `offset`, reading the bytes of `window`: the file's bytes
    /// from offset `windowOffset`, whose first byte is at column `windowColumn` (the whole file: 0 and
    /// 1; a text run: its offset and column). The scan starts at the latest of the window's start,
    /// the line's start and the last column checkpoint, so it reads at most ``blockSize`` bytes when
    /// the table is known. With an unknown table, lines are counted in the window from `windowLine`.
    public func position(
        ofOffset offset: Int, window: UnsafeBufferPointer<UInt8>, windowOffset: Int, windowLine: Int,
        windowColumn: Int
    ) -> (line: Int, column: Int) {
        let end = min(max(offset, windowOffset), windowOffset + window.count)
        guard !starts.isEmpty else {
            var line = windowLine
            var column = windowColumn
            for index in 0..<(end - windowOffset) {
                let byte = window[index]
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
            return (line, column)
        }
        let line = line(ofOffset: offset)
        var from = windowOffset
        var column = windowColumn
        let lineStart = Int(starts[line - 1])
        if lineStart > from {
            from = lineStart
            column = 1
        }
        let block = offset / Self.blockSize
        if block < blockColumns.count, block * Self.blockSize > from {
            from = block * Self.blockSize
            column = Int(blockColumns[block])
        }
        if from < end {
            for index in (from - windowOffset)..<(end - windowOffset) where window[index] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}

extension TextRun {
    /// The 1-based line and column of byte `offset` of the file, which the run holds (its first byte
    /// to just past its last), from the file's line table (or, when `lines` is unknown, counted from
    /// the run's own line and column).
    public func position(ofOffset offset: Int, lines: LineTable) -> (line: Int, column: Int) {
        var raw = raw
        return raw.withUTF8 { bytes in
            lines.position(
                ofOffset: offset, window: bytes, windowOffset: self.offset, windowLine: line, windowColumn: column)
        }
    }

    /// Byte offset just past the run's last byte.
    public var endOffset: Int { offset + raw.utf8.count }
}

extension [TextRun] {
    /// The run that holds byte `offset` (runs in file order; a run holds its first byte to just past
    /// its last), nil when none does.
    public func run(holding offset: Int) -> TextRun? {
        var low = 0
        var high = count - 1
        guard high >= 0 else { return nil }
        while low < high {
            let middle = (low + high + 1) / 2
            if self[middle].offset <= offset { low = middle } else { high = middle - 1 }
        }
        let run = self[low]
        return run.offset <= offset && offset <= run.endOffset ? run : nil
    }
}

extension Item {
    /// Where byte `offset` of the item file is, for a diagnostic on its text: the line from the
    /// file's line table (``lines``), the column counted in the text run that holds the offset. An
    /// offset below 0 (a character standing for markup) has line and column 0.
    public func sourceLocation(ofOffset offset: Int) -> SourceLocation {
        textRuns.sourceLocation(ofOffset: offset, lines: lines, path: location.path)
    }
}

extension [TextRun] {
    /// Where byte `offset` of the file is, for runs in file order with their file's line table.
    public func sourceLocation(ofOffset offset: Int, lines: LineTable, path: String) -> SourceLocation {
        guard offset >= 0 else { return SourceLocation(path: path, line: 0, column: 0) }
        guard let run = run(holding: offset) else {
            // Not in the text (not expected: the linter's characters come from the runs).
            return SourceLocation(path: path, line: lines.line(ofOffset: offset), column: 1)
        }
        let position = run.position(ofOffset: offset, lines: lines)
        return SourceLocation(path: path, line: position.line, column: position.column)
    }
}
