// The web annotator's page (`Sources/AttestStudio/Page`), compiled into the binary by C23's `#embed`:
// the served bytes are the files' bytes, read by the compiler at build time, and no generated copy is
// committed. Hand-written for a measurement: SwiftPM's `.embedInCode` turned the page's 142 KB into a
// Swift array literal of 142,000 integers that took 6.8 s of one core to compile, last in the
// annotator's first build; `#embed` takes milliseconds (docs/performance.md, 2026-12-04).
// A page file not listed here is not served: a test compares this table with the folder.
#include "attest_page.h"

static const unsigned char api_js[] = {
#embed "../AttestStudio/Page/api.js"
};
static const unsigned char app_css[] = {
#embed "../AttestStudio/Page/app.css"
};
static const unsigned char app_js[] = {
#embed "../AttestStudio/Page/app.js"
};
static const unsigned char boot_js[] = {
#embed "../AttestStudio/Page/boot.js"
};
static const unsigned char changes_js[] = {
#embed "../AttestStudio/Page/changes.js"
};
static const unsigned char documents_js[] = {
#embed "../AttestStudio/Page/documents.js"
};
static const unsigned char dom_js[] = {
#embed "../AttestStudio/Page/dom.js"
};
static const unsigned char editing_js[] = {
#embed "../AttestStudio/Page/editing.js"
};
static const unsigned char effects_js[] = {
#embed "../AttestStudio/Page/effects.js"
};
static const unsigned char index_html[] = {
#embed "../AttestStudio/Page/index.html"
};
static const unsigned char keys_js[] = {
#embed "../AttestStudio/Page/keys.js"
};
static const unsigned char marks_js[] = {
#embed "../AttestStudio/Page/marks.js"
};
static const unsigned char navigation_js[] = {
#embed "../AttestStudio/Page/navigation.js"
};
static const unsigned char render_article_js[] = {
#embed "../AttestStudio/Page/render-article.js"
};
static const unsigned char render_chrome_js[] = {
#embed "../AttestStudio/Page/render-chrome.js"
};
static const unsigned char render_documents_js[] = {
#embed "../AttestStudio/Page/render-documents.js"
};
static const unsigned char render_quotes_js[] = {
#embed "../AttestStudio/Page/render-quotes.js"
};
static const unsigned char render_review_js[] = {
#embed "../AttestStudio/Page/render-review.js"
};
static const unsigned char render_side_js[] = {
#embed "../AttestStudio/Page/render-side.js"
};
static const unsigned char render_team_js[] = {
#embed "../AttestStudio/Page/render-team.js"
};
static const unsigned char selection_js[] = {
#embed "../AttestStudio/Page/selection.js"
};
static const unsigned char store_js[] = {
#embed "../AttestStudio/Page/store.js"
};
static const unsigned char suggestions_js[] = {
#embed "../AttestStudio/Page/suggestions.js"
};
static const unsigned char team_js[] = {
#embed "../AttestStudio/Page/team.js"
};
static const unsigned char text_js[] = {
#embed "../AttestStudio/Page/text.js"
};
static const unsigned char types_js[] = {
#embed "../AttestStudio/Page/types.js"
};
static const unsigned char view_js[] = {
#embed "../AttestStudio/Page/view.js"
};

static const attest_page_file files[] = {
    {"api.js", api_js, sizeof api_js},
    {"app.css", app_css, sizeof app_css},
    {"app.js", app_js, sizeof app_js},
    {"boot.js", boot_js, sizeof boot_js},
    {"changes.js", changes_js, sizeof changes_js},
    {"documents.js", documents_js, sizeof documents_js},
    {"dom.js", dom_js, sizeof dom_js},
    {"editing.js", editing_js, sizeof editing_js},
    {"effects.js", effects_js, sizeof effects_js},
    {"index.html", index_html, sizeof index_html},
    {"keys.js", keys_js, sizeof keys_js},
    {"marks.js", marks_js, sizeof marks_js},
    {"navigation.js", navigation_js, sizeof navigation_js},
    {"render-article.js", render_article_js, sizeof render_article_js},
    {"render-chrome.js", render_chrome_js, sizeof render_chrome_js},
    {"render-documents.js", render_documents_js, sizeof render_documents_js},
    {"render-quotes.js", render_quotes_js, sizeof render_quotes_js},
    {"render-review.js", render_review_js, sizeof render_review_js},
    {"render-side.js", render_side_js, sizeof render_side_js},
    {"render-team.js", render_team_js, sizeof render_team_js},
    {"selection.js", selection_js, sizeof selection_js},
    {"store.js", store_js, sizeof store_js},
    {"suggestions.js", suggestions_js, sizeof suggestions_js},
    {"team.js", team_js, sizeof team_js},
    {"text.js", text_js, sizeof text_js},
    {"types.js", types_js, sizeof types_js},
    {"view.js", view_js, sizeof view_js},
};

size_t attest_page_file_count(void) { return sizeof files / sizeof files[0]; }

const attest_page_file *attest_page_file_at(size_t index) {
    return index < attest_page_file_count() ? &files[index] : NULL;
}
