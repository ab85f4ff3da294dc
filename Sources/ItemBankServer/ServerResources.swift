import Foundation

/// Files shipped with the service.
public enum ServerResources {
    /// The OpenAPI 3.1 document of the HTTP API (`openapi.json`).
    public static var openAPIURL: URL? { Bundle.module.url(forResource: "openapi", withExtension: "json") }
}
