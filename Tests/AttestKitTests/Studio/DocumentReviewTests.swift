import AttestKit
import Foundation
import Testing

/// Review mode's classification of a prediction, against hand-computed marks.
@Suite struct DocumentReviewTests {
    static let prediction = Paths.fixtures.appendingPathComponent("review/sample-pred.jsonl")

    /// The fixture against the sample's gold (docs/metrics.md's error kinds):
    /// Jane Doe [36,44) and Doe [151,154) exact; Springfield predicted ORG (gold LOC);
    /// "Police" [80,86) spurious; "Chief Ed Ray" [87,99) against Ed Ray [93,99);
    /// Courier [109,116) missed. Quotes: q1 exact with its speaker; "a city of 30,000"
    /// spurious; q2 exact but attributed to "Courier"; q3 missed.
    @Test func marksEverySpanWithWhatBecameOfIt() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let corpus = try Corpus.open(root: folder.url)
        let prediction = try #require(try PredictionLookup.find("sample", path: Self.prediction.path))
        let review = try DocumentReview.make(id: "sample", prediction: prediction, source: "pred", corpus: corpus)
        #expect(
            review.counts == [
                "type": 1, "spurious": 1, "boundary": 1, "missed": 1, "speaker": 1, "missed-quote": 1,
                "spurious-quote": 1,
            ])
        #expect(review.score.errors.count == 7)
        let marks = review.marks.map { "\($0.review) \($0.span) \($0.id)" }
        #expect(
            marks == [
                "correct-quote [1,23) q1",
                "correct [36,44) m1",
                "type [48,59) m2",
                "spurious-quote [62,78) p2",
                "spurious [80,86) p1",
                "boundary [87,99) m3",
                "missed [109,116) m5",
                "speaker [109,116) q2",
                "correct [151,154) m4",
                "missed-quote [172,182) q3",
            ], "\(marks)")
    }

    @Test func findsTheDocumentsLineAndSaysWhenThereIsNone() throws {
        #expect(try PredictionLookup.find("nowhere", path: Self.prediction.path) == nil)
        #expect(try PredictionLookup.find("other", path: Self.prediction.path)?.mentions.isEmpty == true)
        // Uploaded: one document without an id, or JSON Lines.
        let one = try PredictionLookup.find(
            "sample", bytes: Array(#"{"entities": [{"start": 36, "end": 44, "type": "PERSON"}]}"#.utf8), name: "up")
        #expect(one?.mentions.count == 1)
        let lines = try PredictionLookup.find(
            "sample", bytes: [UInt8](try Data(contentsOf: Self.prediction)), name: "up")
        #expect(lines?.quotes.count == 3)
        // A malformed line for the document is an error naming the line.
        #expect {
            try PredictionLookup.find(
                "sample", bytes: Array("{\"id\": \"x\"}\n{\"id\": \"sample\", \"entities\": 3}\n".utf8),
                name: "up.jsonl")
        } throws: { error in
            "\(error)".contains("up.jsonl:2:")
        }
    }
}
