import Foundation
import NotebookOutput

/// The HTML of an ``AttentionView``: a figure holding the static drawing (``AttentionGridChart``),
/// the explorer's controls and the maps' data, which `assets/report/attention-explorer.js` brings
/// to life.
///
/// Without the script (scripts off, an exported fragment, print) the controls stay `hidden` and
/// the drawing is an ordinary heatmap. With it: a decoder-step slider with previous/next buttons
/// (rows after the step are dimmed, the step's row outlined), a menu of maps (layer × head, or
/// one variant / all side by side), a readout and row/column highlight for the hovered or
/// keyboard-focused cell or token, and "Download SVG". Everything here is built by type: tokens
/// reach the page only as escaped text and attribute values (JSON inside an attribute).
enum AttentionExplorerView {
    /// The figure for `view`, or a notice naming what is wrong with it. Marks `context` as
    /// needing the explorer script.
    static func node(_ view: AttentionView, context: RenderContext, described: [HTMLNode.Attribute] = []) -> HTMLNode {
        if let problem = view.shapeProblem {
            return .element("p", class: "notice", [.text("attention view not shown: " + problem)])
        }
        context.needsAttentionExplorer = true
        let scale = AttentionGridChart.scale(view)
        let attributes: [HTMLNode.Attribute] =
            described + [
                .init("data-arrangement", view.arrangement.rawValue),
                .init("data-low", String(scale.low)), .init("data-high", String(scale.high)),
                .init("data-palette", ChartColors.sequentialStops.joined(separator: " ")),
                .init("data-source", json(view.sourceTokens)),
                .init("data-source-label", view.sourceLabel), .init("data-target-label", view.targetLabel),
                .init("data-style", OutputRendering.standaloneChartStyle),
            ]
        return .element(
            "figure", class: "chart-output attention-explorer", attributes,
            [
                controls(view),
                AttentionGridChart.svg(view, id: context.uniqueID("attn")),
                .element("p", class: "attn-readout", [.init("aria-live", "polite"), .init("hidden", nil)], []),
                .element("div", class: "attn-data", [.init("hidden", nil)], view.maps.map(data)),
            ])
    }

    /// The controls, hidden until the script shows them.
    private static func controls(_ view: AttentionView) -> HTMLNode {
        let steps = view.stepCount
        let step = HTMLNode.element(
            "label", class: "attn-step-label",
            [
                "decoder step ",
                .element(
                    "input", class: "attn-step",
                    [
                        .init("type", "range"), .init("min", "0"), .init("max", String(steps)), .init("value", "0"),
                        .init("step", "1"), .init("aria-valuetext", "all steps"),
                    ]),
            ])
        let buttons: [HTMLNode] = [
            .element(
                "button", class: "attn-prev", [.init("type", "button"), .init("aria-label", "previous step")], ["◀"]),
            .element("button", class: "attn-next", [.init("type", "button"), .init("aria-label", "next step")], ["▶"]),
            .element("output", class: "attn-step-text", [.text("all \(steps) steps")]),
        ]
        var options: [HTMLNode] = []
        switch view.arrangement {
        case .sideBySide:
            options.append(.element("option", [.init("value", "all")], [.text("all \(view.maps.count) side by side")]))
            options += view.maps.enumerated().map { index, map in
                .element("option", [.init("value", String(index))], [.text(map.name)])
            }
        case .oneAtATime:
            var index = 0
            while index < view.maps.count {
                let layer = view.maps[index].layer
                var group: [HTMLNode] = []
                while index < view.maps.count, view.maps[index].layer == layer {
                    group.append(.element("option", [.init("value", String(index))], [.text(view.maps[index].name)]))
                    index += 1
                }
                options += layer.map { [.element("optgroup", [.init("label", "layer \($0)")], group)] } ?? group
            }
        }
        let menu = HTMLNode.element(
            "label", class: "attn-map-label",
            [
                view.arrangement == .sideBySide ? "show " : "map ",
                .element("select", class: "attn-select", options),
            ])
        let download = HTMLNode.element("button", class: "attn-download", [.init("type", "button")], ["Download SVG"])
        return .element("div", class: "attn-controls", [.init("hidden", nil)], [step] + buttons + [menu, download])
    }

    /// One map's data: its full name ("layer 2 · head 1"), target tokens (JSON) and weights (rows
    /// `;`, values `,`).
    private static func data(_ map: AttentionMap) -> HTMLNode {
        .element(
            "span", class: "attn-map",
            [
                .init("data-name", fullName(map)), .init("data-targets", json(map.targetTokens)),
                .init("data-weights", map.weights.map { $0.map(number).joined(separator: ",") }.joined(separator: ";")),
            ])
    }

    /// The map's name, after its layer when it has one.
    static func fullName(_ map: AttentionMap) -> String {
        map.layer.map { "layer \($0) · " + map.name } ?? map.name
    }

    /// `value` to 4 decimals, as short as Swift writes it (`0.25`, `1e-04`).
    static func number(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
    }

    /// `strings` as a JSON array.
    static func json(_ strings: [String]) -> String {
        guard let data = try? JSONEncoder().encode(strings) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}
