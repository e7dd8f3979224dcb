import Crypto
import Foundation

/// A script the report inlines, and the Content-Security-Policy source that allows it: the
/// base64 SHA-256 of its exact text, computed (never written by hand), so editing the asset
/// cannot leave a stale hash behind.
public struct InlineScript: Sendable, Equatable {
    /// The script's text, written as is inside `<script>` (a constant of the report: never user text).
    public let source: String
    /// `'sha256-…'`, the policy's source for this script.
    public let hashSource: String

    init(_ source: String) {
        self.source = source
        let digest = SHA256.hash(data: Data(source.utf8))
        hashSource = "'sha256-" + Data(digest).base64EncodedString() + "'"
    }

    /// The report's copy buttons.
    static let copyButton = InlineScript(ReportAssets.copyButtonScript)

    /// The attention explorer (`attention-explorer.js`), on pages that show one.
    public static let attentionExplorer = InlineScript(ReportAssets.attentionExplorerScript)

    /// The live preview's reload script (polls `/__version`, reads `<meta name="notebook-version">`).
    public static let liveReload = InlineScript(ReportAssets.liveReloadScript)

    /// The `<script>` element.
    var node: HTMLNode { .element("script", [.trusted(source)]) }
}
