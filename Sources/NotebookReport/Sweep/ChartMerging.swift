import NotebookOutput

/// Line charts that the runs of a sweep share, drawn as one: charts with the same title (the
/// n-th chart of a title in one run matches the n-th of that title in the others) and the same
/// axes (labels and log scale) merge; each series is renamed "value: name" ("value" when unnamed).
enum ChartMerging {
    /// A chart's identity across runs: its title and its position among the charts of that title.
    struct Key: Hashable {
        var title: String
        var occurrence: Int
    }

    /// The line charts of one run's outputs (display values and results), with their keys.
    static func lineCharts(in outputs: [CellOutput]) -> [(key: Key, chart: LineChart)] {
        var seen: [String: Int] = [:]
        var charts: [(key: Key, chart: LineChart)] = []
        for output in outputs {
            switch output {
            case .display(.lineChart(let chart)), .result(.lineChart(let chart)):
                let title = chart.title ?? ""
                let occurrence = seen[title, default: 0]
                seen[title] = occurrence + 1
                charts.append((Key(title: title, occurrence: occurrence), chart))
            default: continue
            }
        }
        return charts
    }

    /// The merged charts of a cell, in order of first appearance, and the keys merged (charts
    /// found in at least two runs with the same axes).
    static func merge(values: [String], outputs: [[CellOutput]]) -> (charts: [LineChart], merged: Set<Key>) {
        var order: [Key] = []
        var found: [Key: [(value: String, chart: LineChart)]] = [:]
        for (value, runOutputs) in zip(values, outputs) {
            for (key, chart) in lineCharts(in: runOutputs) {
                if found[key] == nil { order.append(key) }
                found[key, default: []].append((value, chart))
            }
        }
        var charts: [LineChart] = []
        var merged: Set<Key> = []
        for key in order {
            guard let group = found[key], group.count >= 2, let first = group.first?.chart else { continue }
            let sameAxes = group.allSatisfy {
                $0.chart.xLabel == first.xLabel && $0.chart.yLabel == first.yLabel && $0.chart.logY == first.logY
            }
            guard sameAxes else { continue }
            var series: [Series] = []
            for (value, chart) in group {
                for item in chart.series {
                    series.append(
                        Series(name: item.name.isEmpty ? value : "\(value): \(item.name)", x: item.x, y: item.y))
                }
            }
            charts.append(
                LineChart(
                    series: series, title: first.title, xLabel: first.xLabel, yLabel: first.yLabel, logY: first.logY))
            merged.insert(key)
        }
        return (charts, merged)
    }

    /// `outputs` without the line charts whose keys are in `merged`.
    static func removing(_ merged: Set<Key>, from outputs: [CellOutput]) -> [CellOutput] {
        guard !merged.isEmpty else { return outputs }
        var seen: [String: Int] = [:]
        return outputs.filter { output in
            switch output {
            case .display(.lineChart(let chart)), .result(.lineChart(let chart)):
                let title = chart.title ?? ""
                let occurrence = seen[title, default: 0]
                seen[title] = occurrence + 1
                return !merged.contains(Key(title: title, occurrence: occurrence))
            default:
                return true
            }
        }
    }
}
