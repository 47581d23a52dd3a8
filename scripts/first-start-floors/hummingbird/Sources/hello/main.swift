import Hummingbird

let port = Int(CommandLine.arguments.last ?? "") ?? 8080
let router = Router()
router.get("/api/documents") { _, _ in "[]" }
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
