import AttestStudioPage

/// The web annotator's page (`Page/`), compiled into the binary at build time by C23's `#embed`
/// (the AttestStudioPage target): no generated copy is committed, and the served bytes are the
/// files' bytes.
public enum StudioAssets {
    /// Path → (content type, bytes), for every file of the page.
    public static let all: [String: (type: String, bytes: [UInt8])] = {
        var files: [String: (type: String, bytes: [UInt8])] = [:]
        for index in 0..<attest_page_file_count() {
            guard let file = attest_page_file_at(index)?.pointee, let name = file.name else { continue }
            let path = "/" + String(cString: name)
            files[path] = (contentType(of: path), Array(UnsafeBufferPointer(start: file.bytes, count: file.count)))
        }
        return files
    }()

    /// The page's scripts (its ES modules) as text, by path (tests read them).
    public static var scripts: [String: String] {
        all.filter { $0.key.hasSuffix(".js") }.mapValues { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// The type a file of the page is served with, by its extension.
    static func contentType(of path: String) -> String {
        if path.hasSuffix(".js") { return "text/javascript; charset=utf-8" }
        if path.hasSuffix(".css") { return "text/css; charset=utf-8" }
        if path.hasSuffix(".html") { return "text/html; charset=utf-8" }
        return "application/octet-stream"
    }
}
