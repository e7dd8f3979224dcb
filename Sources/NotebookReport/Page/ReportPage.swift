/// The HTML5 document around a report's (or the index's) content.
enum ReportPage {
    static func html(title: String, contents: String, main: String, generator: String) -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(ReportScript.contentSecurityPolicy)\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<meta name=\"color-scheme\" content=\"light dark\">\n"
        html += "<meta name=\"generator\" content=\"" + HTMLEscaping.escape(generator) + "\">\n"
        html += "<title>" + HTMLEscaping.escape(title) + "</title>\n"
        html += "<style>\n" + ReportStyle.css + "\n</style>\n</head>\n<body>\n"
        html += "<div class=\"layout\(contents.isEmpty ? " no-toc" : "")\">\n" + contents
        html += "<main id=\"main\">\n" + main
        html += "<footer class=\"report-footer\">Made by " + HTMLEscaping.escape(generator) + "</footer>\n"
        html += "</main>\n</div>\n<script>" + ReportScript.javascript + "</script>\n</body>\n</html>\n"
        return html
    }
}
