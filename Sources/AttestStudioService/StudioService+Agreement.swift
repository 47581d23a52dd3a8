import Foundation

/// The team's agreement page (`GET /agreement`): the manifest's annotators compared as `attest agree
/// --html` compares them, each document linking to its curation view on this server.
extension StudioService {
    /// The page as HTML; `link(id)` is the address of document `id`'s curation view. A curator's (or
    /// the local user's): annotators annotate blind, and the page shows everyone's differences.
    public func agreementPage(link: (String) -> String) throws(StudioError) -> String {
        try serving {
            try requireCurator("see the team's agreement (annotators annotate blind)")
            guard corpus.annotatorNames.count >= 2 else {
                throw StudioError(
                    404, "no-team", "the manifest declares fewer than two <annotators>: there is no agreement to show")
            }
            let team = try Agreement.team(of: corpus)
            // No document annotated by two: not found (404), from the error's kind.
            let report = try Agreement.measure(
                corpus: corpus, folders: team.folders, names: team.names, listingDisagreements: true)
            return AgreementPage.html(report, title: "Agreement of the team", link: link)
        }
    }
}
