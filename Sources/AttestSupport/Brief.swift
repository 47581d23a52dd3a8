/// Short, safe renderings of text for diagnostics.
package enum Brief {
    /// The text in quotes, newlines and tabs escaped, cut to `limit` characters.
    package static func quoted(_ text: String, limit: Int = 60) -> String {
        var s = text.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\r", with: "\\r")
        if s.count > limit { s = String(s.prefix(limit)) + "…" }
        return "\"" + s + "\""
    }
}
