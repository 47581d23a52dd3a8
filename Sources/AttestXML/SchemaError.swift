import AttestModel

public struct SchemaError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
