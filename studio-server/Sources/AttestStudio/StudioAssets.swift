/// The web annotator's page (`Page/`), embedded in the binary at build time
/// by SwiftPM (`.embedInCode` in Package.swift): no generated copy is
/// committed, and the served bytes are the files' bytes.
public enum StudioAssets {
    /// Path → (content type, bytes).
    public static let all: [String: (type: String, bytes: [UInt8])] = [
        "/index.html": ("text/html; charset=utf-8", PackageResources.index_html),
        "/app.js": ("text/javascript; charset=utf-8", PackageResources.app_js),
        "/app.css": ("text/css; charset=utf-8", PackageResources.app_css),
    ]

    /// The page's script as text (tests read it).
    public static var appJS: String { String(decoding: PackageResources.app_js, as: UTF8.self) }
}
