import Foundation

extension EmbeddedSchemas {
    /// Writes the schemas to a new private temporary folder (mkdtemp, mode 0700) and returns its path.
    /// The caller compiles them and deletes the folder with ``remove(_:)``.
    static func materialize() throws -> String {
        let base = FileManager.default.temporaryDirectory.path + "/itembank-schemas-XXXXXX"
        var template = Array(base.utf8CString)
        guard let created = mkdtemp(&template) else {
            throw SchemaLoadingError(
                path: base,
                messages: ["cannot create a temporary folder: \(String(cString: UnsafePointer(strerror(errno))))"])
        }
        let directory = String(cString: created)
        for file in files {
            // Plain writes, no fsync: the folder lives only while the schemas compile.
            let path = directory + "/" + file.name
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                throw SchemaLoadingError(path: path, messages: ["cannot write the built-in schema"])
            }
            defer { close(descriptor) }
            let bytes = Array(file.content.utf8)
            let written = bytes.withUnsafeBytes { buffer in
                buffer.baseAddress.map { write(descriptor, $0, buffer.count) } ?? 0
            }
            guard written == bytes.count else {
                throw SchemaLoadingError(path: path, messages: ["cannot write the built-in schema"])
            }
        }
        return directory
    }

    static func remove(_ directory: String) {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
