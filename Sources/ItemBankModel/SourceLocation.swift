/// A position in a source file, as shown to authors: `path:line:column`.
///
/// `line` and `column` are 1-based; `column` counts Unicode scalars from the start of the line.
/// A `column` of 0 means the column is unknown (libxml2 gives schema errors a line only).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Path of the file, as given to the tool (relative or absolute).
    public var path: String
    /// 1-based line; 0 when the diagnostic is about the whole file.
    public var line: Int
    /// 1-based column; 0 when unknown.
    public var column: Int

    public init(path: String, line: Int = 0, column: Int = 0) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}
