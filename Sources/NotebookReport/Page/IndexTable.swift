extension HTMLNode {
    /// The table of the index pages (reports, sweep variants, served notebooks):
    /// `<div class="table-output"><table class="index">` with one header row of `headers` and
    /// the given body rows (`<tr>` elements).
    public static func indexTable(headers: [HTMLNode], rows: [HTMLNode]) -> HTMLNode {
        .element(
            "div", class: "table-output",
            [
                .element(
                    "table", class: "index",
                    [
                        .element("thead", [.element("tr", headers.map { .element("th", [$0]) })]),
                        .element("tbody", rows),
                    ])
            ])
    }
}
