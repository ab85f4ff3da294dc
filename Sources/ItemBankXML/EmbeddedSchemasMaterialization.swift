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
            let path = directory + "/" + file.name
            guard FileManager.default.createFile(atPath: path, contents: Data(file.content.utf8)) else {
                throw SchemaLoadingError(path: path, messages: ["cannot write the built-in schema"])
            }
        }
        return directory
    }

    static func remove(_ directory: String) {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
