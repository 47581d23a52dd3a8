import Foundation

/// Who uses the studio, and as what: an annotator edits only their own
/// folder (the manifest's `<annotators>`) and sees only their own work; a
/// curator edits the gold annotations, reads every annotator's folder and
/// gives out documents.
public struct StudioUser: Sendable, Hashable {
    public enum Role: String, Sendable {
        case annotator, curator
    }

    public var name: String
    public var role: Role

    public init(name: String, role: Role) {
        self.name = name
        self.role = role
    }
}

/// The users file (`attest-studio --users FILE`, kept out of git): one user
/// a line, `NAME ROLE TOKEN`, `#` starting a comment. Tokens are at least 16
/// characters and unique; an annotator's name must be one of the manifest's
/// annotators.
///
/// ```
/// # name  role       token
/// ann1    annotator  4f0c8d0e6a1b42c7a9d1c0ffee2b7e31
/// chief   curator    9a7e1f35c2d84b0b8e6f5a4d3c2b1a09
/// ```
public enum StudioUsers {
    /// Token → user, or an error naming the file, the line and the field.
    public static func read(_ bytes: [UInt8], file: String, annotators: [String], minimumTokenLength: Int = 16)
        throws -> [String: StudioUser]
    {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw AttestError.invalid("\(file): not UTF-8 text")
        }
        var users: [String: StudioUser] = [:]
        var names: Set<String> = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let content = raw.prefix { $0 != "#" }
            let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            if fields.isEmpty { continue }
            func problem(_ column: Int, _ message: String) -> AttestError {
                AttestError.invalid("\(file):\(line):\(column): error: \(message) [users.line]")
            }
            guard fields.count == 3 else {
                throw problem(1, "a user is NAME ROLE TOKEN (found \(fields.count) field(s))")
            }
            let (name, roleName, token) = (fields[0], fields[1], fields[2])
            let tokenColumn =
                (content.range(of: token).map { content.distance(from: content.startIndex, to: $0.lowerBound) } ?? 0)
                + 1
            guard AssignmentsFile.isName(name) else {
                throw problem(1, "\(Brief.quoted(name)) is not a name (letters, digits, '.', '_' and '-')")
            }
            guard let role = StudioUser.Role(rawValue: roleName) else {
                throw problem(name.count + 2, "the role is annotator or curator, not \(Brief.quoted(roleName))")
            }
            guard token.count >= minimumTokenLength else {
                throw problem(
                    tokenColumn, "\(name)'s token has \(token.count) characters; at least \(minimumTokenLength)")
            }
            guard users[token] == nil else { throw problem(tokenColumn, "\(name)'s token is another user's too") }
            guard names.insert(name).inserted else { throw problem(1, "\(name) is listed twice") }
            if role == .annotator, !annotators.contains(name) {
                throw problem(
                    1,
                    "annotator \(name) is not one of the manifest's <annotators>"
                        + (annotators.isEmpty ? " (it declares none)" : " (\(annotators.joined(separator: ", ")))"))
            }
            users[token] = StudioUser(name: name, role: role)
        }
        guard !users.isEmpty else { throw AttestError.invalid("\(file): no users (one a line: NAME ROLE TOKEN)") }
        return users
    }
}
