/// The report's only script: the copy buttons on code. It is a constant: no user content is ever
/// put inside a `<script>` element, and the page's Content-Security-Policy allows this script by
/// its hash and no other (so even markup that slipped through the sanitiser could not run).
enum ReportScript {
    static let javascript = """
    document.addEventListener("click",function(e){var b=e.target.closest&&e.target.closest("button.copy");if(!b)return;\
    var c=b.closest(".code").querySelector("code");var t=c?c.textContent:"";\
    function done(){b.textContent="Copied";setTimeout(function(){b.textContent="Copy"},1200)}\
    function fallback(){var a=document.createElement("textarea");a.value=t;document.body.appendChild(a);a.select();\
    try{document.execCommand("copy")}catch(x){}a.remove();done()}\
    if(navigator.clipboard&&navigator.clipboard.writeText){navigator.clipboard.writeText(t).then(done,fallback)}else{fallback()}});
    """

    /// The base64 SHA-256 of ``javascript``, as the Content-Security-Policy names it. A test
    /// recomputes it.
    static let sha256 = "xkBeN9LMP1oGSWvqv5YbJo8LygtuJg+9jQfDnBuSS9o="

    /// The page's Content-Security-Policy: nothing loads but inline styles, images (embedded, or
    /// remote ones the notes link to) and this script.
    static var contentSecurityPolicy: String {
        "default-src 'none'; style-src 'unsafe-inline'; img-src data: http: https:; "
            + "script-src 'sha256-\(sha256)'; base-uri 'none'; form-action 'none'"
    }
}
