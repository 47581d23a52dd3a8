import Hummingbird

/// The request context of the studio's router: uploads are capped at the studio's body limit.
public struct StudioRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    public var maxUploadSize: Int { StudioSecurity.bodyLimit }
}
