// AttestKit: every layer of the library (docs/architecture.md), the studio service on top.
// Each layer is its own target and re-exports the layers below it, so importing the top one is enough.
@_exported import AttestStudioService
