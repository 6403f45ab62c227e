extension Flask: Scaffold {
    /// Where the app's own registrations go: straight into its set-up state.
    public var registrar: ScaffoldRegistrar {
        ScaffoldRegistrar(owner: .app) { [self] method, change in
            setup(method) { change(&$0, nil) }
        }
    }

    /// Registers `blueprint`'s routes, hooks and error handlers on the app: its rules under
    /// `urlPrefix` (the blueprint's own when nil), its endpoints as `"name.endpoint"`, its
    /// static files at `<prefix><staticURLPath>/<path:filename>` (endpoint `"name.static"`).
    ///
    /// A blueprint may be registered on several apps, or twice on one app under different
    /// `name`s; registering two blueprints under one name stops with Flask's message.
    ///
    /// - Parameters:
    ///   - blueprint: the blueprint; its set-up closes now.
    ///   - urlPrefix: overrides the blueprint's `urlPrefix`.
    ///   - name: overrides the blueprint's name for this registration (endpoints, hooks).
    /// Flask: `app.register_blueprint(bp, url_prefix=…, name=…)`.
    public func registerBlueprint(_ blueprint: Blueprint, urlPrefix: String? = nil, name: String? = nil) {
        let registeredName = name ?? blueprint.name
        precondition(!registeredName.contains("."), "'name' may not contain a dot '.' character.")
        let state = BlueprintSetupState(name: registeredName, urlPrefix: urlPrefix ?? blueprint.urlPrefix)
        let deferred = blueprint.freezeForRegistration()
        let staticFolder = blueprint.staticFolder.map {
            StaticFiles.resolve($0, rootPath: blueprint.rootPath ?? rootPath)
        }
        setup("register_blueprint") { builder in
            if let existing = builder.blueprints[registeredName] {
                let which = existing === blueprint ? "this" : "a different"
                preconditionFailure("The name '\(registeredName)' is already registered for \(which) blueprint. Use 'name=' to provide a unique name.")
            }
            builder.blueprints[registeredName] = blueprint
            builder.blueprintOrder.append(registeredName)
            if let staticFolder {
                let urlPath = StaticFiles.urlPath(blueprint.staticURLPath, folder: staticFolder)
                builder.addStaticRoute(folder: staticFolder, rule: state.prefixed(urlPath + "/<path:filename>"),
                                       endpoint: "\(registeredName).static")
            }
            for change in deferred { change(&builder, state) }
        }
        applyTemplateRegistrations()
    }

    /// The blueprints registered so far, by the name they were registered under.
    ///
    /// Flask: `app.blueprints`.
    public var blueprints: [String: Blueprint] {
        if let blueprints = openBlueprints { return blueprints }
        return frozen.blueprints
    }
}

extension Flask {
    /// The registered blueprints with the names they were registered under, in registration
    /// order.
    ///
    /// Flask: `app.iter_blueprints()`.
    var blueprintsInRegistrationOrder: [(name: String, blueprint: Blueprint)] {
        let (byName, order) = builderState { ($0.blueprints, $0.blueprintOrder) } ?? (frozen.blueprints, frozen.blueprintOrder)
        return order.compactMap { name in byName[name].map { (name, $0) } }
    }

    /// The template folders of the registered blueprints, absolute, in registration order:
    /// searched after the app's own `templates/`, as Flask's `DispatchingJinjaLoader` does.
    var blueprintTemplateFolders: [String] {
        blueprintsInRegistrationOrder.compactMap { _, blueprint in
            blueprint.templateFolder.map { StaticFiles.resolve($0, rootPath: blueprint.rootPath ?? rootPath) }
        }
    }
}

extension Request {
    /// The name of the blueprint whose route matched (the endpoint's part before its last
    /// dot), or nil for the app's own routes and unmatched URLs.
    ///
    /// Flask: `request.blueprint`.
    public var blueprint: String? {
        // Searched in UTF-8 code units: a Character-wise backward walk showed up at 2% of a
        // hello-world request, and "." is ASCII, so the split is the same.
        guard let endpoint, let dot = endpoint.utf8.lastIndex(of: UInt8(ascii: ".")) else { return nil }
        return String(endpoint[..<dot])
    }
}
