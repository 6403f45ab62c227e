import Flaskish

/// CORS as attached to one app: the resources in the order they are tried, each with its
/// resolved policy. Stored as `app.extensions["cors"]` for inspection.
///
/// flask-cors: the `resources` list `init_app` builds, and `cors_after_request`.
public struct CORSInstallation: Sendable {
    /// One path pattern and the options requests to it get.
    public struct Resource: Sendable {
        /// The pattern (`*` already turned into `.*`).
        public var pattern: String { matcher.source }
        /// The resolved options.
        public let policy: CORSPolicy
        let matcher: CORSPattern
    }

    /// The resources, in the order they are tried.
    public let resources: [Resource]
    /// Whether responses made after a failing `afterRequest` hook get headers too.
    public let interceptExceptions: Bool

    /// Merges the levels (resource > `options` > config > defaults) and compiles everything.
    init(configOptions: CORSOptions, configResources: CORSResources?, options: CORSOptions, resources: CORSResources?)
        throws(CORSConfigurationError)
    {
        let appLevel = configOptions.overridden(by: options)
        // flask-cors checks the app-level options too, even when every resource overrides them.
        let appPolicy = try CORSPolicy(appLevel)
        var resolved: [Resource] = []
        for (pattern, resourceOptions) in (resources ?? configResources ?? .everything).ordered {
            resolved.append(Resource(
                policy: try CORSPolicy(appLevel.overridden(by: resourceOptions)),
                matcher: try CORSPattern(pattern, caseSensitive: true, option: "resources")))
        }
        self.resources = resolved
        interceptExceptions = appPolicy.interceptExceptions
    }

    /// The resource whose pattern matches `path` (a `Request.path`), if any.
    public func resource(forPath path: String) -> Resource? {
        let normalized = PythonText.unquote(path)
        return resources.first { $0.matcher.matches(normalized) }
    }

    /// `response` with the CORS headers for `request` added, unless it already has an
    /// `Access-Control-Allow-Origin` (set by the handler) or no resource matches.
    func apply(to response: Response, for request: Request) -> Response {
        if let origin = response.headers[HeaderNames.allowOrigin], !origin.isEmpty { return response }
        guard let resource = resource(forPath: request.path) else { return response }
        let fields = CORSHeaders.compute(
            options: resource.policy, requestMethod: PythonText.upper(request.method.rawValue), requestHeaders: request.headers)
        guard !fields.isEmpty else { return response }
        var response = response
        for (name, value) in fields { response.headers.add(name: name, value: value) }
        return response
    }

    /// flask-cors's `after_request` function: adds the fields unless `crossOrigin` answered.
    var afterRequestHook: AfterRequestHook {
        { response in
            CORSEvaluation.current?.markHookRan()
            guard let request = Request.current, !CORSEvaluation.isEvaluatedInContext else { return response }
            return apply(to: response, for: request)
        }
    }

    /// Binds the request's `CORSEvaluation` mark, and covers the 500 made when an
    /// `afterRequest` hook fails, as flask-cors's wrapped `handle_exception` does.
    var middleware: Middleware {
        { request, next in
            let mark = CORSEvaluation.current ?? CORSEvaluation()
            let response = try await CORSEvaluation.$current.withValue(mark) { try await next(request) }
            guard !mark.isEvaluated, interceptExceptions || mark.hookHasRun else { return response }
            return apply(to: response, for: request)
        }
    }
}
