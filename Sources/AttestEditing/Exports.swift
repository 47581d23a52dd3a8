// Everything below this layer (docs/architecture.md) is visible to whoever imports it.
@_exported import AttestReports
