import ArgumentParser
import AttestKit
import Foundation

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the validation rules.")

    @Flag(help: "Print docs/rules.md.")
    var markdown = false

    func run() throws {
        if markdown {
            Output.write(RulesDocument.markdown())
        } else {
            for d in RuleRegistry.all {
                Output.write(
                    "\(d.id.padding(toLength: 24, withPad: " ", startingAt: 0)) \(d.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(d.summary)\n"
                )
            }
        }
    }
}
