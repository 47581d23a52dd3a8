/// The web annotator's page (`Page/`), embedded in the binary at build time
/// by SwiftPM (`.embedInCode` in Package.swift): no generated copy is
/// committed, and the served bytes are the files' bytes.
public enum StudioAssets {
    /// Path → (content type, bytes).
    public static let all: [String: (type: String, bytes: [UInt8])] = [
        "/api.js": ("text/javascript; charset=utf-8", PackageResources.api_js),
        "/app.css": ("text/css; charset=utf-8", PackageResources.app_css),
        "/app.js": ("text/javascript; charset=utf-8", PackageResources.app_js),
        "/boot.js": ("text/javascript; charset=utf-8", PackageResources.boot_js),
        "/changes.js": ("text/javascript; charset=utf-8", PackageResources.changes_js),
        "/documents.js": ("text/javascript; charset=utf-8", PackageResources.documents_js),
        "/dom.js": ("text/javascript; charset=utf-8", PackageResources.dom_js),
        "/editing.js": ("text/javascript; charset=utf-8", PackageResources.editing_js),
        "/effects.js": ("text/javascript; charset=utf-8", PackageResources.effects_js),
        "/index.html": ("text/html; charset=utf-8", PackageResources.index_html),
        "/keys.js": ("text/javascript; charset=utf-8", PackageResources.keys_js),
        "/marks.js": ("text/javascript; charset=utf-8", PackageResources.marks_js),
        "/navigation.js": ("text/javascript; charset=utf-8", PackageResources.navigation_js),
        "/render-article.js": ("text/javascript; charset=utf-8", PackageResources.render_article_js),
        "/render-chrome.js": ("text/javascript; charset=utf-8", PackageResources.render_chrome_js),
        "/render-documents.js": ("text/javascript; charset=utf-8", PackageResources.render_documents_js),
        "/render-quotes.js": ("text/javascript; charset=utf-8", PackageResources.render_quotes_js),
        "/render-review.js": ("text/javascript; charset=utf-8", PackageResources.render_review_js),
        "/render-side.js": ("text/javascript; charset=utf-8", PackageResources.render_side_js),
        "/render-team.js": ("text/javascript; charset=utf-8", PackageResources.render_team_js),
        "/selection.js": ("text/javascript; charset=utf-8", PackageResources.selection_js),
        "/store.js": ("text/javascript; charset=utf-8", PackageResources.store_js),
        "/suggestions.js": ("text/javascript; charset=utf-8", PackageResources.suggestions_js),
        "/team.js": ("text/javascript; charset=utf-8", PackageResources.team_js),
        "/text.js": ("text/javascript; charset=utf-8", PackageResources.text_js),
        "/types.js": ("text/javascript; charset=utf-8", PackageResources.types_js),
        "/view.js": ("text/javascript; charset=utf-8", PackageResources.view_js),
    ]

    /// The page's scripts (its ES modules) as text, by path (tests read them).
    public static var scripts: [String: String] {
        all.filter { $0.key.hasSuffix(".js") }.mapValues { String(decoding: $0.bytes, as: UTF8.self) }
    }
}
