import ArgumentParser
import AttestKit
import Foundation

/// One `--map FROM=TO` (or `FROM=-`, drop).
struct TypeMapping: Sendable {
    var from: String
    var to: EntityType?
}

/// `--status gold` or a list such as `draft,gold`, as typed.
struct StatusList: CustomStringConvertible, Sendable {
    var statuses: Set<AnnotationStatus>
    var description: String

    static let gold = StatusList(statuses: [.gold], description: "gold")
}

/// Flag values that are more than a word: ArgumentParser hands each to one
/// of these (`@Option(transform:)`), so a command gets the library's typed
/// values and a bad one is a usage error saying what was expected.
enum FlagValues {
    /// `--map FROM=TO` or `FROM=-` (drop).
    static func mapping(_ item: String) throws -> TypeMapping {
        let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw ValidationError("--map takes FROM=TO or FROM=- (drop), such as GPE=LOC; got \"\(item)\"")
        }
        return TypeMapping(from: parts[0], to: parts[1] == "-" ? nil : EntityType(parts[1]))
    }

    /// The repeated `--map`s as one map (a later one for the same type wins).
    static func typeMap(_ mappings: [TypeMapping]) -> TypeMap {
        var entries: [String: EntityType?] = [:]
        for m in mappings { entries[m.from] = .some(m.to) }
        return TypeMap(entries)
    }

    /// `--shard K/N`.
    static func shard(_ text: String) throws -> Shard {
        let parts = text.split(separator: "/").map { Int($0) }
        guard parts.count == 2, let k = parts[0], let n = parts[1] else {
            throw ValidationError("--shard takes K/N, such as 2/4; got \"\(text)\"")
        }
        do {
            return try Shard(index: k, count: n)
        } catch {
            throw ValidationError("--shard \(text): \(error)")
        }
    }

    /// `--min METRIC=VALUE`.
    static func minimum(_ text: String) throws -> Gate {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, let v = Double(parts[1]), v.isFinite else {
            throw ValidationError("--min takes METRIC=VALUE, such as entities.strict.f1=0.8; got \"\(text)\"")
        }
        return Gate(metric: parts[0], min: v)
    }

    /// `--status gold` or a list such as `draft,gold`.
    static func statusList(_ text: String) throws -> StatusList {
        StatusList(statuses: try statuses(text), description: text)
    }

    static func statuses(_ text: String) throws -> Set<AnnotationStatus> {
        var out: Set<AnnotationStatus> = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let status = AnnotationStatus(rawValue: name) else {
                throw ValidationError(
                    "--status takes draft, gold or prediction, or a list such as draft,gold; got \"\(text)\"")
            }
            out.insert(status)
        }
        return out
    }
}
