import Foundation

/// The repository's root folder (the one holding Package.swift), found from this file's path: the one
/// definition the test targets share.
public let repositoryRoot: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

/// `../shared/<relative>` from the repository root (standardised), the engineers' shared folder.
public func sharedPath(_ relative: String) -> String {
    URL(fileURLWithPath: repositoryRoot + "/../shared/" + relative).standardizedFileURL.path
}

/// Whether `../shared/<relative>` exists: for `.enabled(if:)` on tests that read it, so that a missing
/// shared folder reports the test as skipped, not passed.
public func sharedPathExists(_ relative: String) -> Bool {
    FileManager.default.fileExists(atPath: sharedPath(relative))
}
