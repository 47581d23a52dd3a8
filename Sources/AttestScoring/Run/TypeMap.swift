import AttestExtraction

/// How predicted entity types become corpus types (`--map GPE=LOC`), or are
/// dropped (`--map NORP=-`), before scoring.
public struct TypeMap: Hashable, Sendable {
    /// Predicted type name → corpus type, or nil to drop it.
    public var entries: [String: EntityType?]

    public init(_ entries: [String: EntityType?] = [:]) { self.entries = entries }

    /// What becomes of `type`: `.some(nil)` dropped, `nil` unmapped.
    public func map(_ type: EntityType) -> EntityType?? { entries[type.name] }
}
