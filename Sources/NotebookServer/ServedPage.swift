import NotebookReport

/// What the server adds to a page: a version tag and a small script that polls `/__version` and
/// reloads the page when the notebook was rendered again, and gives each cell a "re-run from here"
/// button (`POST /__rerun`). Reports carry a Content-Security-Policy
/// that allows only their own script (by hash) and no connections; a served page's policy also
/// allows this script, by its hash, and connections to the server itself.
enum ServedPage {
    /// The reload script. It is a constant (the version is read from a `<meta>` tag), so its hash
    /// is too.
    static let reloadScript = """
        (function(){var m=document.querySelector('meta[name="notebook-version"]');if(!m)return;var v=m.content;\
        function poll(){fetch("/__version?path="+encodeURIComponent(location.pathname),{cache:"no-store"})\
        .then(function(r){return r.ok?r.text():""}).then(function(t){if(t&&t!==v){location.reload()}else{setTimeout(poll,600)}},\
        function(){setTimeout(poll,2000)})}setTimeout(poll,600);\
        document.querySelectorAll("section.cell[id] .cell-head").forEach(function(h){var b=document.createElement("button");\
        b.type="button";b.className="rerun";b.textContent="re-run from here";\
        b.title="Run this cell and the cells after it again, from the state the cells above left";\
        b.addEventListener("click",function(){b.disabled=true;fetch("/__rerun?path="+encodeURIComponent(location.pathname)\
        +"&cell="+encodeURIComponent(h.parentNode.id),{method:"POST",cache:"no-store"})});h.appendChild(b)})})();
        """

    /// The base64 SHA-256 of ``reloadScript``, as the Content-Security-Policy names it (a test
    /// recomputes it).
    static let reloadScriptHash = "GmTFdAeuSwyStPv1H3zNiEq2Fetbyuwm0Y94BbzaAIw="

    /// `html` (a report page) with the version tag, the reload script and the widened policy.
    static func inject(into html: String, version: Int) -> String {
        var page = html.replacingOccurrences(
            of: "script-src ", with: "connect-src 'self'; script-src 'sha256-\(reloadScriptHash)' ")
        let tail = "<meta name=\"notebook-version\" content=\"\(version)\">\n<script>\(reloadScript)</script>\n"
        if let body = page.range(of: "</body>", options: .backwards) {
            page.insert(contentsOf: tail, at: body.lowerBound)
        } else {
            page += tail
        }
        return page
    }

    /// The page shown for a notebook that does not render: the message, escaped, in a report page.
    static func errorPage(title: String, message: String, generator: String) -> String {
        let main = "<header class=\"report-header\"><h1 class=\"report-title\">" + StandalonePage.escape(title)
            + "</h1><div class=\"run-meta\"><span class=\"pill failed\">cannot render</span></div></header>"
            + "<div class=\"failure\" role=\"alert\"><div class=\"failure-head\"><strong>error</strong></div>"
            + "<pre class=\"failure-message\">" + StandalonePage.escape(message) + "</pre></div>"
            + "<p>Fix the notebook and save it: this page reloads by itself.</p>"
        return StandalonePage.html(title: title + " — error", main: main, generator: generator)
    }
}
