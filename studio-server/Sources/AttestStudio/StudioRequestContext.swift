import AttestKit
import Hummingbird

/// A request context that knows who is asking (set by the admission middleware from the token).
public protocol StudioUserContext: RequestContext {
    /// The user whose token the request carries; nil for the single local user (no users file).
    var user: StudioUser? { get set }
}

/// The request context of the studio's router: uploads are capped at the studio's body limit.
public struct StudioRequestContext: StudioUserContext {
    public var coreContext: CoreRequestContextStorage
    public var user: StudioUser?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    public var maxUploadSize: Int { StudioSecurity.bodyLimit }
}
