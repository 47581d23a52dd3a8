import ArgumentParser

/// Flags every editing verb shares.
struct EditFlags: ParsableArguments {
    @Flag(help: "Show the change as attest show would print it (a unified diff of its view) and write nothing.")
    var dryRun = false
}
