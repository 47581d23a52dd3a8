import ArgumentParser
import AttestKit
import Foundation

/// Flag values that are more than a word: the CLI turns them into the
/// library's typed values, and says what it expected when it cannot.
enum FlagValues {
    /// `--map FROM=TO` or `FROM=-` (drop), repeatable.
    static func typeMap(_ items: [String]) throws -> TypeMap {
        var entries: [String: EntityType?] = [:]
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--map takes FROM=TO or FROM=- (drop), such as GPE=LOC; got \"\(item)\"")
            }
            entries[parts[0]] = parts[1] == "-" ? EntityType??.some(nil) : EntityType(parts[1])
        }
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
