import Foundation

/// The folder the media of a bank are served from (`itembank-server --media DIR`).
///
/// A compiled bank names its illustrations and attachments by path (relative to the bank's media
/// folder, `media/` beside `bank.xml`) and does not carry their bytes; the server serves them from this
/// folder. A path is confined to it: no empty, `.` or `..` segment, no backslash or NUL, and once
/// symbolic links are resolved the file must still lie inside the folder; only regular files are
/// served. Anything else is 404 `media-not-found`, so nothing outside the folder can be read or probed.
public struct MediaFolder: Sendable {
    /// The folder, symbolic links resolved.
    public let root: String
    /// Largest file served, in bytes (larger: 404).
    public let maximumSize: Int

    /// - Throws: ``ServiceError`` 422 `invalid-media-folder` when `path` is not a readable directory.
    public init(path: String, maximumSize: Int = 32 << 20) throws(ServiceError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .unprocessable("invalid-media-folder", "\(path) is not a directory: give the bank's media folder")
        }
        root = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
        self.maximumSize = maximumSize
    }

    /// A media file: its bytes and content type.
    public struct File: Sendable {
        public var data: Data
        /// From the extension (`image/svg+xml`, `image/png`, …; `application/octet-stream` otherwise).
        public var contentType: String
    }

    /// The file at `segments` (percent-decoded path segments below the folder).
    /// - Throws: ``ServiceError`` 404 `media-not-found` for a path outside the folder, a missing file, a
    ///   directory, or a file over ``maximumSize``.
    public func file(_ segments: [String]) throws(ServiceError) -> File {
        let shown = segments.joined(separator: "/").prefix(200)
        let notFound = ServiceError.notFound("media-not-found", "no media file \(shown) in the bank's media folder")
        guard !segments.isEmpty,
            segments.allSatisfy({ segment in
                !segment.isEmpty && segment != "." && segment != ".."
                    && !segment.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" })
            })
        else { throw notFound }
        let candidate = URL(fileURLWithPath: root).appendingPathComponent(segments.joined(separator: "/"))
        let resolved = candidate.resolvingSymlinksInPath().standardizedFileURL.path
        guard resolved.hasPrefix(root + "/"),
            let attributes = try? FileManager.default.attributesOfItem(atPath: resolved),
            attributes[.type] as? FileAttributeType == .typeRegular,
            let size = attributes[.size] as? Int, size <= maximumSize,
            let data = FileManager.default.contents(atPath: resolved)
        else { throw notFound }
        return File(data: data, contentType: Self.contentType(of: resolved))
    }

    /// The content type of a file name, from its extension (case-insensitive).
    public static func contentType(of name: String) -> String {
        let suffix = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return contentTypes[name.contains(".") ? suffix : ""] ?? "application/octet-stream"
    }

    static let contentTypes: [String: String] = [
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "avif": "image/avif", "pdf": "application/pdf", "mp3": "audio/mpeg",
        "ogg": "audio/ogg", "wav": "audio/wav", "mp4": "video/mp4", "webm": "video/webm",
        "txt": "text/plain; charset=utf-8", "csv": "text/csv; charset=utf-8", "json": "application/json",
        "zip": "application/zip", "odt": "application/vnd.oasis.opendocument.text",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "odp": "application/vnd.oasis.opendocument.presentation",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ]
}
