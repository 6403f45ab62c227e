/// A context processor: values added to the context of every template rendered in a request
/// (the render call's own context wins over them).
///
/// Flask: a function decorated with `@app.context_processor`, returning a dict.
public typealias ContextProcessor = @Sendable () throws -> [String: TemplateValue]

extension Scaffold {
    /// Adds `processor`'s values to every template rendered while handling a request (on a
    /// blueprint: a request to one of its routes, after the app's processors).
    ///
    /// ```swift
    /// app.contextProcessor { ["siteName": "Flaskish", "year": 2026] }
    /// ```
    ///
    /// Flask: `@app.context_processor` / `@bp.context_processor`.
    public func contextProcessor(_ processor: @escaping ContextProcessor) {
        addContextProcessor(processor, appWide: false)
    }

    func addContextProcessor(_ processor: @escaping ContextProcessor, appWide: Bool) {
        recordScoped("context_processor", appWide: appWide) { $0.contextProcessors[$1, default: []].append(processor) }
    }
}

extension Blueprint {
    /// `contextProcessor` for every request of the app, not only this blueprint's.
    ///
    /// Flask: `@bp.app_context_processor`.
    public func appContextProcessor(_ processor: @escaping ContextProcessor) {
        addContextProcessor(processor, appWide: true)
    }

    /// Registers a template filter on the app this blueprint is registered on.
    ///
    /// Flask: `@bp.app_template_filter(name)`.
    public func appTemplateFilter(_ name: String, _ filter: @escaping TemplateFilter) {
        registrar.record("app_template_filter") { builder, _ in builder.templateRegistrations.filters[name] = filter }
    }

    /// Registers a template test on the app this blueprint is registered on.
    ///
    /// Flask: `@bp.app_template_test(name)`.
    public func appTemplateTest(_ name: String, _ test: @escaping TemplateTest) {
        registrar.record("app_template_test") { builder, _ in builder.templateRegistrations.tests[name] = test }
    }

    /// Registers a template global on the app this blueprint is registered on.
    ///
    /// Flask: `@bp.app_template_global(name)`.
    public func appTemplateGlobal(_ name: String, _ value: TemplateValue) {
        registrar.record("app_template_global") { builder, _ in builder.templateRegistrations.globals[name] = value }
    }
}

extension Flask {
    /// Registers a filter for the app's templates: `{{ value|name(args) }}`.
    ///
    /// ```swift
    /// app.templateFilter("reverse") { value, _ in .string(String(value.pythonString.reversed())) }
    /// ```
    ///
    /// Flask: `@app.template_filter(name)` (`app.jinja_env.filters[name] = f`).
    public func templateFilter(_ name: String, _ filter: @escaping TemplateFilter) {
        setup("template_filter") { $0.templateRegistrations.filters[name] = filter }
        applyTemplateRegistrations()
    }

    /// Registers a test for the app's templates: `{% if value is name(args) %}`.
    ///
    /// Flask: `@app.template_test(name)` (`app.jinja_env.tests[name] = f`).
    public func templateTest(_ name: String, _ test: @escaping TemplateTest) {
        setup("template_test") { $0.templateRegistrations.tests[name] = test }
        applyTemplateRegistrations()
    }

    /// Registers a global for the app's templates: a value, or a `.callable` to call as
    /// `{{ name(args) }}`.
    ///
    /// Flask: `@app.template_global(name)` (`app.jinja_env.globals[name] = f`).
    public func templateGlobal(_ name: String, _ value: TemplateValue) {
        setup("template_global") { $0.templateRegistrations.globals[name] = value }
        applyTemplateRegistrations()
    }

    /// Moves the filters, tests and globals registered so far into `jinjaEnv`.
    func applyTemplateRegistrations() {
        let pending = builderState { $0.templateRegistrations } ?? TemplateRegistrations()
        guard !pending.isEmpty else { return }
        setup("template_filter") { $0.templateRegistrations = TemplateRegistrations() }
        let environment = jinjaEnv
        environment.filters.merge(pending.filters) { _, new in new }
        environment.tests.merge(pending.tests) { _, new in new }
        environment.globals.merge(pending.globals) { _, new in new }
    }

    /// The values of the context processors for the current request, app's first, then
    /// those of the request's blueprint.
    ///
    /// Flask: the processor step of `app.update_template_context`.
    func contextProcessorValues() throws -> [String: TemplateValue] {
        guard let request = AppContext.current?.request else { return [:] }
        var values: [String: TemplateValue] = [:]
        for processor in frozen.contextProcessors.hooks(for: request.blueprint) {
            values.merge(try processor()) { _, new in new }
        }
        return values
    }
}

/// Template filters, tests and globals registered at set-up and not yet in the environment.
struct TemplateRegistrations: Sendable {
    var filters: [String: TemplateFilter] = [:]
    var tests: [String: TemplateTest] = [:]
    var globals: [String: TemplateValue] = [:]

    var isEmpty: Bool { filters.isEmpty && tests.isEmpty && globals.isEmpty }
}
