import BenchmarkPageData
import Flaskish

/// Renders `page.html` with a bare `TemplateEnvironment`, as bench.py does with a bare Jinja2
/// `Environment`: the engine alone.
func benchUsersPage(directory: String, seconds: Double) throws -> (output: String, count: Int, cpuSeconds: Double) {
    let environment = TemplateEnvironment(loader: FileSystemLoader([directory]))
    let template = try environment.getTemplate("page.html")
    let context = usersPageContext()
    let output = try template.render(context: context)
    let (count, elapsed) = try timed(seconds: seconds) { _ = try template.render(context: context) }
    return (output, count, elapsed)
}
