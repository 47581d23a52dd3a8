import AttestScoring
import Foundation

/// What a change would do, as `attest show` would print it: a unified diff
/// of the document's view before and after (`--dry-run`).
public enum EditPreview {
    /// The views of two versions of a document over one article.
    public static func diff(_ old: AnnotationDocument, _ new: AnnotationDocument, article: ArticleText) -> String {
        let before = AnnotationView(document: old, article: article, colors: false).render()
        let after = AnnotationView(document: new, article: article, colors: false).render()
        return UnifiedDiff.render(old: before, new: after, oldName: "\(old.id) (now)", newName: "\(new.id) (after)")
    }
}
