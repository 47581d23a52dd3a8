import AttestScoring
import Foundation

/// Reading a report written by `ScoreReport.write(to:)` (and the earlier
/// pretty-printed `attest-score/1`): the summary line first, then the
/// documents a batch at a time, decoded on all cores.
extension ScoreReport {
    /// Reads a report written by `--json`, a line at a time; errors name the
    /// file. `documents: false` reads the summary only (a baseline's metrics).
    public static func read(_ path: String, documents wanted: Bool = true) throws -> ScoreReport {
        var report: ScoreReport?
        var legacy: [UInt8] = []
        var closed = false
        let decoder = JSONDecoder()
        do {
            try JSONLines.read(path: path, batchBytes: 1 << 20) { batch in
                var lines: [ArraySlice<UInt8>] = []
                for line in batch {
                    if report == nil && legacy.isEmpty {
                        let opening = Array(",\"documents\":[".utf8)
                        guard line.bytes.count > opening.count, line.bytes.suffix(opening.count).elementsEqual(opening)
                        else {
                            // The earlier, pretty-printed form: read whole.
                            legacy.append(contentsOf: line.bytes)
                            legacy.append(0x0A)
                            continue
                        }
                        let summary = Array(line.bytes.dropLast(opening.count)) + [UInt8(ascii: "}")]
                        let r = try decoder.decode(ScoreReport.self, from: Data(summary))
                        guard r.format == formatName else {
                            throw AttestError("\(path) is a \(r.format) report; this attest reads \(formatName)")
                        }
                        report = r
                        if !wanted { throw StopReading() }
                        continue
                    }
                    if !legacy.isEmpty {
                        legacy.append(contentsOf: line.bytes)
                        legacy.append(0x0A)
                        continue
                    }
                    if line.bytes.elementsEqual(Array("]}".utf8)) {
                        closed = true
                        continue
                    }
                    var bytes = line.bytes
                    if bytes.last == UInt8(ascii: ",") { bytes = bytes.dropLast() }
                    lines.append(bytes)
                }
                // Each batch's documents are decoded on all cores, in order.
                let decoded = ConcurrentMap.map(lines) { bytes -> Result<DocumentScore, DecodingError> in
                    if let fast = DocumentScoreJSON.decode(bytes) { return .success(fast) }
                    do {
                        return .success(try JSONDecoder().decode(DocumentScore.self, from: Data(bytes)))
                    } catch let error as DecodingError {
                        return .failure(error)
                    } catch {
                        return .failure(.dataCorrupted(.init(codingPath: [], debugDescription: "\(error)")))
                    }
                }
                for d in decoded { report?.documents.append(try d.get()) }
            }
        } catch is StopReading {
            return report!
        } catch let error as AttestError {
            throw error
        } catch {
            throw Self.explain(error, path: path)
        }
        if !legacy.isEmpty { return try readLegacy(legacy, path: path) }
        guard let report, closed else {
            throw AttestError("\(path) is not a whole attest score report (it ends early)")
        }
        return report
    }

    fileprivate struct StopReading: Error {}

    /// The pretty-printed form of `attest-score/1`.
    fileprivate static func readLegacy(_ bytes: [UInt8], path: String) throws -> ScoreReport {
        struct Documents: Decodable { var documents: [DocumentScore] }
        do {
            var report = try JSONDecoder().decode(ScoreReport.self, from: Data(bytes))
            guard report.format == legacyFormatName || report.format == formatName else {
                throw AttestError("\(path) is a \(report.format) report; this attest reads \(formatName)")
            }
            report.documents = try JSONDecoder().decode(Documents.self, from: Data(bytes)).documents
            return report
        } catch let error as AttestError {
            throw error
        } catch {
            throw Self.explain(error, path: path)
        }
    }

    fileprivate static func explain(_ error: any Error, path: String) -> AttestError {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return AttestError(
                "\(path) is not an attest score report: \(Self.path(context.codingPath + [key])) is missing")
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return AttestError(
                "\(path) is not an attest score report: \(Self.path(context.codingPath)): \(context.debugDescription)")
        case DecodingError.dataCorrupted(let context):
            return AttestError(
                "\(path) is not valid JSON: \(context.debugDescription) \(context.underlyingError.map { "\($0)" } ?? "")"
            )
        default:
            return AttestError("\(path) cannot be read as an attest score report: \(error)")
        }
    }

    fileprivate static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingCharacters(
            in: CharacterSet(charactersIn: "."))
    }
}
