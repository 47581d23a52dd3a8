import AttestSupport

/// Where an annotation file stands in its life.
public enum AnnotationStatus: String, CaseIterable, Hashable, Sendable, Codable {
    case draft
    case gold
    case prediction
}
