/// The error handlers of one scope (the app, or one blueprint).
///
/// Flask: one entry of `error_handler_spec`, `{code: {exception class: handler}}`.
struct ErrorHandlerTable: Sendable {
    /// Handlers for HTTP errors, by status code.
    var byCode: [Int: ErrorHandler] = [:]
    /// Handlers by error type, first registered first tried (Swift has no class hierarchy to
    /// walk for structs and enums, so there is no MRO order).
    var byType: [TypedErrorHandler] = []
}
