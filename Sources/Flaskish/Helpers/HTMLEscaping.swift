/// HTML escaping as MarkupSafe does it: `& < > " '` become `&amp; &lt; &gt; &#34; &#39;`.
enum HTMLEscaping {
    /// `text` with the five HTML-special characters replaced by entities (the templates' escaper).
    static func escape(_ text: String) -> String { TemplateEscaping.escape(text) }
}
