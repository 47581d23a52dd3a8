import Testing

@testable import AttestScoring

/// Types of predicted mentions, as scoring takes them: mapped (`--map GPE=LOC`), dropped
/// silently (`--map NORP=-`), or left out and counted when the corpus does not declare them.
@Suite struct PredictionCheckTests {
    @Test func mappedDroppedAndUndeclared() {
        let check = PredictionCheck(
            typeMap: TypeMap(["GPE": .location, "NORP": nil, "FAC": EntityType("BUILDING")]),
            declaredTypes: [.person, .location, .organization])
        let types = ["PERSON", "GPE", "NORP", "MISC", "GPE", "FAC", "MISC", "ORG", "NORP", "PERSON"]
        let input = PredictionDocument(
            id: "d",
            mentions: types.enumerated().map { k, t in
                PredictedMention(span: Span(2 * k, 2 * k + 1), type: EntityType(t))
            })
        let (doc, dropped) = check.mapTypes(input)
        #expect(doc.mentions.map(\.type.name) == ["PERSON", "LOC", "LOC", "ORG", "PERSON"])
        #expect(doc.mentions.map(\.span.start) == [0, 2, 8, 14, 18])
        // NORP is dropped by the map, not counted; FAC counts under the type it was mapped to.
        #expect(dropped == ["MISC": 2, "BUILDING": 1])
    }
}
