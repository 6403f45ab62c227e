import Foundation

/// Finds a template in the app's search path as it is when the template is first loaded, so
/// blueprints registered after `jinjaEnv` was first used are searched too. With
/// `EXPLAIN_TEMPLATE_LOADING` on, every lookup tries every folder and logs what it found at
/// info level.
///
/// Flask: `DispatchingJinjaLoader` (and `explain_template_loading_attempts`).
struct AppTemplateLoader: TemplateLoader {
    weak var app: Flask?

    var searchDescription: [String] { app?.templateSearchPath ?? [] }

    func source(for name: String) throws -> TemplateSource {
        guard let app else { throw TemplateNotFound(name: name, searchPath: []) }
        guard app.config.get("EXPLAIN_TEMPLATE_LOADING", as: Bool.self) == true else {
            return try FileSystemLoader(app.templateSearchPath).source(for: name)
        }
        let locations = app.templateSearchLocations
        var found: TemplateSource?
        var matches = 0
        var report = ["Locating template '\(name)':"]
        for (index, location) in locations.enumerated() {
            report.append("\(index + 1): \(location.owner), folder \(location.folder)")
            if let source = try? FileSystemLoader([location.folder]).source(for: name) {
                report.append("   -> found (\(source.filename ?? name))")
                matches += 1
                if found == nil { found = source }
            } else {
                report.append("   -> no match")
            }
        }
        if locations.isEmpty { report.append("No template folder: the app has no root path and no blueprint has a template folder.") }
        if matches == 0 { report.append("Error: the template could not be found.") }
        if matches > 1 { report.append("Warning: more than one folder has the template; the first one is used.") }
        if matches != 1, let blueprint = AppContext.current?.request.blueprint {
            report.append("The template was asked for by an endpoint of the blueprint '\(blueprint)': is it in that blueprint's template folder?")
        }
        app.logger.info(report.joined(separator: "\n"))
        guard let found else { throw TemplateNotFound(name: name, searchPath: app.templateSearchPath) }
        return found
    }
}
